"""The coverage page: the 23 GCM objectives × the plans, and the objectives no task serves;
a task's page lists what it is about with the deciding words (shipped corpus)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(corpus_store_dir: Path) -> Iterator:
    from webapp import create_app

    store = EmbeddedStore(corpus_store_dir, read_only=True)
    app = create_app({"TESTING": True, "MIGKG_STORE": store, "MIGKG_TODAY": "2026-12-02"})
    yield app.test_client()
    store.close()


def test_every_objective_is_listed(client) -> None:
    html = client.get("/coverage?lang=en").get_data(as_text=True)
    assert re.findall(r'<tr id="objective-(\d+)">', html) == [str(n) for n in range(1, 24)]
    unserved = html[html.index('id="unserved-objectives"') :]
    for n in re.findall(r"<li>(\d+)\. ", unserved):
        row = html[html.index(f'id="objective-{n}"') :].split("</tr>")[0]
        assert "task-code" not in row
    row = html[html.index('id="objective-10"') :].split("</tr>")[0]
    assert 'href="/id/task/402-qd-ttg/3.3.15"' in row and 'data-words="mua bán người"' in row
    assert "Độ bao phủ các mục tiêu GCM" in client.get("/coverage?lang=vi").get_data(as_text=True)


@pytest.mark.parametrize(
    ("task", "concept", "words"),
    [
        # 225 III.2 "… đưa người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng."
        ("225-nq-cp/III.2", "/id/function/overseas-labour", "đi làm việc ở nước ngoài"),
        # 402 5.2.5 "… thỏa thuận quốc tế về bảo hiểm xã hội …"
        ("402-qd-ttg/5.2.5", "/id/gcm-objective/22", "bảo hiểm xã hội"),
        ("402-qd-ttg/5.2.5", "/id/function/social-insurance", "bảo hiểm xã hội"),
        # 402 3.5.6 "… giáo dục nghề nghiệp đảm bảo bình đẳng giới …"
        ("402-qd-ttg/3.5.6", "/id/function/vocational-education", "giáo dục nghề nghiệp"),
    ],
)
def test_a_task_page_shows_each_tag_with_its_words(client, task, concept, words) -> None:
    html = client.get(f"/id/task/{task}").get_data(as_text=True)
    tags = html[html.index('id="task-tag-list"') :].split("</ul>")[0]
    item = next(li for li in tags.split("<li") if f'href="{concept}"' in li)
    assert f'<q lang="vi">{words}</q>' in item


def test_a_reviewed_removal_leaves_the_tag_out(client) -> None:
    # data/tag_overrides.toml removes gender equality from 402 3.5.6 (with a note)
    html = client.get("/id/task/402-qd-ttg/3.5.6").get_data(as_text=True)
    tags = html[html.index('id="task-tag-list"') :].split("</ul>")[0]
    assert "/id/function/gender-equality" not in tags


def test_a_graph_of_many_plans_shows_those_with_most_tags_and_says_so(
    client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from webapp.views import coverage

    whole = client.get("/coverage?lang=en").get_data(as_text=True)
    head = whole.split("</thead>")[0]
    plans = head.count("<th>") - 1  # the first heading is the objective's
    assert plans >= 2 and 'id="coverage-cut"' not in whole
    monkeypatch.setattr(coverage, "COLUMNS", 1)
    cut = client.get("/coverage?lang=en").get_data(as_text=True)
    assert cut.split("</thead>")[0].count("<th>") == 2
    assert f"shows the 1 plans with the most tasks tagged, of {plans} plans" in cut
    vi = client.get("/coverage?lang=vi").get_data(as_text=True)
    assert f"chỉ hiện 1 kế hoạch có nhiều nhiệm vụ gắn mục tiêu nhất trong số {plans}" in vi
