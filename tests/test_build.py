"""`migkg build`: the closing summary and the JSON report on the shipped corpus, and the
guarantee that a build that fails, at whatever point, leaves the previous store as it was."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph import parallel_build
from graph.build import build
from migkg.errors import ConfigError, MigkgError

pytestmark = pytest.mark.slow

TESTS = Path(__file__).resolve().parent
CORPUS = TESTS.parent / "corpus"
BAD = TESTS / "data" / "bad"
PAGE_2025 = CORPUS / "003_5b15abab045aece6.txt"
PAGE_2021 = CORPUS / "001_c4ab6684abae2230.txt"


def migkg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migkg", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
    )


def quads(store_path: Path) -> set[str]:
    store = ox.Store.read_only(str(store_path))
    try:
        return {str(q) for q in store}
    finally:
        del store


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".new" in p.name or ".old" in p.name)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The shipped corpus built once by the real command into a temporary store."""
    base = tmp_path_factory.mktemp("shipped")
    result = migkg("build", "--store-path", str(base / "store"))
    assert result.returncode == 0, result.stderr
    report = json.loads((base / "build-report.json").read_text(encoding="utf-8"))
    return {"base": base, "result": result, "report": report}


def small_corpus(tmp_path: Path, *pages: Path, bad: tuple[str, ...] = ()) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for page in pages:
        shutil.copy(page, folder / page.name)
    for name in bad:
        shutil.copy(BAD / name, folder / name)
    return folder


# --- the closing summary and the report ----------------------------------------------------


def test_summary_counts(shipped: dict[str, object]) -> None:
    result = shipped["result"]
    assert isinstance(result, subprocess.CompletedProcess)
    summary = result.stdout.splitlines()[0]
    counts = {
        label: int(n)
        for n, label in re.findall(r"(\d+) ([a-z ]+?)(?=,|\.$)", summary.split(": ", 1)[1])
    }
    # five files; the events of 001 and 003; the two figures of 003 (600,000 and 300,000)
    assert counts["documents"] == 5
    assert counts["events"] == 2
    assert counts["observations"] == 2
    # 61 appendix tasks of 402 and 24 of 225; assignments in prose: 402 III.1 a-e, g-i,
    # III.2 and III.4 (10), 225 III.1-6 (6), the Kien Giang letter (1)
    assert counts["appendix tasks"] == 85
    assert counts["assignments in prose"] == 17
    assert counts["unresolved mentions"] == 0
    for label in ("agencies", "instruments", "task groups", "triples"):
        assert counts[label] > 0
    report = shipped["report"]
    assert isinstance(report, dict)
    for key, label in (
        ("documents", "documents"),
        ("tasks", "appendix tasks"),
        ("agencies", "agencies"),
    ):
        assert report["counts"][key] == counts[label]


def test_report_beside_the_store_with_its_keys(shipped: dict[str, object]) -> None:
    base, result, report = shipped["base"], shipped["result"], shipped["report"]
    assert isinstance(base, Path) and isinstance(report, dict)
    assert isinstance(result, subprocess.CompletedProcess)
    assert result.stdout.strip().splitlines()[-1] == f"Report: {base / 'build-report.json'}"
    assert set(report) >= {
        "corpus",
        "store",
        "files",
        "counts",
        "skipped",
        "unresolved_mentions",
        "warnings",
    }
    assert report["files"] == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert report["skipped"] == [] and report["unresolved_mentions"] == []
    assert set(report["counts"]) >= {
        "documents",
        "tasks",
        "agencies",
        "instruments",
        "unresolved_mentions",
        "events",
        "observations",
    }
    for issue in report["warnings"]:
        assert set(issue) == {"file", "line", "message"}
        assert Path(issue["file"]).exists()


def test_one_line_per_document_and_the_report_of_understanding(
    shipped: dict[str, object],
) -> None:
    result, report = shipped["result"], shipped["report"]
    assert isinstance(result, subprocess.CompletedProcess) and isinstance(report, dict)
    lines = [line for line in result.stdout.splitlines() if "% of lines read" in line]
    # file 000 holds the letter 1692 and the decision 402; 001 and 003 are news pages
    assert [line.split(":", 1)[0] for line in lines] == [
        "000_2ea71573e8b386bf.txt 1692/VP-VHXH Công văn",
        "000_2ea71573e8b386bf.txt 402/QĐ-TTg Quyết định",
        "001_c4ab6684abae2230.txt news",
        "002_cdf9dff2b193bbc4.txt 225/NQ-CP Nghị quyết",
        "003_5b15abab045aece6.txt news",
        "004_44fe940d6642e291.txt 139-KH/TU Kế hoạch",
    ]
    # 004 is an OCR text cut off in section II.4, before any signature
    assert "text cut off" in lines[-1] and "missing signature, recipients" in lines[-1]
    entries = report["documents"]
    assert [e["number"] for e in entries] == [
        "1692/VP-VHXH", "402/QĐ-TTg", None, "225/NQ-CP", None, "139-KH/TU"
    ]  # fmt: skip
    for entry in entries:
        assert 0.0 < entry["coverage"] <= 1.0
        assert set(entry) >= {"parts_found", "parts_missing", "warnings", "truncated"}
    assert entries[0]["province"] == "Kiên Giang" and entries[1]["province"] is None


def test_report_where_asked(tmp_path: Path) -> None:
    folder = small_corpus(tmp_path, PAGE_2025)
    target = tmp_path / "reports" / "r.json"
    result = migkg(
        "build",
        "--corpus",
        str(folder),
        "--store-path",
        str(tmp_path / "s"),
        "--report",
        str(target),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["files"] == [PAGE_2025.name] and report["counts"]["events"] == 1
    assert not (tmp_path / "build-report.json").exists()


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    folder = small_corpus(tmp_path, PAGE_2021, PAGE_2025)
    parent, child = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "migkg", "build", "--corpus", str(folder)]
            + ["--store-path", str(tmp_path / "s")],
            stdout=subprocess.PIPE,
            stderr=child,
            text=True,
        )
        os.close(child)
        child = -1
        chunks = []
        while True:
            try:
                data = os.read(parent, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        out, _ = proc.communicate(timeout=300)
    finally:
        os.close(parent)
        if child != -1:
            os.close(child)
    terminal = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "Reading 001_c4ab6684abae2230.txt" in terminal
    assert "2/2" in terminal and "#" in terminal
    assert out.startswith(f"Built {tmp_path / 's'}: ")


# --- a failed build leaves the previous store as it was ------------------------------------


@pytest.fixture()
def old_store(tmp_path: Path, shipped: dict[str, object]) -> Path:
    """A copy of the shipped build: a store a later build must not harm."""
    base = shipped["base"]
    assert isinstance(base, Path)
    store = tmp_path / "var" / "store"
    shutil.copytree(base / "store", store)
    shutil.copy(base / "build-report.json", store.parent / "build-report.json")
    return store


def test_unreadable_file_leaves_the_store_untouched(tmp_path: Path, old_store: Path) -> None:
    before = quads(old_store)
    files = snapshot(old_store.parent)
    assert len(before) > 1000
    folder = small_corpus(tmp_path, PAGE_2025, bad=("binary.txt",))
    result = migkg("build", "--corpus", str(folder), "--store-path", str(old_store))
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("migkg: error: ") and "binary.txt:3: binary file" in line
    assert result.stdout == ""
    assert snapshot(old_store.parent) == files  # the report too
    assert quads(old_store) == before
    assert leftovers(old_store.parent) == []


def test_skip_bad_replaces_the_store(tmp_path: Path, old_store: Path) -> None:
    before = quads(old_store)
    folder = small_corpus(tmp_path, PAGE_2025, bad=("binary.txt",))
    result = migkg("build", "--corpus", str(folder), "--store-path", str(old_store), "--skip-bad")
    assert result.returncode == 0, result.stderr
    after = quads(old_store)
    assert after != before
    assert not any("000_2ea71573e8b386bf" in q for q in after)
    assert any("003_5b15abab045aece6" in q for q in after)
    assert leftovers(old_store.parent) == []


def failing_load(exc: BaseException):
    """A bulk load that writes the data, loses part of it, then fails."""
    real = parallel_build._load

    def load(native, data: bytes) -> None:
        real(native, data)
        native.update("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }")  # half of it gone
        raise exc

    return load


@pytest.mark.parametrize(
    "exc", [OSError(28, "No space left on device"), KeyboardInterrupt(), RuntimeError("bug")]
)
def test_failure_while_writing_keeps_the_old_store(
    tmp_path: Path, old_store: Path, monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    before = quads(old_store)
    # Without the manifest the new store is written in full, not copied and patched.
    (old_store / parallel_build.MANIFEST).unlink()
    monkeypatch.setattr(parallel_build, "_load", failing_load(exc))
    folder = small_corpus(tmp_path, PAGE_2025)
    settings = {"corpus": str(folder), "store_path": str(old_store)}
    expected = MigkgError if isinstance(exc, OSError) else type(exc)
    with pytest.raises(expected) as err:
        build(settings)
    if isinstance(exc, OSError):
        assert "No space left on device" in str(err.value)
        assert "previous store is unchanged" in str(err.value)
    assert quads(old_store) == before
    assert leftovers(old_store.parent) == []


def test_incomplete_store_is_never_swapped_in(
    tmp_path: Path, old_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = quads(old_store)
    real = parallel_build._load

    def lossy(native, data: bytes) -> None:
        real(native, data)
        native.update("DELETE WHERE { GRAPH ?g { ?s a ?o } }")  # silently loses some quads

    (old_store / parallel_build.MANIFEST).unlink()
    monkeypatch.setattr(parallel_build, "_load", lossy)
    folder = small_corpus(tmp_path, PAGE_2025)
    with pytest.raises(MigkgError, match="quads"):
        build({"corpus": str(folder), "store_path": str(old_store)})
    assert quads(old_store) == before
    assert leftovers(old_store.parent) == []


def test_failed_swap_puts_the_old_store_back(
    tmp_path: Path, old_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = quads(old_store)
    real_rename = Path.rename

    def rename(self: Path, target):
        if ".new-" in self.name:
            raise OSError(13, "Permission denied")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    folder = small_corpus(tmp_path, PAGE_2025)
    with pytest.raises(MigkgError, match="Permission denied"):
        build({"corpus": str(folder), "store_path": str(old_store)})
    monkeypatch.undo()
    assert quads(old_store) == before
    assert leftovers(old_store.parent) == []


def test_late_failure_in_the_corpus_keeps_the_old_store(
    tmp_path: Path, old_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file read, then the last step before writing fails: nothing is written."""
    before = quads(old_store)
    files = snapshot(old_store.parent)

    def broken(*_args: object) -> None:
        raise RuntimeError("late failure")

    monkeypatch.setattr(parallel_build, "_merge_report", broken)
    with pytest.raises(RuntimeError):
        build({"corpus": str(small_corpus(tmp_path, PAGE_2025)), "store_path": str(old_store)})
    assert snapshot(old_store.parent) == files
    assert quads(old_store) == before


def test_a_folder_that_is_not_a_store_is_not_replaced(tmp_path: Path) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete", encoding="utf-8")
    folder = small_corpus(tmp_path, PAGE_2025)
    with pytest.raises(ConfigError, match="does not hold a migkg store"):
        build({"corpus": str(folder), "store_path": str(precious)})
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "do not delete"
    result = migkg("build", "--corpus", str(folder), "--store-path", str(precious))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert (precious / "thesis.txt").exists()


def test_new_store_has_the_usual_permissions(tmp_path: Path) -> None:
    folder = small_corpus(tmp_path, PAGE_2025)
    build({"corpus": str(folder), "store_path": str(tmp_path / "store")})
    mode = (tmp_path / "store").stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    assert mode == 0o777 & ~mask
