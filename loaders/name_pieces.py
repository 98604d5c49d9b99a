"""Cutting a table cell or a prose list of agencies into candidate pieces.

A cell is first cut at semicolons (no agency name holds one), then each part at the weak
separators: commas, line breaks, brackets, the word "và" and a dash before "Bộ". Names that
hold a comma or "và" ("Bộ Lao động - Thương binh và Xã hội", "UBND các tỉnh, thành phố trực
thuộc trung ương") are put back together: ``best_cover`` joins neighbouring pieces into the
cover with the most pieces named, in the fewest names (the resolver says what a stretch
names), and ``runs`` groups the stretches left unnamed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from loaders.mention_keys import mention_key

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


class Named(Protocol):
    """What the resolver says of a stretch: the agency it names (or None), how surely."""

    @property
    def key(self) -> str | None: ...

    @property
    def score(self) -> float: ...


N = TypeVar("N", bound=Named)


def best_cover(pieces: list[Piece], name: Callable[[str], N]) -> list[tuple[int, N]]:
    """Longest-match segmentation of one ';'-free group by dynamic programming: the stretches
    (first piece, what it names) that name the most pieces surely, then closely, in the
    fewest stretches. A stretch of several pieces counts only where it names a body."""
    n = len(pieces)
    if n == 0:
        return []
    # best[j] = (sure pieces, close pieces, -stretches), path to j
    best: list[tuple[tuple[int, int, int], list[tuple[int, N]]] | None] = [None] * (n + 1)
    best[0] = ((0, 0, 0), [])
    for j in range(1, n + 1):
        for i in range(max(0, j - 12), j):
            before = best[i]
            if before is None:
                continue
            res = name(Piece.join(pieces[i:j]))
            if res.key is None and j - i > 1:
                continue
            width = j - i
            sure = width if res.key and res.score >= 0.95 else 0
            close = width if res.key and res.score < 0.95 else 0
            (a, b, c), path = before
            value = (a + sure, b + close, c - 1)
            now = best[j]
            if now is None or value > now[0]:
                best[j] = (value, [*path, (i, res)])
    last = best[n]
    return last[1] if last is not None else []


def runs(pieces: list[Piece], path: list[tuple[int, N]], heads: set[str]) -> list[N | str]:
    """The cover's named stretches, with each run of unnamed pieces as one text, cut where
    a piece opens with the first word of a known name (``heads``)."""
    out: list[N | str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            out.append(Piece.join(pieces[run[0] : run[-1] + 1]))
            run.clear()

    for start, res in path:
        if res.key is not None:
            flush()
            out.append(res)
            continue
        first = mention_key(pieces[start].text).split()[:1]
        if run and first and first[0] in heads:
            flush()
        run.append(start)
    flush()
    return out
