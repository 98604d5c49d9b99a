"""The calendar's kept answers (webapp/page_facts.py) worked out from the statements they
read, asked once per property and joined here.

``queries/tasks_due_between.rq`` and ``queries/tasks_overdue.rq`` look up about a dozen
properties for each row; over a whole graph the store then answers one lookup per
row and property, where one pass over each property's statements gives the same answers
in about a third of the time. The rows are those of the two queries (with no filter, from
the first day asked on; the second with no date, and the last day any phase of the task
ends beside each row), but the names of the bodies that lead an item come in alphabetical
order (the queries' ``GROUP_CONCAT`` leaves their order to the store), and an item with
two names is labelled with the first in alphabetical order (the query takes a ``SAMPLE``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import product
from types import SimpleNamespace
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDFS
from rdflib.term import Node

from graph.store import Store
from migkg.namespaces import MKG
from queries import internal, restricted
from viz.obligations import Due

# What the rows read of an item (a task or a reporting duty), of its phases, of its bodies.
_ITEM = (
    MKG.hasPhase, MKG.taskOf, MKG.dutyOf, MKG.code, PROV.wasDerivedFrom, MKG.sourceLineStart,
    RDFS.label, MKG.reportContent, MKG.leadAgency, MKG.reporter, MKG.deadline,
    MKG.reviewUntilYear, MKG.timeframeText,
)  # fmt: skip
_PHASE = (MKG.dueOn, MKG.phaseKind, MKG.rrule, MKG.timeframeText, MKG.endDate, MKG.endYear)
_BODY = (RDFS.label,)
# The same as text, by local name (a namespace's attribute makes a new term at each use).
P = SimpleNamespace(**{str(prop).rsplit("#", 1)[-1]: str(prop) for prop in _ITEM + _PHASE})
_NONE: tuple[None] = (None,)

# property → subject → its objects (keyed by text: an rdflib term hashes slowly)
Objects = dict[str, dict[str, list[Node]]]


def _select(store: Store, name: str, **only: Iterable[str]) -> list[tuple[Node | None, ...]]:
    """The rows of ``internal/<name>.rq`` with each variable of ``only`` bound to its IRIs."""
    text = internal(name)
    for var, iris in only.items():
        text = restricted(text, var, iris)
    return store.select(text).rows


def statements(
    store: Store, properties: Iterable[URIRef], only: Iterable[object] | None
) -> Objects:
    """Each of ``properties``' objects by subject (of the subjects ``only`` names, when
    given), in the store's order: one query a property (quicker than one for all)."""
    bound = {} if only is None else {"s": [str(s) for s in only]}
    out: Objects = {}
    for prop in properties:
        held: dict[str, list[Node]] = defaultdict(list)
        for s, o in _select(store, "calendar_statements", p=[str(prop)], **bound):
            held[str(s)].append(o)  # type: ignore[arg-type]
        out[str(prop)] = held
    return out


@dataclass
class Read:
    """What the calendar's rows read, of every item or of some (:func:`read`)."""

    items: Objects
    phases: Objects
    bodies: Objects
    groups: set[str]

    def of(self, prop: str, subject: object, on: str = "items") -> list[Node]:
        """The objects of ``subject``'s ``prop`` (of an item, a phase or a body)."""
        held: Objects = getattr(self, on)
        return held.get(prop, {}).get(str(subject), [])

    def names(self, item: str, *props: str) -> str:
        """The Vietnamese names of the bodies ``item``'s ``props`` name, alphabetical, "; "
        between them."""
        found = {
            str(name)
            for prop in props
            for body in self.of(prop, item)
            for name in self.of(P.label, body, "bodies")
            if isinstance(name, Literal) and name.language == "vi"
        }
        return "; ".join(sorted(found))

    def with_phases(self) -> dict[str, list[Node]]:
        """Each item with a phase, and its phases."""
        return self.items.get(P.hasPhase, {})


def read(store: Store, only: set[str] | None = None) -> Read:
    """The statements the calendar's rows read, of the items ``only`` names (every item
    when None): the items', their phases', their bodies'."""
    if only is None:
        every = statements(store, {*_ITEM, *_PHASE, *_BODY}, None)
        groups = {str(row[0]) for row in _select(store, "calendar_task_groups")}
        return Read(every, every, every, groups)
    if not only:
        return Read({}, {}, {}, set())
    items = statements(store, _ITEM, only)
    phases = {p for ps in items.get(P.hasPhase, {}).values() for p in ps}
    bodies = {
        b for prop in (P.leadAgency, P.reporter) for bs in items.get(prop, {}).values()
        for b in bs
    }  # fmt: skip
    return Read(
        items,
        statements(store, _PHASE, phases) if phases else {},
        statements(store, _BODY, bodies) if bodies else {},
        {str(row[0]) for row in _select(store, "calendar_task_groups", s=only)},
    )


def _text(term: Node | None) -> str:
    return "" if term is None else str(term)


def _day(term: Node | None) -> date | None:
    value = term.toPython() if isinstance(term, Literal) else None
    # a date-time is not compared with a date in SPARQL: the queries leave it out
    return value if isinstance(value, date) and not isinstance(value, datetime) else None


def _or_none(terms: list[Node]) -> list[Node] | tuple[None]:
    return terms or _NONE


def dues(held: Read, first: date) -> list[Due]:
    """Every date due from ``first`` on, as ``queries/tasks_due_between.rq`` gives them
    (module docstring), in no order."""
    out: list[Due] = []
    for item, phases in held.with_phases().items():
        plans = held.of(P.taskOf, item) + held.of(P.dutyOf, item)
        if item in held.groups or not plans:
            continue
        names = held.of(P.label, item) or held.of(P.reportContent, item)
        label = min(map(str, names)) if names else ""
        leads = held.names(item, P.leadAgency, P.reporter)
        for phase in dict.fromkeys(phases):
            days = [d for d in map(_day, held.of(P.dueOn, phase, "phases")) if d and d >= first]
            rows = product(
                days,
                held.of(P.phaseKind, phase, "phases"),
                plans,
                _or_none(held.of(P.code, item)),
                _or_none(held.of(P.rrule, phase, "phases")),
                _or_none(held.of(P.timeframeText, phase, "phases")),
                _or_none(held.of(P.wasDerivedFrom, item)),
                _or_none(held.of(P.sourceLineStart, item)),
            )
            for due, kind, plan, code, rrule, timeframe, source, line in rows:
                out.append(
                    Due(
                        due=due,
                        item=item,
                        phase=str(phase),
                        kind=str(kind),
                        plan=str(plan),
                        code=_text(code),
                        label=label,
                        leads=leads,
                        timeframe=_text(timeframe),
                        rrule=_text(rrule),
                        source=_text(source),
                        line=None if line is None else int(str(line)),
                    )
                )
    return out


def overdue(held: Read) -> list[tuple[date, dict[str, Any]]]:
    """The rows of ``queries/tasks_overdue.rq`` with no date (module docstring), each with
    the last day any phase of its task ends, in no order: a task is overdue at a date when
    that day lies before it."""
    out: list[tuple[date, dict[str, Any]]] = []
    for task, phases in held.with_phases().items():
        plans = held.of(P.taskOf, task)
        codes = held.of(P.code, task)
        if task in held.groups or not plans or not codes:
            continue
        ends = [d for p in phases for d in map(_day, held.of(P.endDate, p, "phases")) if d]
        if not ends:
            continue
        last = max(ends)
        names = held.names(task, P.leadAgency)
        leads = Literal(names) if names else None  # as the query gives it: unbound
        for work in dict.fromkeys(phases):
            kinds = held.of(P.phaseKind, work, "phases")
            if Literal("implementation") not in kinds:
                continue
            rows = product(
                plans,
                codes,
                held.of(P.endDate, work, "phases"),
                held.of(P.endYear, work, "phases"),
                _or_none(held.of(P.deadline, task)),
                _or_none(held.of(P.reviewUntilYear, task)),
                _or_none(held.of(P.timeframeText, task)),
            )
            for plan, code, ended, end, deadline, review_until, timeframe in rows:
                if _day(ended) is None:
                    continue
                row = {
                    "plan": plan,
                    "code": code,
                    "task": URIRef(task),  # a task is named by an IRI (the loaders')
                    "end": end,
                    "ended": ended,
                    "deadline": deadline,
                    "review_until": review_until,
                    "timeframe": timeframe,
                    "leads": leads,
                }
                out.append((last, row))
    return out
