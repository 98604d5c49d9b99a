"""Following a named body through the 2025 changes to the body that holds a task's function
(expected bodies from data/reference/restructuring_2025.csv, provincial_departments_2025.csv
and local_government_2025.csv)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders import provincial_changes
from loaders.gazetteer import Gazetteer
from loaders.succession import Successions
from loaders.tagging import load_vocabulary
from migkg import iris
from migkg.namespaces import ID

DATA = Path(__file__).resolve().parent.parent / "data"
NOW = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def succ() -> Successions:
    gaz = Gazetteer.load()
    concepts = load_vocabulary(DATA / "functions.toml", "function")
    prov = provincial_changes.derive(list(gaz.agencies.values()), gaz.provinces, DATA / "reference")
    changes = [c for c in gaz.changes if c.kind != "provinces merged"] + prov.changes
    return Successions(changes, concepts)


@pytest.mark.parametrize(
    ("function", "body"),
    [
        ("overseas-labour", "moha"),  # Decree 25/2025: Department of Overseas Labour Management
        ("vocational-education", "moet"),
        ("social-protection", "moh"),
        ("children", "moh"),
        ("drug-rehabilitation", "mps"),
        ("poverty-reduction", "mae"),
        ("gender-equality", "moha"),  # "gender equality went to MOHA, not to MOH"
    ],
)
def test_molisa_by_function(succ: Successions, function: str, body: str) -> None:
    answer = succ.follow(iris.agency("molisa"), [function], NOW)
    assert answer.bodies == [iris.agency(body)] and answer.decided
    assert answer.path and all(c.date == dt.date(2025, 3, 1) for c in answer.path)


def test_before_the_change_the_body_named_holds_it(succ: Successions) -> None:
    answer = succ.follow(iris.agency("molisa"), ["overseas-labour"], dt.date(2024, 6, 1))
    assert answer.bodies == [iris.agency("molisa")] and not answer.path


def test_a_task_naming_no_moved_function_is_undecided(succ: Successions) -> None:
    answer = succ.follow(iris.agency("molisa"), [], NOW)
    assert not answer.decided
    assert set(answer.bodies) == {iris.agency(k) for k in ("moha", "moet", "moh", "mps", "mae")}
    assert "none of the functions" in answer.reasons[0]


def test_two_steps_for_a_provincial_department(succ: Successions) -> None:
    # DOLISA (vocational education) → Kiên Giang's Department of Education (1 Mar 2025) →
    # An Giang's (1 Jul 2025)
    answer = succ.follow(iris.agency("kien-giang-dolisa"), ["vocational-education"], NOW)
    assert answer.bodies == [ID["agency/an-giang/so-giao-duc-va-dao-tao"]]
    assert [c.date for c in answer.path] == [dt.date(2025, 3, 1), dt.date(2025, 7, 1)]
    mid = succ.follow(
        iris.agency("kien-giang-dolisa"), ["vocational-education"], dt.date(2025, 5, 1)
    )
    assert mid.bodies == [ID["agency/kien-giang/so-giao-duc-va-dao-tao"]]


def test_the_district_level_passes_to_communes_and_province(succ: Successions) -> None:
    answer = succ.follow(iris.agency("district-peoples-committees"), [], NOW)
    assert set(answer.bodies) == {
        iris.agency("commune-peoples-committees"),
        iris.agency("provincial-peoples-committees"),
    }
    assert not answer.decided and "district level abolished" in answer.reasons[0]
    before = succ.follow(iris.agency("district-peoples-committees"), [], dt.date(2025, 6, 30))
    assert before.bodies == [iris.agency("district-peoples-committees")]


def test_each_answer_holds_until_the_next_one_holds_from() -> None:
    from rdflib import Graph, Literal
    from rdflib.namespace import XSD

    from loaders.succession import Answer, write_answers
    from migkg.namespaces import MKG

    task, named = ID["task/p/1"], iris.agency("dolisa")
    first, second = dt.date(2025, 3, 1), dt.date(2025, 7, 1)
    graph = Graph()
    # given out of order: the end of each is the next date, not the next in the list
    write_answers(
        graph,
        task,
        named,
        [(second, Answer([iris.agency("moha")])), (first, Answer([iris.agency("mof")]))],
        {},
        {},
    )
    ends = {
        graph.value(node, MKG.holdsFrom): graph.value(node, MKG.holdsUntil)
        for node in graph.subjects(MKG.forTask, task)
    }
    assert ends == {
        Literal(first, datatype=XSD.date): Literal(second, datatype=XSD.date),
        Literal(second, datatype=XSD.date): None,
    }


def test_an_answer_names_the_functions_that_decided_it_in_alphabetical_order() -> None:
    from rdflib import Graph, Literal

    from loaders.succession import Answer, write_answers
    from migkg.namespaces import MKG

    # names as data/functions.toml gives them
    names = {
        "overseas-labour": "Sending workers abroad (overseas labour)",
        "employment": "Labour and employment",
    }
    task, named = ID["task/p/2"], iris.agency("dolisa")
    graph = Graph()
    decided = Answer([iris.agency("moha")], functions=["overseas-labour", "employment"])
    write_answers(graph, task, named, [(dt.date(2025, 3, 1), decided)], {}, names)
    other = ID["task/p/3"]
    write_answers(
        graph, other, named, [(dt.date(2025, 3, 1), Answer([iris.agency("mof")]))], {}, names
    )
    (node,) = graph.subjects(MKG.forTask, task)
    assert graph.value(node, MKG.functionsText) == Literal(
        "Labour and employment; Sending workers abroad (overseas labour)", lang="en"
    )
    (bare,) = graph.subjects(MKG.forTask, other)
    assert graph.value(bare, MKG.functionsText) is None
