"""What the network page sends the browser: at most what it can show.

A national network has hundreds of agencies and tens of thousands of tasks. The page gets
the :data:`TOP` nodes that rank highest by the chosen metric; every other node is folded
into one node for its group (its community in the coordination network, its plan for a
task), which the page opens on click (:func:`group_members`); a node's partners come on
demand (:func:`neighbourhood`). The whole network stays available as an export.

Edges are sent as ``[source index, target index, weight, kind]`` rows to keep the page
small; ``kind`` is 1 for a cooperating role, else 0.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import networkx as nx

from migkg.codes import code_key
from viz.data import Snapshot
from viz.network_words import explanations, words
from viz.style import colour, name, word
from viz.svg import clip

__all__ = ["explanations", "group_members", "neighbourhood", "overview", "words"]

TOP = 150
MAX_GROUPS = 80
MAX_EDGES = 4000
MAX_MEMBERS = 300
MAX_PARTNERS = 120
MAX_SHARED = 25
METRICS = ("degree", "load", "betweenness")
NodeUrl = Callable[[str], str | None] | None


def metric_value(graph: nx.Graph, node: str, data: dict[str, Any], metric: str) -> float:
    """The node's value for ``metric`` (degree when the network does not have it)."""
    if metric == "betweenness" and "betweenness" in data:
        return float(data["betweenness"])
    if metric == "load" and "load" in data:
        return float(data["load"])
    if "weighted_degree" in data:
        return float(data["weighted_degree"])
    return float(graph.degree(node))


def group_key(data: dict[str, Any]) -> str | None:
    """The group a node folds into: ``community:<n>`` for an agency of the coordination
    network, ``plan:<iri>`` for a task; None for a node that is never folded."""
    if "community" in data:
        return f"community:{data['community']}"
    if data.get("kind") == "task" and data.get("plan"):
        return f"plan:{data['plan']}"
    return None


def node_label(data: dict[str, Any], lang: str) -> str:
    """The short label drawn beside a node."""
    kind = data.get("kind")
    if kind == "task":
        return f"{data.get('plan_label', '')} {data.get('code', '')}".strip()
    if kind == "plan":
        return clip(f"{name('plan', lang)} {data.get('short', '')}", 40)
    text = data.get("label_en" if lang == "en" else "label_vi") or data.get("label_vi") or ""
    return clip(str(text), 40)


def _node(
    graph: nx.Graph, node: str, data: dict[str, Any], lang: str, node_url: NodeUrl
) -> dict[str, Any]:
    kind = data.get("kind", "agency")
    group = data.get("type", "Agency") if kind == "agency" else kind
    full = data.get("label_en" if lang == "en" else "label_vi") or data.get("label_vi") or node
    url = node_url(node) if node_url else None
    return {
        "id": node,
        "label": node_label(data, lang),
        "name": str(full),
        "kind": kind,
        "type": group,
        "color": colour(group),
        "community": data.get("community"),
        "group": group_key(data),
        "collective": bool(data.get("collective", False)),
        "m": {m: round(metric_value(graph, node, data, m), 6) for m in METRICS},
        "url": url if url and url.startswith("/") and not url.startswith("//") else None,
    }


def _group_label(key: str, size: int, snap: Snapshot | None, lang: str) -> str:
    kind, _, ident = key.partition(":")
    if kind == "community":
        return f"{word('community', lang)} {int(ident) + 1} · {size}"
    plan = snap.plan_name(ident) if snap is not None else ident.rsplit("/", 1)[-1]
    return f"{name('plan', lang)} {plan} · {size}"


def _ranked(graph: nx.Graph, metric: str, lang: str) -> list[str]:
    def key(node: str) -> tuple[float, str]:
        data = graph.nodes[node]
        return (-metric_value(graph, node, data, metric), node_label(data, lang))

    return sorted(graph.nodes, key=key)


def overview(
    graph: nx.Graph,
    *,
    metric: str = "degree",
    lang: str = "vi",
    top: int = TOP,
    node_url: NodeUrl = None,
    snap: Snapshot | None = None,
) -> dict[str, Any]:
    """The page's data: the ``top`` nodes by ``metric``, one node per group for the rest
    (at most :data:`MAX_GROUPS`), the edges between what is shown (aggregated, at most
    :data:`MAX_EDGES`, heaviest first), the legend and counts of what was left out."""
    metric = metric if metric in METRICS else "degree"
    ranked = _ranked(graph, metric, lang)
    shown = ranked[:top]
    members: dict[str, list[str]] = defaultdict(list)
    hidden = 0
    for node in ranked[top:]:
        key = group_key(graph.nodes[node])
        if key is None:
            hidden += 1
        else:
            members[key].append(node)
    groups = sorted(members, key=lambda k: (-len(members[k]), k))
    for key in groups[MAX_GROUPS:]:
        hidden += len(members[key])
    groups = groups[:MAX_GROUPS]
    nodes = [_node(graph, n, graph.nodes[n], lang, node_url) for n in shown]
    rep: dict[str, int] = {n: i for i, n in enumerate(shown)}
    for key in groups:
        index = len(nodes)
        first = graph.nodes[members[key][0]]
        kind = "community" if key.startswith("community:") else "plan-group"
        values = {
            m: round(sum(metric_value(graph, n, graph.nodes[n], m) for n in members[key]), 6)
            for m in METRICS
        }
        nodes.append(
            {
                "id": "group:" + key,
                "label": _group_label(key, len(members[key]), snap, lang),
                "name": _group_label(key, len(members[key]), snap, lang),
                "kind": kind,
                "type": kind,
                "color": "#555555",
                "community": first.get("community"),
                "group": key,
                "collective": False,
                "m": values,
                "members": len(members[key]),
                "url": None,
            }
        )
        for n in members[key]:
            rep[n] = index
    weights: Counter[tuple[int, int, int]] = Counter()
    for u, v, data in graph.edges(data=True):
        a, b = rep.get(u), rep.get(v)
        if a is None or b is None or a == b:
            continue
        dashed = int(
            data.get("role") == "cooperating" or data.get("relation") == "cooperatingAgency"
        )
        weights[(a, b, dashed)] += int(data.get("weight", 1))
    edges = [[a, b, w, d] for (a, b, d), w in weights.most_common(MAX_EDGES)]
    legend = Counter(n["type"] for n in nodes)
    return {
        "network": graph.graph.get("name", ""),
        "directed": graph.is_directed(),
        "metric": metric,
        "nodes": nodes,
        "edges": edges,
        "legend": [
            {"key": t, "name": _type_name(t, lang), "color": _type_colour(t), "count": c}
            for t, c in sorted(legend.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "total_nodes": graph.number_of_nodes(),
        "total_edges": graph.number_of_edges(),
        "shown_nodes": len(shown),
        "folded_nodes": sum(len(members[k]) for k in groups),
        "hidden_nodes": hidden,
        "hidden_edges": max(0, len(weights) - MAX_EDGES),
    }


def _type_name(kind: str, lang: str) -> str:
    if kind == "community":
        return word("community", lang)
    if kind == "plan-group":
        return f"{name('plan', lang)} ({name('task', lang).lower()})"
    return name(kind, lang)


def _type_colour(kind: str) -> str:
    return "#555555" if kind in ("community", "plan-group") else colour(kind)


def group_members(
    graph: nx.Graph,
    key: str,
    *,
    metric: str = "degree",
    lang: str = "vi",
    top: int = TOP,
    node_url: NodeUrl = None,
) -> dict[str, Any]:
    """The nodes folded into group ``key`` by :func:`overview` with the same ``metric`` and
    ``top`` (at most :data:`MAX_MEMBERS`, highest ``metric`` first)
    and every edge between them or to another node, as ``[source id, target id, weight,
    kind]``: the page keeps those whose ends it draws."""
    metric = metric if metric in METRICS else "degree"
    ranked = _ranked(graph, metric, lang)[top:]
    chosen = [n for n in ranked if group_key(graph.nodes[n]) == key]
    total = len(chosen)
    chosen = chosen[:MAX_MEMBERS]
    wanted = set(chosen)
    edges = []
    for u, v, data in (
        graph.edges(chosen, data=True) if not graph.is_directed() else _both(graph, chosen)
    ):
        if u in wanted or v in wanted:
            dashed = int(
                data.get("role") == "cooperating" or data.get("relation") == "cooperatingAgency"
            )
            edges.append([u, v, int(data.get("weight", 1)), dashed])
    return {
        "group": key,
        "nodes": [_node(graph, n, graph.nodes[n], lang, node_url) for n in chosen],
        "edges": edges[: MAX_EDGES * 2],
        "total": total,
    }


def _both(graph: nx.DiGraph, nodes: list[str]):
    seen = set()
    for u, v, d in list(graph.out_edges(nodes, data=True)) + list(graph.in_edges(nodes, data=True)):
        if (u, v) not in seen:
            seen.add((u, v))
            yield u, v, d


def neighbourhood(
    graph: nx.Graph,
    node: str,
    *,
    lang: str = "vi",
    node_url: NodeUrl = None,
    snap: Snapshot | None = None,
) -> dict[str, Any] | None:
    """A node, its partners (heaviest link first, at most :data:`MAX_PARTNERS`) with the
    tasks they share (coordination network) or the relation that links them; None when
    the network has no such node."""
    if node not in graph:
        return None
    links: dict[str, dict[str, Any]] = {}
    pairs = (
        [(u, v, d, "out") for u, v, d in graph.out_edges(node, data=True)]
        + [(u, v, d, "in") for u, v, d in graph.in_edges(node, data=True)]
        if graph.is_directed()
        else [(u, v, d, "out") for u, v, d in graph.edges(node, data=True)]
    )
    for u, v, data, way in pairs:
        other = v if way == "out" else u
        entry = links.setdefault(other, {"weight": 0, "tasks": set(), "relations": set()})
        entry["weight"] += int(data.get("weight", 1))
        entry["tasks"].update(data.get("tasks", ()))
        rel = data.get("relation") or data.get("role")
        if rel:
            entry["relations"].add(word(str(rel), lang))
        if graph.graph.get("name") == "coordination":
            entry["relations"].add(word("lead" if way == "out" else "cooperating", lang))
    order = sorted(links, key=lambda o: (-links[o]["weight"], node_label(graph.nodes[o], lang)))
    partners = []
    for other in order[:MAX_PARTNERS]:
        entry = links[other]
        tasks = sorted(entry["tasks"], key=lambda t: _task_sort(snap, t))
        partners.append(
            {
                "node": _node(graph, other, graph.nodes[other], lang, node_url),
                "weight": entry["weight"],
                "relations": sorted(entry["relations"]),
                "tasks": [_task(snap, t, lang, node_url) for t in tasks[:MAX_SHARED]],
                "more_tasks": max(0, len(tasks) - MAX_SHARED),
            }
        )
    edges = []
    kept = set(order[:MAX_PARTNERS])
    for u, v, data, _ in pairs:
        if (v if u == node else u) in kept:
            dashed = int(
                data.get("role") == "cooperating" or data.get("relation") == "cooperatingAgency"
            )
            edges.append([u, v, int(data.get("weight", 1)), dashed])
    return {
        "node": _node(graph, node, graph.nodes[node], lang, node_url),
        "partners": partners,
        "more_partners": max(0, len(order) - MAX_PARTNERS),
        "edges": edges,
    }


def _task_sort(snap: Snapshot | None, task: str) -> tuple:
    record = snap.tasks.get(task) if snap is not None else None
    if record is None:
        return ("", ((1, 0, task),))
    return (record.plan or "", code_key(record.code))


def _task(snap: Snapshot | None, task: str, lang: str, node_url: NodeUrl) -> dict[str, Any]:
    record = snap.tasks.get(task) if snap is not None else None
    label = snap.resource(task).label(lang) if snap is not None else ""
    code = record.code if record is not None else task.rsplit("/task/", 1)[-1]
    plan = snap.plan_name(record.plan) if snap is not None and record and record.plan else ""
    url = node_url(task) if node_url else None
    return {"id": task, "code": f"{plan} {code}".strip(), "label": clip(label, 120), "url": url}
