"""What a task is about: the functions and GCM objectives its text names, with the deciding
words as printed; the reviewed override file. Texts are quoted from the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.tagging import (
    Override,
    Tag,
    Tagger,
    apply_overrides,
    load_overrides,
    load_vocabulary,
)
from migkg.errors import InputError

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def functions() -> Tagger:
    return Tagger(load_vocabulary(DATA / "functions.toml", "function"))


@pytest.fixture(scope="module")
def objectives() -> Tagger:
    return Tagger(load_vocabulary(DATA / "gcm_tags.toml", "objective"))


def test_sending_workers_abroad(functions: Tagger) -> None:
    # 225 III.2 (file 002)
    text = "Ban hành chiến lược đưa người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng."
    assert functions.tag(text) == [Tag("overseas-labour", "đi làm việc ở nước ngoài")]


def test_two_functions_each_with_its_words(functions: Tagger) -> None:
    # 402 3.5.6 (file 000)
    text = (
        "Tiếp tục ban hành giải pháp đẩy mạnh giáo dục nghề nghiệp đảm bảo bình đẳng giới để "
        "đáp ứng sự dịch chuyển trong xu hướng ngành nghề"
    )
    assert functions.tag(text) == [
        Tag("vocational-education", "giáo dục nghề nghiệp"),
        Tag("gender-equality", "bình đẳng giới"),
    ]


def test_matching_ignores_lost_diacritics_and_keeps_the_printed_words(functions: Tagger) -> None:
    assert functions.tag("nang cao chat luong giao duc nghe nghiep") == [
        Tag("vocational-education", "giao duc nghe nghiep")
    ]
    assert functions.tag("Bộ Ngoại giao") == []  # "ngoại giao" is not "ngoại vụ"


def test_gcm_objectives(objectives: Tagger) -> None:
    # 402 3.3.15 and 3.2.4 (file 000)
    tags = objectives.tag("Tiếp tục rà soát, nghiên cứu giải pháp phòng, chống mua bán người")
    assert Tag("10", "mua bán người") in tags
    smuggling = "Nghị định thư về chống đưa người di cư trái phép qua đường bộ, đường biển"
    assert Tag("9", "đưa người di cư trái phép") in objectives.tag(smuggling)


def test_every_objective_has_words() -> None:
    vocab = load_vocabulary(DATA / "gcm_tags.toml", "objective")
    assert sorted(int(k) for k in vocab) == list(range(1, 24))
    assert all(c.match for c in vocab.values())


def test_overrides_add_and_remove_with_a_note(tmp_path: Path) -> None:
    tags = [Tag("vocational-education", "giáo dục nghề nghiệp"), Tag("gender-equality", "x")]
    task = "https://w3id.org/migkg/id/task/402-qd-ttg/3.5.6"
    out = apply_overrides(
        task,
        tags,
        [
            Override(task, "gender-equality", "remove", "qualifies the task"),
            Override(task, "children", "add", "reviewed"),
            Override("other", "poverty-reduction", "add", "not this task"),
        ],
    )
    assert [t.concept for t in out] == ["vocational-education", "children"]
    assert out[1].note == "reviewed"
    shipped = load_overrides(DATA / "tag_overrides.toml")
    assert shipped and all(o.note for o in shipped)


def test_an_override_without_a_note_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tag_overrides.toml"
    path.write_text(
        '[[override]]\ntask = "t"\nconcept = "function/children"\naction = "add"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_overrides(path)
    assert "tag_overrides.toml" in str(err.value) and "note" in str(err.value)
