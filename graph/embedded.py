"""The embedded back end: pyoxigraph, on disk (the default) or in memory (tests).

Queries see the union of the named graphs as their default graph
(``use_default_graph_as_union``). ``run`` is what the endpoint calls: on disk it goes to
worker processes that can be killed at the time limit (graph/runner.py); in memory the
data lives in this process only, so ``run`` answers in-process with no time limit —
the in-memory store is for tests and is never served to others.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from migkg.errors import ConfigError, QueryError
from migkg.graph import guard
from migkg.graph.convert import from_ox_result, to_ox, with_values
from migkg.graph.execute import Job, execute
from migkg.graph.results import Answer
from migkg.graph.runner import WorkerPool, generation
from migkg.graph.store import QueryResult, SelectResult, Store
from migkg.namespaces import bind_prefixes

_GRAPH_FORMATS = {"nt": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE}


# Page queries are the app's own: they are not capped like an analyst's.
_NO_CAP = 10**9


class EmbeddedStore(Store):
    """A pyoxigraph store; ``path=None`` keeps it in memory (for tests).

    A read-only store reopens itself when the folder changes (a rebuild swapped in, an
    update written by the endpoint), so a running server sees the new data.
    """

    def __init__(
        self,
        path: str | Path | None,
        *,
        read_only: bool = False,
        workers: int = 2,
        deny_network: bool = True,
        memory_workers: bool = True,
        via_workers: bool = False,
        query_timeout: float = 10.0,
    ):
        self.path = Path(path).absolute() if path is not None else None
        self.read_only = read_only
        self.workers = workers
        self.deny_network = deny_network
        self.memory_workers = memory_workers
        self.via_workers = via_workers
        self.query_timeout = query_timeout
        self._pool: WorkerPool | None = None
        self._lock = threading.Lock()
        self._graph_names: tuple[tuple[int, int], list[URIRef], frozenset[str]] | None = None
        if self.path is None:
            self._ox = ox.Store()
        elif read_only:
            self._ox = self._open_read_only()
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            self._ox = ox.Store(str(self.path))

    def _open_read_only(self) -> ox.Store:
        assert self.path is not None
        if not self.path.is_dir():
            raise ConfigError(f"no store at {self.path}: run `migkg build` first")
        self._generation = generation(self.path)
        try:
            return ox.Store.read_only(str(self.path))
        except OSError as exc:
            raise ConfigError(f"cannot open the store at {self.path}: {exc}") from None

    @property
    def native(self) -> ox.Store:
        """The underlying pyoxigraph store, reopened first if the folder changed."""
        if self.read_only and self.path is not None:
            try:
                changed = generation(self.path) != self._generation
            except OSError:
                changed = False  # mid-swap: keep the open handle
            if changed:
                with self._lock:
                    if generation(self.path) != self._generation:
                        self._ox = self._open_read_only()
        return self._ox

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        if self.via_workers and self.path is not None and self.read_only:
            return self._query_in_worker(sparql, bindings)
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        union = not guard.declares_dataset(sparql)
        try:
            result = self.native.query(
                sparql, use_default_graph_as_union=union, substitutions=subs or None
            )
        except SyntaxError as exc:
            raise QueryError(str(exc)) from None
        converted = from_ox_result(result)
        if isinstance(converted, tuple):
            return SelectResult(*converted)
        return converted

    def _query_in_worker(self, sparql: str, bindings: Mapping[str, Node] | None) -> QueryResult:
        # The served store sends its own page queries to the workers too: they hold the
        # graph in memory (faster joins) and stop a query at the time limit.
        text = with_values(sparql, bindings) if bindings else sparql
        job = Job(
            text,
            solutions="tsv",
            graph="nt",
            max_rows=_NO_CAP,
            own_dataset=guard.declares_dataset(text),
        )
        answer = self.run(job, self.query_timeout)
        if answer.kind == "graph":
            graph = Graph()
            bind_prefixes(graph)
            graph.parse(data=answer.body, format="nt")
            return graph
        parsed = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.TSV)
        converted = from_ox_result(parsed)
        if isinstance(converted, tuple):
            return SelectResult(*converted)
        return converted

    def run(self, job: Job, timeout: float) -> Answer:
        if self.path is None or not self.read_only:
            # In memory, or this process holds the store open for writing: answer here.
            return execute(self._ox, job)
        with self._lock:
            if self._pool is None:
                self._pool = WorkerPool(
                    self.path,
                    self.workers,
                    deny_network=self.deny_network,
                    memory=self.memory_workers,
                )
        return self._pool.run(job, timeout)

    def update(self, sparql: str) -> None:
        try:
            self.native.update(sparql)
        except SyntaxError as exc:
            raise QueryError(str(exc)) from None
        except OSError as exc:
            raise QueryError(f"the update failed: {exc}", status=500) from None

    def replace(self, dataset: Dataset) -> None:
        self._ox.clear()
        data = dataset.serialize(format="nquads", encoding="utf-8")
        self._ox.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        self._ox.flush()

    def load_graph(self, name: str, data: bytes, format: str = "nt") -> None:
        target = ox.NamedNode(str(name))
        self._ox.remove_graph(target) if self._ox.contains_named_graph(target) else None
        self._ox.load(data, format=_GRAPH_FORMATS[format], to_graph=target)
        if self.path is not None:
            self._ox.flush()

    def dump_graph(self, name: str) -> bytes:
        return self.native.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name)))

    def dataset(self) -> Dataset:
        ds = Dataset()
        bind_prefixes(ds)
        data = self.native.dump(format=ox.RdfFormat.N_QUADS)
        ds.parse(data=data, format="nquads")
        return ds

    def graph_names(self) -> list[URIRef]:
        """The named graphs held."""
        return list(self._names()[0])

    def graph_iris(self) -> frozenset[str]:
        return self._names()[1]

    def _names(self) -> tuple[list[URIRef], frozenset[str]]:
        # Remembered while a read-only store's folder is unchanged: the endpoint asks on
        # every request, and a large store holds many graphs.
        key = generation(self.path) if self.path is not None and self.read_only else None
        cached = self._graph_names
        if key is not None and cached is not None and cached[0] == key:
            return cached[1], cached[2]
        names = sorted(
            URIRef(g.value) for g in self.native.named_graphs() if isinstance(g, ox.NamedNode)
        )
        iris = frozenset(map(str, names))
        if key is not None:
            self._graph_names = (key, names, iris)
        return names, iris

    def __len__(self) -> int:
        return len(self.native)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self.path is not None and not self.read_only:
            try:
                self._ox.flush()
            except OSError:
                pass
        del self._ox
