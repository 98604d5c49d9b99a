"""The interactive network view: vis-network (the copy pyvis ships) drawn from JSON.

pyvis's own page template renders without autoescaping and pulls Bootstrap and
vis-network from CDNs, so the page is made here instead: a Jinja template with
autoescape on, the graph as JSON inside ``<script type="application/json">`` (with
``<``, ``>``, ``&`` and ``'`` written as ``\\u`` escapes), and two scripts loaded from
the app (``vis-network.min.js`` and ``network.js``). ``network.js`` builds every tooltip
and detail panel with ``textContent``, so labels are never parsed as HTML. Nothing is
loaded from outside the app and no inline script or style is used, so a
Content-Security-Policy of ``default-src 'self'`` allows the page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from viz.assets import DEFAULT_PREFIX
from viz.style import colour, name, word
from viz.svg import clip

NodeUrl = Callable[[str], str | None] | None
_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
)
SHAPES = {"agency": "dot", "task": "box", "plan": "hexagon", "instrument": "triangle"}


def _safe_url(url: str | None) -> str | None:
    """Only a path on the app itself: no scheme, no other host, no script."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return None
    return url


def _node_label(data: dict[str, Any], lang: str) -> str:
    kind = data.get("kind")
    if kind == "task":
        return f"{data.get('plan_label', '')} {data.get('code', '')}".strip()
    if kind == "plan":
        return clip(f"{name('plan', lang)} {data.get('short', '')}", 40)
    text = data.get("label_en" if lang == "en" else "label_vi") or data.get("label_vi") or ""
    return clip(str(text), 40)


def _node_info(data: dict[str, Any], lang: str) -> list[list[str]]:
    info = [[word("type", lang), name(data.get("type", "Agency"), lang)]]
    if data.get("kind") == "task":
        info.append([word("plan", lang), str(data.get("plan_label", ""))])
        info.append([word("code", lang), str(data.get("code", ""))])
        if "start_year" in data:
            info.append([word("years", lang), f"{data['start_year']}–{data['end_year']}"])
        if "deadline" in data:
            info.append([word("deadline", lang), str(data["deadline"])])
    for key in ("led", "joined", "load", "peak_load", "weighted_degree"):
        if key in data:
            info.append([word(key, lang), str(data[key])])
    if "betweenness" in data:
        info.append([word("betweenness", lang), f"{data['betweenness']:.3f}"])
    if "community" in data:
        info.append([word("community", lang), str(data["community"] + 1)])
    return info


def network_data(graph: nx.Graph, *, lang: str = "vi", node_url: NodeUrl = None) -> dict:
    """What the page draws, as JSON-ready data: ``nodes``, ``edges``, ``legend``,
    ``directed``. Each node has ``id`` (IRI), ``label`` (short), ``name`` (full),
    ``group`` (agency class or node kind), ``color``, ``collective``, ``value`` (size: the
    agency's load in the coordination network, else the node's degree), ``info``
    (caption/value pairs for the tooltip) and ``url`` (the site's page, or null)."""
    nodes = []
    groups: Counter[str] = Counter()
    tasks = {n: d for n, d in graph.nodes(data=True) if d.get("kind") == "task"}
    for node, data in graph.nodes(data=True):
        kind = data.get("kind", "agency")
        group = data.get("type", "Agency") if kind == "agency" else kind
        groups[group] += 1
        full = data.get("label_en" if lang == "en" else "label_vi") or data.get("label_vi", "")
        value = data["load"] if "load" in data else graph.degree(node)
        nodes.append(
            {
                "id": node,
                "label": _node_label(data, lang),
                "name": str(full or node),
                "kind": kind,
                "group": group,
                "color": colour(group),
                "collective": bool(data.get("collective", False)),
                "value": max(int(value), 1),
                "info": _node_info(data, lang),
                "url": _safe_url(node_url(node)) if node_url else None,
            }
        )
    edges = []
    for u, v, data in graph.edges(data=True):
        info = []
        if "weight" in data:
            info.append([word("weight", lang), str(data["weight"])])
            codes = [
                f"{tasks[t].get('plan_label', '')} {tasks[t].get('code', '')}".strip()
                if t in tasks
                else t.rsplit("/task/", 1)[-1]
                for t in data.get("tasks", [])
            ]
            if codes:
                info.append([word("load", lang), ", ".join(codes)])
        if "relation" in data:
            info.append([word("relation", lang), word(str(data["relation"]), lang)])
        if "role" in data:
            info.append([word("role", lang), word(str(data["role"]), lang)])
        edges.append(
            {
                "from": u,
                "to": v,
                "value": int(data.get("weight", 1)),
                "info": info,
                "dashed": data.get("role") == "cooperating"
                or data.get("relation") == "cooperatingAgency",
            }
        )
    legend = [
        {"key": g, "name": name(g, lang), "color": colour(g), "count": groups[g]}
        for g in sorted(groups, key=lambda g: (-groups[g], g))
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "legend": legend,
        "directed": graph.is_directed(),
        "network": graph.graph.get("name", ""),
    }


def render_network_fragment(
    graph: nx.Graph,
    *,
    lang: str = "vi",
    asset_base: str = DEFAULT_PREFIX,
    node_url: NodeUrl = None,
    element_id: str = "migkg-network",
) -> Markup:
    """The view as an HTML fragment to place in a page's body: search box, weight
    slider, collective toggle, legend with a checkbox per type, the canvas, a detail
    panel, the JSON data and the script and stylesheet links (under ``asset_base``).
    ``node_url(iri)`` gives the site's page for a node (double-click opens it; only
    paths starting with "/" are used)."""
    data = network_data(graph, lang=lang, node_url=node_url)
    weights = [e["value"] for e in data["edges"]]
    html = _ENV.get_template("network_fragment.html").render(
        id=element_id,
        data=data,
        words={k: word(k, lang) for k in ("search", "min_weight", "collective", "legend", "open")},
        max_weight=max(weights, default=1),
        has_weight=bool(graph.graph.get("name") == "coordination" and weights),
        has_collective=any(n["collective"] for n in data["nodes"]),
        names=sorted({n["name"] for n in data["nodes"]}),
        asset_base=asset_base.rstrip("/"),
    )
    return Markup(html)


def render_network_page(
    graph: nx.Graph,
    *,
    title: str,
    lang: str = "vi",
    asset_base: str = DEFAULT_PREFIX,
    node_url: NodeUrl = None,
) -> str:
    """A whole HTML page holding :func:`render_network_fragment`."""
    fragment = render_network_fragment(graph, lang=lang, asset_base=asset_base, node_url=node_url)
    return _ENV.get_template("network_page.html").render(
        title=title, lang=lang, fragment=fragment, asset_base=asset_base.rstrip("/")
    )
