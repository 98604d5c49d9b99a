"""What the networks and charts are drawn from, read out of the store with SPARQL.

One call to :func:`fetch` runs the ``queries/internal/network_*.rq`` queries and keeps the
rows as plain records; everything in ``viz`` works on that snapshot, so a page asks
the store a handful of questions however many views it draws.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeGuard

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from graph.store import Store
from migkg.namespaces import MKG
from ontology import AGENCY_CLASSES
from queries import internal

# Agency classes from the most to the least specific, as the ontology package lists them.
AGENCY_TYPES: tuple[str, ...] = AGENCY_CLASSES
INSTRUMENT_TYPES: tuple[str, ...] = ("Plan", "Convention", "Instrument")


@dataclass(frozen=True)
class TaskRecord:
    """A task that names agencies: its plan, code and the years it is active."""

    iri: str
    code: str
    plan: str | None
    start: int | None
    end: int | None
    deadline: date | None
    # every date a phase of the task falls due (queries/tasks_due_between.rq)
    due: tuple[date, ...] = ()

    @property
    def years(self) -> range:
        """The years the task is active (empty when the graph gives no year at all).

        A task with only a start year or only an end year (or only a deadline) is taken
        as active in that one year.
        """
        first = self.start
        last = self.end
        if last is None and self.deadline is not None:
            last = self.deadline.year
        first = first if first is not None else last
        last = last if last is not None else first
        if first is None or last is None:
            return range(0)
        return range(first, last + 1)


@dataclass(frozen=True)
class Resource:
    """Labels and kind of a resource, as the graph states them."""

    iri: str
    label_vi: str
    label_en: str
    types: frozenset[str]
    number: str = ""

    @property
    def key(self) -> str:
        """The last part of the IRI (``molisa``, ``3.2.3``)."""
        return self.iri.rsplit("/", 1)[-1]

    @property
    def agency_type(self) -> str:
        """The most specific agency class (``Ministry``), or ``Agency``."""
        return next((t for t in AGENCY_TYPES if t in self.types), "Agency")

    @property
    def collective(self) -> bool:
        """True for a mention that stands for many bodies (mkg:CollectiveActor)."""
        return "CollectiveActor" in self.types

    def label(self, lang: str = "vi") -> str:
        """The label in ``lang``, else in the other language, else the IRI's last part."""
        first, second = (
            (self.label_en, self.label_vi) if lang == "en" else (self.label_vi, self.label_en)
        )
        return first or second or self.key


@dataclass
class Snapshot:
    """The rows the networks are built from."""

    tasks: dict[str, TaskRecord] = field(default_factory=dict)
    # (task, agency, role) with role "lead" or "cooperating"
    roles: list[tuple[str, str, str]] = field(default_factory=list)
    # (subject, property local name, object) for implements / adoptedBy / refersTo / legalBasis
    links: list[tuple[str, str, str]] = field(default_factory=list)
    resources: dict[str, Resource] = field(default_factory=dict)

    def resource(self, iri: str) -> Resource:
        """The resource's labels and types (empty ones when the graph has none)."""
        return self.resources.get(iri) or Resource(iri, "", "", frozenset())

    def implementers(self) -> frozenset[str]:
        """Subjects of an implements or adoptedBy link (worked out once per snapshot)."""
        cached = self.__dict__.get("_implementers")
        if cached is None:
            cached = frozenset(s for s, p, _ in self.links if p in ("implements", "adoptedBy"))
            self.__dict__["_implementers"] = cached
        return cached

    def plan_name(self, plan: str) -> str:
        """A plan's short name: its own number (139-KH/TU), else the number of the
        instrument that adopted it (402/QĐ-TTg), else its label."""
        own = self.resource(plan)
        if own.number:
            return own.number
        names = self.__dict__.get("_adopters")
        if names is None:
            names = {}
            for s, p, o in self.links:
                if p == "adoptedBy" and self.resource(o).number:
                    names.setdefault(s, self.resource(o).number)
            self.__dict__["_adopters"] = names
        return names.get(plan) or own.label("vi")

    def plan_instruments(self) -> dict[str, set[str]]:
        """Each plan → every instrument it carries out, through adoptedBy/implements chains.

        A plan counts as carrying itself out, so filtering by a plan's IRI as an
        instrument finds its own tasks too. Worked out once per snapshot.
        """
        cached = self.__dict__.get("_chains")
        if cached is not None:
            return cached
        up: dict[str, set[str]] = {}
        for s, p, o in self.links:
            if p in ("implements", "adoptedBy"):
                up.setdefault(s, set()).add(o)
        out: dict[str, set[str]] = {}
        for plan in {t.plan for t in self.tasks.values() if t.plan}:
            seen = {plan}
            todo = [plan]
            while todo:
                for nxt in up.get(todo.pop(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            out[plan] = seen
        self.__dict__["_chains"] = out
        return out


class _Iri(str):
    """An IRI read straight from pyoxigraph (no rdflib term is made: 10^5 rows)."""


class _Lit(str):
    """A literal read straight from pyoxigraph, with its language tag."""

    language: str | None = None


_NONE_KEY = ("", "")


def _plain(term: object) -> tuple[object, tuple[str, str]]:
    """A pyoxigraph term as a plain string (``_Iri``, ``_Lit``) with its sort key."""
    if isinstance(term, ox.NamedNode):
        return _Iri(term.value), (term.value, "")
    if isinstance(term, ox.Literal):
        out = _Lit(term.value)
        out.language = term.language
        return out, (term.value, term.language or "")
    return None, _NONE_KEY  # unbound, or a blank node: never an id: resource


def restricted(name: str, var: str, iris: Iterable[str] | None) -> str:
    """The internal query ``name``, its variable ``var`` bound to each of ``iris`` at the
    start of every group it opens with ``WHERE {`` (the whole query when ``iris`` is None).
    Only for queries that select ``var`` in each such group (the ``network_*`` queries the
    summary asks of the resources a rebuild touched, viz/update.py)."""
    text = internal(name)
    if iris is None:
        return text
    values = "VALUES ?" + var + " { " + " ".join(f"<{iri}>" for iri in sorted(iris)) + " }"
    return text.replace("WHERE {", "WHERE { " + values)


def _rows(
    store: Store, name: str, *, ordered: bool = True, text: str | None = None
) -> list[tuple[object, ...]]:
    """Rows of an internal query (or of its ``text`` when given), one value a variable in
    the order it selects them, as plain strings (``_Iri``, ``_Lit``) or rdflib terms,
    sorted on every column (the queries leave the order to the reader) unless ``ordered``
    is false.

    An embedded store is asked through pyoxigraph directly: at 10^6 triples making rdflib
    terms for every row takes longer than the queries themselves. Each distinct term is
    converted once (an agency or a plan comes back in thousands of rows).
    """
    native = getattr(store, "native", None)
    if isinstance(native, ox.Store):
        memo: dict[object, tuple[object, tuple[str, str]]] = {None: (None, _NONE_KEY)}
        rows: list[tuple[object, ...]] = []
        keys = []
        result = native.query(text or internal(name), use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)  # a SELECT gives solutions
        for solution in result:
            pairs = []
            for term in solution:
                pair = memo.get(term)
                if pair is None:
                    pair = memo[term] = _plain(term)
                pairs.append(pair)
            rows.append(tuple(value for value, _ in pairs))
            if ordered:
                keys.append(tuple(key for _, key in pairs))
        if not ordered:
            return rows
        order = sorted(range(len(rows)), key=keys.__getitem__)
        return [rows[i] for i in order]
    selected = store.select(text or internal(name))
    if not ordered:
        return list(selected.rows)
    return sorted(
        selected.rows,
        key=lambda row: tuple(
            _NONE_KEY if term is None else (str(term), _tag(term)) for term in row
        ),
    )


def _tag(term: object) -> str:
    return str(getattr(term, "language", None) or "")


def _is_iri(term: object) -> TypeGuard[URIRef | _Iri]:
    return isinstance(term, URIRef | _Iri)


def _is_lit(term: object) -> TypeGuard[Literal | _Lit]:
    return isinstance(term, Literal | _Lit)


def _int(term: object) -> int | None:
    if _is_lit(term):
        try:
            return int(str(term))
        except ValueError:
            return None
    return None


def _date(term: object) -> date | None:
    if _is_lit(term):
        try:
            return date.fromisoformat(str(term)[:10])
        except ValueError:
            return None
    return None


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


_RANK = {str(RDFS.label): 0, str(MKG.number): 1, str(MKG.title): 2}
_NUMBER = str(MKG.number)


def _labels(
    store: Store, only: Iterable[str] | None = None
) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """IRI → (Vietnamese label, English label), preferring rdfs:label, then number, title;
    and IRI → printed number (the first in the order of the text, then the language tag,
    when there are several). Each is the least of its candidates: the rows are taken in
    the order they come. ``only``: of these IRIs alone."""
    numbers: dict[str, tuple[str, str]] = {}
    rank = _RANK
    best: dict[tuple[str, str], tuple[int, str]] = {}
    text = restricted("network_labels", "s", only)
    for subject, prop, lit in _rows(store, "network_labels", ordered=False, text=text):
        s, p = str(subject), str(prop)
        if not _is_lit(lit):
            continue
        if p == _NUMBER:
            number = (str(lit), _tag(lit))
            if s not in numbers or number < numbers[s]:
                numbers[s] = number
        lang = (lit.language or "").lower()
        # An untagged name (a document number, a code) serves both languages.
        targets = ["vi", "en"] if not lang else [lang[:2]]
        for target in targets:
            if target not in ("vi", "en"):
                continue
            cand = (rank[p] * 2 + (1 if not lang else 0), str(lit))
            old = best.get((s, target))
            if old is None or cand < old:
                best[(s, target)] = cand
    out: dict[str, tuple[str, str]] = {}
    for (s, lang), (_, text) in best.items():
        vi, en = out.get(s, ("", ""))
        out[s] = (text, en) if lang == "vi" else (vi, text)
    return out, {s: text for s, (text, _) in numbers.items()}


def _due(store: Store, only: Iterable[str] | None = None) -> dict[str, set[date]]:
    """Each item's dates due, as ``queries/tasks_due_between.rq`` gives them from the
    first day on (task groups aside: :func:`fetch` keeps the dates of its tasks only),
    asked in two narrow questions: that query's twelve columns and grouping take ten
    times as long. The dates of an item are kept when it belongs to a plan. ``only``:
    of these items alone."""
    planned = {
        str(item)
        for (item,) in _rows(
            store, "network_planned", text=restricted("network_planned", "item", only)
        )
    }
    due: dict[str, set[date]] = {}
    for item, when in _rows(store, "network_due", text=restricted("network_due", "item", only)):
        iri = str(item)
        day = _date(when)
        if iri in planned and day is not None:
            due.setdefault(iri, set()).add(day)
    return due


def fetch(store: Store, resources: Callable[[], dict[str, Resource]] | None = None) -> Snapshot:
    """Read the tasks, who leads and joins them, instrument links, labels and types
    (``resources``: the labels and types as :func:`read_resources` gives them, when they are
    read elsewhere)."""
    snap = Snapshot()
    snap.tasks = read_tasks(store)
    snap.roles = read_roles(store)
    snap.links = read_links(store)
    snap.resources = resources() if resources is not None else read_resources(store)
    return snap


def read_tasks(store: Store, only: Iterable[str] | None = None) -> dict[str, TaskRecord]:
    """Every task that names agencies, in the order of their IRIs, with the dates it falls
    due (``only``: of these IRIs alone)."""
    tasks: dict[str, TaskRecord] = {}
    text = restricted("network_tasks", "task", only)
    for task, code, plan, start, end, deadline in _rows(store, "network_tasks", text=text):
        iri = str(task)
        if iri in tasks:  # a second plan or code: keep the first, rows are ordered
            continue
        tasks[iri] = TaskRecord(
            iri=iri,
            code=str(code) if code is not None else _local(iri),
            plan=str(plan) if plan is not None else None,
            start=_int(start),
            end=_int(end),
            deadline=_date(deadline),
        )
    for iri, dates in _due(store, only).items():
        if iri in tasks:
            tasks[iri] = replace(tasks[iri], due=tuple(sorted(dates)))
    return tasks


def read_roles(store: Store, only: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    """(task, agency, "lead" or "cooperating") in order (``only``: of these tasks alone)."""
    text = restricted("network_task_agencies", "task", only)
    return [
        (str(task), str(agency), str(role))
        for task, agency, role in _rows(store, "network_task_agencies", text=text)
        if _is_iri(agency)
    ]


def read_links(store: Store, only: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    """(subject, property local name, object) of the instrument links in order (``only``:
    of these subjects alone)."""
    text = restricted("network_instrument_links", "s", only)
    return [
        (str(s), _local(p), str(o))
        for s, p, o in _rows(store, "network_instrument_links", text=text)
    ]


def read_resources(store: Store, only: Iterable[str] | None = None) -> dict[str, Resource]:
    """Every resource's labels and the ontology classes it is stated to belong to
    (``only``: of these IRIs alone)."""
    types: dict[str, set[str]] = {}
    text = restricted("network_types", "s", only)
    for s, kind in _rows(store, "network_types", ordered=False, text=text):
        types.setdefault(str(s), set()).add(_local(kind))
    labels, numbers = _labels(store, only)
    out = {}
    # one set per combination of classes (a few dozen among 10^5 resources): the summary
    # pickles each once
    kinds: dict[frozenset[str], frozenset[str]] = {}
    for iri in set(types) | set(labels):
        vi, en = labels.get(iri, ("", ""))
        kind = frozenset(types.get(iri, ()))
        out[iri] = Resource(iri, vi, en, kinds.setdefault(kind, kind), numbers.get(iri, ""))
    return out
