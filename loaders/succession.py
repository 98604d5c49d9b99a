"""Who is responsible for a task at a date: the body named, followed through the changes.

Each change of a body is an ``org:ChangeEvent`` (central ones from
``reference/restructuring_2025.csv``, provincial ones from ``provincial_changes``). A
change that moves functions names them (``mkg:movesFunction``, the concepts of
``data/functions.toml`` whose ``moved`` words its reference row prints). A task gets the
functions its text names (``loaders/tagging.py``), with the deciding words.

Following a body at a date D, on its first change on or before D:

- a function the task concerns that a change moved goes to that change's result; any other
  goes to the body it was merged into (or that it became); a body that was only placed under
  another, or kept, stays responsible;
- one body reached: the answer goes on from it (to its own later changes); more than one,
  or a body whose functions were split and a task that names none of them, or a change whose
  results are alternatives (a department kept where the criteria are met, otherwise merged):
  the candidates, marked undecided, with the reason.

For each task and each body it names, the answer from each date on where it changes is a
``mkg:Responsibility`` (from ``mkg:validFrom``), with the bodies, the path of changes, the
functions that decided it and whether it is decided; ``queries/responsible_now.rq`` picks
the one in force at a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import zip_longest

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from loaders.restructuring import ENDING_CHANGES, ChangeRecord
from loaders.tagging import Concept, Tag
from migkg.namespaces import ID, MKG
from migkg.text import match_key

# after these a body no longer exists in its own form (a province merger passes each body to
# the body of the same name in the resulting province)
ENDS = (*ENDING_CHANGES, "province merged")


@dataclass
class Answer:
    """The bodies responsible at a date, how they were reached and whether it is decided."""

    bodies: list[URIRef]
    path: list[ChangeRecord] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def decided(self) -> bool:
        return len(self.bodies) == 1 and not self.reasons


def moved_functions(change: ChangeRecord, concepts: dict[str, Concept]) -> set[str]:
    """The functions a "functions moved to" change names in its reference row."""
    if "functions moved" not in change.kind:
        return set()
    text = match_key(change.moved_text)
    inside = text.split("(", 1)[1] if "(" in text else ""
    return {c.key for c in concepts.values() if any(match_key(m) in inside for m in c.moved)}


class Successions:
    """The change events by original body, and the functions each moves."""

    def __init__(self, changes: list[ChangeRecord], concepts: dict[str, Concept]) -> None:
        self.by_original: dict[URIRef, list[ChangeRecord]] = {}
        self.moves: dict[URIRef, set[str]] = {}
        for change in changes:
            if set(change.originals) == set(change.results) and not change.alternatives:
                continue  # kept as it was
            for org in change.originals:
                self.by_original.setdefault(org, []).append(change)
            self.moves[change.iri] = moved_functions(change, concepts)
        self.dates = sorted({c.date for cs in self.by_original.values() for c in cs})

    def follow(
        self, body: URIRef, functions: list[str], at: dt.date, after: dt.date | None = None
    ) -> Answer:
        """The bodies that hold ``functions`` of ``body`` at ``at`` (see the module text)."""
        pending = [
            c
            for c in self.by_original.get(body, [])
            if c.date <= at and (after is None or c.date > after)
        ]
        if not pending:
            return Answer([body], functions=list(functions))
        first = min(c.date for c in pending)
        now = [c for c in pending if c.date == first]
        targets: dict[URIRef, list[ChangeRecord]] = {}
        reasons: list[str] = []
        for change in now:
            if change.alternatives:
                for r in change.results:
                    targets.setdefault(r, []).append(change)
                reasons.append(f"{change.kind}: which one is not recorded ({change.basis})")
        if not targets:
            moved = [c for c in now if self.moves.get(c.iri)]
            ending = [c for c in now if c.kind.startswith(ENDS) and c not in moved]
            rest: list[URIRef] = [r for c in ending for r in c.results] or [body]
            wanted = list(functions)
            if not wanted and moved:
                reasons.append("the task's text names none of the functions that were moved apart")
                for c in moved:
                    for r in c.results:
                        targets.setdefault(r, []).append(c)
                for r in rest:
                    targets.setdefault(r, []).extend(ending)
            for f in wanted:
                hit = [c for c in moved if f in self.moves[c.iri]]
                for c in hit or ending:
                    for r in c.results:
                        targets.setdefault(r, []).append(c)
                if not hit and not ending:
                    targets.setdefault(body, [])
            if not wanted and not moved:
                for r in rest:
                    targets.setdefault(r, []).extend(ending)
        shared = [c for c in now if c.kind.startswith(ENDS) and len(c.results) > 1]
        if len(targets) > 1 and not reasons:
            if shared and shared[0].note:  # one change handing the body's tasks to several
                reasons.append(f"{shared[0].kind}: {shared[0].note}")
            else:
                reasons.append("the task's functions went to different bodies")
        answers = [self.follow(t, functions, at, first if t == body else first) for t in targets]
        bodies: list[URIRef] = []
        for a in answers:
            bodies.extend(b for b in a.bodies if b not in bodies)
        path = sorted(
            {c.iri: c for cs in targets.values() for c in cs}.values(), key=lambda c: c.iri
        )
        for a in answers:
            path.extend(c for c in a.path if c not in path)
            reasons.extend(r for r in a.reasons if r not in reasons)
        return Answer(bodies, path, list(functions), reasons)


def task_answers(
    succ: Successions, named: URIRef, functions: list[str]
) -> list[tuple[dt.date, Answer]]:
    """Each date from which the answer for ``named`` changes, with the answer."""
    out: list[tuple[dt.date, Answer]] = []
    last: tuple[URIRef, ...] = (named,)
    last_decided = True
    for date in succ.dates:
        answer = succ.follow(named, functions, date)
        key = tuple(answer.bodies)
        if key != last or answer.decided != last_decided:
            out.append((date, answer))
            last, last_decided = key, answer.decided
    return out


def write_tags(
    graph: Graph,
    task: URIRef,
    vocab: str,
    prop: URIRef,
    tags: list[Tag],
    concept_iri: Callable[[str], URIRef],
) -> None:
    """Each tag as ``task prop concept`` and a ``mkg:Tag`` with the deciding words."""
    for tag in tags:
        concept = concept_iri(tag.concept)
        graph.add((task, prop, concept))
        node = URIRef(f"{task}/tag/{vocab}/{tag.concept}")
        graph.add((node, RDF.type, MKG.Tag))
        graph.add((node, MKG.tagOf, task))
        graph.add((node, MKG.tagConcept, concept))
        if tag.words:
            graph.add((node, MKG.decidingWords, Literal(tag.words, lang="vi")))
        if tag.note:
            graph.add((node, MKG.tagNote, Literal(tag.note, lang="en")))


def write_answers(
    graph: Graph,
    task: URIRef,
    named: URIRef,
    answers: list[tuple[dt.date, Answer]],
    labels: dict[URIRef, str],
    function_names: dict[str, str],
) -> None:
    """The ``mkg:Responsibility`` of ``named`` for ``task`` from each date it changes,
    each until the date the next one holds from (the last one without an end);
    ``function_names``: each function's English name by its key."""
    answers = sorted(answers, key=lambda pair: pair[0])
    # each answer's end is the next one's date; the last is padded with None
    for (date, answer), until in zip_longest(answers, [date for date, _ in answers[1:]]):
        node = URIRef(
            f"{task}/responsible/{str(named).rsplit('/agency/', 1)[-1]}/{date.isoformat()}"
        )
        graph.add((node, RDF.type, MKG.Responsibility))
        graph.add((node, MKG.forTask, task))
        graph.add((node, MKG.namedAgency, named))
        graph.add((node, MKG.holdsFrom, Literal(date, datatype=XSD.date)))
        # Which answer is in force at a date is then read from the answer alone, not by
        # comparing it with every other answer for the same task and body.
        if until is not None:
            graph.add((node, MKG.holdsUntil, Literal(until, datatype=XSD.date)))
        graph.add((node, MKG.decided, Literal(answer.decided)))
        for body in answer.bodies:
            graph.add((node, MKG.responsibleBody, body))
        for change in answer.path:
            graph.add((node, MKG.viaChange, change.iri))
        for f in answer.functions:
            graph.add((node, MKG.byFunction, ID[f"function/{f}"]))
        # their names written out, so that a query lists them without grouping its rows
        names = sorted({function_names.get(f, f) for f in answer.functions})
        if names:
            graph.add((node, MKG.functionsText, Literal("; ".join(names), lang="en")))
        steps = [
            f"{labels.get(change.originals[0], change.originals[0])} → "
            f"{' / '.join(labels.get(r, str(r)) for r in change.results)} "
            f"({change.kind}, {change.date.isoformat()}; {change.basis})"
            for change in answer.path
        ]
        graph.add((node, MKG.pathText, Literal("; ".join(steps), lang="en")))
        if answer.reasons:
            graph.add((node, MKG.undecidedReason, Literal("; ".join(answer.reasons), lang="en")))
        graph.add((node, RDFS.label, Literal(f"responsible from {date.isoformat()}", lang="en")))


def write_functions(graph: Graph, concepts: dict[str, Concept]) -> None:
    """The functions vocabulary as a SKOS concept scheme."""
    scheme = ID["function"]
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, RDFS.label, Literal("Functions of state bodies", lang="en")))
    graph.add((scheme, RDFS.label, Literal("Chức năng quản lý nhà nước", lang="vi")))
    for c in concepts.values():
        node = ID[f"function/{c.key}"]
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, scheme))
        for label, lang in ((c.label_vi, "vi"), (c.label_en, "en")):
            graph.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
            graph.add((node, RDFS.label, Literal(label, lang=lang)))


def labels_of(source: Dataset | Graph) -> dict[URIRef, str]:
    """English labels of every resource (for the path text)."""
    out: dict[URIRef, str] = {}
    graphs = source.graphs() if isinstance(source, Dataset) else [source]
    for g in graphs:
        for s, _p, o in g.triples((None, RDFS.label, None)):
            if isinstance(o, Literal) and o.language == "en" and isinstance(s, URIRef):
                out[s] = str(o)
    return out
