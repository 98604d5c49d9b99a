"""The diagram of the ontology's main classes: an inline SVG drawn on the server, boxes in
layers (networkx orders them), an open arrow for "is a subclass of" and a plain arrow, named,
for each main object property between two main classes."""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from migkg.webapp.ontology_doc import Ontology, documentation

MAIN_CLASSES: tuple[str, ...] = (
    "Instrument",
    "Convention",
    "Plan",
    "Phase",
    "ReportingDuty",
    "Task",
    "TaskGroup",
    "SourceDocument",
    "Agency",
    "CollectiveActor",
    "Province",
)

# The object properties drawn between main classes (the others are listed on the page).
MAIN_PROPERTIES: tuple[str, ...] = (
    "implements",
    "hasTask",
    "hasPhase",
    "dutyOf",
    "parentTask",
    "leadAgency",
    "reporter",
    "province",
    "issuedBy",
)

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 150, 36, 40, 80, 20


def _graph(onto: Ontology) -> tuple[nx.DiGraph, list[tuple[str, str, str]]]:
    """The main classes with their subclass edges, and the property arrows (from, to, name)."""
    graph = nx.DiGraph()
    present = [c for c in MAIN_CLASSES if c in onto.terms]
    graph.add_nodes_from(present)
    for name in present:
        for sup in onto.terms[name].supers:
            if sup.name in graph:
                graph.add_edge(sup.name, name, kind="sub")
    arrows: list[tuple[str, str, str]] = []
    for prop in MAIN_PROPERTIES:
        term = onto.terms.get(prop)
        if term is None:
            continue
        for d in term.domain:
            for r in term.range:
                if d.name in graph and r.name in graph and d.name != r.name:
                    arrows.append((d.name, r.name, prop))
                    if not nx.has_path(graph, r.name, d.name):
                        graph.add_edge(d.name, r.name, kind="prop")
    return graph, arrows


def _layers(graph: nx.DiGraph) -> list[list[str]]:
    """Rows of boxes: each class one row below the furthest class that points to it."""
    depth: dict[str, int] = {}
    for node in nx.topological_sort(graph):
        preds = [depth[p] + 1 for p in graph.predecessors(node)]
        depth[node] = max(preds, default=0)
    rows: list[list[str]] = [[] for _ in range(max(depth.values(), default=0) + 1)]
    order = {name: i for i, name in enumerate(MAIN_CLASSES)}
    for node in sorted(depth, key=lambda n: order[n]):
        rows[depth[node]].append(node)
    return rows


def _edge_point(box: tuple[float, float], toward: tuple[float, float]) -> tuple[float, float]:
    """Where the line from a box's centre toward a point leaves the box."""
    (cx, cy), (tx, ty) = box, toward
    dx, dy = tx - cx, ty - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        (BOX_W / 2) / abs(dx) if dx else float("inf"), (BOX_H / 2) / abs(dy) if dy else float("inf")
    )
    return cx + dx * scale, cy + dy * scale


def _label(onto: Ontology, name: str, lang: str) -> str:
    labels = onto.terms[name].labels
    return labels.get(lang) or labels.get("en") or name


@lru_cache(maxsize=4)
def diagram(lang: str) -> str:
    """The SVG of the main classes with labels in ``lang`` (cached per language)."""
    onto = documentation()
    graph, arrows = _graph(onto)
    rows = _layers(graph)
    widest = max((len(r) for r in rows), default=1)
    width = MARGIN * 2 + widest * BOX_W + (widest - 1) * GAP_X
    height = MARGIN * 2 + len(rows) * BOX_H + (len(rows) - 1) * GAP_Y
    centre: dict[str, tuple[float, float]] = {}
    for y, row in enumerate(rows):
        row_w = len(row) * BOX_W + (len(row) - 1) * GAP_X
        x0 = (width - row_w) / 2
        for x, name in enumerate(row):
            centre[name] = (
                x0 + x * (BOX_W + GAP_X) + BOX_W / 2,
                MARGIN + y * (BOX_H + GAP_Y) + BOX_H / 2,
            )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ontology-diagram" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}">',
        "<defs>"
        '<marker id="od-sub" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="12" '
        'markerHeight="12" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#fff" stroke="#333"/></marker>'
        '<marker id="od-prop" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#555"/></marker></defs>',
    ]
    for sup, sub, data in graph.edges(data=True):
        if data["kind"] != "sub":
            continue
        x1, y1 = _edge_point(centre[sub], centre[sup])
        x2, y2 = _edge_point(centre[sup], centre[sub])
        parts.append(
            f'<line class="subclass" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            'stroke="#333" marker-end="url(#od-sub)"/>'
        )
    for source, target, prop in arrows:
        x1, y1 = _edge_point(centre[source], centre[target])
        x2, y2 = _edge_point(centre[target], centre[source])
        text = escape(_label(onto, prop, lang))
        parts.append(
            f'<a href="#{prop}"><line class="property" x1="{x1:.1f}" y1="{y1:.1f}" '
            f'x2="{x2:.1f}" y2="{y2:.1f}" stroke="#777" stroke-dasharray="4 3" '
            'marker-end="url(#od-prop)"/>'
            f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 3:.1f}" font-size="10" '
            f'text-anchor="middle" fill="#444">{text}</text></a>'
        )
    for name, (cx, cy) in centre.items():
        text = escape(_label(onto, name, lang))
        parts.append(
            f'<a href="#{name}"><title>{escape(name)}</title>'
            f'<rect x="{cx - BOX_W / 2:.1f}" y="{cy - BOX_H / 2:.1f}" width="{BOX_W}" '
            f'height="{BOX_H}" rx="4" fill="#eef3f8" stroke="#2b5c8a"/>'
            f'<text x="{cx:.1f}" y="{cy + 4:.1f}" font-size="12" text-anchor="middle" '
            f'fill="#102a43" data-term={quoteattr(name)}>{text}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)
