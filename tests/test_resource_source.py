"""Where a resource came from: each source document is named by the number of the plan
read from it, also for a thing many documents cite (its plans found in one pass)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef

from graph.embedded import EmbeddedStore
from migkg.namespaces import ID
from webapp import paging


@pytest.fixture(scope="module")
def store(corpus_store_dir: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(corpus_store_dir, read_only=True)
    yield s
    s.close()


def numbers(store: EmbeddedStore, iri: URIRef) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in store.select(paging.bound("resource_source", iri)).dicts():
        out.setdefault(str(row["doc"]).rsplit("/", 1)[-1], set()).add(str(row["docNumber"]))
    return out


def test_a_directive_cited_by_two_documents_names_both_by_their_plans(store) -> None:
    # Directive 20-CT/TW is implemented by Resolution 225/NQ-CP (002_…) and by the Hải
    # Dương Party Committee's Plan 139-KH/TU (004_…): see the corpus README
    assert numbers(store, URIRef(str(ID) + "instrument/20-ct-tw")) == {
        "002_cdf9dff2b193bbc4": {"225/NQ-CP"},
        "004_44fe940d6642e291": {"139-KH/TU"},
    }


def test_a_task_names_its_one_document(store) -> None:
    assert numbers(store, URIRef(str(ID) + "task/225-nq-cp/II.4")) == {
        "002_cdf9dff2b193bbc4": {"225/NQ-CP"}
    }
