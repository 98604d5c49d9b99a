"""coordination_load reads a plan's tasks, the phases and the lead/cooperate split by
separate paths (a plan looked up alone, phases only with a year or date, the tasks joined
counted as those named less those led): each combination of parameters must give what the
plain definition gives, counted here from the graph's own facts."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from queries import catalogue as cat

MKG = "https://w3id.org/migkg/ontology#"
ID = "https://w3id.org/migkg/id/"


def _facts(store: EmbeddedStore) -> dict[str, dict]:
    """Each task's plans, phases (start, end), leads and cooperating bodies, and whether
    it is a group row, read with one pattern at a time."""
    tasks: dict[str, dict] = defaultdict(
        lambda: {"plans": set(), "phases": [], "lead": set(), "coop": set(), "group": False}
    )

    def pairs(pattern: str, names: str) -> list[tuple[str, ...]]:
        result = store.select(f"PREFIX mkg: <{MKG}> SELECT {names} WHERE {{ {pattern} }}")
        return [tuple(str(v) for v in row) for row in result.rows]

    for task, plan in pairs("?t mkg:taskOf ?p", "?t ?p"):
        tasks[task]["plans"].add(plan)
    for (task,) in pairs("?t a mkg:TaskGroup", "?t"):
        if task in tasks:
            tasks[task]["group"] = True
    for task, start, end in pairs(
        "?t mkg:hasPhase ?ph . ?ph mkg:startDate ?s ; mkg:endDate ?e", "?t ?s ?e"
    ):
        if task in tasks:
            tasks[task]["phases"].append((dt.date.fromisoformat(start), dt.date.fromisoformat(end)))
    for role, prop in (("lead", "leadAgency"), ("coop", "cooperatingAgency")):
        for task, agency in pairs(f"?t mkg:{prop} ?a", "?t ?a"):
            if task in tasks:
                tasks[task][role].add(agency)
    return tasks


def _expected(
    tasks: dict[str, dict], plan: str | None, year: int | None, at: dt.date | None
) -> dict[str, tuple[int, int, int]]:
    led: dict[str, set[str]] = defaultdict(set)
    named: dict[str, set[str]] = defaultdict(set)
    for task, f in tasks.items():
        if f["group"] or (plan and plan not in f["plans"]):
            continue
        if (year or at) and not any(
            (at is None or start <= at <= end) and (year is None or start.year <= year <= end.year)
            for start, end in f["phases"]  # one phase runs in the year and on the date
        ):
            continue
        for agency in f["lead"]:
            led[agency].add(task)
        for agency in f["lead"] | f["coop"]:
            named[agency].add(task)
    return {a: (len(led[a]), len(named[a]) - len(led[a]), len(named[a])) for a in named}


def _got(store: EmbeddedStore, **params: str) -> dict[str, tuple[int, int, int]]:
    rows = store.select(cat.get("coordination_load").render(params)).dicts()
    return {
        str(r["agency"]): (
            int(str(r["led_tasks"])),
            int(str(r["joined_tasks"])),
            int(str(r["all_tasks"])),
        )
        for r in rows
    }


@pytest.fixture(scope="module")
def corpus(corpus_store_dir: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(corpus_store_dir, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def corpus_facts(corpus: EmbeddedStore) -> dict[str, dict]:
    return _facts(corpus)


PLANS = ["", "402-qd-ttg", "225-nq-cp"]
YEARS = ["", "2020", "2025", "2030"]
DATES = ["", "2020-12-31", "2026-01-01"]


@pytest.mark.parametrize(("plan", "year", "at"), list(itertools.product(PLANS, YEARS, DATES)))
def test_every_combination_counts_as_the_definition(
    corpus: EmbeddedStore, corpus_facts: dict[str, dict], plan: str, year: str, at: str
) -> None:
    tasks = corpus_facts
    params = {k: v for k, v in (("plan", plan), ("year", year), ("at", at)) if v}
    expected = _expected(
        tasks,
        ID + "plan/" + plan if plan else None,
        int(year) if year else None,
        dt.date.fromisoformat(at) if at else None,
    )
    assert _got(corpus, **params) == expected


TRIG = """
@prefix mkg: <https://w3id.org/migkg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/migkg/id/> .
@prefix plan: <https://w3id.org/migkg/id/plan/> .
id:g {
  id:t1 mkg:taskOf plan:p1 ; mkg:leadAgency id:a ; mkg:cooperatingAgency id:a , id:b ;
        mkg:hasPhase id:t1-early , id:t1-late .
  id:t1-early mkg:startDate "2020-01-01"^^xsd:date ; mkg:endDate "2020-12-31"^^xsd:date .
  id:t1-late mkg:startDate "2024-01-01"^^xsd:date ; mkg:endDate "2024-12-31"^^xsd:date .
  id:t2 mkg:taskOf plan:p1 , plan:p2 ; mkg:cooperatingAgency id:a .
  id:t3 a mkg:TaskGroup ; mkg:taskOf plan:p1 ; mkg:leadAgency id:b .
}
"""


@pytest.fixture()
def tiny(tmp_path: Path) -> Iterator[EmbeddedStore]:
    import pyoxigraph as ox

    native = ox.Store(str(tmp_path / "store"))
    native.load(TRIG.encode("utf-8"), format=ox.RdfFormat.TRIG)
    native.flush()
    del native
    store = EmbeddedStore(tmp_path / "store", read_only=True)
    yield store
    store.close()


def test_a_body_named_to_lead_and_cooperate_counts_as_lead(tiny: EmbeddedStore) -> None:
    got = _got(tiny)
    assert got[ID + "a"] == (1, 1, 2)  # leads t1 (also named to cooperate), joins t2
    assert got[ID + "b"] == (0, 1, 1)  # joins t1; t3 is a group row


def test_a_year_and_a_date_must_fall_in_the_same_phase(tiny: EmbeddedStore) -> None:
    assert _got(tiny, year="2020", at="2024-06-01") == {}  # one phase each, none both
    assert _got(tiny, year="2024", at="2024-06-01")[ID + "a"] == (1, 0, 1)
    assert _got(tiny, at="2022-06-01") == {}  # between the phases
    # a task without phases counts only when neither is given; a task of two plans once
    assert _got(tiny, plan="p2") == {ID + "a": (0, 1, 1)}
    assert _got(tiny)[ID + "a"][2] == 2
