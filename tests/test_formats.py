"""The appendices of 402/QĐ-TTg and 225/NQ-CP in every format a plan comes in give the same
tasks, codes and agencies as the shipped text files.

Each file is made from the appendix lines of the shipped text (the source of truth): a
Word document with real tables (a lead-agency cell merged down several rows), a PDF
printed by Chromium (its header, footer and page numbers on; rows split across pages, the
table header repeated), a saved web page (with a menu, a banner and a loading notice), and
a markdown pipe table. The task graph each gives must equal the text file's, statement for
statement, line numbers aside. The sizes (61 tasks and 8 groups; 24 tasks and 4 groups)
are those read from the documents (see test_tasks_402 and test_tasks_225).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from appendix import appendix_graph
from filemakers import (
    Appendix,
    appendix_docx,
    appendix_html,
    appendix_markdown,
    appendix_of,
    print_pdf,
)
from rdflib import Graph
from rdflib.namespace import RDF

from loaders.reading import read_source
from migkg import iris
from migkg.namespaces import MKG

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SAVED_FROM = "https://vanban.chinhphu.vn/?pageid=27160&docid=199516"
# plan → (text file stem, plan number, first appendix line to copy, first line the
# text-file test reads, tasks, groups)
PLANS = {
    "402": ("000_2ea71573e8b386bf", "402/QĐ-TTg", 200, 44, 61, 8),
    "225": ("002_cdf9dff2b193bbc4", "225/NQ-CP", 160, 1, 24, 4),
}
LEAD = 2  # the column of the lead agency in both appendices


def without_lines(graph: Graph) -> set:
    return {t for t in graph if t[1] not in (MKG.sourceLineStart, MKG.sourceLineEnd)}


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, dict]:
    """Per plan: the appendix as read from the text, and a file of it in each format."""
    out: dict[str, dict] = {}
    for plan, (stem, _number, first, _start, _tasks, _groups) in PLANS.items():
        folder = tmp_path_factory.mktemp(plan)
        table = appendix_of(CORPUS / f"{stem}.txt", first)
        files: dict[str, Path] = {}
        files["docx"], merged = appendix_docx(folder / f"{stem}.docx", table, LEAD)
        files["html"] = folder / f"{stem}.html"
        files["html"].write_text(appendix_html(table, saved_from=SAVED_FROM), encoding="utf-8")
        files["md"] = folder / f"{stem}.md"
        files["md"].write_text(appendix_markdown(table), encoding="utf-8")
        page = folder / "print.html"
        page.write_text(appendix_html(table), encoding="utf-8")
        files["pdf"] = print_pdf(page, folder / f"{stem}.pdf")
        out[plan] = {"table": table, "files": files, "merged": merged}
    return out


@pytest.fixture(scope="module")
def reference() -> dict[str, Graph]:
    """The task graph of each plan read from its shipped text file."""
    out = {}
    for plan, (stem, number, _first, start, _tasks, _groups) in PLANS.items():
        out[plan] = appendix_graph(CORPUS / f"{stem}.txt", number, start=start)[0]
    return out


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "md"])
@pytest.mark.parametrize("plan", list(PLANS))
def test_every_format_gives_the_tasks_of_the_text(made, reference, plan: str, fmt: str) -> None:
    _stem, number, _first, _start, tasks, groups = PLANS[plan]
    graph, report = appendix_graph(made[plan]["files"][fmt], number)
    assert not report.skipped, [str(i) for i in report.skipped]
    assert len(set(graph.subjects(RDF.type, MKG.Task))) == tasks
    assert len(set(graph.subjects(RDF.type, MKG.TaskGroup))) == groups
    missing = without_lines(reference[plan]) - without_lines(graph)
    extra = without_lines(graph) - without_lines(reference[plan])
    assert not missing and not extra, (sorted(missing)[:3], sorted(extra)[:3])


@pytest.mark.parametrize("plan", list(PLANS))
def test_a_merged_lead_agency_cell_applies_to_each_of_its_rows(made, plan: str) -> None:
    stem, number, *_ = PLANS[plan]
    table: Appendix = made[plan]["table"]
    run: list[int] = made[plan]["merged"]
    source = read_source(made[plan]["files"]["docx"])
    assert source.reader == "docx"
    rows = source.tables[0].rows
    lead = table.rows[run[0]][LEAD]
    # the header is row 0 of the Word table; the merged cell is written once in the file
    assert not rows[1 + run[0]].cells[LEAD].merged
    for i in run[1:]:
        assert rows[1 + i].cells[LEAD].text == lead
        assert rows[1 + i].cells[LEAD].merged
    graph, _ = appendix_graph(made[plan]["files"]["docx"], number)
    leads = [
        set(graph.objects(iris.task(number, _code(table.rows[i][0], table, i)), MKG.leadAgency))
        for i in run
    ]
    assert leads[0] and all(agencies == leads[0] for agencies in leads)


def _code(first: str, table: Appendix, index: int) -> str:
    """The task code of row ``index`` as the table loader names it (225's rows take the
    Roman numeral of the group above them)."""
    first = first.rstrip(".")
    roman = None
    for row in table.rows[: index + 1]:
        head = row[0].split(".")[0].strip()
        if head and set(head) <= set("IVX"):
            roman = head
    return f"{roman}.{first}" if roman and first.isdigit() else first


def test_the_pdf_splits_rows_over_pages_and_repeats_the_header(made) -> None:
    """The printed 402 really has what the reader must undo: a row begun on one page and
    ended on the next, the header on every page, Chromium's header and footer."""
    pdf = made["402"]["files"]["pdf"]
    with pdfplumber.open(pdf) as doc:
        firsts = [p.find_tables()[0].extract()[1][0] for p in doc.pages[1:]]
        heads = [p.find_tables()[0].extract()[0][0] for p in doc.pages]
        footers = [p.extract_text().splitlines()[-1] for p in doc.pages]
    assert len(heads) > 2 and set(heads) == {"STT"}
    assert "" in firsts  # a page starts with the rest of a row
    assert all(f.startswith("file://") for f in footers)
    source = read_source(pdf)
    assert source.reader == "pdf"
    assert sum(1 for line in source.lines if line.startswith("STT\t")) == 1
    assert not any("file://" in line for line in source.lines)
    assert len(source.tables) == 1
    assert len(source.tables[0].rows) == 1 + len(made["402"]["table"].rows)


def test_the_saved_page_keeps_its_address_and_drops_the_site(made) -> None:
    source = read_source(made["225"]["files"]["html"])
    assert source.reader == "html"
    assert source.meta["source_url"] == SAVED_FROM
    assert source.meta["title"] == "Phụ lục"
    text = source.text
    assert "Đang tải nội dung" not in text and "Trang chủ" not in text
    assert "Cổng thông tin điện tử" not in text
    assert source.lines[0] == made["225"]["table"].title[0]


def test_markdown_pipe_table_is_read_as_a_table(made) -> None:
    path = made["402"]["files"]["md"]
    source = read_source(path)
    assert source.reader == "markdown"
    (table,) = source.tables
    assert table.rows[0].texts == made["402"]["table"].header
    # each row stays on its own line of the file
    lines = path.read_text(encoding="utf-8").splitlines()
    for row in table.rows:
        assert lines[row.span.start - 1].strip().startswith("|")
