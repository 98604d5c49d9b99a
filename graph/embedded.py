"""The embedded back end: pyoxigraph, on disk (the default) or in memory.

Queries see the union of the named graphs as their default graph
(``use_default_graph_as_union``). A read-only store on disk offers its folder to the
runner's worker processes (``worker_path``), which can be stopped at the time limit; in
memory the data lives in this process only, and is answered here with no time limit.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.term import Node

from graph import guard
from graph.convert import from_ox_result, to_ox
from graph.execute import Job, dataset_options
from graph.pool import generation
from graph.results import written
from graph.store import QueryResult, SelectResult, Store
from migkg.errors import ConfigError, QueryError
from migkg.namespaces import bind_prefixes

_GRAPH_FORMATS = {"nt": ox.RdfFormat.N_TRIPLES, "turtle": ox.RdfFormat.TURTLE}


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
        quads: int | None = None,
        watch: bool = True,
    ):
        """``quads``: how many quads a read-only store holds, when the caller knows it for
        certain (a build, of the store it has just written and checked): not counted
        again, which takes a fifth of a second at a million. ``watch=False``: not reopened
        when the folder changes (a build's new store, beside which only the build's own
        files are written: each would otherwise reopen it and lose the count)."""
        self.path = Path(path).absolute() if path is not None else None
        self.read_only = read_only
        self._watch = watch
        self._quads = quads if read_only else None
        self._lock = threading.Lock()
        self._graph_names: tuple[tuple[int, int], list[URIRef], frozenset[str]] | None = None
        if self.path is None:
            self._ox = ox.Store()
        elif read_only:
            self._ox = self._open_read_only()
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            self._ox = ox.Store(str(self.path))

    @classmethod
    def copy_of(cls, path: str | Path) -> EmbeddedStore:
        """An in-memory store holding a copy of the on-disk store at ``path``."""
        on_disk = cls(path, read_only=True)
        try:
            store = cls(None)
            store._ox.bulk_extend(on_disk._ox.quads_for_pattern(None, None, None, None))
        finally:
            on_disk.close()
        return store

    def worker_path(self) -> Path | None:
        """The folder, when this process holds it read-only (workers may open it too)."""
        return self.path if self.path is not None and self.read_only else None

    def _open_read_only(self) -> ox.Store:
        assert self.path is not None
        if not self.path.is_dir():
            raise ConfigError(f"no store at {self.path}: run `migkg build` first")
        self._generation = generation(self.path)
        try:
            return ox.Store.read_only(str(self.path))
        except (OSError, RuntimeError, ValueError) as exc:  # RuntimeError: a damaged store
            raise ConfigError(
                f"cannot open the store at {self.path}: {exc}; rebuild it with `migkg build`"
            ) from None

    @property
    def native(self) -> ox.Store:
        """The underlying pyoxigraph store, reopened first if the folder changed."""
        if self.read_only and self.path is not None and self._watch:
            try:
                changed = generation(self.path) != self._generation
            except OSError:
                changed = False  # mid-swap: keep the open handle
            if changed:
                with self._lock:
                    if generation(self.path) != self._generation:
                        self._ox = self._open_read_only()
                        self._quads = None  # a count given was of the store before
        return self._ox

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()
        }
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

    def evaluate(self, job: Job, timeout: float) -> object:
        try:
            return self.native.query(job.text, base_iri=job.base_iri, **dataset_options(job))
        except SyntaxError as exc:
            raise QueryError(str(exc)) from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(
                f"the query failed while running: {exc}", status=500, title="Query failed"
            ) from None

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
        return written(
            self.native.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name)))
        )

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
        try:
            native = self.native  # reopened first if the folder changed: a count given goes
            return self._quads if self._quads is not None else len(native)
        except (OSError, RuntimeError) as exc:  # a damaged file found on reading
            raise ConfigError(
                f"cannot read the store at {self.path}: {exc}; rebuild it with `migkg build`"
            ) from None

    def close(self) -> None:
        if self.path is not None and not self.read_only:
            try:
                self._ox.flush()
            except OSError:
                pass
        del self._ox
