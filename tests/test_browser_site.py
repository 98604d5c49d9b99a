"""Finding, reading and querying in a real headless Chromium: search without diacritics, a
filtered list downloaded, a task's source opened at its lines, the SPARQL editor (completion,
errors at their line, sortable results, IRIs that paste back), and every page at phone size."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from expect import found
from test_browser import open_visit

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE: ViewportSize = {"width": 390, "height": 844}
PAGES = [
    "/",
    "/query",
    "/queries",
    "/queries/agency_tasks",
    "/charts",
    "/exports",
    "/id/",
    "/id/agency/",
    "/id/task/",
    "/id/document/",
    "/id/agency/mofa",
    "/id/task/402-qd-ttg/3.2.3",
    "/id/plan/402-qd-ttg",
    "/id/instrument/ilo-c087",
    "/id/document/000_2ea71573e8b386bf?lines=10-12",
    "/search?q=bo+ngoai+giao",
    "/ontology",
    "/calendar",
    "/coverage",
    "/network",
]


@pytest.fixture(scope="module")
def base(site_app, serve_site) -> str:
    return serve_site(site_app)


@pytest.fixture()
def visit(chromium, base):
    yield from open_visit(chromium, base)


def test_search_without_diacritics_finds_the_ministry(visit):
    page = visit.page
    page.goto(visit.base + "/id/plan/402-qd-ttg")
    page.locator("#site-search").fill("bo ngoai giao")
    page.locator("#site-search").press("Enter")
    page.wait_for_url(re.compile(r".*/search\?q=bo\+ngoai\+giao"))
    first = page.locator("#search-hits li").first
    assert "Bộ Ngoại giao" in first.inner_text()
    assert "Cơ quan" in first.locator(".kind").inner_text()
    first.locator("a").click()
    page.wait_for_url(visit.base + "/id/agency/mofa")
    visit.check_clean()


def test_agency_list_filtered_and_downloaded(visit):
    page = visit.page
    page.goto(visit.base + "/id/agency/")
    everything = int(page.locator("#list-total").inner_text().strip("()"))
    page.locator("#facet-level a", has_text="trung ương").click()
    page.wait_for_url(re.compile(r".*level=central"))
    shown = int(page.locator("#list-total").inner_text().strip("()"))
    assert 0 < shown < everything
    assert page.locator("#list-table tbody tr").count() == shown
    with page.expect_download() as info:
        page.locator("#download-csv").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == shown and {r["level"] for r in rows} == {"central"}
    visit.check_clean()


def test_derived_from_opens_the_source_with_its_lines_highlighted(visit):
    page = visit.page
    page.goto(visit.base + "/id/task/402-qd-ttg/3.2.3")
    page.locator("a.derived-from").first.click()
    page.wait_for_url(re.compile(r".*/id/document/.*lines=.*#L\d+"))
    line = found(r"#L(\d+)", page.url).group(1)
    highlighted = page.locator(".source-text .line.hl")
    assert highlighted.count() >= 1
    assert highlighted.first.get_attribute("id") == f"L{line}"
    # The cited line is scrolled into view.
    assert highlighted.first.is_visible()
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top > -2 && r.top < innerHeight; }",
        arg=f"L{line}",
        timeout=5000,
    )
    visit.check_clean()


def editor(page):
    page.wait_for_selector("#yasqe .CodeMirror")
    return page.locator("#yasqe .CodeMirror")


def set_query(page, text: str) -> None:
    page.evaluate("t => window.migkgYasqe.setValue(t)", text)


def test_editor_completes_a_property_of_the_ontology(visit):
    page = visit.page
    page.goto(visit.base + "/query")
    editor(page)
    set_query(page, "SELECT * WHERE {\n  ?t ")
    page.evaluate("() => { const d = window.migkgYasqe.getDoc(); d.setCursor(d.lineCount(), 0); }")
    editor(page).click()
    page.keyboard.press("Control+End")
    page.keyboard.type("mkg:lea")
    hints = page.locator(".CodeMirror-hints li")
    if not hints.count():
        page.keyboard.press("Control+Space")
    hints.first.wait_for()
    assert any("mkg:leadAgency" in h for h in hints.all_inner_texts())
    page.keyboard.press("Enter")
    value = page.evaluate("() => window.migkgYasqe.getValue()")
    assert "?t mkg:leadAgency" in value
    # The project's prefix was declared as soon as it was typed.
    assert "PREFIX mkg: <https://w3id.org/migkg/ontology#>" in value
    visit.check_clean()


def test_editor_marks_a_syntax_error_at_its_line(visit):
    page = visit.page
    page.goto(visit.base + "/query")
    editor(page)
    set_query(page, "SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(\n}\n")
    marker = page.locator("#yasqe .parseErrorIcon").first
    marker.wait_for()
    line = marker.evaluate(
        "m => Array.from(m.closest('.CodeMirror-code').children).findIndex(w => w.contains(m)) + 1"
    )
    assert line in (4, 5)
    visit.check_clean()


SORT_QUERY = (
    "PREFIX mkg: <https://w3id.org/migkg/ontology#>\n"
    "SELECT ?task ?code WHERE { ?task mkg:code ?code } "
)


def test_result_table_sorts(visit):
    page = visit.page
    page.goto(visit.base + "/query")
    editor(page)
    set_query(page, SORT_QUERY)
    page.locator("#run").click()
    cells = page.locator("#results table.dataTable tbody tr td:nth-child(3)")
    cells.first.wait_for()
    header = page.locator("#results table.dataTable thead th", has_text="code")
    header.click()
    first = cells.all_inner_texts()
    header.click()
    second = cells.all_inner_texts()
    assert first == sorted(first) and second == sorted(second, reverse=True) and first != second
    visit.check_clean()


def test_a_result_iri_pastes_back_into_a_query_that_runs(visit):
    page = visit.page
    page.goto(visit.base + "/query")
    editor(page)
    set_query(
        page,
        "PREFIX mkg: <https://w3id.org/migkg/ontology#>\n"
        "PREFIX id: <https://w3id.org/migkg/id/>\n"
        'SELECT ?agency WHERE { ?t mkg:code "3.2.4" ; mkg:leadAgency ?agency }',
    )
    page.locator("#run").click()
    cell = page.locator("#results table.dataTable tbody tr td:nth-child(2)").first
    cell.wait_for()
    shown = cell.inner_text().strip()
    assert "id:agency/" not in shown  # not a valid prefixed name
    # Copy the cell as a reader would (select its text, Ctrl+C) and paste it into a query.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    cell.evaluate(
        "td => { const r = document.createRange(); r.selectNodeContents(td);"
        " const s = getSelection(); s.removeAllRanges(); s.addRange(r); }"
    )
    page.keyboard.press("Control+C")
    set_query(
        page,
        "PREFIX mkg: <https://w3id.org/migkg/ontology#>\nSELECT ?code WHERE { ?t mkg:leadAgency ",
    )
    editor(page).click()
    page.evaluate("() => { const d = window.migkgYasqe.getDoc(); d.setCursor(d.lineCount(), 0); }")
    page.keyboard.press("Control+End")
    page.keyboard.press("Control+V")
    page.keyboard.type(" ; mkg:code ?code }")
    pasted = page.evaluate("() => window.migkgYasqe.getValue()")
    assert shown in pasted
    page.locator("#run").click()
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('1')")
    codes = page.locator("#results table.dataTable tbody tr td:nth-child(2)").all_inner_texts()
    assert codes == ["3.2.4"]
    visit.check_clean()


@pytest.mark.parametrize("path", PAGES)
def test_phone_size_without_horizontal_overflow(chromium, base, path):
    for visit in open_visit(chromium, base):
        visit.page.set_viewport_size(PHONE)
        visit.page.goto(base + path)
        visit.page.wait_for_load_state("networkidle")
        width = visit.page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (path, width)
        visit.check_clean()


def test_phone_size_tables_scroll_sideways_instead_of_breaking_into_letters(chromium, base):
    # ten columns of agency_tasks: squeezed to the screen, each was a letter or two wide
    for visit in open_visit(chromium, base):
        visit.page.set_viewport_size(PHONE)
        visit.page.goto(base + "/queries/agency_tasks?agency=molisa")
        visit.page.wait_for_load_state("networkidle")
        widths = visit.page.evaluate(
            "() => Array.from(document.querySelectorAll('#canned-results tr:nth-child(1) td'))"
            ".map(td => td.getBoundingClientRect().width)"
        )
        assert len(widths) == 10 and min(widths) >= 100, widths
        width = visit.page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        visit.check_clean()


def test_result_views_chart_timeline_and_network(visit):
    page = visit.page
    page.goto(visit.base + "/query?example=agency_pairs")
    page.locator("#results table.dataTable").wait_for()
    # Two resources per row: the network view draws one line per pair.
    rows = page.locator("#results table.dataTable tbody tr").count()
    page.locator(".yasr .select_network").click()
    page.locator("#results svg.result-network").wait_for()
    assert page.locator("#results .network-edge").count() == rows
    # A number per row: a bar each.
    page.locator(".yasr .select_chart").click()
    assert page.locator("#results svg.result-chart .chart-bar").count() == rows
    visit.check_clean()
    # A start and an end year per row: a bar each on the timeline.
    page.goto(visit.base + "/query?example=tasks_active_in_year")
    page.locator("#results table.dataTable").wait_for()
    rows = page.locator("#results table.dataTable tbody tr").count()
    page.locator(".yasr .select_timeline").click()
    assert page.locator("#results svg.result-timeline .chart-bar").count() == rows > 0
    visit.check_clean()


def test_a_known_prefix_is_declared_and_an_unknown_one_marked(visit):
    page = visit.page
    page.goto(visit.base + "/query")
    editor(page)
    set_query(page, "SELECT ?code WHERE {\n  ?t mkg:code ?code ; mkg:leadAgency ?a\n} LIMIT 1")
    page.locator("#run").click()
    page.locator("#results table.dataTable").wait_for()
    assert "PREFIX mkg: <https://w3id.org/migkg/ontology#>" in page.evaluate(
        "() => window.migkgYasqe.getValue()"
    )
    set_query(page, "SELECT ?s WHERE {\n  ?s foo:bar ?o\n}")
    page.locator("#run").click()
    error = page.locator("#query-error")
    error.wait_for()
    assert "foo:" in error.inner_text() and "(2)" in error.inner_text()
    marker = page.locator("#yasqe .server-error").first
    line = marker.evaluate(
        "m => Array.from(m.closest('.CodeMirror-code').children).findIndex(w => w.contains(m)) + 1"
    )
    assert line == 2
    visit.check_clean()


def test_search_box_suggests_and_opens_a_page(visit):
    page = visit.page
    page.goto(visit.base + "/queries")
    page.locator("#site-search").type("ngoai giao", delay=20)
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('#site-search-suggestions option'))"
        ".some(o => o.value === 'Bộ Ngoại giao')",
        timeout=5000,
    )
    page.locator("#site-search").fill("Bộ Ngoại giao")
    page.wait_for_url(visit.base + "/id/agency/mofa")
    visit.check_clean()


def test_result_views_speak_the_readers_language(visit):
    page = visit.page
    page.goto(visit.base + "/query?example=coordination_load")
    page.locator("#results table.dataTable").wait_for()
    selectors = page.locator(".yasr .yasr_btnGroup").inner_text()
    assert "Bảng" in selectors and "Biểu đồ" in selectors and "Table" not in selectors
    assert page.locator("#results textarea, #results input[placeholder='Lọc kết quả']").count() >= 1
    # Without JavaScript's editor the textarea is the editor; with it, it is hidden.
    assert not page.locator("#query").is_visible()
    visit.check_clean()
