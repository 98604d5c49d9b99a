"""Building a SourceText line by line: what every reader of a format shares.

A reader adds paragraphs as lines and tables as tables; a table is rendered into the lines
too, one row a line with its cells joined by tabs (a newline or tab inside a cell becomes a
space), so the appendix-table loader reads a Word, PDF, HTML or scanned table exactly as
it reads a tab-separated text, and ``SourceText.tables`` keeps it cell by cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from loaders.base import SourceText
from loaders.document import Cell, Row, Span, Table
from migkg.text import nfc, squash_spaces


def cell_text(text: str) -> str:
    """A cell as one line of NFC text: line breaks, tabs and runs of spaces become one space."""
    return squash_spaces(nfc(text))


@dataclass
class TextBuilder:
    """Lines, tables, OCR confidences and notes, gathered as a reader goes."""

    reader: str
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    confidence: dict[int, float] = field(default_factory=dict)
    notes: list[tuple[int | None, str]] = field(default_factory=list)

    def line(self, text: str, confidence: float | None = None) -> int:
        """Add one line (its line breaks become spaces); return its number."""
        self.lines.append(nfc(text.replace("\r", " ").replace("\n", " ")).rstrip(" "))
        n = len(self.lines)
        if confidence is not None:
            self.confidence[n] = confidence
        return n

    def blank(self) -> None:
        """A blank line, unless the text already ends with one (or is empty)."""
        if self.lines and self.lines[-1].strip():
            self.lines.append("")

    def table(
        self,
        rows: Sequence[Sequence[str | tuple[str, bool]]],
        *,
        header: int = 1,
        confidence: list[float | None] | None = None,
    ) -> Table | None:
        """Add a table: each row is rendered on one line, cells joined by tabs.

        A cell is its text, or ``(text, merged)`` for a copy of a cell spanning several rows.
        ``confidence`` gives an OCR confidence per row. Returns None for a table with no text.
        """
        rows = [r for r in rows if any(_text(c) for c in r)]
        if not rows:
            return None
        first = len(self.lines) + 1
        out: list[Row] = []
        for i, row in enumerate(rows):
            conf = confidence[i] if confidence and i < len(confidence) else None
            texts = [cell_text(_text(c)) for c in row]
            n = self.line("\t".join(texts), conf)
            cells = [Cell(t, n, merged=_merged(c)) for t, c in zip(texts, row, strict=True)]
            out.append(Row(cells=cells, span=Span(n, n)))
        table = Table(
            rows=out, span=Span(first, len(self.lines)), header=header, reader=self.reader
        )
        self.tables.append(table)
        return table

    def note(self, line: int | None, message: str) -> None:
        """Something the reader warns about (a page with no text, a table it could not read)."""
        self.notes.append((line, message))

    def source(self, path: Path, media_type: str, meta: dict[str, str] | None = None) -> SourceText:
        """The SourceText these lines make, trailing blank lines dropped."""
        while self.lines and not self.lines[-1].strip():
            self.lines.pop()
        return SourceText(
            path=Path(path),
            lines=self.lines,
            media_type=media_type,
            reader=self.reader,
            tables=self.tables,
            confidence=self.confidence,
            meta=dict(meta or {}),
            notes=self.notes,
        )


def _text(cell: str | tuple[str, bool]) -> str:
    return cell[0] if isinstance(cell, tuple) else cell


def _merged(cell: str | tuple[str, bool]) -> bool:
    return cell[1] if isinstance(cell, tuple) else False
