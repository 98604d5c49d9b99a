"""Query results as bytes in a requested format, capped at a number of rows.

Everything here works on pyoxigraph's own result objects and serialisers, so no row is
turned into Python terms: the worker that ran the query hands back finished bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any

import pyoxigraph as ox

from migkg.errors import MigkgError, QueryError
from migkg.prefixes import PREFIX_IRIS

# Format keys (the `format` parameter of the endpoint) → pyoxigraph formats.
SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_PREFIXES = dict(PREFIX_IRIS)


@dataclass
class Answer:
    """A finished response: ``kind`` is solutions, boolean or graph; ``truncated`` the cap hit."""

    body: bytes
    kind: str
    format: str
    truncated: int | None = None


class NotAcceptable(MigkgError):
    """The client accepts no format this kind of result can be written in."""

    status = 406
    title = "Not acceptable"


class _Enough(Exception):
    """Raised from inside a serialiser to stop it once the cap is passed."""


class _LineCap:
    """A binary sink that keeps the first ``limit`` lines and stops the writer after."""

    def __init__(self, limit: int):
        self.limit = limit
        self.lines = 0
        self.chunks: list[bytes] = []
        self.full = False

    def write(self, data: bytes) -> int:
        data = bytes(data)
        n = data.count(b"\n")
        if self.lines + n <= self.limit:
            self.chunks.append(data)
            self.lines += n
            return len(data)
        cut = -1
        for _ in range(self.limit - self.lines):
            cut = data.index(b"\n", cut + 1)
        self.chunks.append(data[: cut + 1])
        self.lines = self.limit
        self.full = True
        raise _Enough

    def flush(self) -> None:
        """Nothing is buffered here."""

    def getvalue(self) -> bytes:
        return b"".join(self.chunks)


def serialise(result: Any, *, solutions: str | None, graph: str | None, max_rows: int) -> Answer:
    """Write a pyoxigraph result (solutions, boolean or triples) in the chosen format.

    ``solutions`` and ``graph`` are the format keys the client accepts for each kind of
    result (None: it accepts none, which gives a 406 once the kind is known).
    """
    if isinstance(result, ox.QueryBoolean):
        fmt = _need(solutions, "a yes/no answer")
        return Answer(result.serialize(format=SOLUTION_FORMATS[fmt]), "boolean", fmt)
    if isinstance(result, ox.QuerySolutions):
        fmt = _need(solutions, "a table of results")
        return _solutions(result, fmt, max_rows)
    fmt = _need(graph, "a graph")
    triples = list(islice(result, max_rows + 1))
    truncated = max_rows if len(triples) > max_rows else None
    body = ox.serialize(triples[:max_rows], format=GRAPH_FORMATS[fmt], prefixes=_prefixes(fmt))
    return Answer(body, "graph", fmt, truncated)


def _need(fmt: str | None, what: str) -> str:
    if fmt is None:
        raise NotAcceptable(f"the query gives {what}, which cannot be sent in a format you accept")
    return fmt


def _prefixes(fmt: str) -> dict[str, str] | None:
    return _PREFIXES if fmt in ("turtle", "rdfxml") else None


def _solutions(result: ox.QuerySolutions, fmt: str, max_rows: int) -> Answer:
    # TSV writes one row per line (newlines in values are escaped), so counting lines
    # stops the evaluation right after the cap; the kept rows are then re-read by
    # pyoxigraph and written in the format asked for.
    sink = _LineCap(max_rows + 1)  # + the header line
    try:
        result.serialize(sink, format=ox.QueryResultsFormat.TSV)
    except _Enough:
        pass
    except OSError as exc:
        if not sink.full:
            raise _as_query_error(exc) from None
    tsv = sink.getvalue()
    truncated = max_rows if sink.full else None
    if fmt == "tsv":
        return Answer(tsv, "solutions", fmt, truncated)
    again = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    return Answer(again.serialize(format=SOLUTION_FORMATS[fmt]), "solutions", fmt, truncated)


def _as_query_error(exc: Exception) -> QueryError:
    return QueryError(f"the query failed while running: {exc}", status=500, title="Query failed")
