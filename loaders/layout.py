"""Pages as placed text (from a PDF's text layer or from OCR) → lines and tables in order.

What the PDF and OCR readers share:

- words on one baseline make a visual line; a wide gap splits it into fragments, and a run
  of lines in two columns (the issuer beside the national motto) is read column by column;
- page headers, footers and page numbers are dropped: a line in the top or bottom band
  of the page that repeats on other pages (digits aside), or that is only a page number;
- lines a printer wrapped are joined back into their paragraph (``loaders.wrapping``);
- a table that goes on over a page break is one table: its header repeated on the next
  page is dropped, and a first row with no number is the rest of the row above, cell by
  cell.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from loaders import wrapping
from loaders.lines import TextBuilder

BAND = 0.07  # share of the page height at the top and bottom where headers and footers sit
_PAGE_NUMBER = re.compile(
    r"^\W*((trang|page)\s*)?\d{1,4}(\s*(/|of|trên|\|)\s*\d{1,4})?\W*$", re.IGNORECASE
)


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    conf: float | None = None  # OCR confidence 0..1
    line: tuple[int, ...] | None = None  # the OCR's own line (block, paragraph, line)


@dataclass
class TextLine:
    """A visual line (or one column's fragment of it)."""

    words: list[Word]
    column: bool = False  # part of a two-column block: never joined to its neighbours
    full: bool = False  # reaches (near) the right edge of the text: it may have wrapped
    part: int = 0  # which piece of its visual line (0: the leftmost)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def conf(self) -> float | None:
        confs = [w.conf for w in self.words if w.conf is not None]
        return sum(confs) / len(confs) if confs else None


@dataclass
class TableBlock:
    """A table found on a page: rows of cell texts, with OCR confidences per row."""

    rows: list[list[str]]
    top: float
    bottom: float
    conf: list[float | None] = field(default_factory=list)
    cut: bool = False  # the page break cut its last row (no rule under it)
    merged: set[tuple[int, int]] = field(default_factory=set)  # (row, column) copies

    def cells(self) -> list[list[str | tuple[str, bool]]]:
        """The rows with each copy of a cell spanning rows marked as such."""
        return [
            [(text, True) if (r, c) in self.merged else text for c, text in enumerate(row)]
            for r, row in enumerate(self.rows)
        ]


@dataclass
class Page:
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)


def visual_lines(words: list[Word], gap: float) -> list[TextLine]:
    """Words grouped by baseline, each line split where words are more than ``gap`` apart;
    runs of split lines are marked as two-column blocks."""
    rows: list[list[Word]] = []
    if words and all(w.line is not None for w in words):
        # the OCR knows its lines better than word boxes do (accents make tops uneven)
        by_line: dict[tuple[int, ...], list[Word]] = {}
        for w in words:
            by_line.setdefault(w.line, []).append(w)  # type: ignore[arg-type]
        rows = sorted(by_line.values(), key=lambda r: min(w.bottom for w in r))
    else:
        heights = sorted(w.bottom - w.top for w in words)
        tolerance = max(2.0, 0.45 * heights[len(heights) // 2]) if heights else 2.0
        for w in sorted(words, key=lambda w: (w.top + w.bottom, w.x0)):
            middle = (w.top + w.bottom) / 2
            if rows and abs(_middle(rows[-1]) - middle) <= tolerance:
                rows[-1].append(w)
            else:
                rows.append([w])
    out: list[TextLine] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        pieces = [[row[0]]]
        for w in row[1:]:
            if w.x0 - pieces[-1][-1].x1 > gap:
                pieces.append([w])
            else:
                pieces[-1].append(w)
        split = len(pieces) > 1
        out.extend(TextLine(p, column=split, part=i) for i, p in enumerate(pieces))
    return _columns_first(out)


def _middle(words: list[Word]) -> float:
    return sum((w.top + w.bottom) / 2 for w in words) / len(words)


def _columns_first(lines: list[TextLine]) -> list[TextLine]:
    """In each run of consecutive two-column lines, the left column's lines come first."""
    out: list[TextLine] = []
    i = 0
    while i < len(lines):
        if not lines[i].column:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].column:
            j += 1
        run = lines[i:j]
        out.extend(x for x in run if x.part == 0)
        out.extend(x for x in run if x.part > 0)
        i = j
    return out


# What a browser prints in a page's margins: the address, the date and time.
_BROWSER_MARGIN = re.compile(
    r"^((https?|file)://\S+|\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}(:\d{2})?( ?[AP]M)?)$",
    re.IGNORECASE,
)


def drop_running_heads(pages: list[Page], title: str | None = None) -> None:
    """Drop page headers, footers and page numbers from every page: in the top and bottom
    bands, a line that repeats on other pages, a page number, a printing browser's address,
    date or the file's own ``title`` (as its metadata gives it)."""

    def band(page: Page, line: TextLine) -> bool:
        return line.bottom <= page.height * BAND or line.top >= page.height * (1 - BAND)

    def key(text: str) -> str:
        return re.sub(r"\d+", "#", text.strip().lower())

    seen = Counter(k for page in pages for k in {key(x.text) for x in page.lines if band(page, x)})
    for page in pages:
        page.lines = [
            x
            for x in page.lines
            if not (
                band(page, x)
                and (
                    _PAGE_NUMBER.match(x.text)
                    or _BROWSER_MARGIN.match(x.text.strip())
                    or (title is not None and x.text.strip() == title.strip())
                    or (len(pages) > 1 and seen[key(x.text)] > 1)
                )
            )
        ]


def render(pages: list[Page], out: TextBuilder) -> None:
    """Write the pages' paragraphs and tables into ``out`` in reading order."""
    para: list[TextLine] = []
    table: TableBlock | None = None  # the table read last: it may go on over the page break

    def flush() -> None:
        if para:
            confs = [x.conf for x in para if x.conf is not None]
            text = wrapping.join([x.text for x in para])
            out.line(text, sum(confs) / len(confs) if confs else None)
            para.clear()

    def flush_table() -> None:
        nonlocal table
        if table is not None:
            out.table(table.cells(), confidence=table.conf or None)
        table = None

    for page in pages:
        mark_full_lines(page)
        # lines keep their reading order (columns first); tables go where they stand
        tables = sorted(page.tables, key=lambda t: t.top)
        items: list[TextLine | TableBlock] = []
        for x in page.lines:
            while tables and tables[0].top <= x.top:
                items.append(tables.pop(0))
            items.append(x)
        items += tables
        for i, item in enumerate(items):
            if isinstance(item, TableBlock):
                flush()
                if table is not None and i == 0 and _continues(table, item):
                    _append(table, item)
                else:
                    flush_table()
                    table = item
                continue
            flush_table()
            if para and not _continues_paragraph(para[-1], item):
                flush()
            para.append(item)
        flush()  # a paragraph going on over a page break is left as two lines
    flush()
    flush_table()


def _continues_paragraph(prev: TextLine, line: TextLine) -> bool:
    """Is ``line`` the wrapped rest of the paragraph ``prev`` ends?"""
    if prev.column or line.column:
        return False
    size = max(prev.height, line.height, 1.0)
    if line.top - prev.bottom > 0.9 * size or line.top < prev.top:
        return False  # a paragraph gap, or the next page / column
    if line.x0 > prev.x0 + 1.5 * size:
        return False  # indented: a new paragraph
    if wrapping.ITEM_START.match(line.text):
        return False
    return prev.full


def mark_full_lines(page: Page) -> None:
    """Note which lines reach (near) the right edge of the text: only those can wrap."""
    if not page.lines:
        return
    plain = [x for x in page.lines if not x.column]
    right = max((x.x1 for x in plain), default=0.0)
    for x in plain:
        x.full = x.x1 >= right - 4 * max(x.height, 1.0)


def _continues(prev: TableBlock, table: TableBlock) -> bool:
    """Does ``table`` (first on its page) go on with ``prev`` (last on the page before)?"""
    return bool(prev.rows and table.rows) and len(prev.rows[0]) == len(table.rows[0])


def _append(prev: TableBlock, table: TableBlock) -> None:
    """Add a continued table's rows: its repeated header dropped, a first row without a
    number joined cell by cell to the last row before the break."""
    rows, confs = list(table.rows), list(table.conf) or [None] * len(table.rows)
    header = prev.rows[0]
    if rows and _same(rows[0], header):
        rows, confs = rows[1:], confs[1:]
    if rows and len(prev.rows) > 1 and (prev.cut or _rest_of_row(prev.rows[-1], rows[0])):
        last = prev.rows[-1]
        prev.rows[-1] = [wrapping.join([a, b]) for a, b in zip(last, rows[0], strict=True)]
        rows, confs = rows[1:], confs[1:]
    offset = len(prev.rows) - (len(table.rows) - len(rows))
    prev.merged |= {(r + offset, c) for r, c in table.merged if r + offset >= len(prev.rows)}
    prev.rows.extend(rows)
    prev.cut = table.cut
    if prev.conf or any(c is not None for c in confs):
        prev.conf = (prev.conf or [None] * (len(prev.rows) - len(rows))) + confs


_CODE = re.compile(r"^([IVXLC]+|\d+(\.\d+)*)[.)]?(\s|$)")


def _rest_of_row(last: list[str], first: list[str]) -> bool:
    """A first row with no number in its first cell, where the row before had one."""
    head = first[0].strip()
    return not head or (not _CODE.match(head) and bool(_CODE.match(last[0].strip())))


def _same(a: list[str], b: list[str]) -> bool:
    return [" ".join(x.split()).lower() for x in a] == [" ".join(x.split()).lower() for x in b]
