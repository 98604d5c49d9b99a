"""The calendar's kept answers read by one scan a property (webapp/calendar_scan.py) are the
rows of ``tasks_due_between.rq`` and ``tasks_overdue.rq``, on a graph made to hold what
their joins must get right: an item of two plans, a phase of two dates and two kinds, a
date-time where a date is expected, a heading of an appendix, an item of no plan, a duty
named by what it reports, two bodies in the lead, one of them without a Vietnamese name,
the same statement in two documents; and asked for some items, the rows of those items."""

from __future__ import annotations

from datetime import date

import pytest
from calendar_rows import due_key, row_key

from graph.embedded import EmbeddedStore
from queries import questions
from viz.obligations import dues
from webapp import calendar_scan, page_facts

PREFIXES = """
@prefix mkg: <https://w3id.org/migkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix task: <https://w3id.org/migkg/id/task/p/> .
@prefix duty: <https://w3id.org/migkg/id/duty/p/> .
@prefix phase: <https://w3id.org/migkg/id/phase/> .
@prefix body: <https://w3id.org/migkg/id/agency/> .
@prefix plan: <https://w3id.org/migkg/id/plan/> .
@prefix doc: <https://w3id.org/migkg/id/document/> .
"""
FIRST = (
    PREFIXES
    + """
task:1 mkg:taskOf plan:p , plan:q ; mkg:code "1" ; rdfs:label "Việc một"@vi ;
    mkg:leadAgency body:b , body:a , body:x ; mkg:cooperatingAgency body:c ;
    prov:wasDerivedFrom doc:d1 ; mkg:sourceLineStart 10 ;
    mkg:deadline "2021-06-30"^^xsd:date ; mkg:timeframeText "2020-2021" ;
    mkg:hasPhase phase:1-work , phase:1-review .
phase:1-work mkg:phaseKind "implementation" ; mkg:endDate "2021-12-31"^^xsd:date ;
    mkg:endYear 2021 ; mkg:dueOn "2021-06-30"^^xsd:date , "2021-12-31"^^xsd:date ;
    mkg:timeframeText "2020-2021" .
phase:1-review mkg:phaseKind "review" , "reporting" ; mkg:endDate "2025-12-31"^^xsd:date ;
    mkg:dueOn "2022-12-31"^^xsd:date , "2023-12-31T00:00:00"^^xsd:dateTime ;
    mkg:rrule "FREQ=YEARLY;UNTIL=20251231" .
task:G mkg:taskOf plan:p ; mkg:code "G" ; a mkg:TaskGroup ; rdfs:label "Nhóm"@vi ;
    mkg:hasPhase phase:G-work .
phase:G-work mkg:phaseKind "implementation" ; mkg:endDate "2021-12-31"^^xsd:date ;
    mkg:endYear 2021 ; mkg:dueOn "2021-12-31"^^xsd:date .
task:none mkg:code "9" ; rdfs:label "Không thuộc kế hoạch"@vi ; mkg:hasPhase phase:none .
phase:none mkg:phaseKind "implementation" ; mkg:dueOn "2021-12-31"^^xsd:date ;
    mkg:endDate "2021-12-31"^^xsd:date ; mkg:endYear 2021 .
duty:1 mkg:dutyOf plan:p ; mkg:reportContent "báo cáo kết quả" ; mkg:reporter body:c ;
    mkg:hasPhase phase:d1 .
phase:d1 mkg:phaseKind "reporting" ; mkg:dueOn "2021-11-15"^^xsd:date .
body:a rdfs:label "Bộ An"@vi , "Ministry A"@en .
body:b rdfs:label "Bộ Bình"@vi .
body:c rdfs:label "Sở Cảnh"@vi .
body:x rdfs:label "Body X"@en .
"""
)
# a second document that says some of the same again, and one thing more
SECOND = (
    PREFIXES
    + """
task:1 mkg:taskOf plan:p ; rdfs:label "Việc một"@vi ; mkg:leadAgency body:a .
task:2 mkg:taskOf plan:p ; mkg:code "2" ; rdfs:label "Việc hai"@vi ; mkg:hasPhase phase:2 .
phase:2 mkg:phaseKind "implementation" ; mkg:endDate "2022-06-30"^^xsd:date ;
    mkg:endYear 2022 ; mkg:dueOn "2022-06-30"^^xsd:date .
"""
)
DAYS = [date(2021, 1, 1), date(2022, 1, 1), date(2026, 1, 1)]


@pytest.fixture(scope="module")
def store():
    made = EmbeddedStore(None)
    made.load_graph("https://w3id.org/migkg/id/document/d1", FIRST.encode(), "turtle")
    made.load_graph("https://w3id.org/migkg/id/document/d2", SECOND.encode(), "turtle")
    yield made
    made.close()


def test_every_date_due_is_a_row_of_the_query(store) -> None:
    got = calendar_scan.dues(calendar_scan.read(store), page_facts.FIRST_DAY)
    asked = dues(store, page_facts.FIRST_DAY, None)
    assert sorted(map(due_key, got)) == sorted(map(due_key, asked))
    # read from the graph above: the task in two plans (3 dates of its work phase, one
    # date of its review, two kinds), the duty, the task of the second document
    assert len(got) == 2 * (2 + 1 * 2) + 1 + 1


def test_the_leads_are_in_alphabetical_order_and_only_their_vietnamese_names(store) -> None:
    got = calendar_scan.dues(calendar_scan.read(store), page_facts.FIRST_DAY)
    leads = {d.leads for d in got if d.item.endswith("task/p/1")}
    assert leads == {"Bộ An; Bộ Bình"}
    assert {d.label for d in got if d.item.endswith("duty/p/1")} == {"báo cáo kết quả"}


@pytest.mark.parametrize("day", DAYS)
def test_what_is_overdue_is_what_the_query_says(store, day: date) -> None:
    rows = calendar_scan.overdue(calendar_scan.read(store))
    got = [row for ends, row in rows if ends < day]
    asked = questions.rows(store, "tasks_overdue", at=day.isoformat())
    assert sorted(map(row_key, got)) == sorted(map(row_key, asked))


def test_the_days_move_what_is_overdue(store) -> None:
    rows = calendar_scan.overdue(calendar_scan.read(store))
    # task 1 is reviewed until 2025: overdue only after; task 2 from mid-2022
    assert [str(r["code"]) for ends, r in rows if ends < DAYS[1]] == []
    assert sorted(str(r["code"]) for ends, r in rows if ends < DAYS[2]) == ["1", "1", "2"]


def test_some_items_read_give_the_rows_of_those_items(store) -> None:
    everything = calendar_scan.read(store)
    only = {"https://w3id.org/migkg/id/task/p/1", "https://w3id.org/migkg/id/duty/p/1"}
    some = calendar_scan.read(store, only)
    whole = [d for d in calendar_scan.dues(everything, page_facts.FIRST_DAY) if d.item in only]
    assert sorted(map(due_key, calendar_scan.dues(some, page_facts.FIRST_DAY))) == sorted(
        map(due_key, whole)
    )
    assert sorted(map(row_key, (r for _, r in calendar_scan.overdue(some)))) == sorted(
        row_key(r) for _, r in calendar_scan.overdue(everything) if str(r["task"]) in only
    )
    assert calendar_scan.dues(calendar_scan.read(store, set()), page_facts.FIRST_DAY) == []
