"""Source documents: a page with the text as the build read it, numbered lines with anchors,
the cited lines highlighted; every "derived from" links there; documents named by number
and title."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from expect import found

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOC = "000_2ea71573e8b386bf"
# The plan read from the document, as the build records it.
PLAN_FROM_DOC = """
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix id: <https://w3id.org/migkg/id/> .
id:document\\/000_2ea71573e8b386bf {
  id:plan\\/402-qd-ttg prov:wasDerivedFrom id:document\\/000_2ea71573e8b386bf .
}
"""


@pytest.fixture(scope="module")
def client(make_site_app):
    return make_site_app(PLAN_FROM_DOC).test_client()


def test_document_page_shows_every_line_numbered(client):
    lines = (CORPUS / f"{DOC}.txt").read_text(encoding="utf-8").splitlines()
    html = client.get(f"/id/document/{DOC}").get_data(as_text=True)
    assert f'id="L{len(lines)}"' in html and f'id="L{len(lines) + 1}"' not in html
    # A line with text shows that text under its own anchor.
    n = next(i for i, line in enumerate(lines, 1) if "Thỏa thuận" in line)
    row = found(rf'id="L{n}">.*?</div>', html, re.S).group(0)
    assert lines[n - 1].strip() in row.replace("&#39;", "'")


def test_document_named_by_number_and_title(client):
    html = client.get(f"/id/document/{DOC}").get_data(as_text=True)
    assert re.search(r"<h1[^>]*>402/QĐ-TTg · Kế hoạch triển khai", html)
    listing = client.get("/id/document/").get_data(as_text=True)
    table = listing[listing.index('id="list-table"') :]
    assert f'<a href="/id/document/{DOC}">402/QĐ-TTg</a>' in table
    assert f">{DOC}.txt<" not in table.split("<td>")[1]


def test_derived_from_links_to_the_lines_highlighted(client):
    html = client.get("/id/task/402-qd-ttg/3.2.3").get_data(as_text=True)
    link = found(r'<a href="([^"]+)" class="derived-from"', html).group(1)
    assert link.startswith(f"/id/document/{DOC}?lines=")
    span = link.split("lines=")[1].split("#")[0]
    start, _, end = span.partition("-")
    target = client.get(link.split("#")[0]).get_data(as_text=True)
    highlighted = re.findall(r'class="line hl" id="L(\d+)"', target)
    assert highlighted[0] == start and highlighted[-1] == (end or start)
    assert link.endswith(f"#L{start}")


def test_bad_line_span_is_a_400(client):
    r = client.get(f"/id/document/{DOC}?lines=abc")
    assert r.status_code == 400 and "lines" in r.get_data(as_text=True)
