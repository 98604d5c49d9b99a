"""Finding the article in a news page: its paragraphs, without the page around them.

A saved news page holds far more than the article: site navigation, teasers of
other stories (``![]() … |``), image captions, lists of related, most-read and
video headlines. The article is found by what its lines are, not where they are:
paragraphs are full sentences; headlines and menu entries are not. The body is
the longest run of paragraphs in which images, captions and blank lines may sit,
and which ends where two non-paragraph lines (a section title, a list of
headlines) come before the next paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from loaders.base import Segment

_IMAGE = re.compile(r"^\s*!\[")
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*$")
# Page metadata some savers print before the first paragraph: " date 2025-12-19 ".
META_DATE = re.compile(r"^\s*date\s+(?P<iso>\d{4}-\d{2}-\d{2})\s+")
# Fewer words than this is a heading or a caption, not a paragraph of an article.
MIN_WORDS = 8
# Non-paragraph lines in a row (blank lines aside) that end the article.
MAX_INTERRUPTION = 2


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the article: its line number and its text, cleaned of page marks."""

    line: int
    text: str


def clean(line: str) -> str:
    """A line without the table bar a page saver leaves at its end, and no edge spaces."""
    return line.strip().rstrip("|").strip()


def is_paragraph(line: str) -> bool:
    """A full sentence (or several) of prose, not an image, heading or menu entry."""
    if _IMAGE.match(line):
        return False
    text = clean(line)
    return bool(_SENTENCE_END.search(text)) and len(text.split()) >= MIN_WORDS


def article(segment: Segment) -> list[Paragraph]:
    """The paragraphs of the article on the page, in order."""
    runs: list[list[Paragraph]] = []
    current: list[Paragraph] = []
    interruptions = 0
    after_image = False
    for n, line in _joined(segment.numbered()):
        if not line.strip():
            continue
        if _IMAGE.match(line):
            after_image = True
            continue
        if after_image and line.rstrip().endswith("|"):
            after_image = False  # the caption of the image just above
            continue
        after_image = False
        if is_paragraph(line):
            current.append(Paragraph(n, clean(line)))
            interruptions = 0
            continue
        interruptions += 1
        if interruptions >= MAX_INTERRUPTION and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    if not runs:
        return []
    return max(runs, key=lambda run: sum(len(p.text) for p in run))


# A line a saver broke inside a sentence: it ends on a comma, or the next line goes on in
# lower case or with a number ("… ban hành Kế hoạch số" / "1033/UBND-KTTH triển khai …").
_BROKEN_AFTER = re.compile(r",\s*$")
_GOES_ON = re.compile(r"^\s*[a-zđà-ỹ0-9]")


def _joined(lines: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """The page's lines, a sentence broken over adjacent lines joined on its first line."""
    out: list[tuple[int, str]] = []
    last = -1  # the line the last entry ends on
    for n, line in lines:
        if out and line.strip() and last == n - 1:
            prev = out[-1][1]
            if (
                prev.strip()
                and not _IMAGE.match(prev)
                and not _IMAGE.match(line)
                and not _SENTENCE_END.search(clean(prev))
                and (_BROKEN_AFTER.search(prev) or _GOES_ON.match(line))
            ):
                out[-1] = (out[-1][0], f"{clean(prev)} {line.strip()}")
                last = n
                continue
        out.append((n, line))
        last = n
    return out


def other_paragraphs(segment: Segment, body: list[Paragraph]) -> list[Paragraph]:
    """Full sentences of the page outside its article (a lede above a repeated title)."""
    inside = {p.line for p in body}
    return [
        Paragraph(n, clean(line))
        for n, line in segment.numbered()
        if n not in inside and is_paragraph(line) and (not body or n < body[0].line)
    ]
