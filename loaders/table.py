"""Part loader "table": the appendix tables of a plan → its tasks.

A table is found by its header row (``STT | Nội dung công việc / Nhiệm vụ | Cơ quan chủ
trì | Cơ quan phối hợp | Kết quả (dự kiến) | Thời gian …``), never by the file it is in;
its columns are known by their header names, and its rows are tab-separated lines.

What printed tables do that the reader expects:

- a row split over a page break: after a blank line (and possibly a repeated header),
  a continuation line starts with a tab (no code); each of its cells is appended to the
  same column of the row above ("Mặt trận Tổ" + "quốc Việt Nam");
- the header repeated after a page break; ``<b>…</b>`` and markdown marks (``**``, ``#``);
- group rows: ``1``, ``3.2``, ``4.`` (code as printed, trailing dot dropped) or a Roman
  heading ``<b>I. …</b>`` whose numbered rows ``1``..``n`` get the group's numeral
  (``II.4``). A row that names no agency, output or timeframe is a ``mkg:TaskGroup``; a
  row that names agencies stays a ``mkg:Task`` even when rows sit under it (402's 5.2);
- the parent of a row is the nearest printed code that prefixes its own (3.2.3 → 3.2 → 3,
  II.4 → II);
- a row with fewer cells than the header, not made up by its continuation lines, is
  reported with its line and left out rather than read into the wrong columns.

Timeframes are read by ``loaders.timeframe``; rows that give no years take the
period the table's own years span (see that module).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from loaders import timeframe
from loaders.base import Fact, Segment
from loaders.tasks import TableIssue, Task
from migkg.text import match_key, nfc, squash_spaces

KINDS: tuple[str, ...] = ("instrument",)

# Column → words that name it in a header cell (accent-folded). Checked in this order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("stt", "so tt", "so thu tu"),
    "lead": ("chu tri",),
    "cooperating": ("phoi hop",),
    "output": ("ket qua", "san pham"),
    "time": ("thoi gian", "thoi han", "tien do"),
    "content": ("noi dung", "nhiem vu", "cong viec", "hoat dong"),
}
REQUIRED = ("code", "content", "lead", "time")

_TAGS = re.compile(r"</?(?:b|i|u|em|strong|br|p|span)\b[^>]*>", re.IGNORECASE)
_MARKS = re.compile(r"\*\*|__|^#+\s*")
_NUMERIC = re.compile(r"(\d+(?:\.\d+)*)\.?")
_ROMAN = re.compile(r"([IVXLC]+)[.)]?")
_ROMAN_TITLE = re.compile(r"([IVXLC]+)[.)]\s+(.+)")


def clean(text: str) -> str:
    """A cell as text: tags and markdown marks removed, spaces squashed, NFC."""
    return squash_spaces(_MARKS.sub("", _TAGS.sub("", nfc(text)).strip()))


@dataclass(frozen=True)
class Header:
    """A table header: which cell index holds which column."""

    columns: dict[str, int]
    width: int
    line: int

    def names(self, indexes: Iterable[int]) -> list[str]:
        by_index = {i: name for name, i in self.columns.items()}
        return [by_index[i] for i in indexes if i in by_index]


def read_header(cells: list[str], line: int) -> Header | None:
    """The header these cells form, or None when they are not a table header."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = match_key(clean(cell))
        for name, words in COLUMNS.items():
            if name not in columns and any(w in key for w in words):
                if name == "code" and index != 0:
                    continue
                columns[name] = index
                break
    if columns.get("code") != 0 or any(name not in columns for name in REQUIRED):
        return None
    width = len(cells)
    while width > 1 and not cells[width - 1].strip():
        width -= 1
    return Header(columns=columns, width=width, line=line)


@dataclass
class RawRow:
    """A row's lines as printed: per column, the pieces from each line, in order."""

    start: int
    end: int
    pieces: list[list[str]]
    width: int

    @classmethod
    def first(cls, line: int, cells: list[str]) -> RawRow:
        return cls(start=line, end=line, pieces=[[c] for c in cells], width=len(cells))

    def add(self, line: int, cells: list[str]) -> None:
        """Append a continuation line's cells to the same columns."""
        while len(self.pieces) < len(cells):
            self.pieces.append([])
        for index, cell in enumerate(cells):
            self.pieces[index].append(cell)
        self.end = line
        self.width = max(self.width, len(cells))

    def cell(self, index: int) -> str:
        """The column's text: each line's piece cleaned, then joined with a space."""
        if index >= len(self.pieces):
            return ""
        return squash_spaces(" ".join(clean(piece) for piece in self.pieces[index]))


@dataclass
class Table:
    """One table: its header and raw rows, with what could not be read."""

    header: Header
    rows: list[RawRow] = field(default_factory=list)
    issues: list[TableIssue] = field(default_factory=list)


def find_tables(lines: Iterable[tuple[int, str]]) -> list[Table]:
    """Every table in the numbered lines, rows assembled across page breaks."""
    tables: list[Table] = []
    table: Table | None = None
    row: RawRow | None = None

    def close_row() -> None:
        nonlocal row
        if table is not None and row is not None:
            table.rows.append(row)
        row = None

    for n, text in lines:
        if not text.strip():
            continue
        cells = text.split("\t")
        header = read_header(cells, n) if len(cells) > 1 else None
        if header is not None:
            if table is not None and header.columns == table.header.columns:
                continue  # repeated after a page break: the open row may continue
            close_row()
            table = Table(header)
            tables.append(table)
            continue
        if table is None:
            continue
        if len(cells) == 1:
            close_row()  # a line with no cell boundaries: the table is over
            table = None
            continue
        if not clean(cells[0]):
            if row is None:
                table.issues.append(TableIssue(n, "continuation line with no row above it"))
            else:
                row.add(n, cells)
            continue
        close_row()
        row = RawRow.first(n, cells)
    close_row()
    return tables


def parse(segment: Segment) -> list[Fact]:
    """The tasks of every appendix table in the segment, and what could not be read."""
    facts: list[Fact] = []
    for table in find_tables(segment.numbered()):
        facts.extend(table.issues)
        if segment.plan_number is None:
            facts.append(
                TableIssue(
                    table.header.line,
                    "task table in a document with no number: its tasks cannot be named",
                )
            )
            continue
        facts.extend(tasks_of(table, segment.plan_number))
    return facts


def tasks_of(table: Table, plan_number: str) -> list[Fact]:
    """The rows of one table as Task facts (plus issues), codes and parents resolved."""
    header = table.header
    col = header.columns
    facts: list[Fact] = []
    tasks: list[Task] = []
    seen: dict[str, int] = {}
    roman: str | None = None
    for raw in table.rows:
        if raw.width < header.width and not _heading_only(raw, header):
            missing = header.names(range(raw.width, header.width))
            facts.append(
                TableIssue(
                    raw.start,
                    f"row has {raw.width} of the header's {header.width} columns "
                    f"(missing: {', '.join(missing) or 'unnamed'}); row left out",
                )
            )
            continue
        extra = [raw.cell(i) for i in range(header.width, len(raw.pieces))]
        if any(extra):
            facts.append(
                TableIssue(
                    raw.start, "row has more cells than the header; extra cells ignored", "warn"
                )
            )
        first = raw.cell(0)
        content = raw.cell(col["content"])
        numeric = _NUMERIC.fullmatch(first)
        heading = _ROMAN_TITLE.fullmatch(first) or _ROMAN.fullmatch(first)
        if numeric:
            code = f"{roman}.{numeric.group(1)}" if roman else numeric.group(1)
        elif heading:
            code = roman = heading.group(1)
            if heading.re is _ROMAN_TITLE and not content:
                content = heading.group(2)
        else:
            facts.append(TableIssue(raw.start, f"row does not start with a code: {first!r}"))
            continue
        if code in seen:
            facts.append(
                TableIssue(raw.start, f"code {code} printed twice (first at line {seen[code]})")
            )
            continue
        seen[code] = raw.start
        lead = raw.cell(col["lead"])
        coop = raw.cell(col["cooperating"]) if "cooperating" in col else ""
        output = raw.cell(col["output"]) if "output" in col else ""
        when = raw.cell(col["time"])
        tasks.append(
            Task(
                plan_number=plan_number,
                code=code,
                label=content,
                start=raw.start,
                end=raw.end,
                is_group=not (lead or coop or output or when),
                lead=lead,
                cooperating=coop,
                output=output,
                timeframe=timeframe.parse(when) if when else None,
            )
        )
    _link_parents(tasks)
    _apply_plan_period(tasks)
    facts.extend(tasks)
    return facts


def _heading_only(raw: RawRow, header: Header) -> bool:
    """Only the code and content cells hold text: a group row whose empty cells were
    trimmed (nothing can land in the wrong column)."""
    keep = {header.columns["code"], header.columns["content"]}
    return all(not raw.cell(i) for i in range(len(raw.pieces)) if i not in keep)


def _link_parents(tasks: list[Task]) -> None:
    """Each task's parent: the nearest printed code that prefixes its own."""
    codes = {t.code for t in tasks}
    for task in tasks:
        parts = task.code.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:cut])
            if prefix in codes:
                task.parent_code = prefix
                break


def _apply_plan_period(tasks: list[Task]) -> None:
    """Give year-less rows the span of the years the table states (see timeframe)."""
    period = timeframe.plan_period([t.timeframe for t in tasks if t.timeframe is not None])
    for task in tasks:
        if task.timeframe is not None:
            task.timeframe = timeframe.with_plan_period(task.timeframe, period)
