"""Safe defaults, on a real `migkg serve` over an on-disk store of tests/data/mini.trig.

Remote fetches are watched by a local listener that records every connection made to it;
local files by content and access time. A query that would run for hours is stopped at
a 2 s limit configured for the test, and the server answers the next one.
"""

from __future__ import annotations

import http.client
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import pytest

from graph import guard
from graph.execute import Job
from graph.pool import Worker
from migkg.errors import QueryError
from migkg.namespaces import ID

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parent / "data"
TOKEN = "test-update-token"
TIMEOUT = 2
MAX_ROWS = 5
MAX_BODY = 50_000
OWN = {str(ID["graph/reference"]), str(ID["document/000_2ea71573e8b386bf"])}
LEAD_323 = (
    "PREFIX mkg: <https://w3id.org/migkg/ontology#>\n"
    "SELECT ?a WHERE { ?t mkg:code '3.2.3' ; mkg:leadAgency ?a }"
)
# Six unconstrained patterns over ~140 quads: about 10^13 rows to count.
ENDLESS = (
    "SELECT (COUNT(*) AS ?n) WHERE "
    "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }"
)


# --- the lexical guard, case by case


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }",
        "select * where { service <http://x.example/> { ?s ?p ?o } }",
        "SELECT * WHERE { SeRvIcE SILENT <http://x.example/> { ?s ?p ?o } }",
        "SELECT * WHERE {\n# a comment\nSERVICE\n<http://x.example/>{?s ?p ?o}}",
        "SELECT * WHERE { VALUES ?x { <http://x.example/> } SERVICE ?x { ?s ?p ?o } }",
        # oxigraph's parser reads these as SERVICE :x / SERVICE SILENT :x
        "PREFIX : <http://x.example/> SELECT * WHERE { service:x { ?s ?p ?o } }",
        "PREFIX : <http://x.example/> SELECT * WHERE { SERVICESILENT:x { ?s ?p ?o } }",
        # a keyword glued to the token before it
        "SELECT * WHERE { ?s ?p 12SERVICE <http://x.example/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p trueSERVICE <http://x.example/> { ?s ?p ?o } }",
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ex:a.SERVICE <http://x.example/> {} }",
        # hidden from one reading of the text, visible to another
        'SELECT * WHERE { ?s ?p "\\u0022 } SERVICE <http://x.example/> { } #" }',
        "SELECT * WHERE { BIND(1 AS ?x) FILTER(?x<?b&&'>\"') SERVICE <http://x.example/> {} }",
        # other stores' data
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://x.example/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "PREFIX f: <file:///etc/> SELECT * FROM f:passwd WHERE { ?s ?p ?o }",
        "SELECT *FROM<file:///x>WHERE{?s ?p ?o}",
        # prefix names are case-sensitive: OWN: is not own:
        "PREFIX OWN: <file:///etc/> PREFIX own: <https://w3id.org/migkg/id/> "
        "SELECT * FROM OWN:graph\\/reference WHERE { ?s ?p ?o }",
        "SELECT * fRoM <relative> WHERE { ?s ?p ?o }",
        # an escape in a prefixed name is part of the name, not a quote or a comment
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ex:a\\' . "
        "SERVICE <http://x.example/> { ?s ?p ?o } #'\n}",
        'PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ex:a\\" . '
        'SERVICE <http://x.example/> { ?s ?p ?o } #"\n}',
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ex:a\\# . "
        "SERVICE <http://x.example/> { ?s ?p ?o }\n}",
        # FROM glued to what follows it
        "PREFIX f: <file:///etc/> SELECT * FROMf:passwd WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o } fromfromfrom",
    ],
)
def test_guard_refuses(query: str) -> None:
    with pytest.raises(QueryError) as info:
        guard.check(query, update=False, graphs=OWN, limits=guard.Limits())
    assert info.value.status in (400, 403)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x.example/> { ?s ?p ?o }" }',
        "SELECT * WHERE { ?s ?p 'a service to the people' }",
        'SELECT * WHERE { ?s ?p """\nSERVICE <http://x.example/> {}\n""" }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x.example/> { }",
        "SELECT ?service WHERE { ?service ?p ?o }",
        "SELECT $service WHERE { $service ?p ?o }",
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:service ?o . ?o ex:from ?x }",
        "SELECT * WHERE { ?s <http://www.w3.org/ns/sparql-service-description#endpoint> ?o }",
        'SELECT * WHERE { ?s ?p "x"@service }',
        "SELECT * WHERE { _:service ?p ?o }",
        f"SELECT * FROM <{ID['graph/reference']}> WHERE {{ ?s ?p ?o }}",
        "PREFIX id: <https://w3id.org/migkg/id/> SELECT * FROM id:graph\\/reference { ?s ?p ?o }",
        "SELECT ?from WHERE { ?from ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) }",
    ],
)
def test_guard_lets_through(query: str) -> None:
    guard.check(query, update=False, graphs=OWN, limits=guard.Limits())


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <http://x.example/data.ttl>",
        "load silent <file:///etc/passwd> into graph <http://g.example/>",
        "DELETE { ?s ?p ?o } USING <http://x.example/g> WHERE { ?s ?p ?o }",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }",
    ],
)
def test_guard_refuses_in_updates(update: str) -> None:
    with pytest.raises(QueryError):
        guard.check(update, update=True, graphs=OWN, limits=guard.Limits())


def test_guard_lets_an_update_mention_load_in_a_literal() -> None:
    text = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'LOAD <http://x.example/>' } }"
    guard.check(text, update=True, graphs=OWN, limits=guard.Limits())


def test_guard_counts_depth() -> None:
    limits = guard.Limits(max_depth=10)
    guard.check("SELECT * WHERE " + "{" * 10 + "}" * 10, update=False, graphs=OWN, limits=limits)
    for deep in (
        "SELECT * WHERE " + "{" * 11 + "}" * 11,
        "SELECT * WHERE { FILTER(" + "(" * 10 + "1" + ")" * 10 + ") }",
        "SELECT * WHERE { ?s ?p " + "[ ?p " * 10 + "1" + " ]" * 10 + " }",
        # a parser may read this "<" as less-than, and the brackets inside as nesting
        "SELECT * WHERE { FILTER(?x <" + "(" * 12 + ">) }",
    ):
        with pytest.raises(QueryError, match="nested too deep"):
            guard.check(deep, update=False, graphs=OWN, limits=limits)
    # brackets inside strings and comments do not count
    flat = "SELECT * WHERE { ?s ?p '" + "{" * 50 + "' } # " + "(" * 50
    guard.check(flat, update=False, graphs=OWN, limits=limits)


@pytest.mark.parametrize(
    "chain",
    [
        "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 100_000) + " }",
        "SELECT * WHERE { ?s " + "/".join(["<urn:p>"] * 100_000) + " ?o }",
        "SELECT * WHERE { ?s " + "|".join(["<urn:p>"] * 100_000) + " ?o }",
        "SELECT * WHERE { FILTER(" + "!" * 100_000 + "true) }",
        "SELECT * WHERE { FILTER(" + "&&".join(["true"] * 100_000) + ") }",
        "SELECT * WHERE { " + " ".join(f"BIND(1 AS ?x{i})" for i in range(10_000)) + " }",
    ],
)
def test_guard_refuses_long_flat_chains(chain: str) -> None:
    # pyoxigraph overflows its stack on some thousands of these, brackets or none
    with pytest.raises(QueryError, match="the limit is") as info:
        guard.check(chain, update=False, graphs=OWN, limits=guard.Limits(max_length=10**7))
    assert info.value.status == 400


def test_guard_lets_a_moderate_chain_through() -> None:
    text = "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 500) + " }"
    assert guard.check(text, update=False, graphs=OWN, limits=guard.Limits()) is False


def test_guard_budget_counts_strings_iris_and_comments() -> None:
    many = "SELECT * WHERE { VALUES ?x { " + "'a' " * 6_000 + "} }"
    with pytest.raises(QueryError, match="strings, IRIs, comments"):
        guard.check(many, update=False, graphs=OWN, limits=guard.Limits())
    # IRIs alone are cut out without a per-token step, and need no budget
    iris = "SELECT * WHERE { VALUES ?x { " + "<urn:a> " * 20_000 + "} }"
    guard.check(iris, update=False, graphs=OWN, limits=guard.Limits())


def test_guard_size_limit() -> None:
    with pytest.raises(QueryError) as info:
        guard.check("ASK {}" + " " * 200, update=False, graphs=OWN, limits=guard.Limits(100))
    assert info.value.status == 413


def test_guard_allows_remote_when_configured() -> None:
    limits = guard.Limits(allow_remote=True)
    guard.check(
        "SELECT * { SERVICE <http://x.example/> {} }", update=False, graphs=OWN, limits=limits
    )


def nothing_arrived(recorder) -> bool:
    """True when the recorder got no connection before a canary sent now.

    The listener accepts connections in the order they were made, so once the canary
    (made after everything under test has returned) is recorded, any earlier connection
    is recorded too. Waits (bounded) for the canary; fails if it never comes.
    """
    import socket

    with socket.create_connection(("127.0.0.1", recorder.port), timeout=10) as sock:
        sock.sendall(b"canary")
    deadline = time.monotonic() + 30
    while not any(r.startswith(b"canary") for r in recorder.requests):
        assert time.monotonic() < deadline, "the canary never reached the listener"
        time.sleep(0.02)
    return recorder.requests == [b"canary"]


# --- the second wall: a worker cannot open a network socket


def test_worker_cannot_reach_the_network_even_past_the_guard(
    mini_store_dir: Path, request_recorder
) -> None:
    worker = Worker(mini_store_dir)
    try:
        worker.wait_ready(60)
        for text in (
            f"SELECT * WHERE {{ SERVICE <{request_recorder.url}/worker> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE SILENT <{request_recorder.url}/silent> {{ ?s ?p ?o }} }}",
        ):
            try:
                worker.ask(Job(text), 30)
            except QueryError:
                pass
    finally:
        worker.kill()
    assert nothing_arrived(request_recorder)


# --- the real server


@pytest.fixture(scope="module")
def server(migkg_server, tmp_path_factory) -> str:
    """A server that accepts updates with the token, with short limits."""
    from conftest import write_trig_store

    path = write_trig_store(tmp_path_factory.mktemp("safety") / "store", DATA / "mini.trig")
    return migkg_server(
        path,
        query_timeout=TIMEOUT,
        max_rows=MAX_ROWS,
        max_body=MAX_BODY,
        allow_updates="true",
        update_token=TOKEN,
        workers=2,
    )


@pytest.fixture(scope="module")
def read_only_server(migkg_server, mini_store_dir: Path) -> str:
    return migkg_server(mini_store_dir, update_token=TOKEN)


def send(
    base: str,
    *,
    query: str | None = None,
    update: str | None = None,
    headers: dict[str, str] | None = None,
    params: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """POST a form to /sparql; (status, headers, body), errors included."""
    form = {"query": query} if query is not None else {"update": update or ""}
    data = urllib.parse.urlencode({**form, **(params or {})}).encode()
    req = urllib.request.Request(f"{base}/sparql", data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, dict(e.headers), e.read()


def answered(base: str) -> bool:
    status, _, body = send(base, query=LEAD_323)
    return status == 200 and str(ID["agency/molisa"]).encode() in body


def message(body: bytes) -> str:
    return json.loads(body)["message"]


def test_update_refused_on_a_read_only_server(read_only_server: str) -> None:
    text = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
    status, _, body = send(
        read_only_server, update=text, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert status == 403 and "disabled" in message(body)
    assert b"false" in send(read_only_server, query="ASK { <urn:a> ?p ?o }")[2]


def test_update_refused_without_the_token(server: str) -> None:
    text = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
    for headers in ({}, {"Authorization": "Bearer not-the-token"}):
        status, _, _ = send(server, update=text, headers=headers)
        assert status == 403
    assert b"false" in send(server, query="ASK { <urn:a> ?p ?o }")[2]


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}/plain> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <{url}/silent> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ VALUES ?x {{ <{url}/values> }} SERVICE ?x {{ ?s ?p ?o }} }}",
        "PREFIX : <{url}/> SELECT * WHERE {{ service:pname {{ ?s ?p ?o }} }}",
    ],
)
def test_service_makes_no_request(server: str, request_recorder, template: str) -> None:
    status, _, body = send(server, query=template.format(url=request_recorder.url))
    assert status == 403 and "SERVICE" in message(body)
    assert nothing_arrived(request_recorder)
    assert answered(server)


def test_service_in_a_literal_is_just_text(server: str, request_recorder) -> None:
    q = f'SELECT ?x WHERE {{ BIND("SERVICE <{request_recorder.url}/> {{ }}" AS ?x) }}'
    status, _, body = send(server, query=q)
    assert status == 200 and b"SERVICE" in body
    assert nothing_arrived(request_recorder)


def test_load_makes_no_request(server: str, request_recorder) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for text in (
        f"LOAD <{request_recorder.url}/data.ttl>",
        f"LOAD SILENT <{request_recorder.url}/data.ttl> INTO GRAPH <urn:g>",
    ):
        status, _, body = send(server, update=text, headers=auth)
        assert status == 403 and "LOAD" in message(body)
    assert nothing_arrived(request_recorder)


@pytest.fixture()
def secret_file(tmp_path: Path) -> Path:
    """A Turtle file whose reading would show: unique content, access time set in the past."""
    path = tmp_path / "secret.ttl"
    path.write_text("<urn:secret> <urn:says> 'sentinel-7f3a9c' .\n", encoding="utf-8")
    past = time.time() - 86400
    os.utime(path, (past, time.time()))  # atime older than mtime: any read would move it
    return path


def test_from_file_reads_no_file(server: str, secret_file: Path) -> None:
    before = os.stat(secret_file).st_atime_ns
    iri = secret_file.as_uri()
    for q, params in (
        (f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}", {}),
        (f"SELECT * FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
        ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": iri}),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": iri}),
    ):
        status, _, body = send(server, query=q, params=params)
        assert status == 403 and b"sentinel-7f3a9c" not in body
    status, _, body = send(
        server, update=f"LOAD <{iri}>", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert status == 403
    assert os.stat(secret_file).st_atime_ns == before
    assert b"sentinel" not in send(server, query="SELECT * WHERE { ?s ?p ?o }")[2]


def test_deep_nesting_is_refused_and_the_server_goes_on(server: str) -> None:
    for q in (
        "SELECT * WHERE " + "{" * 3000 + "}" * 3000,
        "SELECT * WHERE { FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }",
    ):
        status, _, body = send(server, query=q)
        assert status == 400 and "nested too deep" in message(body)
    assert answered(server)


def test_a_long_query_is_stopped_and_the_next_is_answered(server, migkg_server) -> None:
    status, headers, body = send(server, query=ENDLESS)
    assert status == 503
    assert f"stopped after {TIMEOUT} s" in message(body)
    assert answered(server)
    # the stopped worker is gone: no more query processes than configured (two heavy
    # workers and the light lane's one)
    proc = psutil.Process(migkg_server.procs[server].pid)
    workers = [
        p
        for p in proc.children()
        if p.status() != psutil.STATUS_ZOMBIE and "graph.worker" in " ".join(p.cmdline())
    ]
    assert len(workers) <= 2 + 1


def test_malformed_query_gets_the_parsers_message(server: str) -> None:
    status, _, body = send(server, query="SELECT ?x WHERE { ?x ?y }")
    assert status == 400 and "1:" in message(body)


def test_row_cap_applied_and_stated(server: str) -> None:
    status, headers, body = send(server, query="SELECT * WHERE { ?s ?p ?o }")
    assert status == 200
    assert headers["X-Migkg-Truncated"] == str(MAX_ROWS)
    data = json.loads(body)
    assert len(data["results"]["bindings"]) == MAX_ROWS
    assert data["migkg"]["maxRows"] == MAX_ROWS


def test_body_over_the_limit_is_413(server: str) -> None:
    text = "ASK {} #" + "x" * (MAX_BODY + 10)
    req = urllib.request.Request(
        f"{server}/sparql", data=text.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=60)
    info.value.close()
    assert info.value.code == 413
    # a chunked body states no length: it is refused while it is read
    host, port = server.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    chunks = (text[i : i + 4096].encode() for i in range(0, len(text), 4096))
    conn.request(
        "POST",
        "/sparql",
        body=chunks,
        headers={"Content-Type": "application/sparql-query"},
        encode_chunked=True,
    )
    assert conn.getresponse().status == 413
    conn.close()
    assert answered(server)


def test_unsatisfiable_accept_is_406(server: str) -> None:
    status, _, _ = send(server, query=LEAD_323, headers={"Accept": "image/png, audio/*;q=0.5"})
    assert status == 406
