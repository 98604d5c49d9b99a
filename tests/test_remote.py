"""The remote path: `migkg push` into a real `oxigraph serve` on 127.0.0.1, then the same
questions asked of it and of the embedded store, which must agree.

The server is started without ``--union-default-graph``: the remote store makes the
union of the migkg graphs the default graph itself (graph/remote.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode

from graph.embedded import EmbeddedStore
from graph.remote import RemoteStore
from graph.store import SelectResult
from migkg.namespaces import ID
from queries.catalogue import catalogue

pytestmark = [pytest.mark.remote, pytest.mark.slow]


def migkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migkg", *args], capture_output=True, text=True, timeout=300
    )


def push_args(url: str, store: Path, *, gsp: bool = True) -> list[str]:
    args = ["push", "--endpoint", f"{url}/query", "--update-endpoint", f"{url}/update"]
    if gsp:
        args += ["--gsp-endpoint", f"{url}/store"]
    return [*args, "--store-path", str(store)]


def remote(url: str) -> RemoteStore:
    return RemoteStore(
        f"{url}/query", update_endpoint=f"{url}/update", gsp_endpoint=f"{url}/store", timeout=60
    )


def comparable(result: SelectResult) -> list[tuple[str, ...]]:
    """Rows as sorted tuples of strings; blank nodes only by position."""
    return sorted(
        tuple("_:b" if isinstance(t, BNode) else "" if t is None else t.n3() for t in row)
        for row in result.rows
    )


@pytest.fixture(scope="module")
def embedded(corpus_store_dir: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(corpus_store_dir, read_only=True)
    yield s
    s.close()


@pytest.fixture(scope="module")
def pushed(oxigraph_server, corpus_store_dir: Path) -> Iterator[RemoteStore]:
    url = oxigraph_server()
    result = migkg(*push_args(url, corpus_store_dir))
    assert result.returncode == 0, result.stderr
    # 5 documents, ontology, reference, succession (who holds each task's function), and
    # the common graph (the Law on Government Organisation, cited by two of them)
    assert "Pushed 9 named graphs" in result.stdout
    s = remote(url)
    yield s
    s.close()


def test_push_keeps_the_named_graphs(pushed: RemoteStore, embedded: EmbeddedStore) -> None:
    assert pushed.graph_names() == embedded.graph_names()
    assert ID["graph/ontology"] in pushed.graph_names()
    assert len(pushed) == len(embedded)


@pytest.mark.parametrize("name", [q.name for q in catalogue()])
def test_canned_query_gives_the_same_answer(
    name: str, pushed: RemoteStore, embedded: EmbeddedStore
) -> None:
    text = next(q for q in catalogue() if q.name == name).render()
    assert comparable(pushed.select(text)) == comparable(embedded.select(text))


def test_union_default_graph_without_the_server_option(pushed: RemoteStore) -> None:
    # the lead agency of 3.2.3 is in the document's graph, its label in the reference graph
    q = (
        "PREFIX mkg: <https://w3id.org/migkg/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        f"SELECT ?label WHERE {{ <{ID['task/402-qd-ttg/3.2.3']}> mkg:leadAgency ?a . "
        "?a rdfs:label ?label FILTER(lang(?label) = 'vi') }"
    )
    labels = [str(v) for v in pushed.select(q).values("label")]
    assert "Bộ Lao động - Thương binh và Xã hội" in labels


def test_push_again_replaces_and_drops_stale_graphs(
    oxigraph_server, corpus_store_dir: Path, embedded: EmbeddedStore
) -> None:
    url = oxigraph_server()
    assert migkg(*push_args(url, corpus_store_dir)).returncode == 0
    store = remote(url)
    stale = str(ID["document/removed-from-the-corpus"])
    store.load_graph(stale, b"<urn:a> <urn:b> <urn:c> .\n")
    assert migkg(*push_args(url, corpus_store_dir)).returncode == 0
    assert store.graph_names() == embedded.graph_names()
    assert len(store) == len(embedded)


def test_push_by_sparql_update_alone(oxigraph_server, corpus_store_dir: Path, embedded) -> None:
    url = oxigraph_server()
    result = migkg(*push_args(url, corpus_store_dir, gsp=False))
    assert result.returncode == 0, result.stderr
    assert len(RemoteStore(f"{url}/query")) == len(embedded)


def test_push_to_nowhere_is_one_line(corpus_store_dir: Path) -> None:
    from conftest import free_port

    result = migkg(*push_args(f"http://127.0.0.1:{free_port()}", corpus_store_dir))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot reach" in result.stderr and "Traceback" not in result.stderr


def test_serve_over_the_remote_store(pushed: RemoteStore, migkg_server, tmp_path: Path) -> None:
    base = migkg_server(
        tmp_path / "unused",
        store="remote",
        endpoint=pushed.endpoint,
        update_endpoint=pushed.update_endpoint,
        max_rows=3,
    )
    q = (
        "PREFIX mkg: <https://w3id.org/migkg/ontology#>\n"
        f"SELECT ?a WHERE {{ <{ID['task/402-qd-ttg/3.2.3']}> mkg:leadAgency ?a }}"
    )
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": q})
    with urllib.request.urlopen(url, timeout=60) as r:
        data = json.loads(r.read())
    assert [b["a"]["value"] for b in data["results"]["bindings"]] == [str(ID["agency/molisa"])]
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": "SELECT * { ?s ?p ?o }"})
    with urllib.request.urlopen(url, timeout=60) as r:
        assert r.headers["X-Migkg-Truncated"] == "3"
        assert len(json.loads(r.read())["results"]["bindings"]) == 3
