"""Labels that contain markup are shown as text, never run: on the agency page, the home
page, the canned-query and task pages, the network view and the SPARQL page's results."""

from __future__ import annotations

import json
import re
from html import unescape as html_unescape
from html.parser import HTMLParser

import pytest
from expect import found

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
ALT = "<b onmouseover=alert(2)>bold</b>"

# An agency whose names are hostile, leading four tasks (more than any other agency, so it
# heads the home page's table), and a task text with markup.
HOSTILE_TRIG = f"""
@prefix mkg: <https://w3id.org/migkg/ontology#> .
@prefix id: <https://w3id.org/migkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
id:graph\\/reference {{
  id:agency\\/hostile a mkg:Ministry ; mkg:level "central" ;
      rdfs:label {json.dumps(SCRIPT)}@vi , {json.dumps(IMG)}@en ;
      skos:altLabel {json.dumps(ALT)} .
}}
id:document\\/000_2ea71573e8b386bf {{
  id:task\\/402-qd-ttg\\/1.4 mkg:leadAgency id:agency\\/hostile .
  id:task\\/402-qd-ttg\\/3.2.3 mkg:leadAgency id:agency\\/hostile .
  id:task\\/402-qd-ttg\\/3.2.4 mkg:leadAgency id:agency\\/hostile .
  id:task\\/402-qd-ttg\\/3.2.4 rdfs:label {json.dumps(IMG + " task")}@en .
}}
id:document\\/002_cdf9dff2b193bbc4 {{
  id:task\\/225-nq-cp\\/II.2 mkg:cooperatingAgency id:agency\\/hostile .
}}
"""


class Audit(HTMLParser):
    """Every element that could run code: scripts, images, event-handler attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.images = 0
        self.handlers: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))
        if tag == "img":
            self.images += 1
        self.handlers += [name for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def audit(html: str) -> Audit:
    a = Audit()
    a.feed(html)
    a.close()
    return a


def assert_inert(html: str, *shown: str) -> None:
    """No injected element or handler, and each hostile string readable as text."""
    a = audit(html)
    assert a.images == 0
    assert a.handlers == []
    for attrs in a.scripts:
        # Only the app's own script files and JSON data blocks.
        assert (attrs.get("src") or "").startswith("/") or attrs.get("type") == (
            "application/json"
        ), attrs
    text = "".join(a.text)
    for s in shown:
        assert s in text
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html


@pytest.fixture(scope="module")
def app(make_site_app):
    return make_site_app(HOSTILE_TRIG)


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.mark.parametrize(("lang", "shown"), [("vi", SCRIPT), ("en", IMG)])
def test_agency_page(client, lang, shown):
    html = client.get(f"/id/agency/hostile?lang={lang}").get_data(as_text=True)
    assert_inert(html, shown, ALT)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&#34;&gt;&lt;img" in html
    title = found(r"<title>(.*?)</title>", html).group(1)
    assert "<" not in title


@pytest.mark.parametrize(("lang", "shown"), [("vi", SCRIPT), ("en", IMG)])
def test_home_page(client, lang, shown):
    html = client.get(f"/?lang={lang}").get_data(as_text=True)
    assert_inert(html, shown)
    first_row = html[html.index('id="most-loaded"') :].split("<tbody>")[1].split("</tr>")[0]
    assert 'href="/id/agency/hostile"' in first_row


def test_task_and_canned_query_pages(client):
    html = client.get("/id/task/402-qd-ttg/3.2.4?lang=en").get_data(as_text=True)
    assert_inert(html, IMG + " task", IMG)
    html = client.get("/queries?lang=vi").get_data(as_text=True)
    assert_inert(html, SCRIPT)
    html = client.get("/queries/agency_tasks?agency=hostile").get_data(as_text=True)
    assert_inert(html, IMG + " task")


def network_data(html: str) -> dict:
    raw = found(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S)
    return json.loads(raw.group(1))


@pytest.mark.parametrize(("lang", "shown"), [("vi", SCRIPT), ("en", IMG)])
def test_network_view(client, lang, shown):
    html = client.get(f"/network?lang={lang}").get_data(as_text=True)
    assert_inert(html)
    # The search list offers the name whole, as an attribute value.
    options = re.findall(r'<option value="([^"]*)"></option>', html)
    assert shown in {html_unescape(o) for o in options}
    # The label sits whole inside the JSON block: it did not close the script element.
    node = next(n for n in network_data(html)["nodes"] if n["id"].endswith("/agency/hostile"))
    assert node["name"] == shown


def test_charts(client):
    html = client.get("/charts?agency=hostile").get_data(as_text=True)
    assert_inert(html, SCRIPT)


# --- in the browser: what the scripts insert


@pytest.fixture(scope="module")
def base(app, serve_site):
    return serve_site(app)


@pytest.fixture()
def page(chromium, base):
    context = browser_context(chromium)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def browser_context(chromium):
    # A Vietnamese reader: the site follows the browser's language.
    context = chromium.new_context(locale="vi-VN")

    def only_loopback(route):
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_loopback)
    return context


def no_injected_elements(page) -> None:
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert (
        page.evaluate(
            "[...document.querySelectorAll('*')].some(e =>"
            " [...e.attributes].some(a => a.name.startsWith('on')))"
        )
        is False
    )
    assert page.dialogs == []


@pytest.mark.browser
def test_sparql_results_insert_text(page, base):
    query = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?label WHERE { <https://w3id.org/migkg/id/agency/hostile> rdfs:label ?label }"
        " ORDER BY ?label"
    )
    page.goto(base + "/query")
    page.wait_for_selector("#yasqe .CodeMirror")
    page.evaluate("q => window.migkgYasqe.setValue(q)", query)
    page.click("#run")
    # The result table (YASR's): a row number, then the label.
    cells = page.locator("#results table.dataTable tbody td:nth-child(2)")
    cells.first.wait_for()
    texts = cells.evaluate_all("tds => tds.map(td => td.textContent)")
    # Shown as SPARQL literals: "text"@lang.
    values = [found(r'\A"(.*)"(@[a-z-]+)?\Z', text, re.S).group(1) for text in texts]
    assert sorted(values) == sorted([SCRIPT, IMG])
    assert page.locator("#results script").count() == 0
    no_injected_elements(page)


@pytest.mark.browser
def test_network_details_insert_text(page, base):
    page.goto(base + "/network?lang=en")
    page.wait_for_selector("#netview[data-drawn='1']")
    search = page.locator(".netview-search")
    search.fill(IMG)
    search.dispatch_event("change")
    page.wait_for_selector("#netview[data-focused]")
    page.wait_for_function(
        "t => document.querySelector('.netview-focus-name').textContent === t", arg=IMG
    )
    no_injected_elements(page)


@pytest.mark.browser
def test_agency_page_in_the_browser(page, base):
    page.goto(base + "/id/agency/hostile")
    assert page.locator("h1").text_content() == SCRIPT
    assert page.title().startswith(SCRIPT)
    no_injected_elements(page)
