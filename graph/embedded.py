"""The embedded back end: pyoxigraph, on disk or in memory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from migkg.errors import QueryError
from migkg.graph.convert import to_ox, to_rdflib
from migkg.graph.store import QueryResult, SelectResult, Store
from migkg.namespaces import bind_prefixes


class EmbeddedStore(Store):
    """A pyoxigraph store; ``path=None`` keeps it in memory (for tests)."""

    def __init__(self, path: str | Path | None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if self.path is None:
            self._ox = ox.Store()
        elif read_only:
            self._ox = ox.Store.read_only(str(self.path))
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            self._ox = ox.Store(str(self.path))

    @property
    def native(self) -> ox.Store:
        """The underlying pyoxigraph store (for the query worker and bulk loads)."""
        return self._ox

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            result = self._ox.query(
                sparql, use_default_graph_as_union=True, substitutions=subs or None
            )
        except SyntaxError as exc:
            raise QueryError(str(exc)) from None
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [tuple(to_rdflib(sol[v]) for v in variables) for sol in result]
            return SelectResult(variables, rows)
        graph = Graph()
        bind_prefixes(graph)
        for t in result:
            graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return graph

    def update(self, sparql: str) -> None:
        try:
            self._ox.update(sparql)
        except SyntaxError as exc:
            raise QueryError(str(exc)) from None

    def replace(self, dataset: Dataset) -> None:
        self._ox.clear()
        data = dataset.serialize(format="nquads", encoding="utf-8")
        self._ox.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        self._ox.flush()

    def dataset(self) -> Dataset:
        ds = Dataset()
        bind_prefixes(ds)
        data = self._ox.dump(format=ox.RdfFormat.N_QUADS)
        ds.parse(data=data, format="nquads")
        return ds

    def graph_names(self) -> list[URIRef]:
        """The named graphs held."""
        return sorted(URIRef(g.value) for g in self._ox.named_graphs())

    def __len__(self) -> int:
        return len(self._ox)

    def close(self) -> None:
        if self.path is not None and not self.read_only:
            try:
                self._ox.flush()
            except OSError:
                pass
        del self._ox
