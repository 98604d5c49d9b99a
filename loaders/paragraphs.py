"""A document's running text as paragraphs with their line spans and structural paths.

Texts saved from legal portals break sentences over lines; a paragraph here is what a
reader sees as one: it starts at a numbered or lettered item, a dash, an article ("Điều
3."), a Roman heading, after a blank line, or after a line that ends a sentence, and it
runs on over the lines that continue it. Each paragraph carries the path of the items it
sits in ("IV.1.a", "D3" for Điều 3) and the heading of its numbered item, which later
readers use to find who an item addresses ("1. Sở Ngoại vụ: …"). Table rows (lines with
tabs) are not prose and end a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from loaders.header_block import plain
from migkg.text import fold

_ROMAN = re.compile(r"^(?P<mark>[IVX]{1,4})\s*[.\-–]\s*(?P<rest>\S.*)?$")
_ARTICLE = re.compile(r"^(?:Điều|Dieu|ĐIỀU)\s+(?P<mark>\d{1,3})\s*[.:]?\s*(?P<rest>.*)$")
_NUMBER = re.compile(r"^(?P<mark>\d{1,2}(?:\.\d{1,2}){0,2})\s*[.)]\s*(?P<rest>.*)$")
_LETTER = re.compile(r"^(?P<mark>[a-zđ])\s*\)\s*(?P<rest>.*)$")
_DASH = re.compile(r"^[-–+•*]\s*(?P<rest>.*)$")
_END = re.compile(r"[.:!?]\s*(?:/\.)?\s*$")


@dataclass
class Paragraph:
    """A paragraph of prose: its text, first and last line, path and its item's heading."""

    text: str
    start: int
    end: int
    path: str = ""
    kind: str = "paragraph"  # part, article, item, point, dash, paragraph
    heading: str = ""  # the text of the numbered/lettered item the paragraph belongs to
    heading_line: int = 0


def paragraphs(lines: Iterable[tuple[int, str]]) -> list[Paragraph]:
    """The paragraphs of ``lines`` ((number, text) pairs), in order."""
    out: list[Paragraph] = []
    marks = {"article": "", "part": "", "item": "", "point": ""}
    head: Paragraph | None = None  # the item or article the next paragraphs belong to
    current: Paragraph | None = None
    for n, raw in lines:
        text = plain(raw).strip("| ")
        if "\t" in raw or not text:
            current = None
            continue
        kind, mark, rest = _kind(text)
        if kind is None and current is not None and not _END.search(current.text):
            current.text = f"{current.text} {text}"  # a sentence broken over lines
            current.end = n
            continue
        if kind in ("article", "part"):  # an article or a Roman part starts afresh
            marks = dict.fromkeys(marks, "")
        if kind == "item":
            marks["point"] = ""
        if kind in marks:
            marks[kind] = mark
        path = ".".join(
            p
            for p in (
                f"D{marks['article']}" if marks["article"] else "",
                marks["part"],
                marks["item"],
                marks["point"],
            )
            if p
        )
        current = Paragraph(rest, n, n, path, kind or "paragraph")
        if kind in marks:
            head = current
        if head is not None:
            current.heading_line = head.start
        out.append(current)
    by_line = {p.start: p for p in out}
    for p in out:  # the heading as finally read (it may run over several lines)
        if p.heading_line in by_line:
            p.heading = by_line[p.heading_line].text
    return out


_MARKED = (
    ("article", _ARTICLE),
    ("part", _ROMAN),
    ("item", _NUMBER),
    ("point", _LETTER),
    ("dash", _DASH),
)


def _kind(text: str) -> tuple[str | None, str, str]:
    """What kind of paragraph ``text`` opens, its mark ("3", "IV", "a"), the text after it."""
    for kind, pattern in _MARKED:
        m = pattern.match(text)
        if m and (kind != "part" or m.group("rest")):
            mark = m.groupdict().get("mark") or ""
            return kind, mark, (m.group("rest") or "").strip()
    if fold(text).startswith(("can cu ", "xet de nghi", "theo de nghi", "noi nhan")):
        return "paragraph", "", text
    return None, "", text
