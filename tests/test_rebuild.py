"""A rebuild gives the same IRIs and the same statements: nothing depends on load order."""

from __future__ import annotations

import shutil
from pathlib import Path

from rdflib import BNode, URIRef

from corpus import CORPUS_DIR
from graph.build import build_dataset
from loaders.report import BuildReport


def quads(ds) -> set[tuple]:
    return {
        (s, p, o, g.identifier)
        for g in ds.graphs()
        for s, p, o in g
        if not isinstance(s, BNode) and not isinstance(o, BNode)
    }


def test_two_builds_give_the_same_iris_and_statements(tmp_path: Path) -> None:
    first = build_dataset(CORPUS_DIR, BuildReport())
    # The second build reads the files in the opposite order, from another folder.
    copy = tmp_path / "corpus"
    copy.mkdir()
    for path in sorted(CORPUS_DIR.iterdir(), reverse=True):
        if path.suffix in (".txt", ".md"):
            shutil.copy(path, copy / path.name)
    second = build_dataset(copy, BuildReport())
    a, b = quads(first), quads(second)
    iris_a = {t for q in a for t in q if isinstance(t, URIRef)}
    iris_b = {t for q in b for t in q if isinstance(t, URIRef)}
    assert iris_a == iris_b
    assert a == b
    # Resource IRIs are readable slugs, never counters or hashes of load order.
    ids = {str(i) for i in iris_a if str(i).startswith("https://w3id.org/migkg/id/")}
    assert "https://w3id.org/migkg/id/task/402-qd-ttg/3.2.3" in ids
    assert "https://w3id.org/migkg/id/agency/mofa" in ids
    assert not any(BNode in map(type, q) for q in a)
