"""Exports: every format read back by its own reader and compared with what was written;
CSV cells neutralised; `migkg export` from the command line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from graph.embedded import EmbeddedStore
from migkg.errors import MigkgError
from migkg.namespaces import ID, MKG
from viz import exports, networks
from viz.data import fetch

NETWORKS = ["coordination", "dependency", "bipartite"]
RDF_TRIPLES = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}


def mini_dataset(data_dir: Path, extra: str = "") -> Dataset:
    ds = Dataset()
    ds.parse(data=(data_dir / "mini.trig").read_text(encoding="utf-8"), format="trig")
    if extra:
        ds.parse(data=extra, format="trig")
    return ds


@pytest.fixture(scope="module")
def store(data_dir: Path):
    st = EmbeddedStore(None)
    st.replace(mini_dataset(data_dir))
    yield st
    st.close()


@pytest.fixture(scope="module")
def graphs(store):
    snap = fetch(store)
    return {name: networks.build(name, snap) for name in NETWORKS}


def edge_key(graph: nx.Graph, u: str, v: str) -> tuple[str, str]:
    return (u, v) if graph.is_directed() else tuple(sorted((u, v)))  # type: ignore[return-value]


def edges_of(graph: nx.Graph, attr: str) -> dict[tuple[str, str], Any]:
    return {edge_key(graph, u, v): d.get(attr) for u, v, d in graph.edges(data=True)}


def read_back(data: bytes, fmt: str) -> nx.Graph:
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data))
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(data))
    if fmt == "json":
        return nx.node_link_graph(json.loads(data), edges="edges")
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
@pytest.mark.parametrize("name", NETWORKS)
def test_network_formats_read_back(graphs, name: str, fmt: str) -> None:
    original = graphs[name]
    data, spec = exports.export_network(original, fmt), exports.network_format(fmt)
    assert spec.extension in ("graphml", "gexf", "json")
    back = read_back(data, fmt)
    assert back.is_directed() == original.is_directed()
    assert set(back.nodes) == set(original.nodes)
    assert {edge_key(back, u, v) for u, v in back.edges} == {
        edge_key(original, u, v) for u, v in original.edges
    }
    if name == "coordination":
        assert {k: float(w) for k, w in edges_of(back, "weight").items()} == {
            k: float(w) for k, w in edges_of(original, "weight").items()
        }
        molisa = str(ID["agency/molisa"])
        assert back.nodes[molisa]["label_vi"] == "Bộ Lao động - Thương binh và Xã hội"
        assert int(back.nodes[molisa]["led"]) == 2
        assert int(back.nodes[molisa]["load_2023"]) == 2
    if name == "dependency":
        assert edges_of(back, "relation") == edges_of(original, "relation")
    if name == "bipartite":
        assert edges_of(back, "role") == edges_of(original, "role")


@pytest.mark.parametrize("name", NETWORKS)
def test_network_csv_zip_reads_back(graphs, name: str) -> None:
    original = graphs[name]
    data = exports.export_network(original, "csv")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = list(csv.DictReader(io.StringIO(zf.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(zf.read("edges.csv").decode("utf-8"))))
    assert {n["id"] for n in nodes} == set(original.nodes)
    assert {edge_key(original, e["source"], e["target"]) for e in edges} == {
        edge_key(original, u, v) for u, v in original.edges
    }
    if name == "coordination":
        got = {(e["source"], e["target"]): int(e["weight"]) for e in edges}
        assert got == {(u, v): w for u, v, w in original.edges(data="weight")}
        tasks = {(e["source"], e["target"]): e["tasks"] for e in edges}
        assert tasks[str(ID["agency/molisa"]), str(ID["agency/mofa"])] == str(
            ID["task/225-nq-cp/II.2"]
        )
    # The same graph gives the same bytes (fixed zip timestamps, sorted rows).
    assert exports.export_network(original, "csv") == data


@pytest.mark.parametrize("fmt", sorted(RDF_TRIPLES))
def test_graph_triple_formats_are_isomorphic(store, data_dir: Path, fmt: str) -> None:
    data, spec = exports.export(store, "graph", fmt)
    back = Graph()
    back.parse(data=data, format=RDF_TRIPLES[fmt])
    # Expected: every statement of every named graph of the test data, read by rdflib alone.
    expected = Graph()
    for s, p, o, _ in mini_dataset(data_dir).quads((None, None, None, None)):
        expected.add((s, p, o))
    assert len(back) == len(expected)
    assert isomorphic(back, expected)
    # Statements read from tests/data/mini.trig, one from the reference graph and one
    # from a document graph: the triple formats hold them all in one graph.
    assert (ID["agency/mofa"], RDFS.label, Literal("Bộ Ngoại giao", lang="vi")) in back
    assert (ID["task/402-qd-ttg/3.2.3"], MKG.leadAgency, ID["agency/molisa"]) in back
    assert spec.media_type in {
        "text/turtle",
        "application/n-triples",
        "application/ld+json",
        "application/rdf+xml",
    }


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_graph_quad_formats_keep_named_graphs(store, data_dir: Path, fmt: str) -> None:
    data = exports.export_graph(store, fmt)
    back = Dataset()
    back.parse(data=data, format=fmt)
    expected = mini_dataset(data_dir)

    def quads(ds: Dataset) -> set[tuple]:
        return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None)) if g}

    assert quads(back) == quads(expected)
    assert str(ID["document/002_cdf9dff2b193bbc4"]) in {str(q[3]) for q in quads(back)}


def test_formula_cells_are_neutralised() -> None:
    assert exports.neutralise("=1+1") == "'=1+1"
    assert exports.neutralise("-ministry") == "'-ministry"
    assert exports.neutralise("+84") == "'+84"
    assert exports.neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert exports.neutralise("Bộ Tài chính") == "Bộ Tài chính"
    assert exports.neutralise(3) == 3


FORMULA_LABELS = """
@prefix id: <https://w3id.org/migkg/id/> .
@prefix mkg: <https://w3id.org/migkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
id:graph\\/test {
  id:task\\/225-nq-cp\\/II.9 a mkg:Task ; mkg:code "II.9" ; mkg:taskOf id:plan\\/225-nq-cp ;
      rdfs:label "-tạo chính sách"@vi ;
      mkg:leadAgency id:agency\\/dash ; mkg:cooperatingAgency id:agency\\/formula , id:agency\\/at .
  id:agency\\/dash a mkg:Ministry ; rdfs:label "-Bộ thử"@vi .
  id:agency\\/formula a mkg:Ministry ; rdfs:label "=HYPERLINK(\\"http://x\\")"@vi .
  id:agency\\/at a mkg:Ministry ; rdfs:label "@at"@en , "+84 Bộ"@vi .
}
"""


def test_csv_export_neutralises_labels_from_the_graph(data_dir: Path) -> None:
    st = EmbeddedStore(None)
    st.replace(mini_dataset(data_dir, FORMULA_LABELS))
    try:
        g = networks.build("bipartite", st)
        nodes_csv, edges_csv = exports.network_csv_tables(g)
    finally:
        st.close()
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(nodes_csv.decode("utf-8")))}
    assert rows[str(ID["agency/dash"])]["label_vi"] == "'-Bộ thử"
    assert rows[str(ID["agency/formula"])]["label_vi"] == '\'=HYPERLINK("http://x")'
    assert rows[str(ID["agency/at"])]["label_en"] == "'@at"
    assert rows[str(ID["agency/at"])]["label_vi"] == "'+84 Bộ"
    assert rows[str(ID["task/225-nq-cp/II.9"])]["label_vi"] == "'-tạo chính sách"
    cells = [
        c for t in (nodes_csv, edges_csv) for r in csv.reader(io.StringIO(t.decode())) for c in r
    ]
    assert all(not c.startswith(("=", "+", "-", "@")) for c in cells)


def test_unknown_export_or_format_names_the_parameter(store) -> None:
    with pytest.raises(MigkgError, match="^what: unknown export 'people'"):
        exports.export(store, "people", "turtle")
    with pytest.raises(MigkgError, match="^format: unknown format 'png' for a network"):
        exports.export(store, "coordination", "png")
    with pytest.raises(MigkgError, match="^format: unknown format 'graphml' for the graph"):
        exports.export(store, "graph", "graphml")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migkg", *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def disk_store(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "store"
    st = EmbeddedStore(path)
    st.replace(mini_dataset(data_dir))
    st.close()
    return path


def test_cli_exports_a_filtered_network(disk_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "net.graphml"
    result = run_cli(
        "export", "coordination", "--store-path", str(disk_store), "--plan", "225/NQ-CP",
        "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    back = nx.read_graphml(out)
    expected = {str(ID[f"agency/{k}"]) for k in ("molisa", "mofa", "mof")}
    assert set(back.nodes) == expected


def test_cli_exports_the_graph_to_stdout(disk_store: Path, data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "migkg", "export", "graph", "--format", "nt"]
        + ["--store-path", str(disk_store)],
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    back = Graph()
    back.parse(data=result.stdout.decode("utf-8"), format="nt")
    assert (
        URIRef(ID["agency/mofa"]),
        RDFS.label,
        Literal("Bộ Ngoại giao", lang="vi"),
    ) in back
    assert isomorphic(back, exports.union_graph(mini_dataset(data_dir)))


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["export", "people"], "what: unknown export 'people'"),
        (["export", "coordination", "--format", "xlsx"], "format: unknown format 'xlsx'"),
        (["export", "graph", "--format", "gexf"], "format: unknown format 'gexf'"),
        (["export", "bipartite", "--year", "soon"], "year: "),
    ],
)
def test_cli_errors_are_one_line(disk_store: Path, args: list[str], needle: str) -> None:
    result = run_cli(*args, "--store-path", str(disk_store))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert needle in lines[0]
