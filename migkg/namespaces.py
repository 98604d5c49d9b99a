"""The namespaces of the migkg vocabulary and the standard ones it aligns with."""

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from migkg.prefixes import PREFIX_IRIS

# The standard namespaces, re-exported for the modules and tests that import them here.
__all__ = [
    "DCTERMS",
    "ELI",
    "ID",
    "MKG",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "TIME",
    "XSD",
    "bind_prefixes",
    "sparql_prolog",
]

MKG = Namespace("https://w3id.org/migkg/ontology#")
ID = Namespace("https://w3id.org/migkg/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")

# One table of prefixes for rdflib and for the light modules (migkg.prefixes).
PREFIXES: dict[str, Namespace] = {p: Namespace(iri) for p, iri in PREFIX_IRIS.items()}


def bind_prefixes(graph: Graph) -> None:
    """Bind the project's prefixes on an rdflib graph or dataset."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)


def sparql_prolog() -> str:
    """PREFIX lines for every namespace in PREFIXES, for queries written by hand."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
