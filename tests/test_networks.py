"""Networks and agency metrics computed from the fixture graph (tests/data/mini.trig).

Expected values are read from the fixture, which was read from the documents:
402 row 3.2.3 (lead MOLISA, cooperating "the relevant ministries…", 2020–2023),
row 3.2.4 (lead MPS, cooperating the same collective, 2020–2030),
row 1.4 (leads MIC, MOFA, VFF, VWU, CEMA, cooperating the collective, 2020–2030),
group row 3.2 (no agency); 225 row II.2 (lead MOLISA, cooperating MOFA and MOF, 2023–2030).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset

from graph.embedded import EmbeddedStore
from migkg.errors import MigkgError
from migkg.namespaces import ID
from viz import networks
from viz.data import fetch
from viz.filters import NetworkFilter
from viz.metrics import agency_metrics


def a(key: str) -> str:
    return str(ID[f"agency/{key}"])


def t(plan: str, code: str) -> str:
    return str(ID[f"task/{plan}/{code}"])


COLL = a("related-ministries-agencies-localities")
LEADS_14 = ["mic", "mofa", "vff", "vwu", "cema"]


@pytest.fixture(scope="module")
def store(data_dir: Path):
    ds = Dataset()
    ds.parse(data=(data_dir / "mini.trig").read_text(encoding="utf-8"), format="trig")
    st = EmbeddedStore(None)
    st.replace(ds)
    yield st
    st.close()


@pytest.fixture(scope="module")
def snap(store):
    return fetch(store)


def weights(graph: nx.DiGraph) -> dict[tuple[str, str], int]:
    return {(u, v): w for u, v, w in graph.edges(data="weight")}


def test_coordination_edges_lead_to_cooperator(snap) -> None:
    g = networks.coordination_network(snap)
    expected = {(a("molisa"), COLL), (a("mps"), COLL), (a("molisa"), a("mofa"))}
    expected |= {(a("molisa"), a("mof"))} | {(a(k), COLL) for k in LEADS_14}
    assert set(g.edges) == expected
    assert all(w == 1 for w in weights(g).values())
    assert g.edges[a("molisa"), a("mofa")]["tasks"] == [t("225-nq-cp", "II.2")]
    # Co-leads of 1.4 share a task but neither leads the other: no edge between them.
    assert not g.has_edge(a("mofa"), a("mic")) and not g.has_edge(a("mic"), a("mofa"))


def test_weights_add_up_over_shared_tasks(snap) -> None:
    g = networks.coordination_network(snap)
    # The collective cooperates on 3.2.3, 3.2.4 and 1.4: seven lead → collective pairs.
    assert sum(w for _, _, w in g.in_edges(COLL, data="weight")) == 7
    assert g.nodes[COLL]["weighted_degree"] == 7
    assert g.nodes[a("molisa")]["weighted_degree"] == 3


def test_group_rows_are_not_tasks(snap) -> None:
    assert t("402-qd-ttg", "3.2") not in snap.tasks
    assert t("225-nq-cp", "II") not in snap.tasks
    assert set(snap.tasks) == {
        t("402-qd-ttg", "1.4"),
        t("402-qd-ttg", "3.2.3"),
        t("402-qd-ttg", "3.2.4"),
        t("225-nq-cp", "II.2"),
    }


def test_leaving_collectives_out_drops_their_edges(snap) -> None:
    g = networks.coordination_network(snap, NetworkFilter(include_collective=False))
    assert COLL not in g
    assert set(g.edges) == {(a("molisa"), a("mofa")), (a("molisa"), a("mof"))}
    # The leads of 1.4 stay as agencies that lead a task, without an edge.
    assert all(a(k) in g for k in LEADS_14 + ["mps"])
    assert g.nodes[a("molisa")]["led"] == 2


def test_node_attributes(snap) -> None:
    g = networks.coordination_network(snap)
    m = g.nodes[a("molisa")]
    assert m["label_vi"] == "Bộ Lao động - Thương binh và Xã hội"
    assert m["label_en"] == "Ministry of Labour, Invalids and Social Affairs"
    assert m["type"] == "Ministry" and m["collective"] is False and m["iri"] == a("molisa")
    assert g.nodes[COLL]["type"] == "CollectiveActor" and g.nodes[COLL]["collective"] is True
    assert g.nodes[a("vff")]["type"] == "MassOrganisation"
    assert g.nodes[a("cema")]["type"] == "MinisterialLevelAgency"


def test_filter_by_plan(snap) -> None:
    g = networks.coordination_network(snap, NetworkFilter(plan=str(ID["plan/225-nq-cp"])))
    assert set(g.nodes) == {a("molisa"), a("mofa"), a("mof")}
    assert set(g.edges) == {(a("molisa"), a("mofa")), (a("molisa"), a("mof"))}
    g402 = networks.coordination_network(snap, NetworkFilter.from_params({"plan": "402/QĐ-TTg"}))
    assert a("mof") not in g402 and (a("molisa"), COLL) in g402.edges


def test_filter_by_year(snap) -> None:
    g = networks.coordination_network(snap, NetworkFilter(year=2024))
    # 3.2.4 (2020–2030) is active in 2024, 3.2.3 (2020–2023) is not.
    assert g.has_edge(a("mps"), COLL)
    assert not g.has_edge(a("molisa"), COLL)
    assert g.has_edge(a("molisa"), a("mofa"))  # II.2, 2023–2030
    g2021 = networks.coordination_network(snap, NetworkFilter(year=2021))
    assert g2021.has_edge(a("molisa"), COLL) and not g2021.has_edge(a("molisa"), a("mofa"))
    assert a("mof") not in g2021


def test_filter_by_instrument_follows_the_chain(snap) -> None:
    # Plan 402 implements the GCM; plan 225 implements Directive 20-CT/TW.
    gcm = networks.coordination_network(snap, NetworkFilter.from_params({"instrument": "gcm"}))
    assert a("mof") not in gcm and a("mps") in gcm
    ct20 = networks.coordination_network(
        snap, NetworkFilter.from_params({"instrument": "20-CT/TW"})
    )
    assert set(ct20.nodes) == {a("molisa"), a("mofa"), a("mof")}
    adopted = networks.coordination_network(
        snap, NetworkFilter(instrument=str(ID["instrument/402-qd-ttg"]))
    )
    assert set(adopted.nodes) == set(gcm.nodes)


def test_unknown_filter_values_name_the_parameter(snap) -> None:
    with pytest.raises(MigkgError, match="^plan: "):
        networks.coordination_network(snap, NetworkFilter.from_params({"plan": "999/QĐ-TTg"}))
    with pytest.raises(MigkgError, match="^instrument: "):
        NetworkFilter.from_params({"instrument": "ilo-c087"}).tasks(snap)
    with pytest.raises(MigkgError, match="^year: "):
        NetworkFilter.from_params({"year": "twenty"})
    with pytest.raises(MigkgError, match="^collective: "):
        NetworkFilter.from_params({"collective": "maybe"})


def test_metrics(store) -> None:
    by = {m.iri: m for m in agency_metrics(store)}
    assert (by[a("molisa")].led, by[a("molisa")].joined) == (2, 0)
    assert (by[a("mofa")].led, by[a("mofa")].joined) == (1, 1)
    assert (by[a("mof")].led, by[a("mof")].joined) == (0, 1)
    assert (by[COLL].led, by[COLL].joined) == (0, 3)
    # MOLISA: 3.2.3 in 2020–2023 and II.2 in 2023–2030, so two tasks in 2023 only.
    load = by[a("molisa")].load_by_year
    assert load[2020] == 1 and load[2023] == 2 and load[2024] == 1 and load[2030] == 1
    assert min(load) == 2020 and max(load) == 2030
    assert by[a("molisa")].peak_load == 2
    assert by[a("mof")].load_by_year.get(2022, 0) == 0 and by[a("mof")].load_by_year[2023] == 1


def test_metrics_for_a_year(store) -> None:
    by = {m.iri: m for m in agency_metrics(store, NetworkFilter(year=2024))}
    assert by[a("molisa")].load == 1  # II.2 only; 3.2.3 ended in 2023
    assert by[COLL].load == 2  # 3.2.4 and 1.4


def test_betweenness_and_communities(snap) -> None:
    g = networks.coordination_network(snap)
    between = nx.get_node_attributes(g, "betweenness")
    # The collective joins seven agencies that have no other tie: it is the broker.
    assert max(between, key=between.get) == COLL
    assert between[a("molisa")] > 0
    for leaf in ["mps", "mic", "vff", "vwu", "cema", "mof"]:
        assert between[a(leaf)] == 0
    first = nx.get_node_attributes(g, "community")
    again = nx.get_node_attributes(networks.coordination_network(snap), "community")
    assert first == again
    assert first[a("mof")] == first[a("molisa")]  # MOF's only tie is MOLISA
    assert first[a("mps")] == first[COLL]


def test_dependency_chain(snap) -> None:
    g = networks.dependency_network(snap)
    gcm, plan402 = str(ID["instrument/gcm"]), str(ID["plan/402-qd-ttg"])
    task = t("402-qd-ttg", "3.2.3")
    assert g.edges[gcm, plan402]["relation"] == "implements"
    assert g.edges[str(ID["instrument/402-qd-ttg"]), plan402]["relation"] == "adoptedBy"
    assert g.edges[plan402, task]["relation"] == "hasTask"
    assert g.edges[task, a("molisa")]["relation"] == "leadAgency"
    assert g.edges[str(ID["instrument/ilo-c087"]), task]["relation"] == "refersTo"
    assert g.edges[t("225-nq-cp", "II.2"), a("mof")]["relation"] == "cooperatingAgency"
    assert nx.has_path(g, gcm, a("molisa"))
    assert nx.has_path(g, str(ID["instrument/20-ct-tw"]), a("mof"))
    assert not nx.has_path(g, gcm, a("mof"))  # MOF works only on 225, which follows 20-CT/TW
    assert t("402-qd-ttg", "3.2") not in g
    assert g.nodes[plan402]["kind"] == "plan" and g.nodes[gcm]["kind"] == "instrument"
    assert g.nodes[str(ID["instrument/ilo-c105"])]["kind"] == "convention"


def test_dependency_filtered_by_plan_keeps_what_is_upstream(snap) -> None:
    g = networks.dependency_network(snap, NetworkFilter(plan=str(ID["plan/225-nq-cp"])))
    assert str(ID["instrument/20-ct-tw"]) in g and str(ID["instrument/225-nq-cp"]) in g
    assert str(ID["instrument/gcm"]) not in g and t("402-qd-ttg", "1.4") not in g
    assert {a("molisa"), a("mofa"), a("mof")} <= set(g.nodes)
    no_coll = networks.dependency_network(snap, NetworkFilter(include_collective=False))
    assert COLL not in no_coll and COLL in networks.dependency_network(snap)


def test_bipartite(snap) -> None:
    g = networks.bipartite_network(snap)
    tasks = {n for n, d in g.nodes(data=True) if d["bipartite"] == 1}
    assert tasks == set(snap.tasks)
    assert nx.is_bipartite(g)
    assert g.number_of_edges() == 2 + 2 + 6 + 3
    assert g.edges[a("mofa"), t("402-qd-ttg", "1.4")]["role"] == "lead"
    assert g.edges[a("mofa"), t("225-nq-cp", "II.2")]["role"] == "cooperating"
    assert g.nodes[t("402-qd-ttg", "3.2.3")]["start_year"] == 2020
    assert g.nodes[t("402-qd-ttg", "3.2.3")]["end_year"] == 2023
    assert g.nodes[t("402-qd-ttg", "3.2.3")]["plan_label"] == "402/QĐ-TTg"


def test_unknown_network_names_the_parameter(snap) -> None:
    with pytest.raises(MigkgError, match="^network: unknown network 'nope'"):
        networks.build("nope", snap)
