"""Resource IRIs dereferenced: ``https://w3id.org/migkg/id/<path>`` is served at ``/id/<path>``.

A browser gets the page for the kind of thing it is (agency, task, plan, instrument,
convention, province, or a generic page); a client asking by ``Accept`` (or a ``format``
parameter, for links) gets the resource's description in Turtle, N-Triples, JSON-LD or
RDF/XML: its statements as subject and the labels of what it links to.
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, render_template, request
from rdflib import URIRef

from migkg.errors import NotAcceptable, NotFound, ParameterError
from migkg.namespaces import ID, bind_prefixes
from queries import internal
from webapp import pagequery
from webapp.db import get_store
from webapp.security import attachment
from webapp.views import as_of, resource_kinds

bp = Blueprint("resources", __name__)

# media type → (rdflib format, file extension); the first entry answers */*.
RDF_TYPES: dict[str, tuple[str, str]] = {
    "text/turtle": ("turtle", "ttl"),
    "application/ld+json": ("json-ld", "jsonld"),
    "application/n-triples": ("nt", "nt"),
    "application/rdf+xml": ("xml", "rdf"),
}
FORMAT_PARAM = {ext: mt for mt, (_, ext) in RDF_TYPES.items()} | {
    "turtle": "text/turtle",
    "json-ld": "application/ld+json",
    "ntriples": "application/n-triples",
    "xml": "application/rdf+xml",
}
HTML = "text/html"
_IRI_PATH = re.compile(r"^[^\s<>\"{}|\\^`]+$")


def negotiate() -> tuple[str, bool]:
    """The media type to answer with, and whether it was asked as a download (``format``)."""
    fmt = request.args.get("format", "").strip().lower()
    if fmt:
        if fmt == "html":
            return HTML, False
        if fmt not in FORMAT_PARAM:
            names = ", ".join(sorted({ext for _, ext in RDF_TYPES.values()}))
            raise ParameterError(
                f"parameter 'format': unknown format {fmt!r} (one of: html, {names})"
            )
        return FORMAT_PARAM[fmt], True
    accept = request.accept_mimetypes
    if not accept:
        return HTML, False
    offers = [HTML, "application/xhtml+xml", *RDF_TYPES]
    best = accept.best_match(offers)
    if best is None:
        raise NotAcceptable(
            "no representation for Accept: "
            + request.headers.get("Accept", "")
            + f" (offered: {', '.join(offers)})"
        )
    return (HTML if best == "application/xhtml+xml" else best), False


@bp.get("/id/<path:path>")
def show(path: str) -> Response | str:
    """The page or the RDF description of ``id:<path>``; 404 when the graph lacks it."""
    if not _IRI_PATH.match(path):
        raise NotFound(f"no resource id:{path}")
    iri = URIRef(str(ID) + path)
    if not pagequery.ask("resource_held", s=iri):
        raise NotFound(f"the graph holds no resource id:{path}")
    media_type, download = negotiate()
    if media_type != HTML:
        return _rdf(iri, path, media_type, download)
    kind = resource_kinds.kind_of(iri, path)
    context = resource_kinds.gather(kind, iri)
    context.update(as_of.context(kind, iri))
    response = Response(
        render_template(f"resources/{kind}.html", kind=kind, iri=iri, path=path, **context),
        mimetype=HTML,
    )
    response.headers["Vary"] = "Accept"
    return response


def _rdf(iri: URIRef, path: str, media_type: str, download: bool) -> Response:
    graph = get_store().construct(internal("page_resource_describe"), {"s": iri})
    bind_prefixes(graph)
    rdflib_format, ext = RDF_TYPES[media_type]
    data = graph.serialize(format=rdflib_format, encoding="utf-8")
    response = Response(data, mimetype=media_type)
    if media_type != "application/ld+json":
        response.headers["Content-Type"] = f"{media_type}; charset=utf-8"
    response.headers["Vary"] = "Accept"
    if download:
        attachment(response, path.replace("/", "_") + "." + ext)
    return response
