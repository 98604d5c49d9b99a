"""Query results as bytes in a requested format, capped at a number of rows and of bytes.

Everything here works on pyoxigraph's own result objects and serialisers, so no row is
turned into Python terms: the worker that ran the query hands back finished bytes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from migkg.errors import NotAcceptable, QueryError
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
    """A finished response: ``kind`` is solutions, boolean or graph; ``truncated`` the rows
    kept when a cap was hit, ``cut_by`` which cap (``rows`` or ``bytes``).

    ``chunks``, when given, yields the body piece by piece instead of ``body`` (an answer
    streamed from a worker); ``read()`` gives the whole body either way.
    """

    body: bytes
    kind: str
    format: str
    truncated: int | None = None
    cut_by: str | None = None
    chunks: Iterator[bytes] | None = None

    def read(self) -> bytes:
        """The whole body (drains ``chunks``)."""
        if self.chunks is not None:
            self.body, self.chunks = b"".join(self.chunks), None
        return self.body

    def pieces(self) -> Iterator[bytes]:
        """The body piece by piece."""
        if self.chunks is not None:
            return self.chunks
        return iter((self.body,))


class _Enough(Exception):
    """Raised from inside a serialiser to stop it once the cap is passed."""


class _LineCap:
    """A binary sink that keeps the first ``limit`` lines and at most ``max_bytes`` bytes
    (whole lines only), and stops the writer after; ``full`` says which cap was hit."""

    def __init__(self, limit: int, max_bytes: int):
        self.limit = limit
        self.max_bytes = max_bytes
        self.lines = 0
        self.size = 0
        self.chunks: list[bytes] = []
        self.pending: list[bytes] = []  # the start of a line not yet complete
        self.pending_size = 0
        self.full: str | None = None

    def write(self, data: bytes) -> int:
        data = bytes(data)
        ends = data.count(b"\n")
        if (
            ends
            and self.lines + ends < self.limit
            and self.size + self.pending_size + len(data) <= self.max_bytes
        ):
            # No cap within this piece: keep it whole (a large answer comes in many).
            cut = data.rfind(b"\n") + 1
            self.chunks.extend(self.pending)
            self.chunks.append(data[:cut])
            self.lines += ends
            self.size += self.pending_size + cut
            self.pending, self.pending_size = [], 0
            if cut < len(data):
                self.pending.append(data[cut:])
                self.pending_size = len(data) - cut
            return len(data)
        start = 0
        while (nl := data.find(b"\n", start)) != -1:
            piece = data[start : nl + 1]
            if self.lines >= self.limit:
                self.full = "rows"
            elif self.size + self.pending_size + len(piece) > self.max_bytes:
                self.full = "bytes"
            if self.full:
                raise _Enough
            self.chunks.extend(self.pending)
            self.chunks.append(piece)
            self.lines += 1
            self.size += self.pending_size + len(piece)
            self.pending, self.pending_size = [], 0
            start = nl + 1
        if start < len(data):
            self.pending.append(data[start:])
            self.pending_size += len(data) - start
            if self.size + self.pending_size > self.max_bytes:
                self.full = "bytes"  # one line larger than what is left
                raise _Enough
        return len(data)

    def flush(self) -> None:
        """Nothing is buffered here."""

    def getvalue(self) -> bytes:
        return b"".join(self.chunks)


def serialise(
    result: Any,
    *,
    solutions: str | None,
    graph: str | None,
    max_rows: int,
    max_bytes: int = 50_000_000,
) -> Answer:
    """Write a pyoxigraph result (solutions, boolean or triples) in the chosen format.

    ``solutions`` and ``graph`` are the format keys the client accepts for each kind of
    result (None: it accepts none, which gives a 406 once the kind is known). The rows (or
    triples) kept stop at ``max_rows`` and at ``max_bytes`` of their N-Triples or TSV
    text, which the written answer comes close to.
    """
    if isinstance(result, ox.QueryBoolean):
        fmt = _need(solutions, "a yes/no answer")
        return Answer(written(result.serialize(format=SOLUTION_FORMATS[fmt])), "boolean", fmt)
    if isinstance(result, ox.QuerySolutions):
        fmt = _need(solutions, "a table of results")
        return _solutions(result, fmt, max_rows, max_bytes)
    fmt = _need(graph, "a graph")
    triples: list[ox.Triple] = []
    size, cut_by = 0, None
    for triple in result:
        if len(triples) >= max_rows:
            cut_by = "rows"
            break
        size += len(str(triple)) + 3
        if size > max_bytes:
            cut_by = "bytes"
            break
        triples.append(triple)
    truncated = len(triples) if cut_by else None
    body = written(ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=_prefixes(fmt)))
    return Answer(body, "graph", fmt, truncated, cut_by)


def written(body: bytes | None) -> bytes:
    """What a pyoxigraph ``serialize``/``dump`` called without an output returns.

    Given no output file they return the bytes; their stubs say ``bytes | None`` for both uses.
    """
    if body is None:
        raise TypeError("pyoxigraph wrote to a file where bytes were asked for")
    return body


def _need(fmt: str | None, what: str) -> str:
    if fmt is None:
        raise NotAcceptable(f"the query gives {what}, which cannot be sent in a format you accept")
    return fmt


def _prefixes(fmt: str) -> dict[str, str] | None:
    return _PREFIXES if fmt in ("turtle", "rdfxml") else None


def _solutions(result: ox.QuerySolutions, fmt: str, max_rows: int, max_bytes: int) -> Answer:
    # TSV writes one row per line (newlines in values are escaped), so counting lines
    # stops the evaluation right after the cap; the kept rows are then re-read by
    # pyoxigraph and written in the format asked for.
    sink = _LineCap(max_rows + 1, max_bytes)  # + the header line
    try:
        # pyoxigraph only calls write(); its stubs ask for a whole IO[bytes]
        result.serialize(sink, format=ox.QueryResultsFormat.TSV)  # type: ignore[arg-type]
    except _Enough:
        pass
    except OSError as exc:
        if not sink.full:
            raise _as_query_error(exc) from None
    if not sink.full:
        sink.chunks.extend(sink.pending)  # a last line without its newline
    tsv = sink.getvalue()
    truncated = sink.lines - 1 if sink.full else None
    if fmt == "tsv":
        return Answer(tsv, "solutions", fmt, truncated, sink.full)
    again = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    body = written(again.serialize(format=SOLUTION_FORMATS[fmt]))
    if fmt == "csv":  # downloads open in spreadsheets
        body = neutralise_csv(body)
    return Answer(body, "solutions", fmt, truncated, sink.full)


# A spreadsheet reads a cell starting with one of these as a formula; a number is let be.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet will not run it: a leading apostrophe before ``=``,
    ``+``, ``-``, ``@``, tab or carriage return, unless the cell is a plain number."""
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def neutralise_csv(body: bytes) -> bytes:
    """A CSV body with every cell made safe (``safe_cell``); unchanged when none needs it."""
    text = body.decode("utf-8")
    if not any(mark in text for mark in _FORMULA_START):
        return body
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue().encode("utf-8")


def _as_query_error(exc: Exception) -> QueryError:
    return QueryError(f"the query failed while running: {exc}", status=500, title="Query failed")
