"""What the SPARQL editor completes from, with no request to another host: the project's
prefixes, and the classes and properties of the ontology (plus the common RDF ones)."""

from __future__ import annotations

from functools import cache
from typing import Any

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from migkg.namespaces import PREFIX_IRIS
from ontology import ONTOLOGY_TTL

_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
_COMMON_PROPERTIES = (RDF.type, RDFS.label, RDFS.comment, RDFS.subClassOf, SKOS.altLabel)


@cache
def editor_terms() -> dict[str, Any]:
    """``{"prefixes": {prefix: namespace}, "classes": [iri…], "properties": [iri…]}``."""
    graph = Graph()
    graph.parse(ONTOLOGY_TTL, format="turtle")
    classes = sorted({str(s) for s in graph.subjects(RDF.type, OWL.Class) if not _blank(s)})
    properties = {str(p) for p in _COMMON_PROPERTIES}
    for kind in _PROPERTY_TYPES:
        properties |= {str(s) for s in graph.subjects(RDF.type, kind) if not _blank(s)}
    return {
        "prefixes": dict(PREFIX_IRIS),
        "classes": classes,
        "properties": sorted(properties),
    }


def _blank(node: Any) -> bool:
    return not str(node).startswith(("http://", "https://"))
