"""What ``GET /sparql`` without a query answers: a SPARQL 1.1 Service Description.

A program gets the description as RDF (Turtle unless it asks for another graph format);
a browser that prefers HTML is sent to the site's query page.
"""

from __future__ import annotations

from flask import Response, current_app, redirect, request, url_for
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD
from werkzeug.wrappers import Response as BaseResponse

from migkg.errors import NotAcceptable
from webapp import negotiation
from webapp.db import get_runner

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
VOID = Namespace("http://rdfs.org/ns/void#")

RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)
_RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def description(endpoint: str) -> Graph:
    """The service description of the endpoint at ``endpoint`` (its absolute URL)."""
    settings = current_app.config["MIGKG"]
    store = get_runner()
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, DCTERMS.title, Literal("migkg SPARQL endpoint", lang="en")))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if settings.get("allow_updates"):
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    for name in RESULT_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[name]))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, SD.defaultEntailmentRegime, URIRef("http://www.w3.org/ns/entailment/Simple")))
    g.add(
        (
            service,
            RDFS.comment,
            Literal(
                f"Read-only unless enabled. Results are capped at {settings['max_rows']} rows "
                f"and {settings.get('max_result_bytes', 50_000_000)} bytes (the header "
                f"X-Migkg-Truncated says when); a query is stopped after "
                f"{settings['query_timeout']:g} s. SERVICE, LOAD and FROM of other graphs are "
                "refused unless enabled.",
                lang="en",
            ),
        )
    )
    dataset, default = BNode(), BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, VOID.triples, Literal(len(store), datatype=XSD.integer)))
    g.add((default, RDFS.comment, Literal("The union of all named graphs.", lang="en")))
    for name in store.graph_names():
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(name)))
    return g


def describe() -> BaseResponse:
    """The description in the negotiated format, or a redirect for browsers."""
    ranges = negotiation.parse_accept(request.headers.get("Accept"))
    offered = ["text/turtle", *negotiation.GRAPH_TYPES, "text/html"]
    best = negotiation.choose(ranges, offered)
    if best == "text/html" and "query.editor" in current_app.view_functions:
        return redirect(url_for("query.editor"))
    if best is None or best == "text/html":
        if best is None:
            raise NotAcceptable(
                "the service description comes as Turtle, N-Triples, JSON-LD or RDF/XML"
            )
        best = "text/turtle"
    fmt = negotiation.GRAPH_TYPES[best]
    from webapp import public_url

    # The address comes from the settings, never from the request's Host header.
    endpoint = public_url(current_app.config["MIGKG"]) + "/sparql"
    data = description(endpoint).serialize(format=_RDFLIB_FORMATS[fmt], encoding="utf-8")
    return Response(data, content_type=negotiation.CONTENT_TYPES[fmt])
