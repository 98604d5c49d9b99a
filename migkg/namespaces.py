"""The namespaces of the migkg vocabulary and the standard ones it aligns with."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

MKG = Namespace("https://w3id.org/migkg/ontology#")
ID = Namespace("https://w3id.org/migkg/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")

ONTOLOGY_IRI = "https://w3id.org/migkg/ontology"

PREFIXES: dict[str, Namespace] = {
    "mkg": MKG,
    "id": ID,
    "org": ORG,
    "eli": ELI,
    "prov": PROV,
    "time": TIME,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}


def bind_prefixes(graph) -> None:  # type: ignore[no-untyped-def]
    """Bind the project's prefixes on an rdflib graph or dataset."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)


def sparql_prolog() -> str:
    """PREFIX lines for every namespace in PREFIXES, for queries written by hand."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
