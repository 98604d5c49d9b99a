"""One suite of store tests, run against every back end: embedded on disk (queries through
the runner's worker processes), in memory, and remote (a real `oxigraph serve` on
127.0.0.1); the runner's part (``run``: limits, formats, workers) on each of them.

Expected values are read from tests/data/mini.trig.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from graph.embedded import EmbeddedStore
from graph.execute import Job
from graph.push import push
from graph.remote import RemoteStore
from graph.runner import QueryStopped, Runner
from graph.store import SelectResult, Store
from migkg.errors import MigkgError, NotAcceptable, QueryError
from migkg.namespaces import ID, MKG, RDFS

DATA = Path(__file__).resolve().parent / "data"
DOC_402 = ID["document/000_2ea71573e8b386bf"]
DOC_225 = ID["document/002_cdf9dff2b193bbc4"]
REFERENCE = ID["graph/reference"]
TASK_323 = ID["task/402-qd-ttg/3.2.3"]
TASK_324 = ID["task/402-qd-ttg/3.2.4"]
TASK_14 = ID["task/402-qd-ttg/1.4"]
MOLISA = ID["agency/molisa"]
P = "PREFIX mkg: <https://w3id.org/migkg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
# Runs for hours on any store with a hundred triples: six unconstrained patterns.
ENDLESS = (
    "SELECT (COUNT(*) AS ?n) WHERE "
    "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }"
)


def mini_quads() -> int:
    ds = Dataset()
    ds.parse(DATA / "mini.trig", format="trig")
    return sum(len(g) for g in ds.graphs())


def remote_for(url: str) -> RemoteStore:
    return RemoteStore(
        f"{url}/query", update_endpoint=f"{url}/update", gsp_endpoint=f"{url}/store", timeout=30
    )


class StoreContract:
    """What every back end must do; subclasses give the ``store`` fixture (mini.trig)."""

    def test_graph_names_are_those_of_the_fixture(self, store: Store) -> None:
        assert store.graph_names() == sorted([DOC_402, DOC_225, REFERENCE])

    def test_len_counts_quads(self, store: Store) -> None:
        assert len(store) == mini_quads()

    def test_default_graph_is_the_union(self, store: Store) -> None:
        # the task is in the document's graph, the agency's label in the reference graph
        result = store.select(
            P + "SELECT ?label WHERE { ?t mkg:code '3.2.3' ; mkg:leadAgency ?a . "
            "?a rdfs:label ?label FILTER(lang(?label) = 'vi') }"
        )
        assert result.values("label") == [Literal("Bộ Lao động - Thương binh và Xã hội", lang="vi")]

    def test_graph_clause_finds_the_source_document(self, store: Store) -> None:
        result = store.select(P + "SELECT ?g WHERE { GRAPH ?g { ?t mkg:code 'II.2' } }")
        assert result.values("g") == [DOC_225]

    def test_from_restricts_the_default_graph(self, store: Store) -> None:
        text = f"SELECT ?l FROM <{DOC_402}> WHERE {{ <{MOLISA}> <{RDFS.label}> ?l }}"
        assert store.select(text).rows == []

    def test_bindings(self, store: Store) -> None:
        # a bound variable must be projected (pyoxigraph's substitution requires it)
        result = store.select(P + "SELECT ?t ?a WHERE { ?t mkg:leadAgency ?a }", {"t": TASK_324})
        assert result.values("a") == [ID["agency/mps"]]

    def test_ask(self, store: Store) -> None:
        assert store.ask(P + f"ASK {{ <{TASK_324}> mkg:refersTo <{ID['instrument/untoc-som']}> }}")
        assert not store.ask(P + f"ASK {{ <{TASK_323}> mkg:leadAgency <{ID['agency/mps']}> }}")

    def test_construct(self, store: Store) -> None:
        g = store.construct(
            P + "CONSTRUCT { ?t mkg:leadAgency ?a } WHERE { ?t mkg:code '1.4' ; mkg:leadAgency ?a }"
        )
        assert set(g.objects(TASK_14, MKG.leadAgency)) == {
            ID[f"agency/{k}"] for k in ("mic", "mofa", "vff", "vwu", "cema")
        }

    def test_malformed_query_is_a_query_error(self, store: Store) -> None:
        with pytest.raises(QueryError) as info:
            store.select("SELEC ?x WHERE { }")
        assert info.value.status == 400

    def test_dataset_keeps_named_graphs(self, store: Store) -> None:
        ds = store.dataset()
        assert (TASK_323, MKG.leadAgency, MOLISA) in ds.graph(DOC_402)
        assert (TASK_323, MKG.leadAgency, MOLISA) not in ds.graph(REFERENCE)

    def test_dump_graph(self, store: Store) -> None:
        g = Graph().parse(data=store.dump_graph(str(REFERENCE)), format="nt")
        assert (
            MOLISA,
            RDFS.label,
            Literal("Ministry of Labour, Invalids and Social Affairs", lang="en"),
        ) in g
        assert (TASK_323, MKG.leadAgency, MOLISA) not in g

    # --- the runner over this store: what the endpoint calls

    def test_run_select_json(self, runner: Runner) -> None:
        answer = runner.run(Job(P + f"SELECT ?a WHERE {{ <{TASK_323}> mkg:leadAgency ?a }}"), 30)
        data = json.loads(answer.read())
        assert [b["a"]["value"] for b in data["results"]["bindings"]] == [str(MOLISA)]
        assert (answer.kind, answer.format, answer.truncated) == ("solutions", "json", None)

    def test_run_caps_rows_and_says_so(self, runner: Runner) -> None:
        text = P + f"SELECT ?a WHERE {{ <{TASK_14}> mkg:leadAgency ?a }}"
        answer = runner.run(Job(text, solutions="csv", max_rows=2), 30)
        rows = list(csv.reader(io.StringIO(answer.read().decode())))
        assert rows[0] == ["a"] and len(rows) == 3  # header + 2 of the 5 lead agencies
        assert answer.truncated == 2
        whole = runner.run(Job(text, solutions="csv", max_rows=5), 30)
        assert whole.truncated is None and len(whole.read().decode().splitlines()) == 6

    def test_run_construct_turtle(self, runner: Runner) -> None:
        text = (
            P
            + "CONSTRUCT { ?t mkg:leadAgency ?a } WHERE { ?t mkg:code '3.2.3' ; mkg:leadAgency ?a }"
        )
        answer = runner.run(Job(text, graph="turtle"), 30)
        assert answer.kind == "graph"
        g = Graph().parse(data=answer.read(), format="turtle")
        assert set(g) == {(TASK_323, MKG.leadAgency, MOLISA)}

    def test_run_protocol_dataset(self, runner: Runner) -> None:
        text = (
            P
            + "SELECT ?s WHERE { { ?s mkg:code '3.2.3' } UNION { ?s a mkg:Ministry FILTER(?s = <"
            + str(MOLISA)
            + ">) } }"
        )
        job = Job(text, default_graphs=(str(REFERENCE),), named_graphs=())
        data = json.loads(runner.run(job, 30).read())
        assert [b["s"]["value"] for b in data["results"]["bindings"]] == [str(MOLISA)]

    def test_run_ask_xml(self, runner: Runner) -> None:
        answer = runner.run(
            Job(P + f"ASK {{ <{TASK_323}> mkg:leadAgency <{MOLISA}> }}", solutions="xml"), 30
        )
        assert answer.kind == "boolean" and b"<boolean>true</boolean>" in answer.read()

    def test_run_refuses_a_format_the_kind_cannot_take(self, runner: Runner) -> None:
        with pytest.raises(MigkgError) as info:
            runner.run(Job("CONSTRUCT WHERE { ?s ?p ?o }", solutions="csv", graph=None), 30)
        assert info.value.status == NotAcceptable.status == 406

    def test_run_malformed(self, runner: Runner) -> None:
        with pytest.raises(QueryError) as info:
            runner.run(Job("SELECT ?x WHERE { ?x"), 30)
        assert info.value.status == 400 and info.value.message


class WritableContract:
    """Writing: subclasses give ``empty_store``, a store with nothing in it."""

    def test_replace_then_query(self, empty_store: Store) -> None:
        ds = Dataset()
        ds.parse(DATA / "mini.trig", format="trig")
        empty_store.replace(ds)
        assert empty_store.graph_names() == sorted([DOC_402, DOC_225, REFERENCE])
        assert len(empty_store) == mini_quads()

    def test_load_graph_replaces_that_graph(self, empty_store: Store) -> None:
        name = str(ID["graph/test"])
        empty_store.load_graph(name, b"<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> <urn:d> .\n")
        empty_store.load_graph(name, b"<urn:a> <urn:b> <urn:e> .\n")
        assert URIRef(name) in empty_store.graph_names()
        assert empty_store.select("SELECT ?o WHERE { <urn:a> <urn:b> ?o }").values("o") == [
            URIRef("urn:e")
        ]
        dumped = Graph().parse(data=empty_store.dump_graph(name), format="nt")
        assert set(dumped) == {(URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:e"))}

    def test_update(self, empty_store: Store) -> None:
        empty_store.update(
            f"INSERT DATA {{ GRAPH <{ID['graph/test']}> {{ <urn:x> <urn:y> 'z' }} }}"
        )
        assert empty_store.select("SELECT ?o WHERE { <urn:x> <urn:y> ?o }").values("o") == [
            Literal("z")
        ]


# --- the back ends: one fixture each, shared by the tests of its class


@pytest.fixture(scope="module")
def disk_store(mini_store_dir: Path) -> Iterator[Store]:
    s = EmbeddedStore(mini_store_dir, read_only=True)
    yield s
    s.close()


@pytest.fixture(scope="module")
def disk_runner(disk_store: Store) -> Iterator[Runner]:
    r = Runner(disk_store, workers=1, light_workers=0, owns_store=False)
    yield r
    r.close()


@pytest.fixture(scope="module")
def disk_runner_read_workers(disk_store: Store) -> Iterator[Runner]:
    r = Runner(disk_store, workers=1, light_workers=0, memory=False, owns_store=False)
    yield r
    r.close()


@pytest.fixture(scope="module")
def memory_store() -> Iterator[Store]:
    s = EmbeddedStore(None)
    ds = Dataset()
    ds.parse(DATA / "mini.trig", format="trig")
    s.replace(ds)
    yield s
    s.close()


@pytest.fixture(scope="module")
def remote_store(oxigraph_server, mini_store_dir: Path) -> Iterator[RemoteStore]:
    url = oxigraph_server()
    push(
        {
            "endpoint": f"{url}/query",
            "update_endpoint": f"{url}/update",
            "gsp_endpoint": f"{url}/store",
            "store_path": str(mini_store_dir),
        }
    )
    s = remote_for(url)
    yield s
    s.close()


@pytest.fixture(scope="module")
def empty_server(oxigraph_server) -> str:
    return oxigraph_server()


class TestEmbeddedOnDisk(StoreContract):
    """Query workers that copy the store into memory (the default)."""

    MEMORY = True

    @pytest.fixture()
    def store(self, disk_store: Store) -> Store:
        return disk_store

    @pytest.fixture()
    def runner(self, disk_runner: Runner) -> Runner:
        return disk_runner

    def test_run_goes_through_a_worker_that_stops_at_the_limit(self, runner: Runner) -> None:
        with pytest.raises(QueryStopped) as info:
            runner.run(Job(ENDLESS), 1)
        assert info.value.status == 503 and "stopped after 1 s" in info.value.message
        # the pool replaced the worker: the next query is answered
        answer = runner.run(Job(P + f"ASK {{ <{TASK_323}> mkg:leadAgency <{MOLISA}> }}"), 30)
        assert json.loads(answer.read())["boolean"] is True

    def test_a_query_that_kills_its_worker_leaves_the_store_answering(self, runner: Runner) -> None:
        # Nested 3,000 deep, this kills the process that parses it; the endpoint's guard
        # refuses it first, but should one get past, only a worker dies, and the query is
        # answered 503 with the reason.
        with pytest.raises(QueryStopped) as info:
            runner.run(Job("SELECT * WHERE " + "{" * 3000 + "}" * 3000), 30)
        assert info.value.status == 503 and "crashed its worker" in info.value.message
        answer = runner.run(Job(P + f"ASK {{ <{TASK_323}> mkg:leadAgency <{MOLISA}> }}"), 30)
        assert json.loads(answer.read())["boolean"] is True

    def test_a_rebuild_swapped_in_is_seen_by_a_running_store(self, tmp_path: Path) -> None:
        from conftest import write_trig_store

        from graph.build import write_store

        path = write_trig_store(tmp_path / "store", DATA / "mini.trig")
        s = Runner(EmbeddedStore(path, read_only=True), workers=1, memory=self.MEMORY)
        try:
            ask = Job(P + f"ASK {{ <{TASK_323}> mkg:leadAgency <{MOLISA}> }}")
            assert json.loads(s.run(ask, 30).read())["boolean"] is True
            rebuilt = Dataset()
            rebuilt.graph(ID["graph/reference"]).add((MOLISA, RDFS.label, Literal("MOLISA")))
            write_store(rebuilt, path)
            assert json.loads(s.run(ask, 30).read())["boolean"] is False  # workers replaced
            assert len(s) == 1 and s.graph_names() == [REFERENCE]  # the main handle too
        finally:
            s.close()

    def test_update_through_the_writer_is_seen_by_later_queries(self, tmp_path: Path) -> None:
        from conftest import write_trig_store

        path = write_trig_store(tmp_path / "store", DATA / "mini.trig")
        s = Runner(EmbeddedStore(path, read_only=True), workers=1, memory=self.MEMORY)
        try:
            ask = Job("ASK { <urn:x> ?p ?o }")
            assert json.loads(s.run(ask, 30).read())["boolean"] is False
            text = f"INSERT DATA {{ GRAPH <{ID['graph/test']}> {{ <urn:x> <urn:y> 'z' }} }}"
            assert s.run(Job(text, update=True), 30).kind == "update"
            assert json.loads(s.run(ask, 30).read())["boolean"] is True
            assert len(s) == mini_quads() + 1  # the main handle reopened too
        finally:
            s.close()


class TestEmbeddedOnDiskReadWorkers(TestEmbeddedOnDisk):
    """Query workers that read the store on disk (query_memory off)."""

    MEMORY = False

    @pytest.fixture()
    def runner(self, disk_runner_read_workers: Runner) -> Runner:
        return disk_runner_read_workers


class TestEmbeddedInMemory(StoreContract, WritableContract):
    @pytest.fixture()
    def store(self, memory_store: Store) -> Store:
        return memory_store

    @pytest.fixture()
    def runner(self, memory_store: Store) -> Runner:
        return Runner(memory_store, owns_store=False)

    @pytest.fixture()
    def empty_store(self) -> Iterator[Store]:
        s = EmbeddedStore(None)
        yield s
        s.close()


class TestEmbeddedOnDiskWritable(WritableContract):
    @pytest.fixture()
    def empty_store(self, tmp_path: Path) -> Iterator[Store]:
        s = EmbeddedStore(tmp_path / "store")
        yield s
        s.close()


@pytest.mark.remote
class TestRemote(StoreContract, WritableContract):
    @pytest.fixture()
    def store(self, remote_store: RemoteStore) -> RemoteStore:
        return remote_store

    @pytest.fixture()
    def runner(self, remote_store: RemoteStore) -> Runner:
        return Runner(remote_store, owns_store=False)

    @pytest.fixture()
    def empty_store(self, empty_server: str) -> Iterator[Store]:
        s = remote_for(empty_server)
        s.update("DROP ALL")
        yield s
        s.close()

    def test_data_outside_migkg_graphs_is_not_seen(self, store: RemoteStore) -> None:
        # another dataset on the same server stays out of the union
        other = "http://example.org/other"
        store._gsp("PUT", other, b"<urn:other> <urn:p> <urn:o> .\n", "nt")
        try:
            assert not store.ask("ASK { <urn:other> ?p ?o }")
            assert URIRef(other) not in store.graph_names()
        finally:
            store.drop_graph(other)


def test_select_result_helpers() -> None:
    r = SelectResult(["a", "b"], [(URIRef("urn:x"), None)])
    assert r.dicts() == [{"a": URIRef("urn:x"), "b": None}] and r.values("b") == [None]


@pytest.fixture(scope="module")
def served(mini_store_dir: Path) -> Iterator[Runner]:
    s = Runner(EmbeddedStore(mini_store_dir, read_only=True), workers=1)
    yield s
    s.close()


class TestServedStore(StoreContract):
    """The runner as the site reads it: its own page queries go to the light lane's
    workers, which hold the graph in memory."""

    @pytest.fixture()
    def store(self, served: Runner) -> Runner:
        return served

    @pytest.fixture()
    def runner(self, served: Runner) -> Runner:
        return served

    def test_page_queries_answer_like_the_in_process_store(
        self, store: Store, disk_store: Store
    ) -> None:
        text = P + "SELECT ?a ?task ?code WHERE { ?task mkg:leadAgency ?a ; mkg:code ?code }"
        served = store.select(text, {"a": MOLISA})
        direct = disk_store.select(text, {"a": MOLISA})
        assert sorted(served.rows) == sorted(direct.rows)
        assert (MOLISA, TASK_323, Literal("3.2.3")) in served.rows
        assert store.ask(P + "ASK { ?t mkg:leadAgency ?a }", {"a": MOLISA}) is True
        graph = store.construct(
            P + "CONSTRUCT { ?t mkg:leadAgency ?a } WHERE { ?t mkg:leadAgency ?a }", {"a": MOLISA}
        )
        assert (TASK_323, MKG.leadAgency, MOLISA) in graph

    def test_a_page_query_is_stopped_at_the_limit(self, mini_store_dir: Path) -> None:
        s = Runner(EmbeddedStore(mini_store_dir, read_only=True), workers=1, timeout=1)
        try:
            with pytest.raises(QueryStopped):
                s.select(ENDLESS)
            assert s.ask(P + f"ASK {{ <{TASK_323}> mkg:leadAgency <{MOLISA}> }}") is True
        finally:
            s.close()


def test_a_count_given_is_taken_until_the_folder_changes(tmp_path: Path) -> None:
    from conftest import write_trig_store

    from graph.build import write_store

    path = write_trig_store(tmp_path / "store", DATA / "mini.trig")
    s = EmbeddedStore(path, read_only=True, quads=7)
    try:
        assert len(s) == 7  # taken, not counted: the mini store holds more
        rebuilt = Dataset()
        rebuilt.graph(ID["graph/reference"]).add((MOLISA, RDFS.label, Literal("MOLISA")))
        write_store(rebuilt, path)
        assert len(s) == 1
    finally:
        s.close()


def test_a_store_not_watched_keeps_its_count_when_a_file_is_written_beside_it(
    tmp_path: Path,
) -> None:
    from conftest import write_trig_store

    path = write_trig_store(tmp_path / "store", DATA / "mini.trig")
    watched = EmbeddedStore(path, read_only=True, quads=7)
    kept = EmbeddedStore(path, read_only=True, quads=7, watch=False)
    try:
        (path / "side-file.pickle").write_bytes(b"x")
        # a later mtime, also on file systems that keep coarse times
        stat = os.stat(path)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        assert len(kept) == 7  # as given: a build's store, whose side files change nothing
        assert len(watched) > 7  # reopened for the folder's change, and counted
    finally:
        watched.close()
        kept.close()
