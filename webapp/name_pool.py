"""The names of some kinds of thing, laid out so that a search reads only what it shows.

The names are kept best first (shorter before longer, then in text order: the order of a
search's ties), with three ways in:

- the folded names sorted as text, so that the names equal to the query or beginning
  with it are one range found by bisection, whatever the number of names;
- the folded names joined by newlines in the best-first order, so that the names holding
  the query elsewhere are found by the C string search, best first, and a search can stop
  after the first few thousand of them;
- each name's lower-case text as written, for the bonus of a match as typed.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from webapp.names import Entry

# Above every character: the end of the range of texts that begin with a prefix.
_TOP = "\U0010ffff"


class Pool:
    """Every name of some kinds with its entry, best first (see the module docstring)."""

    def __init__(self, names: list[tuple[Entry, str, str]]) -> None:
        """``names``: (entry, name, folded name) in any order."""
        ordered = sorted(names, key=lambda t: (len(t[1]), t[1], t[0].iri))
        # two lists rather than a list of pairs: a million pairs are slow to read back
        self.entries: list[Entry] = [e for e, _n, _f in ordered]
        self.texts: list[str] = [n for _e, n, _f in ordered]
        self.folded: list[str] = [f for _e, _n, f in ordered]
        self.lowered: list[str] = [n.lower() for _e, n, _f in ordered]
        self.blob = "\n".join(self.folded)
        self.starts = array("q")
        at = 0
        for f in self.folded:
            self.starts.append(at)
            at += len(f) + 1
        by_text = sorted(range(len(self.folded)), key=self.folded.__getitem__)
        self.sorted_folded: list[str] = [self.folded[i] for i in by_text]
        self.sorted_ranks = array("q", by_text)

    def __len__(self) -> int:
        return len(self.texts)

    def equal_and_prefixed(self, text: str) -> tuple[list[int], list[int]]:
        """The names (by rank, best first) equal to ``text``, and those that begin with it."""
        lo = bisect_left(self.sorted_folded, text)
        mid = bisect_right(self.sorted_folded, text, lo)
        hi = bisect_left(self.sorted_folded, text + _TOP, mid)
        return sorted(self.sorted_ranks[lo:mid]), sorted(self.sorted_ranks[mid:hi])

    def holders(self, text: str, at_most: int) -> tuple[list[int], bool]:
        """The first ``at_most`` names (by rank, best first) holding ``text``, and whether
        there were more."""
        found: list[int] = []
        at = self.blob.find(text)
        while at >= 0:
            if len(found) >= at_most:
                return found, True
            i = bisect_right(self.starts, at) - 1
            found.append(i)
            at = self.blob.find(text, self.starts[i] + len(self.folded[i]) + 1)
        return found, False

    def word_holders(self, text: str, at_most: int) -> list[int]:
        """The first ``at_most`` names (by rank) with a word that begins with ``text``."""
        found: list[int] = []
        blob = self.blob
        at = blob.find(text)
        tries = at_most * 20  # a text found mostly inside words is not looked for forever
        while at >= 0 and len(found) < at_most and tries:
            tries -= 1
            if at == 0 or not blob[at - 1].isalnum():
                i = bisect_right(self.starts, at) - 1
                if not found or found[-1] != i:
                    found.append(i)
            at = blob.find(text, at + 1)
        return found
