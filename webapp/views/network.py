"""The network page: the coordination, dependency or bipartite network, drawn with
vis-network (served by the app) and filtered by plan, instrument, year and collectives."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from migkg.viz.assets import DEFAULT_PREFIX
from migkg.viz.networks import NETWORKS, build
from migkg.viz.pyvis_view import render_network_fragment
from migkg.webapp.db import get_store
from migkg.webapp.i18n import current_lang
from migkg.webapp.views.filters import form_choices, form_values, node_url, read_filter

bp = Blueprint("network", __name__)


@bp.get("/network")
def index() -> str:
    """The network asked for by ``network`` (coordination by default), filtered."""
    name = request.args.get("network", "coordination")
    error = None
    if name not in NETWORKS:
        error = f"network: unknown network {name!r} (one of: {', '.join(NETWORKS)})"
        name = "coordination"
    filt, filter_error = read_filter()
    graph = build(name, get_store(), filt)
    fragment = render_network_fragment(
        graph, lang=current_lang(), asset_base=DEFAULT_PREFIX, node_url=node_url
    )
    return render_template(
        "network.html",
        network=name,
        networks=NETWORKS,
        fragment=fragment,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        values=form_values(),
        choices=form_choices(),
        error=error or filter_error,
    )
