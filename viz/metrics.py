"""Load and position of each agency in the coordination network."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from graph.store import Store
from viz.data import Snapshot, fetch
from viz.filters import NetworkFilter

# Louvain is randomised; a fixed seed gives the same communities on every run.
COMMUNITY_SEED = 20200320
# Above this many agencies betweenness is estimated from this many sampled sources
# (networkx's k): exact betweenness grows with nodes × edges, minutes at national scale.
EXACT_BETWEENNESS_NODES = 300
BETWEENNESS_SAMPLES = 120


@dataclass(frozen=True)
class AgencyMetrics:
    """What one agency carries and where it sits.

    ``led`` / ``joined``: selected tasks it leads / joins as a cooperator. ``load``:
    selected tasks it leads or joins (with a year filter: those active that year).
    ``load_by_year``: year → tasks it leads or joins that are active that year (over the
    plan and instrument filters, whatever the year filter). ``weighted_degree``: sum of
    the weights of its edges in and out. ``betweenness``: normalised betweenness in the
    undirected network with 1/weight as distance. ``community``: index of its Louvain
    community (0 = the largest).
    """

    iri: str
    label_vi: str
    label_en: str
    type: str
    collective: bool
    led: int
    joined: int
    load: int
    load_by_year: dict[int, int] = field(default_factory=dict)
    weighted_degree: int = 0
    betweenness: float = 0.0
    community: int = 0

    @property
    def peak_load(self) -> int:
        """The most tasks active in any one year."""
        return max(self.load_by_year.values(), default=0)

    def label(self, lang: str = "vi") -> str:
        """The label in ``lang`` ("vi" or "en")."""
        return self.label_en if lang == "en" else self.label_vi


def undirected_of(graph: nx.DiGraph) -> nx.Graph:
    """The coordination network as betweenness and communities read it: one edge per pair
    of agencies, weighted by the tasks they share either way (``distance``: its inverse).
    Two networks with the same one, node and edge order alike, get the same of both."""
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.nodes)
    for u, v, w in graph.edges(data="weight"):
        if undirected.has_edge(u, v):
            undirected[u][v]["weight"] += w
        else:
            undirected.add_edge(u, v, weight=w)
    for _, _, d in undirected.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    return undirected


def annotate(
    graph: nx.DiGraph, snap: Snapshot, filt: NetworkFilter, *, centrality: bool = True
) -> None:
    """Add ``led``, ``joined``, ``load``, ``load_by_year``, ``peak_load``,
    ``weighted_degree``, ``betweenness`` and ``community`` to each agency node.

    ``centrality=False`` leaves betweenness at 0 and every node in community 0 (the
    charts need neither). Above :data:`EXACT_BETWEENNESS_NODES` agencies betweenness is
    estimated from :data:`BETWEENNESS_SAMPLES` sources (fixed seed: the same every run).
    """
    from viz.networks import task_agencies

    chosen = task_agencies(snap, filt.tasks(snap), filt)
    led: dict[str, int] = {}
    joined: dict[str, int] = {}
    for roles in chosen.values():
        for a in roles["lead"]:
            led[a] = led.get(a, 0) + 1
        for a in roles["cooperating"]:
            joined[a] = joined.get(a, 0) + 1
    by_year: dict[str, dict[int, int]] = {}
    all_years = filt.tasks(snap, with_year=False)
    years_of = {t.iri: t.years for t in all_years}
    for task, roles in task_agencies(snap, all_years, filt).items():
        for a in roles["lead"] + roles["cooperating"]:
            per = by_year.setdefault(a, {})
            for y in years_of[task]:
                per[y] = per.get(y, 0) + 1
    undirected = undirected_of(graph)
    between: dict[str, float] = {}
    ordered: list[set[str]] = []
    if centrality and undirected.number_of_nodes():
        big = undirected.number_of_nodes() > EXACT_BETWEENNESS_NODES
        between = nx.betweenness_centrality(
            undirected,
            k=BETWEENNESS_SAMPLES if big else None,
            seed=COMMUNITY_SEED if big else None,
            weight="distance",
            normalized=True,
        )
        communities = nx.community.louvain_communities(
            undirected, weight="weight", seed=COMMUNITY_SEED
        )
        ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    community = {n: i for i, c in enumerate(ordered) for n in c}
    for node, data in graph.nodes(data=True):
        per_year = dict(sorted(by_year.get(node, {}).items()))
        data.update(
            led=led.get(node, 0),
            joined=joined.get(node, 0),
            load=led.get(node, 0) + joined.get(node, 0),
            load_by_year=per_year,
            peak_load=max(per_year.values(), default=0),
            weighted_degree=int(graph.in_degree(node, weight="weight"))
            + int(graph.out_degree(node, weight="weight")),
            betweenness=round(between.get(node, 0.0), 6),
            community=community.get(node, 0),
        )


def metrics_from_graph(graph: nx.DiGraph) -> list[AgencyMetrics]:
    """The metrics of each agency node of a coordination network, most loaded first."""
    out = [
        AgencyMetrics(
            iri=n,
            label_vi=d["label_vi"],
            label_en=d["label_en"],
            type=d["type"],
            collective=d["collective"],
            led=d["led"],
            joined=d["joined"],
            load=d["load"],
            load_by_year=dict(d["load_by_year"]),
            weighted_degree=d["weighted_degree"],
            betweenness=d["betweenness"],
            community=d["community"],
        )
        for n, d in graph.nodes(data=True)
    ]
    out.sort(key=lambda m: (-m.load, -m.led, m.label_vi))
    return out


def agency_metrics(
    source: Store | Snapshot, filt: NetworkFilter | None = None
) -> list[AgencyMetrics]:
    """Metrics of every agency named in the selected tasks, most loaded first."""
    from viz.networks import coordination_network

    snap = source if isinstance(source, Snapshot) else fetch(source)
    return metrics_from_graph(coordination_network(snap, filt))
