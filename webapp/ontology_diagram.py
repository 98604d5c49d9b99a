"""The diagram of the ontology's main classes: an inline SVG drawn on the server, boxes in
layers (networkx orders them), an open arrow for "is a subclass of" and a plain arrow, named,
for each main object property between two main classes."""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from webapp.ontology_doc import Ontology, documentation

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
    """Rows of boxes: each class one row below the furthest class that points to it, and
    within a row in the mean order of its neighbours (fewer crossing lines)."""
    depth: dict[str, int] = {}
    for node in nx.topological_sort(graph):
        preds = [depth[p] + 1 for p in graph.predecessors(node)]
        depth[node] = max(preds, default=0)
    rows: list[list[str]] = [[] for _ in range(max(depth.values(), default=0) + 1)]
    order = {name: i for i, name in enumerate(MAIN_CLASSES)}
    for node in sorted(depth, key=lambda n: order[n]):
        rows[depth[node]].append(node)
    undirected = graph.to_undirected()
    for _ in range(3):
        for index in list(range(1, len(rows))) + list(range(len(rows) - 2, -1, -1)):
            rows[index] = _by_neighbours(rows, index, undirected)
    return rows


def _by_neighbours(rows: list[list[str]], index: int, graph: nx.Graph) -> list[str]:
    """A row sorted by the mean position of each box's neighbours in the other rows (boxes
    with none keep their place, last)."""
    place = {n: (i - (len(row) - 1) / 2) for row in rows for i, n in enumerate(row)}

    def key(node: str) -> tuple[int, float]:
        near = [place[m] for m in graph.neighbors(node) if m not in rows[index]]
        return (0, sum(near) / len(near)) if near else (1, place[node])

    return sorted(rows[index], key=key)


def _edge_point(
    box: tuple[float, float], toward: tuple[float, float], box_w: float
) -> tuple[float, float]:
    """Where the line from a box's centre toward a point leaves the box."""
    (cx, cy), (tx, ty) = box, toward
    dx, dy = tx - cx, ty - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        (box_w / 2) / abs(dx) if dx else float("inf"), (BOX_H / 2) / abs(dy) if dy else float("inf")
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
    # Boxes as wide as the longest label (about 7 px a character at 12 px).
    box_w = max(BOX_W, 7 * max(len(_label(onto, n, lang)) for n in graph) + 20)
    widest = max((len(r) for r in rows), default=1)
    width = MARGIN * 2 + widest * box_w + (widest - 1) * GAP_X
    height = MARGIN * 2 + len(rows) * BOX_H + (len(rows) - 1) * GAP_Y
    centre: dict[str, tuple[float, float]] = {}
    for y, row in enumerate(rows):
        row_w = len(row) * box_w + (len(row) - 1) * GAP_X
        x0 = (width - row_w) / 2
        for x, name in enumerate(row):
            centre[name] = (
                x0 + x * (box_w + GAP_X) + box_w / 2,
                MARGIN + y * (BOX_H + GAP_Y) + BOX_H / 2,
            )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ontology-diagram" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        'font-family="sans-serif">',
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
        x1, y1 = _edge_point(centre[sub], centre[sup], box_w)
        x2, y2 = _edge_point(centre[sup], centre[sub], box_w)
        parts.append(
            f'<line class="subclass" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            'stroke="#333" marker-end="url(#od-sub)"/>'
        )
    for index, (source, target, prop) in enumerate(arrows):
        x1, y1 = _edge_point(centre[source], centre[target], box_w)
        x2, y2 = _edge_point(centre[target], centre[source], box_w)
        text = escape(_label(onto, prop, lang))
        at = (0.4, 0.6, 0.75)[index % 3]  # labels of neighbouring arrows at different heights
        parts.append(
            f'<a href="#{prop}"><line class="property" x1="{x1:.1f}" y1="{y1:.1f}" '
            f'x2="{x2:.1f}" y2="{y2:.1f}" stroke="#777" stroke-dasharray="4 3" '
            'marker-end="url(#od-prop)"/>'
            f'<text x="{x1 + (x2 - x1) * at:.1f}" y="{y1 + (y2 - y1) * at:.1f}" font-size="10" '
            'text-anchor="middle" fill="#444" stroke="#fff" stroke-width="3" '
            f'paint-order="stroke">{text}</text></a>'
        )
    for name, (cx, cy) in centre.items():
        text = escape(_label(onto, name, lang))
        parts.append(
            f'<a href="#{name}"><title>{escape(name)}</title>'
            f'<rect x="{cx - box_w / 2:.1f}" y="{cy - BOX_H / 2:.1f}" width="{box_w:.0f}" '
            f'height="{BOX_H}" rx="4" fill="#eef3f8" stroke="#2b5c8a"/>'
            f'<text x="{cx:.1f}" y="{cy + 4:.1f}" font-size="12" text-anchor="middle" '
            f'fill="#102a43" data-term={quoteattr(name)}>{text}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)
