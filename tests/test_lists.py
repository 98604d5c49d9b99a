"""Search and browse over the fixture graph (tests/data/mini.trig): the search box, list
pages with facets, paging and their CSV and JSON downloads."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import RDF

from migkg.namespaces import ID, MKG

FIXTURE = Path(__file__).resolve().parent / "data" / "mini.trig"


@pytest.fixture(scope="module")
def fixture_graph():
    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    return ds


@pytest.mark.parametrize("query", ["bo ngoai giao", "Bộ Ngoại giao", "BO NGOAI GIAO", "ngoại giao"])
def test_search_finds_a_name_with_or_without_diacritics(site_client, query):
    r = site_client.get("/search", query_string={"q": query, "format": "json"})
    hits = json.loads(r.get_data(as_text=True))
    assert hits[0]["iri"] == str(ID["agency/mofa"])
    assert hits[0]["kind"] == "agency"


def test_search_page_shows_the_kind_of_each_hit(site_client):
    html = site_client.get("/search?q=ngoai+giao").get_data(as_text=True)
    hit = html[html.index('id="search-hits"') :]
    assert 'href="/id/agency/mofa"' in hit
    assert '<span class="tag kind">Cơ quan</span>' in hit


def test_search_by_alternative_label_and_number(site_client):
    hits = json.loads(site_client.get("/search?q=MOFA&format=json").get_data(as_text=True))
    assert hits[0]["iri"] == str(ID["agency/mofa"])
    hits = json.loads(site_client.get("/search?q=402/QD-TTg&format=json").get_data(as_text=True))
    assert {h["kind"] for h in hits[:2]} == {"plan", "instrument"}


def test_search_box_on_every_page(site_client):
    for path in ["/", "/queries", "/id/agency/mofa", "/id/agency/", "/exports"]:
        assert 'class="site-search"' in site_client.get(path).get_data(as_text=True)


def test_every_list_answers(site_client):
    for kind in ["agency", "task", "plan", "instrument", "document"]:
        r = site_client.get(f"/id/{kind}/")
        assert r.status_code == 200, kind
        assert 'id="list-table"' in r.get_data(as_text=True)
    # The fixture holds no province: the list says so.
    assert "Không có mục nào" in site_client.get("/id/province/").get_data(as_text=True)


def test_agency_list_facet_counts_and_filter(site_client, fixture_graph):
    central = {
        str(s)
        for s, _p, o, _g in fixture_graph.quads((None, MKG.level, None, None))
        if o == Literal("central")
    }
    data = json.loads(site_client.get("/id/agency/?format=json").get_data(as_text=True))
    levels = {f["value"]: f["count"] for f in data["facets"]["level"]}
    assert levels["central"] == len(central)
    chosen = json.loads(
        site_client.get("/id/agency/?format=json&level=central").get_data(as_text=True)
    )
    assert chosen["total"] == len(central)
    assert {row["iri"] for row in chosen["rows"]} == central


def test_agency_list_downloads_as_csv_with_the_filter(site_client, fixture_graph):
    central = {
        str(s)
        for s, _p, o, _g in fixture_graph.quads((None, MKG.level, None, None))
        if o == Literal("central")
    }
    html = site_client.get("/id/agency/?level=central").get_data(as_text=True)
    assert 'href="/id/agency/?level=central&amp;format=csv"' in html
    r = site_client.get("/id/agency/?level=central&format=csv")
    assert r.mimetype == "text/csv" and "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    assert {row["iri"] for row in rows} == central
    assert {row["level_label"] for row in rows} == {"trung ương"}


def test_lists_are_paged(site_client, fixture_graph):
    tasks = {str(s) for s, _p, _o, _g in fixture_graph.quads((None, RDF.type, MKG.Task, None))}
    tasks |= {
        str(s) for s, _p, _o, _g in fixture_graph.quads((None, RDF.type, MKG.TaskGroup, None))
    }
    first = json.loads(site_client.get("/id/task/?format=json&size=2").get_data(as_text=True))
    assert first["total"] == len(tasks) and first["pages"] == -(-len(tasks) // 2)
    seen = []
    url = "/id/task/?format=json&size=2"
    while url:
        page = json.loads(site_client.get(url).get_data(as_text=True))
        seen += [row["iri"] for row in page["rows"]]
        url = page["next_url"]
    assert sorted(seen) == sorted(tasks)


def test_bad_paging_is_a_400(site_client):
    assert site_client.get("/id/task/?page=abc").status_code == 400
    assert site_client.get("/id/task/?size=²").status_code == 400
    assert site_client.get("/id/task/?format=xls").status_code == 400


PLANS_TRIG = """
@base <https://w3id.org/migkg/id/> .
@prefix mkg: <https://w3id.org/migkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:test:plans> {
  <plan/1176-kh> a mkg:Plan ; mkg:number "1176/KH-UBND" ; rdfs:label "Kế hoạch 1176"@vi .
  <plan/118-kh> a mkg:Plan ; mkg:number "118/KH-UBND" ; rdfs:label "Kế hoạch 118"@vi .
  <task/1176-kh/1> a mkg:Task ; mkg:code "1" ; mkg:taskOf <plan/1176-kh> ;
    rdfs:label "Nhiệm vụ của kế hoạch 1176"@vi .
  <task/118-kh/2> a mkg:Task ; mkg:code "2" ; mkg:taskOf <plan/118-kh> ;
    rdfs:label "Nhiệm vụ thứ hai của kế hoạch 118"@vi .
  <task/118-kh/10> a mkg:Task ; mkg:code "10" ; mkg:taskOf <plan/118-kh> ;
    rdfs:label "Nhiệm vụ thứ mười của kế hoạch 118"@vi .
}
"""


def test_the_task_list_orders_plan_numbers_and_codes_as_read(make_site_app):
    client = make_site_app(PLANS_TRIG).test_client()
    page = json.loads(client.get("/id/task/?format=json&size=100").get_data(as_text=True))
    ours = [row["iri"].rsplit("/id/task/", 1)[1] for row in page["rows"]]
    ours = [key for key in ours if key.split("/")[0] in ("118-kh", "1176-kh")]
    # 118 before 1176 (as numbers, not as text), and within a plan 2 before 10
    assert ours == ["118-kh/2", "118-kh/10", "1176-kh/1"]
