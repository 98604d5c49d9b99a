"""Resource IRIs dereferenced at /id/...: the page of each kind of thing, and its RDF
description by content negotiation (parsed back with rdflib), over the fixture graph."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS, SKOS

from migkg.namespaces import ID, MKG

# A province and one of its bodies, as the gazetteer and data/reference/provinces_2025.csv
# give them: the Kiên Giang Department of Foreign Affairs (it leads the assignment of letter
# 1692/VP-VHXH, corpus file 000); Kiên Giang was merged into An Giang from 1 July 2025.
PROVINCE_TRIG = """
@prefix mkg: <https://w3id.org/migkg/ontology#> .
@prefix id: <https://w3id.org/migkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
id:graph\\/reference {
  id:province\\/kien-giang a mkg:Province ; rdfs:label "Kiên Giang"@vi , "Kien Giang"@en ;
      mkg:provinceKind "province" ; mkg:validUntil "2025-06-30"^^xsd:date .
  id:province\\/an-giang a mkg:Province ; rdfs:label "An Giang"@vi , "An Giang"@en ;
      mkg:provinceKind "province" .
  id:agency\\/kien-giang-dofa a mkg:ProvincialDepartment ;
      rdfs:label "Sở Ngoại vụ tỉnh Kiên Giang"@vi ,
          "Kiên Giang Department of Foreign Affairs"@en ;
      mkg:level "provincial" ; mkg:province id:province\\/kien-giang .
  id:change\\/kien-giang-2025 a org:ChangeEvent ;
      org:originalOrganization id:province\\/kien-giang ;
      org:resultingOrganization id:province\\/an-giang ;
      dcterms:date "2025-07-01"^^xsd:date ; mkg:changeKind "merged into" ;
      mkg:referenceStatus "confirmed" .
}
"""


@pytest.fixture(scope="module")
def client(make_site_app):
    return make_site_app(PROVINCE_TRIG).test_client()


def section(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}"')
    end = html.find("</section>", start)
    return html[start : end if end != -1 else len(html)]


def page(client, path: str, **kw) -> str:
    r = client.get(path, **kw)
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    assert r.mimetype == "text/html"
    return r.get_data(as_text=True)


# --- pages of each kind


def test_agency_page_lists_tasks_led_and_joined(client):
    html = page(client, "/id/agency/molisa")
    assert "<h1>Bộ Lao động - Thương binh và Xã hội</h1>" in html
    led = section(html, "tasks-led")
    # MOLISA leads 3.2.3 of Decision 402 and II.2 of Resolution 225.
    assert 'href="/id/task/402-qd-ttg/3.2.3"' in led
    assert 'href="/id/task/225-nq-cp/II.2"' in led
    assert "402/QĐ-TTg" in led and "225/NQ-CP" in led
    assert "Nhiệm vụ phối hợp (0)" in html
    # Its other names, and the agencies it works with on II.2.
    assert '<span class="tag">Bộ LĐTBXH</span>' in html
    partners = section(html, "partner-table")
    assert 'href="/id/agency/mofa"' in partners and 'href="/id/agency/mof"' in partners


def test_agency_page_separates_lead_from_cooperation(client):
    html = page(client, "/id/agency/mofa")
    # MOFA leads 1.4 (with four others) and cooperates on II.2.
    assert 'href="/id/task/402-qd-ttg/1.4"' in section(html, "tasks-led")
    assert 'href="/id/task/225-nq-cp/II.2"' in section(html, "tasks-joined")
    assert "II.2" not in section(html, "tasks-led")


def test_task_page_shows_conventions_agencies_and_source(client):
    html = page(client, "/id/task/402-qd-ttg/3.2.3")
    assert "<h1>Nhiệm vụ 3.2.3 — 402/QĐ-TTg</h1>" in html
    assert "Công ước số 105 năm 1957 của ILO" in html
    refers = section(html, "refers-table")
    assert 'href="/id/instrument/ilo-c087"' in refers
    assert 'href="/id/instrument/ilo-c105"' in refers
    # Viet Nam's status under each, in the reader's language.
    assert "chưa phê chuẩn" in refers and "đã phê chuẩn (2020)" in refers
    english = page(client, "/id/task/402-qd-ttg/3.2.3", headers={"Accept-Language": "en"})
    english = section(english, "refers-table")
    assert "not ratified" in english and "ratified (2020)" in english
    assert 'href="/id/agency/molisa"' in html[html.index('id="lead-agencies"') :][:400]
    coop = html[html.index('id="cooperating-agencies"') :][:400]
    assert 'href="/id/agency/related-ministries-agencies-localities"' in coop
    # Where it came from: the file and the line of the appendix row.
    source = section(html, "source")
    assert 'href="/id/document/000_2ea71573e8b386bf?lines=' in source
    assert "000_2ea71573e8b386bf.txt" in source
    assert '<span class="lines">234</span>' in source
    # Its group, output and timeframe.
    assert 'href="/id/task/402-qd-ttg/3.2"' in html
    assert "Tờ trình phê chuẩn công ước quốc tế" in html
    assert "2020-2023" in html


def test_task_group_page_lists_its_tasks(client):
    html = page(client, "/id/task/402-qd-ttg/3.2")
    children = section(html, "children")
    assert children.index("3.2.3") < children.index("3.2.4")


def test_plan_page_lists_tasks_in_code_order(client):
    html = page(client, "/id/plan/402-qd-ttg")
    table = section(html, "plan-task-table")
    codes = re.findall(r'<a href="/id/task/402-qd-ttg/[^"]+">([^<]+)</a>', table)
    assert codes == ["1", "1.4", "3", "3.2", "3.2.3", "3.2.4"]
    # Group rows stand out; the count is of tasks that are not groups.
    assert table.count("group-row") == 3
    assert "(3)" in html[html.index('id="plan-tasks"') :][:200]  # 1.4, 3.2.3, 3.2.4
    # The plan carries out the GCM and was adopted by Decision 402.
    links = section(html, "instrument-links")
    assert 'href="/id/instrument/gcm"' in links
    assert 'href="/id/instrument/402-qd-ttg"' in links


def test_instrument_page_links_both_ways(client):
    html = page(client, "/id/instrument/gcm")
    links = section(html, "instrument-links")
    # Decision 402 and its plan implement the GCM.
    assert 'href="/id/instrument/402-qd-ttg"' in links
    assert 'href="/id/plan/402-qd-ttg"' in links
    html = page(client, "/id/instrument/225-nq-cp")
    assert 'href="/id/instrument/20-ct-tw"' in section(html, "instrument-links")


def test_convention_page_shows_status_and_who_leads_its_study(client):
    html = page(client, "/id/instrument/ilo-c087")
    assert "Freedom of Association and Protection of the Right to Organise" in html
    assert "chưa phê chuẩn" in html
    table = section(html, "referring-task-table")
    assert 'href="/id/task/402-qd-ttg/3.2.3"' in table
    assert 'href="/id/agency/molisa"' in table


def test_province_page_lists_bodies_and_restructuring(client):
    html = page(client, "/id/province/kien-giang")
    assert "<h1>Kiên Giang</h1>" in html
    assert 'href="/id/agency/kien-giang-dofa"' in section(html, "province-agencies")
    changes = section(html, "changes")
    assert "2025-07-01" in changes and 'href="/id/province/an-giang"' in changes
    html = page(client, "/id/agency/kien-giang-dofa")
    assert 'href="/id/province/kien-giang"' in html


def test_other_resources_get_the_generic_page(client):
    html = page(client, "/id/document/000_2ea71573e8b386bf")
    assert 'id="all-data"' in html
    # What points at the document: the tasks and the instrument read from it.
    assert 'href="/id/task/402-qd-ttg/3.2.3"' in html


def test_pages_follow_the_language(client):
    html = page(client, "/id/agency/molisa?lang=en")
    assert "<h1>Ministry of Labour, Invalids and Social Affairs</h1>" in html
    assert "Tasks it leads (2)" in html


# --- content negotiation


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize("accept", [BROWSER_ACCEPT, "text/html", "*/*", None])
def test_browsers_get_html(client, accept):
    headers = {"Accept": accept} if accept else {}
    r = client.get("/id/agency/molisa", headers=headers)
    assert r.status_code == 200
    assert r.mimetype == "text/html"
    assert "Accept" in r.headers.get("Vary", "")


def test_turtle_description_parses_back(client):
    r = client.get("/id/task/402-qd-ttg/3.2.3", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    assert r.mimetype == "text/turtle"
    g = Graph().parse(data=r.data, format="turtle")
    task = ID["task/402-qd-ttg/3.2.3"]
    assert (task, MKG.leadAgency, ID["agency/molisa"]) in g
    assert (task, MKG.refersTo, ID["instrument/ilo-c105"]) in g
    assert (task, MKG.sourceLineStart, Literal(234)) in g
    # The labels of what it links to come along.
    molisa_vi = Literal("Bộ Lao động - Thương binh và Xã hội", lang="vi")
    assert (ID["agency/molisa"], RDFS.label, molisa_vi) in g
    # but not the rest of what is said about them, nor other resources.
    assert not list(g.triples((ID["agency/molisa"], SKOS.altLabel, None)))
    assert not list(g.triples((ID["task/225-nq-cp/II.2"], None, None)))


def test_jsonld_description_parses_back(client):
    r = client.get("/id/agency/mofa", headers={"Accept": "application/ld+json"})
    assert r.status_code == 200
    assert r.mimetype == "application/ld+json"
    json.loads(r.data)
    g = Graph().parse(data=r.data, format="json-ld")
    assert (ID["agency/mofa"], RDFS.label, Literal("Ministry of Foreign Affairs", lang="en")) in g
    assert (ID["agency/mofa"], RDFS.label, Literal("Bộ Ngoại giao", lang="vi")) in g


def test_ntriples_description_parses_back(client):
    r = client.get("/id/plan/225-nq-cp", headers={"Accept": "application/n-triples"})
    assert r.mimetype == "application/n-triples"
    g = Graph().parse(data=r.data, format="nt")
    assert (ID["plan/225-nq-cp"], MKG.implements, ID["instrument/20-ct-tw"]) in g


def test_rdf_preferred_by_quality(client):
    accept = "text/html;q=0.5, text/turtle;q=0.9"
    r = client.get("/id/agency/molisa", headers={"Accept": accept})
    assert r.mimetype == "text/turtle"


def test_format_parameter_downloads(client):
    r = client.get("/id/task/402-qd-ttg/3.2.3?format=ttl")
    assert r.mimetype == "text/turtle"
    assert r.headers["Content-Disposition"].startswith("attachment;")
    assert (ID["task/402-qd-ttg/3.2.3"], MKG.code, Literal("3.2.3")) in Graph().parse(
        data=r.data, format="turtle"
    )
    r = client.get("/id/task/402-qd-ttg/3.2.3?format=nope")
    assert r.status_code == 400
    assert "format" in r.get_data(as_text=True)


def test_unacceptable_accept_is_406(client):
    r = client.get("/id/agency/molisa", headers={"Accept": "image/png"})
    assert r.status_code == 406


@pytest.mark.parametrize(
    "path",
    ["/id/agency/nobody", "/id/task/402-qd-ttg/9.9.9", "/id/agency/mo fa", "/id/x%3Cy%3E"],
)
def test_unknown_resources_are_404(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.mimetype == "text/html"
    r = client.get(path, headers={"Accept": "text/turtle"})
    assert r.status_code == 404
