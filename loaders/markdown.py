"""Markdown pipe tables read as tables, each line kept where it is.

A pipe table is a header line with pipes, a delimiter line (``|---|:---:|``), then rows
with pipes. Each row stays on its own line, rewritten with tabs between the cells, and the
delimiter line becomes blank, so line numbers still point into the file as written and the
appendix-table loader reads the rows as it reads any tab-separated table.
"""

from __future__ import annotations

import re

from loaders.document import Cell, Row, Span, Table
from loaders.lines import cell_text

_DELIMITER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PIPE = re.compile(r"(?<!\\)\|")


def split_row(line: str) -> list[str]:
    """The cells of a pipe-table row: outer pipes dropped, ``\\|`` kept as a pipe."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell_text(_BREAK.sub(" ", c).replace("\\|", "|")) for c in _PIPE.split(text)]


def pipe_tables(lines: list[str]) -> tuple[list[str], list[Table]]:
    """The lines with every pipe table rewritten as tab-separated rows, and the tables."""
    out = list(lines)
    tables: list[Table] = []
    n = 0
    while n + 1 < len(lines):
        if "|" not in lines[n] or "|" not in lines[n + 1] or not _DELIMITER.match(lines[n + 1]):
            n += 1
            continue
        header = split_row(lines[n])
        width = len(header)
        rows = [_row(header, width, n + 1)]
        out[n] = "\t".join(rows[0].texts)
        out[n + 1] = ""
        k = n + 2
        while k < len(lines) and "|" in lines[k] and lines[k].strip():
            cells = split_row(lines[k])[:width]
            row = _row(cells, width, k + 1)
            rows.append(row)
            out[k] = "\t".join(row.texts)
            k += 1
        tables.append(Table(rows=rows, span=Span(n + 1, k), header=1, reader="markdown"))
        n = k
    return out, tables


def _row(cells: list[str], width: int, line: int) -> Row:
    cells = cells + [""] * (width - len(cells))
    return Row(cells=[Cell(c, line) for c in cells], span=Span(line, line))
