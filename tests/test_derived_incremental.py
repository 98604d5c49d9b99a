"""The derived graphs made again only for what changed (graph/task_parts.py): a rebuild
after a task's text changed, after a document starts naming a body it did not name, and
after a document is removed, holds the quads a fresh build of the edited corpus holds,
and derives again only the tasks whose inputs changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from graph.build import build

# Two provincial plans of the genre: an appendix table of tasks, each with its lead and
# cooperating provincial departments (standard bodies of the province).
HEADER = """**ỦY BAN NHÂN DÂN TỈNH {upper}**

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
**Độc lập - Tự do - Hạnh phúc**

Số: {number}/KH-UBND

{province}, ngày 26 tháng 2 năm 2020

**KẾ HOẠCH**

**Triển khai thực hiện Quyết định số 402/QĐ-TTg ngày 20 tháng 3 năm 2020 của Thủ tướng Chính phủ**

Ủy ban nhân dân tỉnh {province} ban hành Kế hoạch triển khai thực hiện như sau:

## Phụ lục

### CÁC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH

STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tKết quả\tThời gian
<b>I. Thu thập, chia sẻ dữ liệu về di cư</b>\t\t\t\t\t
"""
ROWS = (
    "1\tTriển khai tuyên truyền, phổ biến thông tin về di cư lao động cho người dân."
    "\tSở Ngoại vụ tỉnh {province}\tSở Lao động - Thương binh và Xã hội tỉnh {province}"
    "\tHội nghị tập huấn\tNăm 2026",
    "2\tTriển khai thống kê số liệu về người nước ngoài làm việc tại địa phương."
    "\tCông an tỉnh {province}\t\tVăn bản chỉ đạo\tThường xuyên",
    "3\tXây dựng cơ sở dữ liệu về người lao động đi làm việc ở nước ngoài."
    "\tSở Lao động - Thương binh và Xã hội tỉnh {province}\tCông an tỉnh {province}"
    "\tKế hoạch\tHằng năm",
)
TASK = "https://w3id.org/migkg/id/task"
ROOT = Path(__file__).resolve().parent.parent
PLANS = {"nghe-an.txt": ("Nghệ An", "103"), "ha-tinh.txt": ("Hà Tĩnh", "57")}


def plan(province: str, number: str, rows: tuple[str, ...] = ROWS) -> str:
    table = "\n".join(row.format(province=province) for row in rows)
    return HEADER.format(upper=province.upper(), province=province, number=number) + table


def quads(store: Path) -> set[str]:
    """Every quad of a store but those of blank nodes (the ontology's: new at each load)."""
    native = ox.Store.read_only(str(store))
    try:
        return {
            str(q)
            for q in native
            if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
        }
    finally:
        del native


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, (province, number) in PLANS.items():
        (folder / name).write_text(plan(province, number), encoding="utf-8")
    return folder


# A build in a fresh interpreter, each task derived logged: the derivation runs in a
# process forked from it before it opens a store (graph/processes.py), which keeps the
# patched method.
LOGGED_BUILD = """
import json, sys
from graph.build import build
from loaders import responsibility

settings, log = json.loads(sys.argv[1]), sys.argv[2]
write_task = responsibility.Deriver.write_task

def logged(self, graph, task, rec, labels):
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"{task}\\n")
    write_task(self, graph, task, rec, labels)

responsibility.Deriver.write_task = logged
if __name__ == "__main__":
    build(settings)
"""


def build_logged(settings: dict[str, Any], log: Path) -> list[str]:
    """Build in another interpreter; the tasks derived."""
    log.write_text("", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", LOGGED_BUILD, json.dumps(settings), str(log)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return log.read_text(encoding="utf-8").split()


def rebuild_and_compare(corpus: Path, tmp_path: Path) -> list[str]:
    """Rebuild the store, check it holds what a fresh build holds; the tasks derived."""
    settings = {"corpus": str(corpus), "store_path": str(tmp_path / "store"), "build_workers": 1}
    made = build_logged(settings, tmp_path / "derived.txt")
    fresh = {**settings, "store_path": str(tmp_path / "fresh" / "store")}
    build(fresh)
    assert quads(tmp_path / "store") == quads(tmp_path / "fresh" / "store")
    return made


def test_a_rebuild_derives_only_what_changed_and_gives_a_fresh_builds_quads(
    corpus: Path, tmp_path: Path
) -> None:
    settings = {"corpus": str(corpus), "store_path": str(tmp_path / "store"), "build_workers": 1}
    assert len(build_logged(settings, tmp_path / "derived.txt")) == 6  # three in each plan
    before = quads(tmp_path / "store")
    insurance = "<https://w3id.org/migkg/id/function/social-insurance>"

    # (a) a task's text now names social insurance: its function tags change
    rows = (ROWS[0].replace("di cư lao động", "bảo hiểm xã hội cho người lao động"), *ROWS[1:])
    (corpus / "nghe-an.txt").write_text(plan("Nghệ An", "103", rows), encoding="utf-8")
    made = rebuild_and_compare(corpus, tmp_path)
    assert made == [f"{TASK}/103-kh-ubnd/I.1"]
    after = quads(tmp_path / "store")
    assert any(insurance in q for q in after - before)

    # (b) a row now names the Department of Justice, which no document named before
    rows = (*ROWS[:2], ROWS[2].replace("\tKế hoạch", ", Sở Tư pháp tỉnh {province}\tKế hoạch"))
    (corpus / "ha-tinh.txt").write_text(plan("Hà Tĩnh", "57", rows), encoding="utf-8")
    made = rebuild_and_compare(corpus, tmp_path)
    assert made == [f"{TASK}/57-kh-ubnd/I.3"]
    justice = "<https://w3id.org/migkg/id/agency/ha-tinh/so-tu-phap>"
    assert any(justice in q and "graph/reference" in q for q in quads(tmp_path / "store"))

    # (c) a document removed: its tasks' parts go, no other task is derived again
    (corpus / "nghe-an.txt").unlink()
    made = rebuild_and_compare(corpus, tmp_path)
    assert made == []
    assert not any("nghe-an" in q and "graph/succession" in q for q in quads(tmp_path / "store"))
