"""Each statement kept once: the union of the named graphs that queries see is a set, at
any number of documents that restate the same facts (graph/once.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from graph import once
from graph.build import build

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

A, B = "https://w3id.org/migkg/id/document/a", "https://w3id.org/migkg/id/document/b"
LABEL = b"<http://www.w3.org/2000/01/rdf-schema#label>"
SHARED = b"<https://w3id.org/migkg/id/instrument/x> " + LABEL + b' "X"@vi'
OWN_A = b'<https://w3id.org/migkg/id/task/a> <https://w3id.org/migkg/ontology#code> "1"'
OWN_B = b'<https://w3id.org/migkg/id/task/b> <https://w3id.org/migkg/ontology#code> "2"'
BLANK = b'_:n1 <http://www.w3.org/2000/01/rdf-schema#label> "Y"'


def nquads(graph: str, *statements: bytes) -> bytes:
    return b"".join(s + f" <{graph}> .\n".encode() for s in statements)


def test_a_statement_two_documents_make_is_kept_once_in_the_common_graph() -> None:
    docs = {
        A: ("ha", nquads(A, SHARED, OWN_A, BLANK), 3),
        B: ("hb", nquads(B, SHARED, OWN_B, BLANK), 3),
    }
    out, statements = once.split(docs)
    common = str(once.COMMON_GRAPH)
    assert set(out) == {A, B, common}
    assert out[common][1] == nquads(common, SHARED) and out[common][2] == 1
    # each document keeps what it alone says, and its blank node (local to its graph)
    assert out[A][1] == nquads(A, OWN_A, BLANK) and out[A][2] == 2
    assert statements[B] == [OWN_B, BLANK]
    # a graph that lost a statement is a changed graph for the next build
    assert out[A][0] != "ha" and out[B][0] != "hb"


def test_lines_of_another_graph_or_a_last_line_unended_are_read_alike() -> None:
    # A document's N-Quads are its own graph's lines, each ended; other data is read
    # line by line: the lines of another graph are not the document's statements.
    other = "https://w3id.org/migkg/id/document/c"
    docs = {
        A: ("ha", nquads(A, SHARED, OWN_A) + nquads(other, OWN_B), 3),
        B: ("hb", nquads(B, SHARED, OWN_B).rstrip(b"\n"), 2),
    }
    out, statements = once.split(docs)
    assert statements[A] == [OWN_A] and statements[B] == [OWN_B]
    assert statements[str(once.COMMON_GRAPH)] == [SHARED]
    assert out[A][1] == nquads(A, OWN_A) and out[B][1] == nquads(B, OWN_B)


def test_documents_that_share_nothing_are_left_as_they_are() -> None:
    docs = {A: ("ha", nquads(A, OWN_A), 1), B: ("hb", nquads(B, OWN_B), 1)}
    out, _ = once.split(docs)
    assert out == docs


def test_what_the_reference_graph_holds_is_taken_out_of_the_documents() -> None:
    docs = {A: ("ha", nquads(A, SHARED, OWN_A), 2)}
    out, statements = once.split(docs)
    reference = "https://w3id.org/migkg/id/graph/reference"
    store = ox.Store()
    store.bulk_load(out[A][1] + nquads(reference, SHARED), format=ox.RdfFormat.N_QUADS)
    lost = once.drop(store, once.held(statements, nquads(reference, SHARED)))
    assert lost == {A: 1}
    rows = store.query("SELECT * WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    # the label once, and the task's code
    assert isinstance(rows, ox.QuerySolutions) and len(list(rows)) == 2


def quads(store: Path) -> set[str]:
    """Every statement of a store without blank nodes, as text."""
    native = ox.Store.read_only(str(store))
    try:
        return {
            f"{q.subject} {q.predicate} {q.object} {q.graph_name}"
            for q in native
            if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
        }
    finally:
        del native


def union_is_a_set(store: Path) -> tuple[int, int]:
    native = ox.Store.read_only(str(store))
    try:
        every = next(
            iter(
                native.query(  # type: ignore[arg-type]
                    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", use_default_graph_as_union=True
                )
            )
        )
        distinct = next(
            iter(
                native.query(  # type: ignore[arg-type]
                    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }",
                    use_default_graph_as_union=True,
                )
            )
        )
        return int(every["n"].value), int(distinct["n"].value)
    finally:
        del native


def test_the_built_corpus_answers_each_statement_once(corpus_store_dir: Path) -> None:
    every, distinct = union_is_a_set(corpus_store_dir)
    assert every == distinct


def test_two_copies_of_a_document_and_then_one(tmp_path: Path) -> None:
    """A document and its copy say the same: their statements go to the common graph,
    each copy keeps its own provenance; when the copy is removed, a rebuild gives the
    document its statements back, as a fresh build of it alone does."""
    name = "003_5b15abab045aece6.txt"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / name, corpus / name)
    shutil.copy(CORPUS / name, corpus / f"copy-{name}")
    store = tmp_path / "var" / "store"
    settings = {"corpus": str(corpus), "store_path": str(store), "build_workers": 1}
    build(settings)
    held = quads(store)
    common = str(once.COMMON_GRAPH)
    assert any(q.endswith(f"<{common}>") for q in held)
    assert union_is_a_set(store)[0] == union_is_a_set(store)[1]
    derived_from = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
    sources = {q.split(" ")[2] for q in held if f" {derived_from} " in q}
    assert len(sources) == 2  # both files still named as the sources of what they say

    (corpus / f"copy-{name}").unlink()
    build(settings)
    fresh = tmp_path / "fresh" / "store"
    build({**settings, "store_path": str(fresh)})
    rebuilt = quads(store)
    assert not any(q.endswith(f"<{common}>") for q in rebuilt)
    assert rebuilt == quads(fresh)


def test_a_statement_the_derived_graphs_no_longer_hold_comes_back() -> None:
    """A document's graph that lost a statement to the derived graphs gets it back when
    they hold it no more, and loses what they hold anew (graph/once.py update)."""
    reference = "https://w3id.org/migkg/id/graph/reference"
    docs = {A: ("ha", nquads(A, SHARED, OWN_A), 2), B: ("hb", nquads(B, OWN_B), 1)}
    _, statements = once.split(docs)
    store = ox.Store()
    # as the previous build left it: A without what the reference graph held then
    store.bulk_load(nquads(A, OWN_A) + nquads(B, OWN_B), format=ox.RdfFormat.N_QUADS)
    before = once.Held(set(nquads(reference, SHARED).split(b"\n")), [reference])
    now = once.Held(set(nquads(reference, OWN_A, OWN_B).split(b"\n")), [reference])
    gained, freed = now.since(before)
    assert (gained, freed) == ({OWN_A, OWN_B}, {SHARED})
    lost = once.update(store, statements, [B], {A: 1}, now, gained, freed)
    assert lost == {A: 1, B: 1}
    held = {(q.subject, q.graph_name) for q in store}
    assert held == {(ox.NamedNode("https://w3id.org/migkg/id/instrument/x"), ox.NamedNode(A))}
