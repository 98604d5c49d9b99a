"""The three networks, as networkx graphs whose node keys are resource IRIs.

Every node carries ``iri``, ``kind`` (``agency``, ``task``, ``plan``, ``instrument``,
``convention``), ``label_vi``, ``label_en`` and ``type`` (its ontology class, for agencies
the most specific agency class); agencies also carry ``collective``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from graph.store import Store
from viz.data import INSTRUMENT_TYPES, Snapshot, TaskRecord, fetch
from viz.filters import NetworkFilter

NETWORKS = ("coordination", "dependency", "bipartite")


def _snapshot(source: Store | Snapshot) -> Snapshot:
    return source if isinstance(source, Snapshot) else fetch(source)


def agency_attrs(snap: Snapshot, iri: str) -> dict[str, Any]:
    """Node attributes of an agency."""
    res = snap.resource(iri)
    return {
        "iri": iri,
        "kind": "agency",
        "label_vi": res.label("vi"),
        "label_en": res.label("en"),
        "type": res.agency_type,
        "collective": res.collective,
    }


def task_attrs(snap: Snapshot, task: TaskRecord) -> dict[str, Any]:
    """Node attributes of a task: its code, plan and years as well as its text."""
    res = snap.resource(task.iri)
    attrs: dict[str, Any] = {
        "iri": task.iri,
        "kind": "task",
        "label_vi": res.label("vi"),
        "label_en": res.label("en"),
        "type": next((t for t in ("Assignment", "Task") if t in res.types), "Task"),
        "code": task.code,
        "plan": task.plan or "",
        "plan_label": snap.plan_name(task.plan) if task.plan else "",
    }
    if task.years:
        attrs["start_year"] = task.years[0]
        attrs["end_year"] = task.years[-1]
    if task.deadline is not None:
        attrs["deadline"] = task.deadline.isoformat()
    return attrs


def _instrument_attrs(snap: Snapshot, iri: str) -> dict[str, Any]:
    res = snap.resource(iri)
    kind = next((t for t in INSTRUMENT_TYPES if t in res.types), "Instrument")
    node_kind = {"Plan": "plan", "Convention": "convention"}.get(kind, "instrument")
    # A plan is known by its number (or its adopting instrument's); others by theirs.
    short = snap.plan_name(iri) if node_kind == "plan" else (res.number or res.label("vi"))
    return {
        "iri": iri,
        "kind": node_kind,
        "label_vi": res.label("vi"),
        "label_en": res.label("en"),
        "type": kind,
        "short": short,
    }


def task_agencies(
    snap: Snapshot, tasks: list[TaskRecord], filt: NetworkFilter
) -> dict[str, dict[str, list[str]]]:
    """task IRI → {"lead": [agency…], "cooperating": [agency…]} for the given tasks."""
    wanted = {t.iri for t in tasks}
    out: dict[str, dict[str, list[str]]] = {
        t: {"lead": [], "cooperating": []} for t in sorted(wanted)
    }
    for task, agency, role in snap.roles:
        if task in wanted and filt.keeps_agency(snap, agency):
            if agency not in out[task][role]:
                out[task][role].append(agency)
    for roles in out.values():
        # An agency named both as lead and as cooperator of one task counts as lead.
        roles["cooperating"] = [a for a in roles["cooperating"] if a not in roles["lead"]]
    return out


def coordination_network(
    source: Store | Snapshot, filt: NetworkFilter | None = None, *, centrality: bool = True
) -> nx.DiGraph:
    """Agencies as nodes; an edge lead → cooperator for every task they share.

    Edge attributes: ``weight`` (number of shared tasks) and ``tasks`` (their IRIs,
    sorted). Every agency named in a selected task is a node, even without an edge (a
    sole lead, or a co-lead of a task whose only cooperator is a left-out collective).
    Node attributes: see the module docstring plus the metrics of
    :func:`viz.metrics.annotate`.
    """
    from viz.metrics import annotate

    snap = _snapshot(source)
    filt = filt or NetworkFilter()
    tasks = filt.tasks(snap)
    graph = nx.DiGraph(name="coordination")
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task, roles in task_agencies(snap, tasks, filt).items():
        for agency in roles["lead"] + roles["cooperating"]:
            if agency not in graph:
                graph.add_node(agency, **agency_attrs(snap, agency))
        for lead in roles["lead"]:
            for coop in roles["cooperating"]:
                shared[(lead, coop)].append(task)
    for (lead, coop), task_list in sorted(shared.items()):
        graph.add_edge(lead, coop, weight=len(task_list), tasks=sorted(task_list))
    annotate(graph, snap, filt, centrality=centrality)
    return graph


def bipartite_network(source: Store | Snapshot, filt: NetworkFilter | None = None) -> nx.Graph:
    """Agencies (``bipartite`` = 0) and tasks (``bipartite`` = 1); an edge for each agency
    named on a task, with ``role`` "lead" or "cooperating"."""
    snap = _snapshot(source)
    filt = filt or NetworkFilter()
    tasks = filt.tasks(snap)
    graph = nx.Graph(name="bipartite")
    for task in tasks:
        graph.add_node(task.iri, bipartite=1, **task_attrs(snap, task))
    for task_iri, roles in task_agencies(snap, tasks, filt).items():
        for role, agencies in roles.items():
            for agency in agencies:
                if agency not in graph:
                    graph.add_node(agency, bipartite=0, **agency_attrs(snap, agency))
                graph.add_edge(agency, task_iri, role=role)
    return graph


def dependency_network(source: Store | Snapshot, filt: NetworkFilter | None = None) -> nx.DiGraph:
    """Instrument → plan → task → agency: what each obligation comes from and who carries
    it out.

    Edges point from the obligation to what carries it out; ``relation`` names the
    property that links them, read as follows:

    - ``implements``: target implements source (GCM → Decision 402, GCM → plan 402);
    - ``adoptedBy``: target (a plan) is adopted by source (Decision 402 → plan 402);
    - ``refersTo`` / ``legalBasis``: target (a task or instrument) names source;
    - ``hasTask``: source (a plan) holds target (a task);
    - ``leadAgency`` / ``cooperatingAgency``: target (an agency) leads or joins source.

    With a filter, only the selected tasks are kept, with their agencies, the
    instruments they name and every plan and instrument upstream of their plans.
    """
    snap = _snapshot(source)
    filt = filt or NetworkFilter()
    graph = nx.DiGraph(name="dependency")
    all_tasks = sorted(snap.tasks.values(), key=lambda t: t.iri)
    task_iris = {t.iri for t in all_tasks}
    for s, p, o in snap.links:
        if s in task_iris:
            if p not in ("refersTo", "legalBasis"):
                continue
        elif not _is_instrument(snap, s):
            continue  # an event or a mention naming an instrument is not a dependency
        for iri in (s, o):
            if iri not in graph and iri not in task_iris:
                graph.add_node(iri, **_instrument_attrs(snap, iri))
        if s in task_iris:
            graph.add_node(s, **task_attrs(snap, snap.tasks[s]))
        graph.add_edge(o, s, relation=p)
    for task in all_tasks:
        graph.add_node(task.iri, **task_attrs(snap, task))
        if task.plan:
            if task.plan not in graph:
                graph.add_node(task.plan, **_instrument_attrs(snap, task.plan))
            graph.add_edge(task.plan, task.iri, relation="hasTask")
    keep_all = NetworkFilter(include_collective=filt.include_collective)
    for task_iri, roles in task_agencies(snap, all_tasks, keep_all).items():
        for role, agencies in roles.items():
            for agency in agencies:
                if agency not in graph:
                    graph.add_node(agency, **agency_attrs(snap, agency))
                graph.add_edge(
                    task_iri,
                    agency,
                    relation="leadAgency" if role == "lead" else "cooperatingAgency",
                )
    if filt.plan is None and filt.instrument is None and filt.year is None:
        return graph
    chosen = filt.tasks(snap)
    keep: set[str] = set()
    for task in chosen:
        keep.add(task.iri)
        keep.update(graph.successors(task.iri))
        for pred in graph.predecessors(task.iri):
            keep.add(pred)
            keep.update(nx.ancestors(graph, pred))
    return graph.subgraph(keep).copy()


def _is_instrument(snap: Snapshot, iri: str) -> bool:
    res = snap.resource(iri)
    if res.types & set(INSTRUMENT_TYPES):
        return True
    if res.types:
        return False
    # Untyped: an instrument if it implements or is adopted by something.
    return iri in snap.implementers()


def build(
    name: str, source: Store | Snapshot, filt: NetworkFilter | None = None
) -> nx.Graph | nx.DiGraph:
    """The network called ``name`` (one of :data:`NETWORKS`)."""
    builders = {
        "coordination": coordination_network,
        "dependency": dependency_network,
        "bipartite": bipartite_network,
    }
    check_network(name)
    return builders[name](source, filt)


def check_network(name: str) -> None:
    """Refuse a name that is not one of :data:`NETWORKS` (a ParameterError naming it)."""
    if name not in NETWORKS:
        from migkg.errors import ParameterError

        raise ParameterError(f"network: unknown network {name!r} (one of: {', '.join(NETWORKS)})")
