"""/sparql per the SPARQL 1.1 Protocol, through Flask's test client over the fixture graph.

Expected values are read from tests/data/mini.trig. The real server, real clients and
the safety limits under load are in test_sparqlwrapper.py and test_safety.py.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from graph.embedded import EmbeddedStore
from migkg.namespaces import ID, MKG, RDFS
from webapp import create_app

DATA = Path(__file__).resolve().parent / "data"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
DOC_402 = ID["document/000_2ea71573e8b386bf"]
DOC_225 = ID["document/002_cdf9dff2b193bbc4"]
REFERENCE = ID["graph/reference"]
TASK_323 = ID["task/402-qd-ttg/3.2.3"]
MOLISA = ID["agency/molisa"]
P = "PREFIX mkg: <https://w3id.org/migkg/ontology#>\n"
LEAD_323 = P + "SELECT ?a WHERE { ?t mkg:code '3.2.3' ; mkg:leadAgency ?a }"
LEADS_14 = P + "SELECT ?a WHERE { ?t mkg:code '1.4' ; mkg:leadAgency ?a }"  # five agencies
CONSTRUCT_323 = (
    P + "CONSTRUCT { ?t mkg:leadAgency ?a } WHERE { ?t mkg:code '3.2.3' ; mkg:leadAgency ?a }"
)


def mini_store() -> EmbeddedStore:
    store = EmbeddedStore(None)
    ds = Dataset()
    ds.parse(DATA / "mini.trig", format="trig")
    store.replace(ds)
    return store


@pytest.fixture(scope="module")
def store() -> Iterator[EmbeddedStore]:
    s = mini_store()
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: EmbeddedStore):
    app = create_app({"TESTING": True, "MIGKG_STORE": store})
    return app.test_client()


def bindings(response, var: str) -> list[str]:
    data = json.loads(response.data)
    return sorted(b[var]["value"] for b in data["results"]["bindings"] if var in b)


# --- the three ways to send a query


def test_get(client) -> None:
    r = client.get("/sparql", query_string={"query": LEAD_323})
    assert r.status_code == 200
    assert r.mimetype == "application/sparql-results+json"
    assert bindings(r, "a") == [str(MOLISA)]


def test_post_form(client) -> None:
    r = client.post("/sparql", data={"query": LEAD_323})
    assert r.status_code == 200 and bindings(r, "a") == [str(MOLISA)]


def test_post_direct(client) -> None:
    r = client.post(
        "/sparql",
        data=LEAD_323.encode("utf-8"),
        content_type="application/sparql-query; charset=utf-8",
    )
    assert r.status_code == 200 and bindings(r, "a") == [str(MOLISA)]


def test_vietnamese_literal_in_the_query(client) -> None:
    q = f"SELECT ?a WHERE {{ ?a <{RDFS.label}> 'Bộ Công an'@vi }}"
    r = client.post("/sparql", data=q.encode("utf-8"), content_type="application/sparql-query")
    assert bindings(r, "a") == [str(ID["agency/mps"])]


# --- the dataset


def test_default_graph_uri_restricts_the_default_graph(client) -> None:
    q = (
        f"SELECT ?x WHERE {{ {{ ?x <{MKG.code}> '3.2.3' }} "
        f"UNION {{ ?x a <{MKG.Ministry}> FILTER(?x = <{MOLISA}>) }} }}"
    )
    r = client.get("/sparql", query_string={"query": q, "default-graph-uri": str(REFERENCE)})
    assert bindings(r, "x") == [str(MOLISA)]
    r = client.post(
        f"/sparql?default-graph-uri={DOC_402}", data=q, content_type="application/sparql-query"
    )
    assert bindings(r, "x") == [str(TASK_323)]


def test_named_graph_uri_restricts_graph_clauses(client) -> None:
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert bindings(client.get("/sparql", query_string={"query": q}), "g") == sorted(
        map(str, (DOC_402, DOC_225, REFERENCE))
    )
    r = client.post("/sparql", data={"query": q, "named-graph-uri": str(DOC_225)})
    assert bindings(r, "g") == [str(DOC_225)]


def test_from_an_own_graph(client) -> None:
    q = (
        f"SELECT ?l FROM <{REFERENCE}> "
        f"WHERE {{ <{MOLISA}> <{RDFS.label}> ?l FILTER(lang(?l) = 'en') }}"
    )
    r = client.get("/sparql", query_string={"query": q})
    assert bindings(r, "l") == ["Ministry of Labour, Invalids and Social Affairs"]
    q = f"SELECT ?l FROM <{DOC_402}> WHERE {{ <{MOLISA}> <{RDFS.label}> ?l }}"
    assert bindings(client.get("/sparql", query_string={"query": q}), "l") == []


def test_graph_uri_of_another_store_is_refused(client) -> None:
    r = client.get(
        "/sparql", query_string={"query": LEAD_323, "default-graph-uri": "http://example.org/g"}
    )
    assert r.status_code == 403
    assert "http://example.org/g" in r.get_json()["message"]


# --- result formats


@pytest.mark.parametrize(
    ("accept", "mimetype"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
        ("application/json;q=0.2, text/csv;q=0.9", "text/csv"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_formats_by_accept(client, accept: str, mimetype: str) -> None:
    r = client.get("/sparql", query_string={"query": LEAD_323}, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == mimetype
    assert str(MOLISA).encode() in r.data
    assert "Accept" in r.headers.get("Vary", "")


def test_answers_do_not_vary_by_the_readers_language(client) -> None:
    # The answer is the same in any language: a cache need not keep one per language.
    r = client.get(
        "/sparql",
        query_string={"query": LEAD_323, "lang": "en"},
        headers={"Accept-Language": "en", "Cookie": "lang=vi"},
    )
    assert r.status_code == 200
    vary = {v.strip() for v in r.headers.get("Vary", "").split(",")}
    assert "Accept" in vary and not vary & {"Accept-Language", "Cookie"}
    assert "Set-Cookie" not in r.headers


def test_format_parameter_overrides_accept(client) -> None:
    r = client.get(
        "/sparql",
        query_string={"query": LEAD_323, "format": "csv"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.mimetype == "text/csv"
    assert list(csv.reader(io.StringIO(r.data.decode()))) == [["a"], [str(MOLISA)]]


@pytest.mark.parametrize(
    ("accept", "mimetype", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        (None, "text/turtle", "turtle"),
    ],
)
def test_construct_formats(client, accept, mimetype, rdflib_format) -> None:
    headers = {"Accept": accept} if accept else {}
    r = client.get("/sparql", query_string={"query": CONSTRUCT_323}, headers=headers)
    assert r.status_code == 200 and r.mimetype == mimetype
    g = Graph().parse(data=r.data, format=rdflib_format)
    assert set(g) == {(TASK_323, MKG.leadAgency, MOLISA)}


def test_describe(client) -> None:
    r = client.get("/sparql", query_string={"query": f"DESCRIBE <{MOLISA}>"})
    g = Graph().parse(data=r.data, format="turtle")
    assert (MOLISA, RDFS.label, Literal("Bộ Lao động - Thương binh và Xã hội", lang="vi")) in g


def test_ask(client) -> None:
    q = P + f"ASK {{ <{TASK_323}> mkg:refersTo <{ID['instrument/ilo-c105']}> }}"
    assert client.get("/sparql", query_string={"query": q}).get_json() == {
        "head": {},
        "boolean": True,
    }


def test_unacceptable_accept_is_406(client) -> None:
    r = client.get("/sparql", query_string={"query": LEAD_323}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "text/csv" in r.get_json()["message"]
    # a table cannot be sent as a graph format, nor a graph as a table
    r = client.get("/sparql", query_string={"query": LEAD_323}, headers={"Accept": "text/turtle"})
    assert r.status_code == 406
    r = client.get("/sparql", query_string={"query": CONSTRUCT_323}, headers={"Accept": "text/csv"})
    assert r.status_code == 406


# --- the row cap


@pytest.fixture(scope="module")
def capped(store: EmbeddedStore):
    return create_app({"TESTING": True, "MIGKG_STORE": store, "max_rows": 2}).test_client()


def test_row_cap_in_json(capped) -> None:
    r = capped.get("/sparql", query_string={"query": LEADS_14})
    assert r.headers["X-Migkg-Truncated"] == "2"
    data = r.get_json()
    assert len(data["results"]["bindings"]) == 2
    assert data["migkg"] == {"truncated": True, "maxRows": 2}
    assert "X-Migkg-Truncated" in r.headers["Access-Control-Expose-Headers"]


def test_row_cap_in_xml_and_csv(capped) -> None:
    r = capped.get("/sparql", query_string={"query": LEADS_14, "format": "xml"})
    assert r.data.count(b"<result>") == 2 and b"truncated at 2 rows" in r.data
    r = capped.get("/sparql", query_string={"query": LEADS_14, "format": "csv"})
    assert len(r.data.decode().splitlines()) == 3 and r.headers["X-Migkg-Truncated"] == "2"


def test_no_cap_statement_when_under_the_cap(capped) -> None:
    r = capped.get("/sparql", query_string={"query": LEAD_323})
    assert "X-Migkg-Truncated" not in r.headers and "migkg" not in r.get_json()


def test_cap_on_construct(capped) -> None:
    r = capped.get(
        "/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"}
    )
    assert len(r.data.decode().strip().splitlines()) == 2 and r.headers["X-Migkg-Truncated"] == "2"


# --- bad requests


def test_malformed_query_is_400_with_the_parsers_message(client) -> None:
    r = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400
    body = r.get_json()
    assert body["status"] == 400 and "1:" in body["message"]  # where the parser stopped


def test_unsupported_content_type_is_415(client) -> None:
    r = client.post("/sparql", data=LEAD_323, content_type="text/plain")
    assert r.status_code == 415


def test_query_and_update_together_is_400(client) -> None:
    r = client.post("/sparql", data={"query": LEAD_323, "update": "CLEAR ALL"})
    assert r.status_code == 400


def test_two_queries_is_400(client) -> None:
    r = client.get("/sparql", query_string=[("query", LEAD_323), ("query", LEAD_323)])
    assert r.status_code == 400


def test_update_by_get_is_refused(client) -> None:
    r = client.get("/sparql", query_string={"update": "CLEAR ALL"})
    assert r.status_code == 405


def test_body_over_the_limit_is_413(store: EmbeddedStore) -> None:
    small = create_app({"TESTING": True, "MIGKG_STORE": store, "max_body": 1000}).test_client()
    text = LEAD_323 + "#" + "x" * 2000
    r = small.post("/sparql", data=text, content_type="application/sparql-query")
    assert r.status_code == 413 and r.get_json()["status"] == 413
    r = small.post("/sparql", data={"query": text})
    assert r.status_code == 413
    r = small.get("/sparql", query_string={"query": text})
    assert r.status_code == 413


# --- service description, CORS


def test_service_description(client) -> None:
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    g = Graph().parse(data=r.data, format="turtle")
    service = URIRef("http://127.0.0.1:5000/sparql")  # from the settings, not the Host header
    assert (service, RDF.type, SD.Service) in g
    assert (service, SD.endpoint, service) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in g
    assert (service, SD.resultFormat, FORMATS.SPARQL_Results_CSV) in g
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    names = set(g.objects(None, SD.name))
    assert names == {DOC_402, DOC_225, REFERENCE}


def test_service_description_by_default_is_turtle(client) -> None:
    r = client.get("/sparql")
    assert r.mimetype == "text/turtle"
    r = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert r.mimetype == "application/ld+json"
    assert len(Graph().parse(data=r.data, format="json-ld")) > 10


def test_browser_asking_for_html_goes_to_the_query_page(client) -> None:
    r = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/query")


def test_cors(client) -> None:
    r = client.get(
        "/sparql", query_string={"query": LEAD_323}, headers={"Origin": "http://a.example"}
    )
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    r = client.options(
        "/sparql",
        headers={
            "Origin": "http://a.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert r.status_code == 204
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "content-type" in r.headers["Access-Control-Allow-Headers"].lower()
    # errors can be read by browser clients too
    r = client.get("/sparql", query_string={"query": "SELEC"})
    assert r.status_code == 400 and r.headers["Access-Control-Allow-Origin"] == "*"


# --- updates


INSERT = (
    f"INSERT DATA {{ GRAPH <{ID['graph/notes']}> {{ <{TASK_323}> <{RDFS.comment}> 'checked' }} }}"
)
ASK_INSERTED = f"ASK {{ <{TASK_323}> <{RDFS.comment}> 'checked' }}"


def test_updates_are_refused_by_default(client) -> None:
    r = client.post("/sparql", data={"update": INSERT}, headers={"Authorization": "Bearer x"})
    assert r.status_code == 403
    assert (
        client.get("/sparql", query_string={"query": ASK_INSERTED}).get_json()["boolean"] is False
    )


def test_update_with_the_token() -> None:
    store = mini_store()
    app = create_app(
        {"TESTING": True, "MIGKG_STORE": store, "allow_updates": True, "update_token": "s3cret"}
    )
    c = app.test_client()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret"}):
        r = c.post(
            "/sparql", data=INSERT, content_type="application/sparql-update", headers=headers
        )
        assert r.status_code == 403
    assert c.get("/sparql", query_string={"query": ASK_INSERTED}).get_json()["boolean"] is False
    r = c.post(
        "/sparql",
        data=INSERT,
        content_type="application/sparql-update",
        headers={"Authorization": "Bearer s3cret"},
    )
    assert r.status_code == 204
    assert c.get("/sparql", query_string={"query": ASK_INSERTED}).get_json()["boolean"] is True
    r = c.get("/sparql", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.data, format="turtle")
    assert (URIRef("http://127.0.0.1:5000/sparql"), SD.supportedLanguage, SD.SPARQL11Update) in g
    store.close()


def test_updates_need_a_configured_token() -> None:
    store = mini_store()
    app = create_app({"TESTING": True, "MIGKG_STORE": store, "allow_updates": True})
    r = app.test_client().post(
        "/sparql", data={"update": INSERT}, headers={"Authorization": "Bearer "}
    )
    assert r.status_code == 403
    store.close()


def test_serve_without_a_store_is_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    missing = tmp_path / "nowhere"
    result = subprocess.run(
        [sys.executable, "-m", "migkg", "serve", "--store-path", str(missing)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"migkg: error: no store at {missing}: run `migkg build` first"
    ]


# --- the byte cap, the advertised address


def test_byte_cap_in_json_and_headers(store: EmbeddedStore) -> None:
    app = create_app({"TESTING": True, "MIGKG_STORE": store, "max_result_bytes": 300})
    # IRIs only: every row of the small graph is under 130 bytes, so at least two fit in
    # 300 whichever rows the store gives first (a literal alone can be longer than the cap).
    query = "SELECT ?s ?p WHERE { ?s ?p ?o }"
    r = app.test_client().get("/sparql", query_string={"query": query})
    assert r.status_code == 200
    assert r.headers["X-Migkg-Truncated-By"] == "bytes"
    assert r.headers["X-Migkg-Max-Bytes"] == "300" and r.headers["X-Migkg-Max-Rows"] == "10000"
    data = r.get_json()
    kept = len(data["results"]["bindings"])
    assert 0 < kept < 10 and data["migkg"] == {"truncated": True, "maxBytes": 300, "rows": kept}
    assert r.headers["X-Migkg-Truncated"] == str(kept)


def test_a_first_row_longer_than_the_byte_cap_leaves_no_rows(store: EmbeddedStore) -> None:
    app = create_app({"TESTING": True, "MIGKG_STORE": store, "max_result_bytes": 300})
    query = 'SELECT ?x WHERE { VALUES ?x { "%s" "short" } }' % ("a" * 400)
    r = app.test_client().get("/sparql", query_string={"query": query})
    assert r.status_code == 200 and r.headers["X-Migkg-Truncated-By"] == "bytes"
    data = r.get_json()
    assert data["results"]["bindings"] == []
    assert data["migkg"] == {"truncated": True, "maxBytes": 300, "rows": 0}


def test_advertised_address_comes_from_the_settings(store: EmbeddedStore) -> None:
    app = create_app({"TESTING": True, "MIGKG_STORE": store, "public_url": "https://kg.example/"})
    r = app.test_client().get("/sparql", headers={"Accept": "text/turtle", "Host": "evil.example"})
    assert b"evil.example" not in r.data
    g = Graph().parse(data=r.data, format="turtle")
    assert (URIRef("https://kg.example/sparql"), RDF.type, SD.Service) in g
