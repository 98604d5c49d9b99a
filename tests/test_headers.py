"""Security headers on every response, and downloads sent as attachments."""

from __future__ import annotations

import pytest

ROUTES = [
    "/",
    "/?lang=en",
    "/query",
    "/query?query=SELECT%20*%20WHERE%20%7B%7D",
    "/queries",
    "/queries/agency_tasks?agency=molisa",
    "/queries/tasks_active_in_year?year=bad",
    "/network",
    "/network?network=dependency&collective=0",
    "/charts",
    "/exports",
    "/id/agency/molisa",
    "/id/task/402-qd-ttg/3.2.3",
    "/id/plan/402-qd-ttg",
    "/id/instrument/ilo-c087",
    "/id/document/000_2ea71573e8b386bf",
    "/id/agency/molisa?format=ttl",
    "/id/agency/nobody",
    "/no/such/page",
    "/static/site.css",
    "/static/sparql-page.js",
    "/assets/viz/sigma-bundle.min.js",
    "/exports/graph.turtle",
    "/exports/coordination.csv",
    "/sparql",
    "/sparql?query=SELECT%20*%20WHERE%20%7B%7D&format=csv",
    "/sparql?query=SELEC",
]

DOWNLOADS = [
    ("/exports/graph.turtle", "migkg-graph.ttl"),
    ("/exports/graph.nt", "migkg-graph.nt"),
    ("/exports/graph.jsonld", "migkg-graph.jsonld"),
    ("/exports/graph.xml", "migkg-graph.rdf"),
    ("/exports/coordination.graphml", "migkg-coordination.graphml"),
    ("/exports/dependency.gexf", "migkg-dependency.gexf"),
    ("/exports/bipartite.json", "migkg-bipartite.json"),
    ("/exports/coordination.csv", "migkg-coordination.zip"),
    ("/id/task/402-qd-ttg/3.2.3?format=ttl", "task_402-qd-ttg_3.2.3.ttl"),
    ("/id/agency/molisa?format=jsonld", "agency_molisa.jsonld"),
    ("/sparql?query=SELECT%20*%20WHERE%20%7B%7D&format=csv", "results.csv"),
    ("/sparql?query=SELECT%20*%20WHERE%20%7B%7D&format=json", "results.json"),
]


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.parametrize("path", ROUTES)
def test_every_response_carries_the_security_headers(site_client, path):
    r = site_client.get(path)
    policy = directives(r.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    # Scripts only from the app: no inline code, no eval, no other origin.
    assert policy["script-src"] == ["'self'"]
    # Styles only from the app; the SPARQL page also allows YASR's one fixed style element,
    # by its hash (nothing else inline).
    extra = policy["style-src"][1:]
    assert policy["style-src"][0] == "'self'"
    assert extra == ([] if not path.startswith("/query") else [extra[0]])
    assert all(s.startswith("'sha256-") for s in extra)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    for sources in policy.values():
        for source in sources:
            assert source.startswith("'") or source == "data:", source
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "same-origin"
    assert r.headers["X-Frame-Options"] == "DENY"
    r.close()


def test_error_responses_carry_them_too(site_client):
    r = site_client.get("/id/agency/nobody")
    assert r.status_code == 404
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    r = site_client.get("/sparql?query=SELEC")
    assert r.status_code == 400
    assert r.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("path", "filename"), DOWNLOADS)
def test_downloads_are_attachments(site_client, path, filename):
    r = site_client.get(path)
    assert r.status_code == 200
    assert r.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert r.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/id/agency/molisa", "/query", "/network"])
def test_pages_are_not_attachments(site_client, path):
    assert "Content-Disposition" not in site_client.get(path).headers


def test_content_negotiated_description_is_not_an_attachment(site_client):
    r = site_client.get("/id/agency/molisa", headers={"Accept": "text/turtle"})
    assert r.mimetype == "text/turtle"
    assert "Content-Disposition" not in r.headers


def test_sparql_answer_by_accept_is_not_an_attachment(site_client):
    r = site_client.get(
        "/sparql?query=SELECT%20*%20WHERE%20%7B%7D",
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.status_code == 200
    assert "Content-Disposition" not in r.headers
