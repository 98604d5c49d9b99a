"""The store interface that the rest of migkg talks to: read, write, swap, graph names.

Every back end keeps the data in named graphs (one per source document, one
for the ontology, one for reference data) and answers queries over their
union as the default graph, so that analysts need no GRAPH clause. Running a request
under limits (time, rows, bytes, worker processes) is the runner's part
(graph/runner.py), which takes any store.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

if TYPE_CHECKING:
    from graph.execute import Job


@dataclass
class SelectResult:
    """Rows of a SELECT query as rdflib terms (None where a variable is unbound)."""

    variables: list[str]
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    truncated: bool = False

    def dicts(self) -> list[dict[str, Node | None]]:
        """Each row as a mapping from variable name to term."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def values(self, var: str) -> list[Node | None]:
        """One column."""
        i = self.variables.index(var)
        return [row[i] for row in self.rows]

    def __iter__(self) -> Iterator[dict[str, Node | None]]:
        return iter(self.dicts())

    def __len__(self) -> int:
        return len(self.rows)


QueryResult = SelectResult | bool | Graph


class Store(ABC):
    """A SPARQL-capable RDF store holding the migkg dataset."""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query: SELECT → SelectResult, ASK → bool, CONSTRUCT/DESCRIBE → Graph."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""

    @abstractmethod
    def replace(self, dataset: Dataset) -> None:
        """Replace the whole content with the given dataset (named graphs kept)."""

    @abstractmethod
    def dataset(self) -> Dataset:
        """The whole content as an rdflib Dataset (for exports)."""

    @abstractmethod
    def __len__(self) -> int:
        """Number of quads."""

    @abstractmethod
    def graph_names(self) -> list[URIRef]:
        """The named graphs held (one per source document, the ontology, the reference data)."""

    def graph_iris(self) -> frozenset[str]:
        """The named graphs' IRIs as a set of strings (the guard asks on every request)."""
        return frozenset(str(g) for g in self.graph_names())

    @abstractmethod
    def load_graph(self, name: str, data: bytes, format: str = "nt") -> None:
        """Replace the named graph ``name`` with ``data`` (``nt`` N-Triples or ``turtle``)."""

    @abstractmethod
    def dump_graph(self, name: str) -> bytes:
        """The named graph ``name`` as N-Triples."""

    @abstractmethod
    def evaluate(self, job: Job, timeout: float) -> Any:
        """Run a checked query as the job says (its dataset, base IRI) and return
        pyoxigraph's result (solutions, boolean, or triples) for the runner to write.

        Raises MigkgError with the HTTP status to answer (400 malformed, 503 past
        ``timeout`` where the back end can stop).
        """

    def worker_path(self) -> Path | None:
        """The folder that query worker processes may open read-only, if there is one."""
        return None

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> SelectResult:
        """Run a SELECT query."""
        result = self.query(sparql, bindings)
        if not isinstance(result, SelectResult):
            raise TypeError("not a SELECT query")
        return result

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK query."""
        result = self.query(sparql, bindings)
        if not isinstance(result, bool):
            raise TypeError("not an ASK query")
        return result

    def construct(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query."""
        result = self.query(sparql, bindings)
        if not isinstance(result, Graph):
            raise TypeError("not a CONSTRUCT or DESCRIBE query")
        return result

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files and connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def open_store(settings: Mapping[str, Any], *, read_only: bool = False) -> Store:
    """Open the back end the settings name (``store``): ``embedded`` (the folder
    ``store_path``), ``memory`` (that folder read into memory: faster joins, nothing
    written back) or ``remote`` (a SPARQL 1.1 server)."""
    kind = settings.get("store", "embedded")
    if kind == "remote":
        from graph.remote import RemoteStore

        return RemoteStore.from_settings(settings)
    from graph.embedded import EmbeddedStore
    from migkg.settings import default as settings_default

    path = settings.get("store_path") or settings_default("store_path")
    if kind == "memory":
        return EmbeddedStore.copy_of(path)
    return EmbeddedStore(path, read_only=read_only)


def open_for_reading(settings: Mapping[str, Any]) -> Store:
    """The store the settings name, opened read-only, for a command that reads it; one
    that cannot be opened is one line naming it (a ConfigError)."""
    from migkg.errors import ConfigError

    try:
        return open_store(settings, read_only=True)
    except OSError as exc:
        raise ConfigError(
            f"store: cannot open {settings.get('store_path')} ({exc}); run `migkg build` first"
        ) from None
