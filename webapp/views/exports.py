"""The exports page and its downloads: the graph in RDF formats, each network in GraphML,
GEXF, node-link JSON and CSV (a zip of nodes.csv and edges.csv); always as attachments."""

from __future__ import annotations

from flask import Blueprint, Response, render_template

from migkg.errors import NotFound, ParameterError
from viz.exports import EXPORTS, GRAPH_FORMATS, NETWORK_FORMATS, export
from viz.networks import NETWORKS
from webapp.db import get_store
from webapp.i18n import N_
from webapp.security import attachment
from webapp.views.filters import filter_form, read_filter

bp = Blueprint("exports", __name__)

# What each format is called on the page.
FORMAT_NAMES = {
    "turtle": "Turtle",
    "nt": "N-Triples",
    "jsonld": "JSON-LD",
    "xml": "RDF/XML",
    "trig": "TriG",
    "nquads": "N-Quads",
    "graphml": "GraphML",
    "gexf": "GEXF",
    "json": N_("JSON (node-link)"),
    "csv": N_("CSV (nodes.csv + edges.csv, zip)"),
}


@bp.get("/exports")
def index() -> str:
    """Every download: the graph in each RDF format, each network in each format."""
    return render_template(
        "exports.html",
        graph_formats=GRAPH_FORMATS,
        network_formats=NETWORK_FORMATS,
        networks=NETWORKS,
        names=FORMAT_NAMES,
        **filter_form(),
    )


@bp.get("/exports/<what>.<fmt>")
def download(what: str, fmt: str) -> Response:
    """``what`` (graph or a network) in format ``fmt``; networks take the filter parameters."""
    if what not in EXPORTS:
        raise NotFound(f"no export {what!r} (one of: {', '.join(EXPORTS)})")
    filt, error = read_filter()
    if error:
        raise ParameterError(error)
    data, spec = export(get_store(), what, fmt, filt if what != "graph" else None)
    response = Response(data, mimetype=spec.media_type)
    return attachment(response, f"migkg-{what}.{spec.extension}")
