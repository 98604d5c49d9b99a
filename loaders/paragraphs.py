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

from migkg.loaders.header import plain
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
    roman = article = number = letter = ""
    heading, heading_line = "", 0
    current: Paragraph | None = None
    for n, raw in lines:
        if "\t" in raw or "|" == raw.strip():
            current = None
            continue
        text = plain(raw).strip("| ")
        if not text:
            current = None
            continue
        kind, rest = _kind(text)
        if kind is None and current is not None and not _END.search(current.text):
            current.text = f"{current.text} {text}"
            current.end = n
            if current.kind in ("item", "point", "article") and current.start == heading_line:
                heading = current.text
            continue
        if kind == "part":
            roman, article, number, letter = _ROMAN.match(text).group("mark"), "", "", ""  # type: ignore[union-attr]
        elif kind == "article":
            article, roman, number, letter = _ARTICLE.match(text).group("mark"), "", "", ""  # type: ignore[union-attr]
        elif kind == "item":
            number, letter = _NUMBER.match(text).group("mark"), ""  # type: ignore[union-attr]
        elif kind == "point":
            letter = _LETTER.match(text).group("mark")  # type: ignore[union-attr]
        path = ".".join(p for p in (f"D{article}" if article else "", roman, number, letter) if p)
        current = Paragraph(rest, n, n, path, kind or "paragraph")
        if kind in ("item", "point", "article", "part"):
            heading, heading_line = rest, n
        current.heading, current.heading_line = heading, heading_line
        out.append(current)
    for p in out:  # a heading continued over lines: take its final text
        if p.kind in ("item", "point", "article", "part") and p.start == p.heading_line:
            p.heading = p.text
    for p in out:
        head = next((q for q in out if q.start == p.heading_line), None)
        if head is not None:
            p.heading = head.text
    return out


def _kind(text: str) -> tuple[str | None, str]:
    """What kind of paragraph ``text`` opens, and the text after its mark."""
    for kind, pattern in (
        ("article", _ARTICLE),
        ("part", _ROMAN),
        ("item", _NUMBER),
        ("point", _LETTER),
        ("dash", _DASH),
    ):
        m = pattern.match(text)
        if m and (kind != "part" or m.group("rest")):
            return kind, (m.group("rest") or "").strip()
    if fold(text).startswith(("can cu ", "xet de nghi", "theo de nghi", "noi nhan")):
        return "paragraph", text
    return None, text
