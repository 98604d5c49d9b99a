"""The resources the changed graphs of a rebuild touch, and how far the counts moved.

A rebuild that reloads only the graphs whose statements changed (graph/new_store.py)
need not read every resource again: a statement that one of the previous store and the
new one holds in a graph and the other does not names, as subject or object, every
resource whose rows may differ (viz/update.py says which rows depend on what), and no
other statement is in one store and not the other. Blank nodes name nothing that can be
asked again by name: a changed statement with one where a row is keyed makes the caller
work everything out afresh.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import RDFS

from migkg.namespaces import MKG

# Statements whose blank subject would be a row's key in the summary (a task, an item
# with dates due, a labelled or typed resource, an instrument link): a blank node there
# cannot be found again by name.
_KEYED = frozenset(
    str(MKG[name])
    for name in (
        "leadAgency",
        "cooperatingAgency",
        "taskOf",
        "dutyOf",
        "hasPhase",
        "implements",
        "adoptedBy",
        "refersTo",
        "legalBasis",
        "code",
        "startYear",
        "endYear",
        "deadline",
        # the coverage's rows (webapp/page_facts_update.py)
        "servesObjective",
        "tagOf",
        "tagConcept",
        "decidingWords",
        "tagNote",
    )
)
_HAS_TASK = str(MKG.hasTask)
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))


@dataclass(frozen=True)
class Touched:
    """The IRIs named as subject, and as object, by a statement of a changed graph."""

    subjects: frozenset[str]
    objects: frozenset[str]

    @property
    def either(self) -> frozenset[str]:
        """Every IRI named either way."""
        return self.subjects | self.objects


def of_quads(quads: Iterable[ox.Quad]) -> Touched | None:
    """What ``quads`` touch; None when a blank node stands where a row of the summary is
    keyed."""
    subjects: set[str] = set()
    objects: set[str] = set()
    for quad in quads:
        s, p, o = quad.subject, quad.predicate.value, quad.object
        if isinstance(s, ox.NamedNode):
            subjects.add(s.value)
        elif p in _KEYED:
            return None
        if isinstance(o, ox.NamedNode):
            objects.add(o.value)
        elif p == _HAS_TASK:
            return None
    return Touched(frozenset(subjects), frozenset(objects))


def graph_changes(before: ox.Store, after: ox.Store, graphs: Iterable[str]) -> list[ox.Quad]:
    """The quads of ``graphs`` that only one of ``before`` and ``after`` holds."""
    out: list[ox.Quad] = []
    for graph in graphs:
        name = ox.NamedNode(graph)
        old = set(before.quads_for_pattern(None, None, None, name))
        new = set(after.quads_for_pattern(None, None, None, name))
        out += old ^ new
    return out


def nquads_changes(before: bytes | set[bytes], after: bytes | set[bytes]) -> list[ox.Quad]:
    """The quads only one of two N-Quads texts holds (both written the same way; each
    given as its text or the set of its lines)."""
    old = before if isinstance(before, set) else set(before.split(b"\n"))
    new = after if isinstance(after, set) else set(after.split(b"\n"))
    changed = b"\n".join(line for line in old ^ new if line.strip())
    return list(ox.parse(changed, format=ox.RdfFormat.N_QUADS)) if changed else []


def holders(store: ox.Store, predicate: str, objects: Iterable[str]) -> set[str]:
    """The IRIs that state ``predicate`` of any of ``objects`` in ``store``."""
    prop = ox.NamedNode(predicate)
    out = set()
    for iri in objects:
        for quad in store.quads_for_pattern(None, prop, ox.NamedNode(iri), None):
            if isinstance(quad.subject, ox.NamedNode):
                out.add(quad.subject.value)
    return out


def held_by(store: ox.Store, predicate: str, subjects: Iterable[str]) -> set[str]:
    """The IRIs that any of ``subjects`` states ``predicate`` of in ``store``."""
    prop = ox.NamedNode(predicate)
    out = set()
    for iri in subjects:
        for quad in store.quads_for_pattern(ox.NamedNode(iri), prop, None, None):
            if isinstance(quad.object, ox.NamedNode):
                out.add(quad.object.value)
    return out


def triples_gained(before: ox.Store, after: ox.Store, quads: Iterable[ox.Quad]) -> int:
    """How many more distinct statements ``after`` holds than ``before`` (in any graph),
    ``quads`` being every quad only one of them holds: no other statement is in one and
    not the other."""
    gained = 0
    for s, p, o in {(q.subject, q.predicate, q.object) for q in quads}:
        gained += _holds(after, s, p, o) - _holds(before, s, p, o)
    return gained


def _holds(store: ox.Store, s: Any, p: ox.NamedNode, o: Any) -> int:
    return 1 if next(iter(store.quads_for_pattern(s, p, o, None)), None) is not None else 0


def about(store: ox.Store, subjects: Iterable[Any]) -> ox.Store:
    """A store in memory with the statements ``store`` makes of ``subjects`` and every
    subclass statement: what a count of things by their classes reads of them."""
    out = ox.Store()
    quads = list(store.quads_for_pattern(None, _SUBCLASS, None, None))
    for subject in subjects:
        quads += store.quads_for_pattern(subject, None, None, None)
    out.extend(quads)
    return out


def subject_terms(quads: Iterable[ox.Quad]) -> set[Any]:
    """The subjects (IRIs and blank nodes) of ``quads``."""
    return {q.subject for q in quads}
