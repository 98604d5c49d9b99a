"""The numbered structure of a document's prose: sections, items, bullets.

``organisation_items`` reads the organisation section (``III. TỔ CHỨC THỰC HIỆN``) into
items: numbered (``1.``), lettered (``a)``), with their bullets (``- …``) and the lines
that continue them (a sentence broken by a page break). ``section_headings`` lists the
numbered headings under each Roman section (for plans whose tasks are headings).
``appendix_period`` is the span of years the segment's appendix table states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import Pattern

from loaders import table, timeframe
from loaders.base import Segment
from loaders.header_block import plain
from loaders.ocr import ROMAN_HEADING
from migkg.text import fold, squash_spaces

_ORGANISATION = re.compile(r"^([ivx]{1,4})\s*\.\s*to chuc thuc hien")
_STOP = re.compile(r"^(?:dieu \d|phu luc|noi nhan)")
_NUMBERED = re.compile(r"^(\d{1,2})\.\s*(.*)$")
_LETTERED = re.compile(r"^([a-zđ])\)\s*(.*)$")


@dataclass
class Item:
    """One numbered or lettered item; ``path`` is its section path (``III.1.b``)."""

    path: str
    start: int
    end: int
    texts: list[str] = field(default_factory=list)
    has_letters: bool = False

    @property
    def head(self) -> str:
        return self.texts[0] if self.texts else ""

    @property
    def label(self) -> str:
        """The item as printed: its sentence and its bullets, on one line."""
        return squash_spaces(" ".join(self.texts))


def organisation_items(segment: Segment) -> list[Item]:
    """The leaf items of the organisation section: lettered items, or numbered ones."""
    items: list[Item] = []
    roman: str | None = None
    number: Item | None = None
    current: Item | None = None
    for k, raw in segment.numbered():
        text = plain(raw)
        key = fold(text)
        if roman is None:
            m = _ORGANISATION.match(key)
            roman = m.group(1).upper() if m else None
            continue
        if not text:
            continue
        if _STOP.match(key) or "\t" in raw or ROMAN_HEADING.match(text):
            break
        num, let = _NUMBERED.match(text), _LETTERED.match(text)
        if num:
            number = current = Item(f"{roman}.{num.group(1)}", k, k, [num.group(2)])
            items.append(number)
        elif let and number is not None:
            number.has_letters = True
            current = Item(f"{number.path}.{let.group(1)}", k, k, [let.group(2)])
            items.append(current)
        elif current is not None:
            if text.startswith("-"):
                current.texts.append(text)
            else:  # a sentence continued after a page break
                current.texts[-1] = f"{current.texts[-1]} {text}"
            current.end = k
            if number is not None and current is not number:
                number.end = k
    return [i for i in items if not i.has_letters]


def section_headings(
    segment: Segment, pattern: Pattern[str]
) -> list[tuple[str, str, str, int, int]]:
    """``(roman, number, title, first line, last line)`` of each numbered heading.

    A heading is the numbered line and the lines that follow it up to a blank line; a
    single short line after that blank still belongs to it when the heading has not
    ended its sentence (an OCR page layout splits headings so).
    """
    out: list[tuple[str, str, str, int, int]] = []
    roman: str | None = None
    lines = list(segment.numbered())
    i = 0
    while i < len(lines):
        k, raw = lines[i]
        text = plain(raw)
        rm = ROMAN_HEADING.match(text)
        if rm:
            roman = rm.group("roman")
            i += 1
            continue
        hm = pattern.match(text)
        if roman is None or not hm or "\t" in raw:
            i += 1
            continue
        block, j = [hm.group("title")], i + 1
        while j < len(lines) and plain(lines[j][1]):
            block.append(plain(lines[j][1]))
            j += 1
        end = lines[j - 1][0]
        nxt = j
        while nxt < len(lines) and not plain(lines[nxt][1]):
            nxt += 1
        after = nxt + 1
        if (
            nxt < len(lines)
            and not re.search(r"[.;:]$", block[-1])
            and (after >= len(lines) or not plain(lines[after][1]))
            and len(plain(lines[nxt][1]).split()) <= 12
        ):
            block.append(plain(lines[nxt][1]))
            end, j = lines[nxt][0], nxt + 1
        out.append((roman, hm.group("no"), squash_spaces(" ".join(block)), k, end))
        i = j
    return out


def roman_headings(segment: Segment) -> list[tuple[str, str, int]]:
    """``(roman, title, line)`` of each Roman-numbered section heading (``II. NHIỆM VỤ …``)."""
    out: list[tuple[str, str, int]] = []
    for k, raw in segment.numbered():
        m = ROMAN_HEADING.match(plain(raw))
        if m and "\t" not in raw:
            out.append((m.group("roman"), m.group("title"), k))
    return out


def appendix_period(segment: Segment) -> tuple[int, int] | None:
    """The years the segment's appendix table states, as the timeframe reader sees them."""
    cells: list[timeframe.Timeframe] = []
    for tab in table.find_tables(segment.numbered()):
        col = tab.header.columns.get("time")
        if col is None:
            continue
        cells += [timeframe.parse(row.cell(col)) for row in tab.rows if row.cell(col)]
    return timeframe.plan_period(cells)
