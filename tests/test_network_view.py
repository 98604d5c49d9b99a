"""The network page at scale: what it sends (top nodes, folded groups, never 2 MB), the
JSON it asks for on a click, the filters carried into exports, readable labels in GEXF
and GraphML, and the summary a build keeps with the store."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph.embedded import EmbeddedStore
from migkg.namespaces import ID
from viz import summary

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import generate  # noqa: E402

MOLISA = str(ID["agency/molisa"])


def page_data(html: str) -> dict:
    raw = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S)
    assert raw is not None
    return json.loads(raw.group(1))


@pytest.fixture(scope="module")
def large_app():
    """The site over a generated graph of some 40,000 triples: the 800 agencies of a
    national graph (the generator names as many at any size), some 2,000 tasks."""
    import pyoxigraph as ox

    from webapp import create_app

    store = EmbeddedStore(None)
    data = "".join(generate.quads(40_000)).encode("utf-8")
    store.native.load(data, format=ox.RdfFormat.N_QUADS)
    yield create_app({"TESTING": True, "MIGKG_STORE": store, "MIGKG_TODAY": "2025-06-01"})
    store.close()


@pytest.fixture(scope="module")
def large_client(large_app):
    return large_app.test_client()


def test_a_large_network_is_sent_as_top_nodes_and_groups(large_client) -> None:
    r = large_client.get("/network")
    assert r.status_code == 200
    assert len(r.data) < 2_000_000
    data = page_data(r.get_data(as_text=True))
    agencies = [n for n in data["nodes"] if n["kind"] == "agency"]
    groups = [n for n in data["nodes"] if n["kind"] == "community"]
    assert len(agencies) == 150
    assert groups and all(n["members"] > 0 for n in groups)
    # Everything not drawn is either folded into a group or counted as left out.
    assert data["total_nodes"] == len(agencies) + data["folded_nodes"] + data["hidden_nodes"]
    # Ranked by load: no folded agency carries more than the least loaded one drawn.
    least = min(n["m"]["load"] for n in agencies)
    group = groups[0]
    r = large_client.get(
        "/network/group.json", query_string={"group": group["group"], "size": "load"}
    )
    assert r.status_code == 200
    members = r.get_json()["nodes"]
    assert len(members) == min(group["members"], 300)
    assert all(m["m"]["load"] <= least for m in members)
    assert {m["id"] for m in members}.isdisjoint({n["id"] for n in agencies})


@pytest.mark.parametrize("name", ["dependency", "bipartite"])
def test_large_task_networks_fold_tasks_by_plan(large_client, name: str) -> None:
    r = large_client.get(f"/network?network={name}")
    assert len(r.data) < 2_000_000
    data = page_data(r.get_data(as_text=True))
    folded = [n for n in data["nodes"] if n["kind"] == "plan-group"]
    assert folded and all(n["group"].startswith("plan:") for n in folded)
    assert len(data["nodes"]) <= 150 + 80


def test_a_node_brings_its_partners_and_shared_tasks(site_client) -> None:
    r = site_client.get("/network/node.json", query_string={"iri": MOLISA})
    assert r.status_code == 200
    info = r.get_json()
    partners = {p["node"]["id"].rsplit("/", 1)[-1]: p for p in info["partners"]}
    # II.2 of Resolution 225: MOLISA leads, MOFA and MOF cooperate.
    assert {"mofa", "mof"} <= set(partners)
    assert [t["code"] for t in partners["mof"]["tasks"]] == ["225/NQ-CP II.2"]


def test_bad_requests_for_network_json(site_client) -> None:
    r = site_client.get("/network/node.json", query_string={"iri": str(ID["agency/nobody"])})
    assert r.status_code == 404
    r = site_client.get("/network/group.json", query_string={"group": "everything"})
    assert r.status_code == 400
    assert "group:" in r.get_json()["message"]
    r = site_client.get("/network/node.json", query_string={"iri": MOLISA, "year": "abc"})
    assert r.status_code == 400
    assert r.get_json()["message"].startswith("year:")


def test_a_filter_that_leaves_nothing_says_so(site_client) -> None:
    html = site_client.get("/network?year=1950").get_data(as_text=True)
    assert page_data(html)["nodes"] == []
    assert 'class="netview-empty"' in html
    assert "netview-canvas" not in html


def test_export_links_keep_the_filters(site_client) -> None:
    html = site_client.get("/network?network=bipartite&plan=225-nq-cp&year=2023").get_data(
        as_text=True
    )
    links = re.findall(r'href="(/exports/bipartite\.[a-z]+\?[^"]*)"', html)
    assert len(links) == 4
    for link in links:
        assert "plan=225-nq-cp" in link and "year=2023" in link
    r = site_client.get(links[0].replace("&amp;", "&"))
    assert r.status_code == 200


def test_gexf_and_graphml_carry_vietnamese_labels(site_client, tmp_path: Path) -> None:
    r = site_client.get("/exports/coordination.gexf")
    path = tmp_path / "coordination.gexf"
    path.write_bytes(r.data)
    graph = nx.read_gexf(path)
    labels = {d.get("label") for _, d in graph.nodes(data=True)}
    assert "Bộ Lao động - Thương binh và Xã hội" in labels
    assert "Bộ Ngoại giao" in labels
    node = next(d for _, d in graph.nodes(data=True) if d.get("label") == "Bộ Ngoại giao")
    assert node["iri"] == str(ID["agency/mofa"])
    graphml = nx.read_graphml(io.BytesIO(site_client.get("/exports/coordination.graphml").data))
    assert graphml.nodes[MOLISA]["label"] == "Bộ Lao động - Thương binh và Xã hội"


def test_a_build_keeps_its_summary_in_the_store(corpus_store_dir: Path) -> None:
    assert (corpus_store_dir / summary.SUMMARY_FILE).exists()
    store = EmbeddedStore(corpus_store_dir, read_only=True)
    try:
        kept = summary.read_for(store)
        assert kept is not None and kept.quads == len(store)
        assert MOLISA in kept.coordination
        # The shipped corpus: MOLISA leads or joins tasks in more than one plan.
        assert kept.coordination.nodes[MOLISA]["load"] > 1
    finally:
        store.close()


def test_a_summary_of_another_size_is_not_used(tmp_path: Path, data_dir: Path) -> None:
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=(data_dir / "mini.trig").read_text(encoding="utf-8"), format="trig")
    store = EmbeddedStore(tmp_path / "store")
    store.replace(ds)
    summary.write_for(store)
    assert summary.read_for(store) is not None
    store.update("INSERT DATA { GRAPH <https://w3id.org/migkg/id/graph/x> { <urn:a> <urn:b> 1 } }")
    assert summary.read_for(store) is None
    store.close()


@pytest.mark.browser
@pytest.mark.slow
def test_a_national_network_in_the_browser(large_app, serve_site, chromium) -> None:
    """Drawn, a node focused and a community opened, each within 2 s of asking."""
    base = serve_site(large_app)
    with large_app.test_client() as client:  # the summary is read before the clock starts
        assert client.get("/network").status_code == 200
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(base + "/network")
        page.wait_for_selector("#netview[data-drawn='1']", timeout=2000)
        order = page.evaluate("() => window.migkgNetwork.graph.order")
        assert 150 < order <= 230
        central = "https://w3id.org/migkg/id/agency/syn-central-0"
        page.evaluate("iri => window.migkgNetwork.focusOn(iri)", central)
        page.wait_for_selector(f"#netview[data-focused='{central}']", timeout=2000)
        assert page.locator(".netview-partners > li").count() > 5
        group = page.evaluate(
            "() => window.migkgNetwork.graph.nodes().find(n => n.startsWith('group:community'))"
        )
        page.evaluate("id => window.migkgNetwork.expand(id)", group)
        page.wait_for_selector("#netview[data-expanded='1']", timeout=2000)
        assert page.evaluate("() => window.migkgNetwork.graph.order") > order
        assert errors == []
        shots = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "network-national.png"))
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_network_page_fits_a_phone(site_app, serve_site, chromium) -> None:
    base = serve_site(site_app)
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        for path in ("/network", "/network?network=dependency", "/network?year=1950"):
            page.goto(base + path)
            page.wait_for_selector("#netview[data-drawn]", timeout=5000)
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, path
    finally:
        context.close()
