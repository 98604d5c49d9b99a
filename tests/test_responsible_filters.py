"""responsible_now asked for one task, plan, body or province gives the rows of that one
among the answers for the whole graph (the pages ask so, not for every answer); the
province page's own query gives the canned query's rows for its province. The functions
each answer lists are the names of the functions it was decided by."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rdflib import URIRef

from graph.embedded import EmbeddedStore
from queries import questions
from webapp.views import as_of

DATES = ("2024-06-01", "2025-04-01", "2025-07-01", "2026-12-06")


@pytest.fixture(scope="module")
def store(corpus_store_dir: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(corpus_store_dir, read_only=True)
    yield s
    s.close()


def key(row: dict) -> tuple:
    return tuple(
        sorted(
            (k, "; ".join(sorted(str(v).split("; "))) if k == "functions" else str(v))
            for k, v in row.items()
        )
    )


@pytest.mark.parametrize("at", DATES)
def test_each_filter_gives_its_part_of_every_answer(store: EmbeddedStore, at: str) -> None:
    every = questions.rows(store, "responsible_now", at=at)
    if at > "2025-07":
        assert every, "the corpus names bodies merged in 2025"
    for column in ("task", "plan", "agency"):
        for value in sorted({str(r[column]) for r in every})[:6]:
            mine = questions.rows(store, "responsible_now", at=at, **{column: value})
            expected = [r for r in every if str(r[column]) == value]
            assert sorted(map(key, mine)) == sorted(map(key, expected)), (column, value)


def test_the_province_filter_keeps_the_bodies_of_the_province(store: EmbeddedStore) -> None:
    every = questions.rows(store, "responsible_now", at=DATES[-1])
    provinces = {
        (str(r["p"]), str(r["a"]))
        for r in store.select(
            "PREFIX mkg: <https://w3id.org/migkg/ontology#> "
            "SELECT ?a ?p WHERE { ?a mkg:province ?p }"
        ).dicts()
    }
    named = {str(r["agency"]) for r in every}
    asked = sorted({p for p, a in provinces if a in named})[:4]
    assert asked
    for province in asked:
        mine = questions.rows(store, "responsible_now", at=DATES[-1], province=province)
        bodies = {a for p, a in provinces if p == province}
        expected = [r for r in every if str(r["agency"]) in bodies]
        assert sorted(map(key, mine)) == sorted(map(key, expected)), province


def bodies_by_province(store: EmbeddedStore) -> set[tuple[str, str]]:
    return {
        (str(r["p"]), str(r["a"]))
        for r in store.select(
            "PREFIX mkg: <https://w3id.org/migkg/ontology#> "
            "SELECT ?a ?p WHERE { ?a mkg:province ?p }"
        ).dicts()
    }


@pytest.mark.parametrize("at", DATES)
def test_the_province_page_query_gives_the_canned_rows(store: EmbeddedStore, at: str) -> None:
    every = questions.rows(store, "responsible_now", at=at)
    named = {str(r["agency"]) for r in every}
    provinces = bodies_by_province(store)
    # provinces whose bodies have answers at the date, and one whose bodies have none
    asked = sorted({p for p, a in provinces if a in named})[:4]
    asked += sorted({p for p, _a in provinces} - set(asked))[:1]
    if at > "2025-07":
        assert len(asked) > 1
    for province in asked:
        expected = questions.rows(store, "responsible_now", at=at, province=province)
        text = as_of.province_query(URIRef(province), date.fromisoformat(at))
        mine = store.select(text).dicts()
        assert sorted(map(key, mine)) == sorted(map(key, expected)), province


def test_each_answer_lists_the_names_of_the_functions_that_decided_it(
    store: EmbeddedStore,
) -> None:
    rows = store.query(
        """PREFIX mkg: <https://w3id.org/migkg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?answer ?text ?name WHERE {
          ?answer a mkg:Responsibility .
          OPTIONAL { ?answer mkg:functionsText ?text }
          OPTIONAL { ?answer mkg:byFunction/skos:prefLabel ?name FILTER(lang(?name) = "en") }
        }"""
    )
    texts: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for row in rows.dicts():  # type: ignore[union-attr]
        answer, text, name = row["answer"], row.get("text"), row.get("name")
        texts.setdefault(str(answer), set()).update([str(text)] if text is not None else [])
        names.setdefault(str(answer), set()).update([str(name)] if name is not None else [])
    assert any(names.values()), "the corpus has answers decided by a function"
    for answer, found in names.items():
        listed = texts[answer]
        assert listed == ({"; ".join(sorted(found))} if found else set()), answer
