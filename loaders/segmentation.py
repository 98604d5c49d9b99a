"""Cutting a table cell or a prose list of agencies into candidate pieces.

A cell is first cut at semicolons (no agency name holds one), then each part at the weak
separators: commas, line breaks, brackets, the word "và" and a dash before "Bộ". Names that
hold a comma or "và" ("Bộ Lao động - Thương binh và Xã hội", "UBND các tỉnh, thành phố trực
thuộc trung ương") are put back together by the resolver, which joins neighbouring pieces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_STRONG = re.compile(r";")
# A dash before "Bộ" parts the ministries of a joint document ("BỘ NGOẠI GIAO-BỘ NỘI VỤ").
_WEAK = re.compile(r"(?:\s*(?:[,\n()]|(?<![^\s,()])(?i:và|va)(?=\s)|[-–—](?=\s*(?i:bộ|bo)\s))\s*)+")


@dataclass(frozen=True)
class Piece:
    """A stretch of a cell between separators; ``source`` is the whole group it came from."""

    source: str
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]

    @staticmethod
    def join(pieces: Sequence[Piece]) -> str:
        """The text from the first piece to the last, separators included, as printed."""
        source, end = pieces[0].source, pieces[-1].end
        text = source[pieces[0].start : end]
        if text.count("(") > text.count(")"):
            # the closing bracket was taken as a separator: give it back
            rest = source[end:]
            if rest.lstrip().startswith(")"):
                text = source[pieces[0].start : end + len(rest) - len(rest.lstrip()) + 1]
        return text


def split_cell(text: str) -> list[list[Piece]]:
    """Groups (cut at ';') of pieces (cut at the weak separators), empty pieces left out."""
    groups: list[list[Piece]] = []
    for group in _STRONG.split(text):
        pieces: list[Piece] = []
        pos = 0
        for match in _WEAK.finditer(group):
            _add(pieces, group, pos, match.start())
            pos = match.end()
        _add(pieces, group, pos, len(group))
        if pieces:
            groups.append(pieces)
    return groups


def _add(pieces: list[Piece], source: str, start: int, end: int) -> None:
    chunk = source[start:end]
    stripped = chunk.strip()
    if not re.search(r"\w", stripped):
        return
    offset = start + chunk.index(stripped)
    pieces.append(Piece(source, offset, offset + len(stripped)))
