"""The site in a real headless Chromium (Debian's), served by waitress on 127.0.0.1.

Every test records each request the page makes and refuses any that would leave the app,
collects console errors (a Content-Security-Policy violation is one), and saves a
screenshot under test-output/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"


@dataclass
class Visit:
    """A browser page with what it asked for and what it complained about."""

    page: Page
    base: str
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        """No console error, no page error, no request outside the app."""
        assert self.errors == []
        assert self.refused == []
        assert self.requests, "the page made no request at all"
        for url in self.requests:
            assert url.startswith(self.base + "/") or url.startswith("data:"), url

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5000
        return path


def open_visit(browser, base: str) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    visit = Visit(page=page, base=base)

    def route(r):
        url = r.request.url
        if url.startswith(base + "/") or url.startswith("data:"):
            r.continue_()
        else:
            visit.refused.append(url)
            r.abort()

    context.route("**/*", route)
    page.on("request", lambda req: visit.requests.append(req.url))
    page.on("console", lambda msg: visit.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: visit.errors.append(str(exc)))

    def dismiss(dialog: Dialog) -> None:
        visit.errors.append("dialog: " + dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    try:
        yield visit
    finally:
        context.close()


@pytest.fixture(scope="module")
def base(site_app, serve_site) -> str:
    return serve_site(site_app)


@pytest.fixture()
def visit(chromium, base):
    yield from open_visit(chromium, base)


def test_home_page(visit):
    page = visit.page
    page.goto(visit.base + "/")
    assert page.locator("h1").inner_text() == "Đồ thị tri thức di cư"
    assert page.locator('[data-count="tasks"]').inner_text() == "4"
    loaded = page.locator("#most-loaded")
    assert "Bộ Lao động - Thương binh và Xã hội" in loaded.inner_text()
    assert page.locator("nav").get_by_role("link", name="Mạng lưới").is_visible()
    # The stylesheet applied: the header is drawn on its dark band.
    colour = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(8, 63, 95)"
    visit.screenshot("home")
    visit.check_clean()


def test_language_switch_in_the_browser(visit):
    page = visit.page
    page.goto(visit.base + "/")
    page.locator(".lang-switch").click()
    page.wait_for_url(re.compile(r".*lang=en"))
    assert page.locator("h1").inner_text() == "Migration knowledge graph"
    # The cookie keeps English on the next page.
    page.goto(visit.base + "/id/agency/molisa")
    assert page.locator("h1").inner_text() == "Ministry of Labour, Invalids and Social Affairs"
    visit.check_clean()


def test_canned_query_run_from_the_sparql_page(visit):
    page = visit.page
    page.goto(visit.base + "/query")
    # The editor (YASGUI's) highlights what it holds.
    page.wait_for_selector("#yasqe .CodeMirror")
    assert page.locator("#yasqe .cm-keyword", has_text="SELECT").count() >= 1
    page.select_option("#example", "agency_tasks")
    assert "mkg:leadAgency" in page.evaluate("() => window.migkgYasqe.getValue()")
    page.locator("#run").click()
    table = page.locator("#results table.dataTable")
    table.wait_for()
    headers = table.locator("thead th").all_inner_texts()
    assert [h.strip() for h in headers[1:6]] == ["role", "plan", "code", "task", "title"]
    # MOFA (the query's default agency) leads 1.4 of Decision 402 and joins II.2 of 225.
    rows = table.locator("tbody tr")
    assert rows.count() == 2
    links = table.locator("tbody a.iri").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert "https://w3id.org/migkg/id/task/402-qd-ttg/1.4" in links
    assert "https://w3id.org/migkg/id/task/225-nq-cp/II.2" in links
    assert "2 dòng" in page.locator("#status").inner_text()
    # The share link and the downloads follow the text that was run.
    share = page.locator("#share-link").get_attribute("href")
    assert share.startswith("/query?query=") and "leadAgency" in share
    csv = page.locator('a.download[data-format="csv"]').get_attribute("href")
    assert csv.startswith("/sparql?query=") and csv.endswith("format=csv")
    # A link to a resource of the graph opens its page on this site.
    table.locator("tbody a.iri", has_text="1.4").first.evaluate("a => a.click()")
    page.wait_for_url(visit.base + "/id/task/402-qd-ttg/1.4")
    visit.screenshot("sparql")
    visit.check_clean()


def test_shared_link_reopens_and_runs_the_query(visit):
    page = visit.page
    query = (
        "PREFIX mkg: <https://w3id.org/migkg/ontology#>\n"
        "SELECT ?code WHERE { ?t mkg:leadAgency <https://w3id.org/migkg/id/agency/mps> ;"
        " mkg:code ?code }"
    )
    page.goto(visit.base + "/query?" + __import__("urllib.parse").parse.urlencode({"query": query}))
    page.wait_for_selector("#yasqe .CodeMirror")
    assert page.evaluate("() => window.migkgYasqe.getValue()") == query
    cells = page.locator("#results table.dataTable tbody td:nth-child(2)")
    cells.first.wait_for()
    # The Ministry of Public Security leads 3.2.4 only.
    assert cells.all_inner_texts() == ["3.2.4"]
    visit.check_clean()


def test_network_page_is_drawn(visit):
    page = visit.page
    page.goto(visit.base + "/network")
    page.wait_for_selector("#netview[data-drawn='1']")
    assert page.locator(".netview-canvas canvas").count() >= 1
    count = page.evaluate("() => window.migkgNetwork.graph.order")
    # Ten agencies are named on the fixture's tasks … less MOJ, named on none: nine.
    assert count == 9
    # Placed labels never overlap one another.
    boxes = page.evaluate("() => window.migkgNetwork.labelBoxes()")
    assert boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x"] + a["w"] <= b["x"]
                or b["x"] + b["w"] <= a["x"]
                or a["y"] + a["h"] <= b["y"]
                or b["y"] + b["h"] <= a["y"]
            )
            assert apart, (a["id"], b["id"])
    # A click on MOLISA lists its partners and the tasks they share (II.2 with MOF).
    page.evaluate("() => window.migkgNetwork.focusOn('https://w3id.org/migkg/id/agency/molisa')")
    page.wait_for_selector("#netview[data-focused]")
    partners = page.locator(".netview-partners").inner_text()
    assert "Bộ Tài chính" in partners and "II.2" in partners
    visit.screenshot("network")
    visit.check_clean()


def test_agency_page_reached_by_a_click(visit):
    page = visit.page
    page.goto(visit.base + "/")
    page.locator("#most-loaded").get_by_role(
        "link", name="Bộ Lao động - Thương binh và Xã hội"
    ).click()
    page.wait_for_url(visit.base + "/id/agency/molisa")
    assert page.locator("h1").inner_text() == "Bộ Lao động - Thương binh và Xã hội"
    led = page.locator("#tasks-led")
    assert "3.2.3" in led.inner_text() and "II.2" in led.inner_text()
    # On to the task, then its convention.
    led.get_by_role("link", name="3.2.3").click()
    page.wait_for_url(visit.base + "/id/task/402-qd-ttg/3.2.3")
    assert "234" in page.locator(".sources").inner_text()
    visit.screenshot("task")
    page.go_back()
    page.wait_for_url(visit.base + "/id/agency/molisa")
    visit.screenshot("agency")
    visit.check_clean()


@pytest.mark.parametrize("path", ["/queries", "/charts", "/exports", "/id/plan/402-qd-ttg"])
def test_other_pages_load_cleanly(visit, path):
    visit.page.goto(visit.base + path)
    visit.page.wait_for_load_state("networkidle")
    visit.screenshot(path.strip("/").replace("/", "_"))
    visit.check_clean()
