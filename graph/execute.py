"""One checked request run on a pyoxigraph store, answered as finished bytes.

Used inside query workers (graph/worker.py); ``dataset_options`` and ``answer`` also by
stores that answer a job in this process (graph/runner.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

import pyoxigraph as ox

from graph.results import Answer, serialise
from migkg.errors import MigkgError, QueryError


@dataclass(frozen=True)
class Job:
    """A query or update that has passed the guard, and how to answer it.

    ``default_graphs`` / ``named_graphs`` come from the protocol's ``default-graph-uri`` /
    ``named-graph-uri`` (None: not given). ``own_dataset`` is True when the query text has
    FROM or FROM NAMED, which then define the dataset instead of the union of all graphs.
    """

    text: str
    update: bool = False
    solutions: str | None = "json"
    graph: str | None = "turtle"
    max_rows: int = 10_000
    max_bytes: int = 50_000_000
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    own_dataset: bool = False
    base_iri: str | None = None


class DatasetOptions(TypedDict, total=False):
    """The keyword arguments of ``Store.query`` that choose the dataset."""

    default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]
    named_graphs: list[ox.NamedNode | ox.BlankNode]
    use_default_graph_as_union: bool


def dataset_options(job: Job) -> DatasetOptions:
    """Keyword arguments for ``Store.query`` that give the dataset the job asks for."""
    if job.default_graphs is not None or job.named_graphs is not None:
        # The protocol's graph parameters replace the query's dataset (SPARQL 1.1 Protocol
        # 2.1.4): what they leave out is empty.
        return {
            "default_graph": [ox.NamedNode(g) for g in job.default_graphs or ()],
            "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or ()],
        }
    if job.own_dataset:
        return {}
    return {"use_default_graph_as_union": True}


def answer(job: Job, result: object) -> Answer:
    """A query's result written in the formats and within the limits the job asks for."""
    return serialise(
        result,
        solutions=job.solutions,
        graph=job.graph,
        max_rows=job.max_rows,
        max_bytes=job.max_bytes,
    )


def execute(store: ox.Store, job: Job) -> Answer:
    """Run ``job``; raise MigkgError with the status the client should get."""
    if job.update:
        if job.default_graphs is not None or job.named_graphs is not None:
            raise QueryError("using-graph-uri is not supported here; write USING in the update")
        try:
            store.update(job.text, base_iri=job.base_iri)
        except SyntaxError as exc:
            raise QueryError(str(exc)) from None
        except OSError as exc:
            raise QueryError(
                f"the update failed: {exc}", status=500, title="Update failed"
            ) from None
        return Answer(b"", "update", "")
    try:
        result = store.query(job.text, base_iri=job.base_iri, **dataset_options(job))
        return answer(job, result)
    except SyntaxError as exc:
        raise QueryError(str(exc)) from None
    except MigkgError:
        raise
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(
            f"the query failed while running: {exc}", status=500, title="Query failed"
        ) from None
