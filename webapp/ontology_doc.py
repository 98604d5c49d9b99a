"""The ontology's documentation data: every term of the ``mkg:`` namespace with its labels and
comments in both languages, its place in the class and property hierarchies, its domain and
range. Read once per process from ``ontology/migkg.ttl`` (the page picks the language)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, URIRef
from rdflib.collection import Collection

from migkg.namespaces import MKG
from ontology import ONTOLOGY_TTL

#: The ontology's own IRI (its terms' namespace without the ``#``).
ONTOLOGY_IRI = str(MKG).rstrip("#")

# The kinds of term, in the order the page lists them.
KINDS: tuple[tuple[URIRef, str], ...] = (
    (OWL.Class, "class"),
    (OWL.ObjectProperty, "object"),
    (OWL.DatatypeProperty, "datatype"),
    (OWL.AnnotationProperty, "annotation"),
    (SKOS.ConceptScheme, "scheme"),
    (SKOS.Concept, "concept"),
)


@dataclass
class Ref:
    """A link to a term: a local name for an ``mkg:`` term (an anchor on the page), else a
    compact name and the external IRI."""

    iri: str
    name: str
    local: bool


@dataclass
class Term:
    """One documented term and what the ontology says of it."""

    name: str
    iri: str
    kind: str
    labels: dict[str, str]
    comments: dict[str, str]
    supers: list[Ref] = field(default_factory=list)
    subs: list[Ref] = field(default_factory=list)
    domain: list[Ref] = field(default_factory=list)
    range: list[Ref] = field(default_factory=list)
    inverse: list[Ref] = field(default_factory=list)


@dataclass
class Ontology:
    """The documentation of the whole ontology."""

    iri: str
    labels: dict[str, str]
    comments: dict[str, str]
    version: str
    terms: dict[str, Term]

    def of_kind(self, kind: str) -> list[Term]:
        """The terms of one kind, in order of their local name."""
        return sorted(
            (t for t in self.terms.values() if t.kind == kind), key=lambda t: t.name.lower()
        )


def _by_lang(graph: Graph, subject: URIRef, prop: URIRef) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in graph.objects(subject, prop):
        lang = getattr(value, "language", None) or ""
        found.setdefault(lang, str(value))
    return found


def _ref(graph: Graph, node: URIRef) -> Ref:
    text = str(node)
    if text.startswith(str(MKG)):
        return Ref(text, text[len(str(MKG)) :], True)
    return Ref(text, node.n3(graph.namespace_manager), False)


def _members(graph: Graph, node: object) -> list[URIRef]:
    """A class expression's named classes: itself, or the members of an ``owl:unionOf``."""
    if isinstance(node, URIRef):
        return [node]
    if isinstance(node, BNode):
        union = graph.value(node, OWL.unionOf)
        if union is not None:
            return [m for m in Collection(graph, union) if isinstance(m, URIRef)]
    return []


def _refs(graph: Graph, subject: URIRef, prop: URIRef) -> list[Ref]:
    nodes = [m for o in graph.objects(subject, prop) for m in _members(graph, o)]
    return sorted((_ref(graph, n) for n in nodes), key=lambda r: (not r.local, r.name.lower()))


def _kind(graph: Graph, subject: URIRef) -> str | None:
    types = set(graph.objects(subject, RDF.type))
    return next((kind for cls, kind in KINDS if cls in types), None)


def read(path: str | None = None) -> Ontology:
    """The documentation of the ontology in ``path`` (the shipped ``migkg.ttl`` by default)."""
    graph = Graph().parse(path or ONTOLOGY_TTL, format="turtle")
    terms: dict[str, Term] = {}
    for subject in set(graph.subjects(RDF.type, None)):
        if not isinstance(subject, URIRef) or not str(subject).startswith(str(MKG)):
            continue
        kind = _kind(graph, subject)
        if kind is None:
            continue
        is_class = kind == "class"
        up = RDFS.subClassOf if is_class else RDFS.subPropertyOf
        if kind == "concept":
            up = SKOS.broader
        term = Term(
            name=str(subject)[len(str(MKG)) :],
            iri=str(subject),
            kind=kind,
            labels=_by_lang(graph, subject, RDFS.label) or _by_lang(graph, subject, SKOS.prefLabel),
            comments=_by_lang(graph, subject, RDFS.comment)
            or _by_lang(graph, subject, SKOS.definition),
            supers=_refs(graph, subject, up),
            domain=_refs(graph, subject, RDFS.domain),
            range=_refs(graph, subject, RDFS.range),
            inverse=_refs(graph, subject, OWL.inverseOf),
        )
        terms[term.name] = term
    for term in terms.values():
        for sup in term.supers:
            if sup.local and sup.name in terms:
                terms[sup.name].subs.append(Ref(term.iri, term.name, True))
    for term in terms.values():
        term.subs.sort(key=lambda r: r.name.lower())
    onto = URIRef(ONTOLOGY_IRI)
    return Ontology(
        iri=ONTOLOGY_IRI,
        labels=_by_lang(graph, onto, RDFS.label),
        comments=_by_lang(graph, onto, RDFS.comment),
        version=str(graph.value(onto, OWL.versionInfo) or ""),
        terms=terms,
    )


@lru_cache(maxsize=1)
def documentation() -> Ontology:
    """The shipped ontology's documentation, read once per process."""
    return read()


@lru_cache(maxsize=1)
def turtle() -> str:
    """The ontology file's text, as served to a client that asks for Turtle."""
    return ONTOLOGY_TTL.read_text(encoding="utf-8")
