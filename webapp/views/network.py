"""The network page: the coordination, dependency or agency–task network, drawn with
sigma.js (WebGL, served by the app) from what :mod:`viz.network_view` selects; a
group and a node's partners come as JSON on demand; filtered by plan, instrument, year
and collectives."""

from __future__ import annotations

from typing import Any

import networkx as nx
from flask import Blueprint, Response, jsonify, render_template, request, url_for

from migkg.errors import MigkgError, NotFound, ParameterError
from viz import network_view
from viz.assets import DEFAULT_PREFIX
from viz.exports import NETWORK_FORMATS
from viz.filters import NetworkFilter
from viz.networks import NETWORKS, build, check_network
from webapp.i18n import current_lang
from webapp.summary import get_summary, remembered
from webapp.views.exports import FORMAT_NAMES
from webapp.views.filters import filter_form, mark_bad_parameter, node_url, read_filter

bp = Blueprint("network", __name__)

FILTER_PARAMS = ("plan", "instrument", "year", "collective")


def network_graph(name: str, filt: NetworkFilter) -> nx.Graph:
    """The network ``name`` for the selected tasks: the build's own coordination network
    for the whole graph, else built from the summary's snapshot (and remembered)."""
    if name == "coordination" and filt == NetworkFilter():
        return get_summary().coordination
    return remembered(("network", name, filt), lambda s: build(name, s.snapshot, filt))


def _filter_args() -> dict[str, Any]:
    """The filter parameters of the request (the last value of each), for links."""
    # Any: url_for's keywords are typed per name, and a str dict could hold `_external`
    out: dict[str, Any] = {}
    for key in FILTER_PARAMS:
        values = request.args.getlist(key)
        if values and values[-1] != "":
            out[key] = values[-1]
    return out


def _choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    value = request.args.get(name, default)
    return value if value in allowed else default


@bp.get("/network")
def index() -> str:
    """The network asked for by ``network`` (coordination by default), filtered; sized by
    ``size`` (degree, load, betweenness) and coloured by ``colour`` (kind, community)."""
    name = request.args.get("network", "coordination")
    error = None
    try:
        check_network(name)
    except ParameterError as exc:
        error, name = exc.message, "coordination"
        mark_bad_parameter()
    filt, filter_error = read_filter()
    lang = current_lang()
    default_metric = "load" if name == "coordination" else "degree"
    metrics = network_view.METRICS if name == "coordination" else ("degree",)
    metric = _choice("size", metrics, default_metric)
    colour_by = _choice("colour", ("kind", "community"), "kind")
    try:
        data = remembered(
            ("overview", name, filt, metric, lang),
            lambda s: network_view.overview(
                network_graph(name, filt),
                metric=metric,
                lang=lang,
                node_url=node_url,
                snap=s.snapshot,
            ),
        )
    except MigkgError as exc:  # a plan or instrument that carries no task
        error = error or exc.message
        mark_bad_parameter()
        data = {"nodes": [], "edges": [], "legend": [], "total_nodes": 0, "total_edges": 0}
    args = _filter_args()
    exports = [
        {
            "fmt": fmt,
            "name": FORMAT_NAMES.get(fmt, fmt),
            "href": url_for("exports.download", what=name, fmt=fmt, **args),
        }
        for fmt in NETWORK_FORMATS
    ]
    return render_template(
        "network.html",
        network=name,
        networks=NETWORKS,
        data=data,
        metric=metric,
        metrics=metrics,
        colour_by=colour_by,
        explanations=network_view.explanations(lang),
        words=network_view.words(lang),
        exports=exports,
        api={
            "group": url_for("network.group", network=name, size=metric, **args),
            "node": url_for("network.node", network=name, **args),
        },
        nodes=data.get("total_nodes", 0),
        edges=data.get("total_edges", 0),
        **filter_form(),
        asset_base=DEFAULT_PREFIX,
        error=error or filter_error,
    )


def _json_args() -> tuple[str, NetworkFilter]:
    name = request.args.get("network", "coordination")
    check_network(name)
    filt, error = read_filter()
    if error:
        raise ParameterError(error)
    return name, filt


@bp.get("/network/group.json")
def group() -> Response:
    """The nodes folded into group ``group`` (``community:<n>`` or ``plan:<iri>``)."""
    name, filt = _json_args()
    key = request.args.get("group", "").strip()
    if not key.startswith(("community:", "plan:")):
        raise ParameterError("group: expected community:<number> or plan:<IRI>")
    metric = _choice("size", network_view.METRICS, "degree")
    lang = current_lang()
    data: dict[str, Any] = remembered(
        ("group", name, filt, key, metric, lang),
        lambda s: network_view.group_members(
            network_graph(name, filt), key, metric=metric, lang=lang, node_url=node_url
        ),
    )
    if not data["nodes"]:
        raise NotFound(f"group: no group {key!r} in the {name} network")
    return jsonify(data)


@bp.get("/network/node.json")
def node() -> Response:
    """A node (``iri``) of the network with its partners and the tasks they share."""
    name, filt = _json_args()
    iri = request.args.get("iri", "").strip()
    if not iri:
        raise ParameterError("iri: the node's IRI is required")
    lang = current_lang()
    data = remembered(
        ("node", name, filt, iri, lang),
        lambda s: network_view.neighbourhood(
            network_graph(name, filt), iri, lang=lang, node_url=node_url, snap=s.snapshot
        ),
    )
    if data is None:
        raise NotFound(f"iri: no node {iri!r} in the {name} network")
    return jsonify(data)
