"""A resource page names the document the resource was read from by the number and title of
the plan read from that same document, and by no other document's; also for a thing many
documents cite (the plans of the graph found in one pass)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from rdflib import URIRef

from graph.embedded import EmbeddedStore
from migkg.namespaces import ID
from webapp import paging

_GRAPH = """
@prefix mkg: <https://w3id.org/migkg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

id:document/doc-a mkg:fileName "doc-a.txt" .
id:document/doc-b mkg:fileName "doc-b.txt" .
id:plan/plan-a a mkg:Plan ; rdfs:label "Kế hoạch A"@vi ;
    mkg:adoptedBy id:instrument/plan-a ; prov:wasDerivedFrom id:document/doc-a .
id:instrument/plan-a mkg:number "12/KH-UBND" .
id:plan/plan-b a mkg:Plan ; rdfs:label "Kế hoạch B"@vi ;
    mkg:adoptedBy id:instrument/plan-b ; prov:wasDerivedFrom id:document/doc-b .
id:instrument/plan-b mkg:number "34/KH-UBND" .
id:task/plan-a/1.1 a mkg:Task ; mkg:code "1.1" ; mkg:taskOf id:plan/plan-a ;
    rdfs:label "Tuyên truyền"@vi ;
    prov:wasDerivedFrom id:document/doc-a ; mkg:sourceLineStart 7 ; mkg:sourceLineEnd 9 .
id:task/plan-b/2.1 a mkg:Task ; mkg:code "2.1" ; mkg:taskOf id:plan/plan-b ;
    rdfs:label "Kiểm tra"@vi ; prov:wasDerivedFrom id:document/doc-b .
"""


@pytest.fixture(scope="module")
def client() -> Iterator[FlaskClient]:
    import pyoxigraph as ox

    from webapp import create_app

    store = EmbeddedStore(None)
    # (id:… names hold "/", which Turtle's prefixed names do not take: written out in full)
    text = re.sub(r"\bid:(\S+)", r"<https://w3id.org/migkg/id/\1>", _GRAPH)
    store.native.load(
        text.encode("utf-8"),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode("https://w3id.org/migkg/graph/test"),
    )
    app = create_app({"TESTING": True, "MIGKG_STORE": store, "MIGKG_TODAY": "2025-06-01"})
    yield app.test_client()
    store.close()


def source_of(client: FlaskClient, path: str) -> str:
    r = client.get(path)
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    html = r.get_data(as_text=True)
    start = html.index('id="source"')
    return html[start : html.index("</section>", start)]


def test_the_source_is_named_by_the_plan_read_from_it(client: FlaskClient) -> None:
    source = source_of(client, "/id/task/plan-a/1.1")
    assert "12/KH-UBND · Kế hoạch A" in source
    assert 'href="/id/document/doc-a?lines=7-9#L7"' in source
    assert "34/KH-UBND" not in source and "doc-b" not in source


def test_each_resource_names_its_own_document(client: FlaskClient) -> None:
    source = source_of(client, "/id/task/plan-b/2.1")
    assert "34/KH-UBND · Kế hoạch B" in source
    assert "12/KH-UBND" not in source and "doc-a" not in source


@pytest.fixture(scope="module")
def corpus(corpus_store_dir: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(corpus_store_dir, read_only=True)
    yield s
    s.close()


def numbers(store: EmbeddedStore, iri: URIRef) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in store.select(paging.bound("resource_source", iri)).dicts():
        out.setdefault(str(row["doc"]).rsplit("/", 1)[-1], set()).add(str(row["docNumber"]))
    return out


def test_a_directive_cited_by_two_documents_names_both_by_their_plans(corpus) -> None:
    # Directive 20-CT/TW is implemented by Resolution 225/NQ-CP (002_…) and by the Hải
    # Dương Party Committee's Plan 139-KH/TU (004_…): see the corpus README
    assert numbers(corpus, URIRef(str(ID) + "instrument/20-ct-tw")) == {
        "002_cdf9dff2b193bbc4": {"225/NQ-CP"},
        "004_44fe940d6642e291": {"139-KH/TU"},
    }


def test_a_task_of_the_corpus_names_its_one_document(corpus) -> None:
    assert numbers(corpus, URIRef(str(ID) + "task/225-nq-cp/II.4")) == {
        "002_cdf9dff2b193bbc4": {"225/NQ-CP"}
    }


def test_many_sources_are_shown_a_page_at_a_time(corpus, monkeypatch) -> None:
    # Directive 20-CT/TW comes from two documents (above): at one row a page, its sources
    # run to two pages or more, which together show every row once; a page past the last
    # is a 400 naming the parameter.
    from webapp import create_app

    app = create_app({"TESTING": True, "MIGKG_STORE": corpus})
    client = app.test_client()
    path = "/id/instrument/20-ct-tw"
    every = source_of(client, path).count('<li class="source">')
    assert every >= 2
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    first = source_of(client, path)
    assert first.count('<li class="source">') == 1 and 'id="source-pages"' in first
    shown = [
        source_of(client, f"{path}?source_page={n}").split('<li class="source">')[1]
        for n in range(1, every + 1)
    ]
    assert len(set(shown)) == every
    bad = client.get(f"{path}?source_page={every + 1}")
    assert bad.status_code == 400 and "source_page" in bad.get_data(as_text=True)
