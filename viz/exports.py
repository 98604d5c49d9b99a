"""Exports of the graph (RDF formats) and of its networks (GraphML, GEXF, JSON, CSV).

Network CSV comes as one zip file holding ``nodes.csv`` and ``edges.csv`` (UTF-8 with a
header row); :func:`network_csv_tables` gives the two tables separately for a site that
serves them one by one. Cells that a spreadsheet would run as a formula (text starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import Dataset, Graph

from graph.store import Store, open_for_reading
from migkg.errors import ParameterError
from migkg.namespaces import PREFIXES, bind_prefixes
from viz.filters import NetworkFilter
from viz.networks import NETWORKS, build


@dataclass(frozen=True)
class Format:
    """One export format: its rdflib or networkx name, media type and file extension."""

    name: str
    media_type: str
    extension: str


GRAPH_FORMATS: dict[str, Format] = {
    "turtle": Format("turtle", "text/turtle", "ttl"),
    "nt": Format("nt", "application/n-triples", "nt"),
    "jsonld": Format("json-ld", "application/ld+json", "jsonld"),
    "xml": Format("xml", "application/rdf+xml", "rdf"),
    "trig": Format("trig", "application/trig", "trig"),
    "nquads": Format("nquads", "application/n-quads", "nq"),
}
GRAPH_ALIASES = {
    "ttl": "turtle",
    "ntriples": "nt",
    "n-triples": "nt",
    "json-ld": "jsonld",
    "rdfxml": "xml",
    "rdf": "xml",
    "rdf/xml": "xml",
    "nq": "nquads",
    "n-quads": "nquads",
}
NETWORK_FORMATS: dict[str, Format] = {
    "graphml": Format("graphml", "application/graphml+xml", "graphml"),
    "gexf": Format("gexf", "application/gexf+xml", "gexf"),
    "json": Format("json", "application/json", "json"),
    "csv": Format("csv", "application/zip", "zip"),
}
EXPORTS = ("graph", *NETWORKS)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def graph_format(fmt: str) -> Format:
    """The RDF format called ``fmt`` (turtle, nt, jsonld, xml, trig, nquads or an alias)."""
    key = GRAPH_ALIASES.get(fmt.lower(), fmt.lower())
    if key not in GRAPH_FORMATS:
        raise ParameterError(
            f"format: unknown format {fmt!r} for the graph (one of: {', '.join(GRAPH_FORMATS)})"
        )
    return GRAPH_FORMATS[key]


def network_format(fmt: str) -> Format:
    """The network format called ``fmt`` (graphml, gexf, json, csv)."""
    key = fmt.lower()
    if key not in NETWORK_FORMATS:
        raise ParameterError(
            f"format: unknown format {fmt!r} for a network (one of: {', '.join(NETWORK_FORMATS)})"
        )
    return NETWORK_FORMATS[key]


def union_graph(dataset: Dataset) -> Graph:
    """Every triple of every named graph in one graph (what queries see)."""
    graph = Graph()
    bind_prefixes(graph)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def export_graph(store: Store, fmt: str) -> bytes:
    """The whole graph in an RDF format. Triple formats (turtle, nt, jsonld, xml) hold the
    union of the named graphs; trig and nquads keep each named graph."""
    spec = graph_format(fmt)
    dataset = store.dataset()
    if spec.name in ("trig", "nquads"):
        bind_prefixes(dataset)
        return dataset.serialize(format=spec.name, encoding="utf-8")
    graph = union_graph(dataset)
    if spec.name == "json-ld":
        context = {p: str(ns) for p, ns in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, encoding="utf-8")
    return graph.serialize(format=spec.name, encoding="utf-8")


def flat_attrs(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Attributes every network format can hold: lists become space-separated text,
    ``load_by_year`` becomes one ``load_<year>`` column per year, None is dropped."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if key == "load_by_year" and isinstance(value, Mapping):
            for year, count in value.items():
                out[f"load_{year}"] = int(count)
        elif isinstance(value, list | tuple | set | frozenset):
            out[key] = " ".join(str(v) for v in sorted(value))
        elif isinstance(value, Mapping):
            out[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            out[key] = value
    return out


def flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of the network with :func:`flat_attrs` applied to nodes, edges and graph.

    Year columns missing on a node are filled with 0 so that every format sees one type
    per column.
    """
    flat = graph.__class__()
    flat.graph.update(flat_attrs(graph.graph))
    years = sorted(
        {k for _, d in graph.nodes(data=True) for k in flat_attrs(d) if k.startswith("load_")}
    )
    for node, data in graph.nodes(data=True):
        attrs = flat_attrs(data)
        for key in years:
            attrs.setdefault(key, 0)
        # Gephi and the like show ``label``: the Vietnamese name, the IRI stays in ``iri``.
        attrs["label"] = readable_label(node, data)
        attrs.setdefault("iri", node)
        flat.add_node(node, **attrs)
    for u, v, data in graph.edges(data=True):
        flat.add_edge(u, v, **flat_attrs(data))
    return flat


def readable_label(node: str, data: Mapping[str, Any]) -> str:
    """A node's name for a reader: its Vietnamese label (a task's with plan and code in
    front), else its English one, else the last part of its IRI."""
    text = str(data.get("label_vi") or data.get("label_en") or node.rsplit("/", 1)[-1])
    if data.get("kind") == "task":
        code = f"{data.get('plan_label', '')} {data.get('code', '')}".strip()
        return f"{code} {text}".strip() if code and not text.startswith(code) else text
    return text


def neutralise(value: Any) -> Any:
    """A CSV cell that a spreadsheet will show as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(row.get(h, "")) for h in header])
    return buf.getvalue().encode("utf-8")


def _columns(first: list[str], dicts: list[dict[str, Any]]) -> list[str]:
    seen = {k for d in dicts for k in d}
    return first + sorted(seen - set(first))


def network_csv_tables(graph: nx.Graph) -> tuple[bytes, bytes]:
    """``nodes.csv`` (column ``id`` then the attributes) and ``edges.csv`` (``source``,
    ``target`` then the attributes) of a network, neutralised."""
    flat = flat_graph(graph)
    nodes = [{"id": n, **d} for n, d in flat.nodes(data=True)]
    edges = [{"source": u, "target": v, **d} for u, v, d in flat.edges(data=True)]
    lead = ["id", "label_vi", "label_en", "kind", "type"]
    node_cols = _columns([c for c in lead if any(c in n for n in nodes)] or ["id"], nodes)
    edge_cols = _columns(["source", "target"], edges)
    return _csv(node_cols, nodes), _csv(edge_cols, edges)


def export_network(graph: nx.Graph, fmt: str) -> bytes:
    """A network in GraphML, GEXF 1.2, node-link JSON (``edges`` key) or CSV (a zip of
    ``nodes.csv`` and ``edges.csv``)."""
    spec = network_format(fmt)
    flat = flat_graph(graph)
    if spec.name == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(flat, buf, encoding="utf-8")
        return buf.getvalue()
    if spec.name == "gexf":
        buf = io.BytesIO()
        nx.write_gexf(flat, buf, encoding="utf-8")
        return buf.getvalue()
    if spec.name == "json":
        data = nx.node_link_data(flat, edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    nodes_csv, edges_csv = network_csv_tables(graph)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in (("nodes.csv", nodes_csv), ("edges.csv", edges_csv)):
            # A fixed timestamp: the same graph gives the same bytes.
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


def export(
    store: Store, what: str, fmt: str, filt: NetworkFilter | None = None
) -> tuple[bytes, Format]:
    """``what`` ("graph" or a network name) in format ``fmt``, with the format's media
    type and file extension (for a download's Content-Type and file name)."""
    if what == "graph":
        return export_graph(store, fmt), graph_format(fmt)
    if what not in NETWORKS:
        raise ParameterError(f"what: unknown export {what!r} (one of: {', '.join(EXPORTS)})")
    spec = network_format(fmt)
    return export_network(build(what, store, filt), fmt), spec


def cli_export(
    settings: dict[str, Any],
    what: str,
    fmt: str | None = None,
    *,
    filt: NetworkFilter | None = None,
) -> bytes:
    """Serialise the graph or a network for `migkg export`.

    ``fmt`` defaults to turtle for the graph and graphml for a network.
    """
    if what not in EXPORTS:
        raise ParameterError(f"what: unknown export {what!r} (one of: {', '.join(EXPORTS)})")
    if fmt is None:
        fmt = "turtle" if what == "graph" else "graphml"
    # Check the format before opening the store, so a typo is reported at once.
    graph_format(fmt) if what == "graph" else network_format(fmt)
    with open_for_reading(settings) as store:
        return export(store, what, fmt, filt)[0]
