"""Bad input, one case a test: a clear one-line message naming the file (and line), a
non-zero exit, and a build report listing what was skipped or left unresolved.

The files are in tests/data/bad/ (described in tests/data/README.md).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.build import build
from loaders.reading import read_source
from migkg.errors import InputError

TESTS = Path(__file__).resolve().parent
BAD = TESTS / "data" / "bad"
PAGE_2025 = TESTS.parent / "corpus" / "003_5b15abab045aece6.txt"
# The lines of 003 that bad/utf16.txt and bad/cp1258.txt hold (1, 3, 11, 31, blank between).
_PAGE = PAGE_2025.read_text(encoding="utf-8").splitlines()
EXCERPT = [_PAGE[0], "", _PAGE[2], "", _PAGE[10], "", _PAGE[30]]


def migkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migkg", *args], capture_output=True, text=True, timeout=300
    )


def corpus(tmp_path: Path, *names: str, good: bool = True) -> Path:
    """A corpus folder with the named bad files and (by default) one good news page."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in names:
        shutil.copy(BAD / name, folder / name)
    if good:
        shutil.copy(PAGE_2025, folder / PAGE_2025.name)
    return folder


def build_cli(tmp_path: Path, folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return migkg("build", "--corpus", str(folder), "--store-path", str(tmp_path / "store"), *extra)


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("migkg: error: ")
    return lines[0]


# --- an empty file -------------------------------------------------------------------------


def test_empty_file_is_refused_by_name() -> None:
    with pytest.raises(InputError) as err:
        read_source(BAD / "empty.txt")
    assert str(err.value) == f"{BAD / 'empty.txt'}: file is empty"


def test_empty_file_stops_the_build(tmp_path: Path) -> None:
    line = one_error_line(build_cli(tmp_path, corpus(tmp_path, "empty.txt")))
    assert "empty.txt" in line and "file is empty" in line
    assert not (tmp_path / "store").exists()
    assert not (tmp_path / "build-report.json").exists()


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \r\n\t\n")
    with pytest.raises(InputError, match="file is empty"):
        read_source(path)


# --- a binary file -------------------------------------------------------------------------


def test_binary_file_is_refused_with_file_and_line() -> None:
    with pytest.raises(InputError) as err:
        read_source(BAD / "binary.txt")
    # the PNG signature "\x89PNG\r\n\x1a\n" ends two lines before its first NUL byte
    assert err.value.line == 3
    assert str(err.value).startswith(f"{BAD / 'binary.txt'}:3: binary file")


def test_binary_file_stops_the_build_with_one_line(tmp_path: Path) -> None:
    line = one_error_line(build_cli(tmp_path, corpus(tmp_path, "binary.txt")))
    assert "binary.txt:3" in line and "binary file" in line


def test_undecodable_bytes_without_nul_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(b"first line\nsecond \x81\x8d\x8f\x90\x9d line\n")  # undefined everywhere
    with pytest.raises(InputError) as err:
        read_source(path)
    assert err.value.line == 2
    assert "0x81" in str(err.value)


def test_skip_bad_skips_and_reports(tmp_path: Path) -> None:
    folder = corpus(tmp_path, "binary.txt", "empty.txt")
    result = build_cli(tmp_path, folder, "--skip-bad")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "build-report.json").read_text(encoding="utf-8"))
    skipped = {Path(i["file"]).name: i for i in report["skipped"]}
    assert set(skipped) == {"binary.txt", "empty.txt"}
    assert skipped["binary.txt"]["line"] == 3
    assert "binary file" in skipped["binary.txt"]["message"]
    assert skipped["empty.txt"]["message"] == "file is empty"
    assert report["files"] == [PAGE_2025.name]
    assert report["counts"]["skipped"] == 2
    assert "skipped: " in result.stderr and "binary.txt:3" in result.stderr


# --- text in another encoding: read, not refused -----------------------------------------


@pytest.mark.parametrize("name", ["utf16.txt", "cp1258.txt"])
def test_other_encodings_are_read_as_the_original(name: str) -> None:
    assert read_source(BAD / name).lines == EXCERPT


@pytest.mark.parametrize("name", ["utf16.txt", "cp1258.txt"])
def test_other_encodings_build_with_diacritics_intact(tmp_path: Path, name: str) -> None:
    folder = corpus(tmp_path, name, good=False)
    report, _ = build({"corpus": str(folder), "store_path": str(tmp_path / "store")})
    assert report.skipped == [] and report.counts["events"] == 1
    from graph.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "store", read_only=True)
    try:
        names = store.select(
            "PREFIX mkg: <https://w3id.org/migkg/ontology#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "SELECT ?name WHERE { ?p a mkg:Person ; rdfs:label ?name } ORDER BY ?name"
        )
    finally:
        store.close()
    assert [str(n) for n in names.values("name")] == ["Lê Thị Thu Hằng"]


# --- a table with a missing column ---------------------------------------------------------


def test_missing_column_is_skipped_and_reported_with_its_line(tmp_path: Path) -> None:
    folder = corpus(tmp_path, "missing_column.txt", good=False)
    result = build_cli(tmp_path, folder)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "build-report.json").read_text(encoding="utf-8"))
    # line 12 of the file: row 1.2 has 5 cells for the header's 6
    [issue] = report["skipped"]
    assert Path(issue["file"]).name == "missing_column.txt" and issue["line"] == 12
    assert "columns" in issue["message"]
    assert "missing_column.txt:12" in result.stderr
    assert report["counts"]["tasks"] == 2  # 1.1 and 1.3 kept


# --- an agency the gazetteer does not know -------------------------------------------------


def test_unknown_agency_is_an_unresolved_mention_with_file_and_line(tmp_path: Path) -> None:
    folder = corpus(tmp_path, "unknown_agency.txt", good=False)
    result = build_cli(tmp_path, folder)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "build-report.json").read_text(encoding="utf-8"))
    [issue] = report["unresolved_mentions"]
    assert Path(issue["file"]).name == "unknown_agency.txt"
    assert issue["line"] == 11
    assert issue["message"] == "Quỹ Hữu nghị Sao Hỏa"
    assert report["counts"]["unresolved_mentions"] == 1
    assert "1 unresolved mentions" in result.stdout
    assert "unknown_agency.txt:11: Quỹ Hữu nghị Sao Hỏa" in result.stderr


# --- a file type migkg does not read -------------------------------------------------------


def test_unsupported_extension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"PK\x03\x04 not read")
    with pytest.raises(InputError) as err:
        read_source(path)
    assert str(err.value).startswith(f"{path}: unsupported file type '.xlsx'")


def test_unsupported_file_in_a_corpus_is_named_in_the_report(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "plan.xlsx").write_bytes(b"PK\x03\x04 not read")
    result = build_cli(tmp_path, folder)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "build-report.json").read_text(encoding="utf-8"))
    warned = [w for w in report["warnings"] if Path(w["file"]).name == "plan.xlsx"]
    assert len(warned) == 1 and "unsupported file type" in warned[0]["message"]
