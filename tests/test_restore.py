"""Diacritics restored in text an OCR printed without them, from known words only.

The expected headings are those of plan 139-KH/TU (corpus file 004, lines 50-51, 68-69,
102-103, 135-136) as a reader of Vietnamese reads them through the OCR's misspellings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDFS

from graph.build import build_dataset
from loaders.report import BuildReport
from loaders.restore import restore, split_glued
from migkg import iris
from migkg.namespaces import MKG

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PLAN = "139-KH/TU"
HEADINGS = {
    "II.1": "Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy, tổ chức đảng về công tác đưa "
    "người lao động Việt Nam đi làm việc ở nước ngoài",
    "II.2": "Đẩy mạnh công tác tuyên truyền, giáo dục nâng cao nhận thức về công tác đưa người "
    "lao động Việt Nam đi làm việc ở nước ngoài",
    "II.3": "Nâng cao hiệu quả công tác quản lý nhà nước về công tác đưa người lao động Việt "
    "Nam đi làm việc ở nước ngoài",
    "II.4": "Tăng cường công tác thanh tra, kiểm tra, giám sát, xử lý vi phạm trong công tác "
    "đưa người lao động Việt Nam đi làm việc ở nước ngoài",
}


@pytest.fixture(scope="module")
def dataset():
    return build_dataset(CORPUS, BuildReport())


@pytest.mark.parametrize("code", list(HEADINGS))
def test_the_ocr_headings_get_a_restored_label_beside_the_printed_one(dataset, code) -> None:
    task = iris.task(PLAN, code)
    graph = dataset.graph(iris.document("004_44fe940d6642e291"))
    assert set(graph.objects(task, MKG.restoredLabel)) == {Literal(HEADINGS[code], lang="vi")}
    printed = {str(o) for o in graph.objects(task, RDFS.label)}
    assert len(printed) == 1 and HEADINGS[code] not in printed  # the print stays as it is


def test_restore_never_invents_a_word() -> None:
    assert restore("xyzzy qwrt") is None  # nothing known: nothing restored
    # "ban" is spelled ban, bản, bàn, bạn …: alone it stays as printed
    assert restore("ban") is None
    assert restore("So Ngoai vu tinh") == "Sở Ngoại vụ tỉnh"
    assert restore("BO NGOAI GIAO") == "BỘ NGOẠI GIAO"
    # a word it knows beside one it does not: only the known one changes
    assert restore("nguoi lao dong qwrt") == "người lao động qwrt"


def test_glued_syllables_are_split_only_one_way() -> None:
    assert split_glued("Ngoạigiao") == "Ngoại giao"
    assert split_glued("BộNgoạigiao") == "Bộ Ngoại giao"
    assert split_glued("cơquanchủ") == "cơ quan chủ"
    assert split_glued("nghiệp") == "nghiệp"
    assert split_glued("UBND") == "UBND"
    assert split_glued("GCM") == "GCM"
