"""Checks on the graph that SHACL expresses badly or slowly: rules across several nodes
(``queries/internal/validate_check_*.rq``, each run once over the whole graph), the
vocabulary the graph uses, the classes the ontology keeps apart, and Unicode
normalisation of its text."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.query import ResultRow
from rdflib.term import Node

import queries
from graph.findings import VIOLATION, WARNING, Finding, short
from migkg.errors import MigkgError
from migkg.namespaces import MKG

_BUILT_IN = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2001/XMLSchema#",
)

_DECLARING_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
    SKOS.Concept,
    SKOS.ConceptScheme,
}


def check_graph(data: Graph, ontology: Graph) -> list[Finding]:
    """Every check of this module on ``data`` (which need not hold the ontology)."""
    return sorted(
        [
            *query_checks(data),
            *undeclared_terms(data, ontology),
            *disjoint_types(data, ontology),
            *unnormalised_text(data),
        ]
    )


@dataclass(frozen=True)
class QueryCheck:
    """A rule as a SELECT of ``?focus`` (and ``?value``) for every node that breaks it.

    The header comments of its .rq file give ``severity``, ``path`` and ``message``.
    """

    name: str
    severity: str
    path: str
    message: str
    sparql: str


def query_check(name: str) -> QueryCheck:
    """The check kept in ``queries/internal/<name>.rq``."""
    sparql = queries.internal(name)
    header = dict(
        line[1:].strip().split(":", 1)
        for line in sparql.splitlines()
        if line.startswith("#") and ":" in line
    )
    missing = {"severity", "path", "message"} - header.keys()
    if missing:
        lacking = ", ".join(sorted(missing))
        raise MigkgError(f"internal query {name}.rq lacks header lines: {lacking}")
    return QueryCheck(
        name, header["severity"].strip(), header["path"].strip(), header["message"].strip(), sparql
    )


def query_checks(data: Graph) -> Iterable[Finding]:
    """Run every ``validate_check_*.rq`` on ``data``."""
    for path in sorted(queries.INTERNAL_DIR.glob("validate_check_*.rq")):
        check = query_check(path.stem)
        for row in data.query(check.sparql):
            if not isinstance(row, ResultRow):
                continue  # the checks are SELECT queries: each answer is a row
            yield Finding(check.severity, row.focus, check.path, check.message, row.get("value"))


def declared_terms(ontology: Graph) -> set[URIRef]:
    """Every term the ontology declares: its own, and the standard ones it uses."""
    return {
        s for t in _DECLARING_TYPES for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef)
    }


def undeclared_terms(data: Graph, ontology: Graph) -> Iterable[Finding]:
    """Terms the data uses that the ontology does not declare, once per term at its first
    use: an mkg: IRI (a typo, or a term some loader invented) is a violation; a property
    or class of another vocabulary is a warning (declaring it keeps the graph in OWL 2 DL).
    """
    declared = declared_terms(ontology)
    uses: dict[URIRef, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in data:
        candidates = (
            [p, o] if p == RDF.type or (isinstance(o, URIRef) and o.startswith(MKG)) else [p]
        )
        for term in candidates:
            if (
                isinstance(term, URIRef)
                and term not in declared
                and not str(term).startswith(_BUILT_IN)
                and (term.startswith(MKG) or term is p or p == RDF.type)
            ):
                uses[term].append((s, p))
    for term, where in uses.items():
        subject, predicate = min(where, key=lambda sp: (str(sp[0]), str(sp[1])))
        own = term.startswith(MKG)
        yield Finding(
            VIOLATION if own else WARNING,
            subject,
            short(predicate),
            f"{short(term)} is not {'a term of' if own else 'declared in'} the ontology"
            f" (used {len(where)} time{'' if len(where) == 1 else 's'})",
        )


def _superclasses(ontology: Graph) -> dict[Node, set[Node]]:
    """Each class with itself and all its named superclasses."""
    closure: dict[Node, set[Node]] = {}

    def up(cls: Node) -> set[Node]:
        if cls not in closure:
            closure[cls] = {cls}
            for parent in ontology.objects(cls, RDFS.subClassOf):
                if isinstance(parent, URIRef):
                    closure[cls] |= up(parent)
        return closure[cls]

    for cls in set(ontology.subjects(RDF.type, OWL.Class)):
        up(cls)
    return closure


def _disjoint_pairs(ontology: Graph) -> set[frozenset[Node]]:
    pairs: set[frozenset[Node]] = set()
    for group in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        head = ontology.value(group, OWL.members)
        if head is None:
            continue
        members = list(Collection(ontology, head))
        pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    for a, b in ontology.subject_objects(OWL.disjointWith):
        pairs.add(frozenset((a, b)))
    return pairs


def disjoint_types(data: Graph, ontology: Graph) -> Iterable[Finding]:
    """A node typed with two classes that the ontology declares disjoint (one IRI used for
    two different things, which would make the graph inconsistent under OWL)."""
    supers = _superclasses(ontology)
    pairs = _disjoint_pairs(ontology)
    types: dict[Node, set[Node]] = defaultdict(set)
    for s, t in data.subject_objects(RDF.type):
        types[s] |= supers.get(t, {t})
    for node, classes in types.items():
        clashes = sorted(tuple(sorted(short(c) for c in pair)) for pair in pairs if pair <= classes)
        for a, b in clashes:
            yield Finding(
                VIOLATION, node, "rdf:type", f"is both {a} and {b}, which the ontology keeps apart"
            )


def unnormalised_text(data: Graph) -> Iterable[Finding]:
    """Text not in Unicode NFC: it would not match the same words typed by a user."""
    for s, p, o in data:
        if isinstance(o, Literal) and not unicodedata.is_normalized("NFC", str(o)):
            yield Finding(
                VIOLATION, s, short(p), "text is not in Unicode NFC (decomposed diacritics)", o
            )
