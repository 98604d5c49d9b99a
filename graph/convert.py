"""Term conversion between pyoxigraph and rdflib."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import overload

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@overload
def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node: ...
@overload
def to_rdflib(term: object) -> Node | None: ...
def to_rdflib(term: object) -> Node | None:
    """A pyoxigraph term as an rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unsupported term: {term!r}")


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) not in (_XSD_STRING, _RDF_LANG):
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term: {term!r}")


class _Terms(dict[object, Node | None]):
    """pyoxigraph terms as rdflib terms, each converted once (None stays None)."""

    def __init__(self) -> None:
        super().__init__({None: None})

    def __missing__(self, term: object) -> Node | None:
        out = self[term] = to_rdflib(term)
        return out


def from_ox_result(
    result: ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple],
) -> bool | Graph | tuple[list[str], list[tuple[Node | None, ...]]]:
    """A pyoxigraph query result as Python values: ASK → bool, SELECT → (variables, rows),
    CONSTRUCT/DESCRIBE → an rdflib Graph with the project's prefixes bound."""
    from migkg.namespaces import bind_prefixes

    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        # Rows repeat their terms (a task on every row of its dates): each made once.
        memo = _Terms()
        return variables, [tuple(map(memo.__getitem__, sol)) for sol in result]
    graph = Graph()
    bind_prefixes(graph)
    for t in result:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


def with_values(text: str, bindings: Mapping[str, Node]) -> str:
    """``text`` with a one-row VALUES block opening its WHERE clause.

    For stores reached by text alone (a remote server, a query worker): the values join
    the query where it starts, which every FILTER of that group sees, as pyoxigraph's
    substitution would.
    """
    names = " ".join(f"?{k}" for k in bindings)
    cells = " ".join(v.n3() for v in bindings.values())
    from graph.guard import where_group

    at = where_group(text)
    return f"{text[:at]} VALUES ({names}) {{ ({cells}) }} {text[at:]}"
