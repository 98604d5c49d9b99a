"""Scanned pages read by Tesseract's Vietnamese model (kept few: OCR is slow).

The scan is the first page of the 402 appendix printed by Chromium (from the shipped text's
appendix lines) and rendered at 300 dpi by pdftoppm, as a scanner gives it: no text layer,
the table's rules visible. Which rows the page shows is read from the printed PDF's text
layer (a row cut by the page break, finished overleaf, is not whole on the page).
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from filemakers import appendix_html, appendix_of, print_pdf, render_png, text_image
from rdflib import Graph

from loaders import table
from loaders.base import EmitContext, Segment, SourceText
from loaders.gazetteer import Gazetteer
from loaders.reading import read_source
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg import iris
from migkg.errors import InputError
from migkg.namespaces import MKG

TEXT = Path(__file__).resolve().parent.parent / "corpus" / "000_2ea71573e8b386bf.txt"


def tasks_of(source: SourceText, plan: str) -> Graph:
    """The table loader's graph for a source read as the plan ``plan``."""
    seg = Segment(
        source=source, start=1, end=len(source.lines), kind="instrument",
        number=plan, plan_number=plan,
    )  # fmt: skip
    graph = Graph()
    ctx = EmitContext(graph, seg, Resolver(Gazetteer.load()), BuildReport())
    for fact in table.parse(seg):
        fact.emit(ctx)
    return graph


# plan → (text file, plan number, first appendix line)
PLANS = {
    "402": (TEXT, "402/QĐ-TTg", 200),
    "225": (TEXT.with_name("002_cdf9dff2b193bbc4.txt"), "225/NQ-CP", 160),
}
_CODE = re.compile(r"^([IVX]+|\d+(\.\d+)*)\.?(\s|$)")


@pytest.fixture(scope="module", params=list(PLANS))
def scan(request, tmp_path_factory) -> tuple[str, Path, Path, SourceText]:
    text, _number, first = PLANS[request.param]
    folder = tmp_path_factory.mktemp(f"scan-{request.param}")
    page = folder / "appendix.html"
    page.write_text(appendix_html(appendix_of(text, first)), encoding="utf-8")
    pdf = print_pdf(page, folder / "appendix.pdf", header_footer=False)
    png = render_png(pdf, folder / "page-1.png", page=1, dpi=300)
    return request.param, pdf, png, read_source(png)


def page_codes(rows: list[list[str | None]]) -> list[str]:
    """The task codes of the rows as printed: a Roman group numbers the rows under it."""
    codes: list[str] = []
    roman = None
    for row in rows:
        match = _CODE.match(row[0] or "")
        assert match, row
        head = match.group(1)
        if set(head) <= set("IVX"):
            roman = head
            codes.append(head)
        else:
            codes.append(f"{roman}.{head}" if roman and "." not in head else head)
    return codes


def test_a_scanned_page_gives_every_task_code_and_lead_agency_on_it(scan) -> None:
    plan, pdf, _png, source = scan
    text, number, _first = PLANS[plan]
    with pdfplumber.open(pdf) as doc:
        rows = doc.pages[0].find_tables()[0].extract()[1:]
        overleaf = doc.pages[1].find_tables()[0].extract()[1]
    if not _CODE.match(overleaf[0] or ""):
        rows = rows[:-1]  # the last row goes on over the page: it is not whole here
    codes = page_codes(rows)
    assert len(codes) >= 3
    reference = tasks_of(read_source(text), number)
    graph = tasks_of(source, number)
    for code in codes:
        task = iris.task(number, code)
        assert (task, MKG.code, None) in graph, code
        expected = set(reference.objects(task, MKG.leadAgency))
        assert set(graph.objects(task, MKG.leadAgency)) == expected, code
    read = {str(o) for o in graph.objects(None, MKG.code)}
    assert read <= {str(o) for o in reference.objects(None, MKG.code)}


def test_what_ocr_read_is_marked_with_its_confidence(scan) -> None:
    _plan, _pdf, _png, source = scan
    assert source.reader == "ocr"
    assert source.media_type == "image/png"
    (found,) = source.tables
    assert found.reader == "ocr"
    rows = [r.span.start for r in found.rows]
    assert all(n in source.confidence for n in rows)
    assert all(0.0 <= c <= 1.0 for c in source.confidence.values())
    assert source.mean_confidence is not None and source.mean_confidence > 0.8


def test_an_image_with_no_text_is_refused_by_name(tmp_path: Path) -> None:
    blank = text_image(tmp_path / "blank.png", [])
    with pytest.raises(InputError) as err:
        read_source(blank)
    message = str(err.value)
    assert message.startswith(str(blank)) and "no text" in message
    assert "\n" not in message


def test_a_pdf_page_without_a_text_layer_is_read_by_ocr(tmp_path: Path) -> None:
    from PIL import Image

    lines = [
        "ỦY BAN NHÂN DÂN TỈNH CÀ MAU",
        "Số: 12/KH-UBND",
        "Kế hoạch triển khai Quyết định số 402/QĐ-TTg",
    ]
    image = text_image(tmp_path / "page.png", lines)
    scanned = tmp_path / "scanned.pdf"
    Image.open(image).convert("RGB").save(scanned, resolution=200)  # an image-only PDF
    source = read_source(scanned)
    assert source.reader == "ocr" and source.media_type == "application/pdf"
    assert source.lines == lines
    assert set(source.confidence) == {1, 2, 3}
    assert any("read by OCR" in note for _line, note in source.notes)


def test_a_scanned_cell_spanning_rows_applies_to_each(tmp_path: Path) -> None:
    """A lead agency's cell drawn over three rows, a group row over two columns."""
    from test_reading import SPANNING

    page = tmp_path / "plan.html"
    page.write_text(SPANNING, encoding="utf-8")
    pdf = print_pdf(page, tmp_path / "plan.pdf", header_footer=False)
    source = read_source(render_png(pdf, tmp_path / "plan.png", dpi=300))
    (found,) = source.tables
    assert [[(c.text, c.merged) for c in r.cells] for r in found.rows[1:]] == [
        [("1", False), ("Tập huấn cho cán bộ", False), ("Sở Ngoại vụ", False), ("2024", False)],
        [("2", False), ("Rà soát số liệu", False), ("Sở Ngoại vụ", True), ("2025", False)],
        [("3", False), ("Báo cáo kết quả", False), ("Sở Ngoại vụ", True), ("2026", False)],
        [("4", False), ("Nhóm nhiệm vụ khác", False), ("", False), ("2027", False)],
    ]
