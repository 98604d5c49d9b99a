"""The graph under the SHACL shapes of ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from functools import cache

from rdflib import Graph
from rdflib.namespace import RDF
from rdflib.term import BNode, Node

from graph.findings import INFO, VIOLATION, WARNING, Finding, short
from migkg.namespaces import SH, bind_prefixes
from ontology import ONTOLOGY_TTL, SHAPES_TTL

_SEVERITY: dict[Node | None, str] = {SH.Violation: VIOLATION, SH.Warning: WARNING, SH.Info: INFO}


@cache
def shapes_graph() -> Graph:
    """The shapes, parsed once."""
    return Graph().parse(SHAPES_TTL, format="turtle")


@cache
def ontology_graph() -> Graph:
    """The ontology, parsed once."""
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


def with_ontology(data: Graph) -> Graph:
    """A copy of ``data`` with the ontology added, so that shapes see its subclasses."""
    graph = Graph()
    bind_prefixes(graph)
    graph += data
    graph += ontology_graph()
    return graph


def check_shapes(data: Graph) -> list[Finding]:
    """Validate ``data`` (which must already hold the ontology) against the shapes.

    No inference is run (see the head of shapes.ttl): SHACL's own class semantics
    follow rdfs:subClassOf in the data graph, which is all the shapes need. Advanced
    features are on for the shapes' SPARQL targets.
    """
    import pyshacl

    _conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=True,
        inplace=True,
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
    )
    return sorted(_findings(results, data))


def _findings(results: Graph, data: Graph) -> list[Finding]:
    shapes = shapes_graph()
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        if focus is None:
            continue  # every SHACL result names its focus node
        severity = _SEVERITY.get(results.value(result, SH.resultSeverity), VIOLATION)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        if message is None:
            shape = results.value(result, SH.sourceShape)
            message = shapes.value(shape, SH.message) if shape is not None else None
        found.append(
            Finding(
                severity,
                focus,
                _path_text(path, results),
                str(message) if message is not None else "does not conform",
                value,
            )
        )
    return found


def _path_text(path: Node | None, graph: Graph) -> str:
    """A SHACL path as a SPARQL-like property path (``mkg:code``, ``^mkg:hasTask``)."""
    if path is None:
        return "-"
    if isinstance(path, BNode):
        inverse = graph.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _path_text(inverse, graph)
        return "(path)"
    return short(path)
