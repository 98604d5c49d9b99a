"""The project's prefixes as plain strings (no rdflib), for code that must stay light:
the query workers import this and nothing that pulls in rdflib."""

PREFIX_IRIS: dict[str, str] = {
    "mkg": "https://w3id.org/migkg/ontology#",
    "id": "https://w3id.org/migkg/id/",
    "org": "http://www.w3.org/ns/org#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def prefixed(iri: str) -> str:
    """An IRI as a compact name where a prefix fits (``mkg:leadAgency``, ``id:task/…``),
    else the IRI as it is."""
    for prefix, ns in PREFIX_IRIS.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri
