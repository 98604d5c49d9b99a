"""Bad and hostile files of every format: one line naming the file, exit 1, the previous
store untouched; or, with --skip-bad, listed in the report and skipped."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from filemakers import (
    text_image,
    write_docx,
    write_docx_bomb,
    write_encrypted_pdf,
    write_pdf_bomb,
    write_png_bomb,
)

from loaders.reading import read_source
from migkg.errors import InputError

GOOD = Path(__file__).resolve().parent.parent / "corpus" / "003_5b15abab045aece6.txt"


def corrupt_docx(folder: Path) -> Path:
    path = write_docx(folder / "corrupt.docx", ["Kế hoạch số 12/KH-UBND"])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut off: the zip's directory is gone
    return path


def broken_pdf(folder: Path) -> Path:
    path = folder / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF\n")
    return path


MAKERS = {
    "corrupt.docx": (corrupt_docx, "not a readable Word document"),
    "bomb.docx": (lambda f: write_docx_bomb(f / "bomb.docx"), "decompression bomb"),
    "locked.pdf": (lambda f: write_encrypted_pdf(f / "locked.pdf"), "encrypted"),
    "broken.pdf": (broken_pdf, "PDF"),
    "bomb.pdf": (lambda f: write_pdf_bomb(f / "bomb.pdf"), "decompression bomb"),
    "blank.png": (lambda f: text_image(f / "blank.png", []), "no text"),
    "fake.png": (lambda f: _write(f / "fake.png", b"not an image at all"), "not a readable image"),
    "bomb.png": (lambda f: write_png_bomb(f / "bomb.png"), "decompression bomb"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", list(MAKERS))
def test_each_bad_file_is_refused_in_one_line_naming_it(tmp_path: Path, name: str) -> None:
    make, words = MAKERS[name]
    path = make(tmp_path)
    with pytest.raises(InputError) as err:
        read_source(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and words in message, message
    assert "\n" not in message


def migkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migkg", *args], capture_output=True, text=True, timeout=300
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_a_bad_file_stops_the_build_and_leaves_the_store(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(GOOD, corpus / GOOD.name)
    store = tmp_path / "store"
    first = migkg("build", "--corpus", str(corpus), "--store-path", str(store))
    assert first.returncode == 0, first.stderr
    before = snapshot(store)
    for name in ("locked.pdf", "corrupt.docx", "blank.png"):
        bad = MAKERS[name][0](corpus)
        result = migkg("build", "--corpus", str(corpus), "--store-path", str(store))
        assert result.returncode == 1, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("migkg: error: "), result.stderr
        assert bad.name in lines[0]
        assert snapshot(store) == before
        bad.unlink()


@pytest.mark.slow
def test_skip_bad_lists_them_and_the_report_names_each_files_reader(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(GOOD, corpus / GOOD.name)
    for name in ("locked.pdf", "bomb.docx", "fake.png"):
        MAKERS[name][0](corpus)
    write_docx(corpus / "letter.docx", ["Kính gửi: Sở Ngoại vụ", "Đề nghị báo cáo."])
    text_image(corpus / "note.png", ["Sở Ngoại vụ tỉnh Cà Mau", "Kế hoạch tập huấn năm 2024"])
    result = migkg(
        "build", "--corpus", str(corpus), "--store-path", str(tmp_path / "store"), "--skip-bad"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "build-report.json").read_text(encoding="utf-8"))
    skipped = {Path(i["file"]).name for i in report["skipped"]}
    assert skipped == {"locked.pdf", "bomb.docx", "fake.png"}
    readers = report["readers"]
    assert readers[GOOD.name] == {"reader": "text"}
    assert readers["letter.docx"] == {"reader": "docx"}
    assert readers["note.png"]["reader"] == "ocr"
    assert 0.5 < readers["note.png"]["ocr_confidence"] <= 1.0
    assert "note.png: read by OCR, mean confidence" in result.stderr
