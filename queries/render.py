"""Rendering SELECT results for the terminal: an aligned table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

from rdflib import URIRef
from rdflib.term import Node

from graph.store import SelectResult
from migkg.prefixes import prefixed


def short(term: Node | None) -> str:
    """A term as a reader wants it: prefixed IRIs, plain literal values."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return prefixed(str(term))
    return str(term)


def as_table(result: SelectResult) -> str:
    """An aligned plain-text table with a closing row count."""
    rows = [[short(v) for v in row] for row in result.rows]
    widths = [len(v) for v in result.variables]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    widths = [min(w, 60) for w in widths]

    def fmt(cells: list[str]) -> str:
        cut = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(cells, widths, strict=True)]
        return "  ".join(c.ljust(w) for c, w in zip(cut, widths, strict=True)).rstrip()

    lines = [fmt(result.variables), fmt(["-" * w for w in widths])]
    lines += [fmt(r) for r in rows]
    note = f"{len(rows)} rows" + (" (truncated)" if result.truncated else "")
    return "\n".join(lines + [note]) + "\n"


def as_csv(result: SelectResult) -> str:
    """CSV with full IRIs and literal values (formula-like cells neutralised)."""
    from graph.results import safe_cell

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if v is None else safe_cell(str(v)) for v in row])
    return buf.getvalue()


def as_json(result: SelectResult) -> str:
    """A JSON list of objects, one per row (values as strings, IRIs in full)."""
    data = [{k: (None if v is None else str(v)) for k, v in row.items()} for row in result]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"table": as_table, "csv": as_csv, "json": as_json}
