"""Every named thing the site lists (agencies, tasks, plans, instruments, provinces, source
documents) with all its names, for the search box and for parameters typed by name.

Names are matched folded (case and diacritics ignored: "bo ngoai giao" finds "Bộ Ngoại
giao"); a match as typed, with its diacritics, ranks higher. The index is read from the
store once (``page_names.rq``) and rebuilt when the store changes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from flask import current_app
from rapidfuzz import fuzz, process
from rdflib import Literal

from migkg.namespaces import ID
from migkg.text import fold, nfc, squash_spaces
from queries import internal
from webapp.db import get_store, store_stamp
from webapp.i18n import Label, pick

KINDS = ("agency", "task", "plan", "instrument", "province", "document")


def squash(text: str) -> str:
    """Folded, with runs of spaces made one: the form names are compared in."""
    return squash_spaces(fold(nfc(text)))


@dataclass
class Entry:
    """One named thing: its IRI, kind, labels per language and every name it goes by."""

    iri: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The last part of the IRI after the kind (``id:agency/mofa`` → ``mofa``)."""
        text = self.iri[len(str(ID)) :] if self.iri.startswith(str(ID)) else self.iri
        return text.split("/", 1)[1] if "/" in text else text

    def label(self) -> Label:
        """The label in the reader's language (else the other, else its first name)."""
        return pick(self.labels) or Label(self.names[0] if self.names else self.key)


@dataclass
class Hit:
    """A search hit: the entry, its score (higher is better) and the name that matched."""

    entry: Entry
    score: float
    matched: str


class NameIndex:
    """The names of everything listed, searchable by folded text."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.by_iri = {e.iri: e for e in entries}
        self._pools: dict[tuple[str, ...], _Pool] = {}

    def of_kind(self, kind: str) -> list[Entry]:
        """Every entry of ``kind``."""
        return [e for e in self.entries if e.kind == kind]

    def lookup(self, kind: str, raw: str) -> list[Entry]:
        """Entries of ``kind`` that ``raw`` names exactly: a key, an IRI, a name or a slug."""
        text = nfc(raw).strip()
        if text in self.by_iri and self.by_iri[text].kind == kind:
            return [self.by_iri[text]]
        wanted = squash(text)
        slug = re.sub(r"[^a-z0-9.]+", "-", wanted).strip("-")
        found = [
            e for e in self.of_kind(kind) if e.key.lower() in (wanted, slug) or wanted in e.folded
        ]
        return found

    def search(self, query: str, kinds: tuple[str, ...] = KINDS, limit: int = 50) -> list[Hit]:
        """Entries whose names contain the query (folded), best first; near misses after."""
        wanted = squash(query)
        if not wanted:
            return []
        typed = nfc(query).strip().lower()
        pool = self._pool(kinds)
        hits: list[Hit] = []
        best: Hit | None = None
        # Only the names that hold the query can score: found in one pass over the names
        # joined (a name never holds a newline, nor does the query).
        for i in pool.holding(wanted):
            entry, name = pool.names[i]
            score = _score(wanted, pool.folded[i])
            if score and typed and typed in name.lower():
                score += 5  # as typed, diacritics and all
            if best is not None and best.entry is not entry:
                hits.append(best)
                best = None
            # a tie goes to the shorter name, whatever order the store listed them in
            if (
                best is None
                or score > best.score
                or (score == best.score and (len(name), name) < (len(best.matched), best.matched))
            ):
                best = Hit(entry, score, name)
        if best is not None:
            hits.append(best)
        if not hits:
            return self.suggest(query, kinds, limit)
        hits.sort(key=lambda h: (-h.score, len(h.matched), h.matched))
        return hits[:limit]

    def suggest(self, query: str, kinds: tuple[str, ...] = KINDS, limit: int = 5) -> list[Hit]:
        """The nearest names by edit distance, for a query that matched nothing."""
        pool = self._pool(kinds)
        if not pool:
            return []
        best = process.extract(
            squash(query), pool.folded, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=60
        )
        out: list[Hit] = []
        for _choice, score, i in best:
            entry, name = pool.names[i]
            if score >= 60 and all(h.entry is not entry for h in out):
                out.append(Hit(entry, score / 2, name))
        return out[:limit]

    def _pool(self, kinds: tuple[str, ...]) -> _Pool:
        """Every name of ``kinds`` with its entry, made once per index (a graph of 10^6
        triples has some 10^5 names)."""
        if kinds not in self._pools:
            names = [
                (e, n, f)
                for e in self.entries
                if e.kind in kinds
                # in one order whatever order the store listed the names in
                for n, f in sorted(zip(e.names, e.folded, strict=True))
            ]
            self._pools[kinds] = _Pool([(e, n) for e, n, _f in names], [f for _e, _n, f in names])
        return self._pools[kinds]


class _Pool:
    """The names of some kinds in the index's order, their folded forms, and those joined
    by newlines to find every name that holds a text at once."""

    def __init__(self, names: list[tuple[Entry, str]], folded: list[str]) -> None:
        self.names = names
        self.folded = folded
        self.blob = "\n".join(folded)
        self.starts: list[int] = []
        at = 0
        for f in folded:
            self.starts.append(at)
            at += len(f) + 1

    def __len__(self) -> int:
        return len(self.names)

    def holding(self, text: str) -> list[int]:
        """The indices of the names that hold ``text``, in order."""
        found: list[int] = []
        at = self.blob.find(text)
        while at >= 0:
            i = bisect_right(self.starts, at) - 1
            found.append(i)
            at = self.blob.find(text, self.starts[i] + len(self.folded[i]) + 1)
        return found


def _score(wanted: str, folded: str) -> float:
    if folded == wanted:
        return 100
    if folded.startswith(wanted):
        return 90
    at = folded.find(wanted)
    if at < 0:
        return 0
    return 80 if not folded[at - 1].isalnum() else 70


def build() -> NameIndex:
    """Read every name from the store; the index is the same in whatever order the store
    gives the rows (a thing of several kinds takes the first of :data:`KINDS`; entries
    are kept in the order of their IRIs)."""
    entries: dict[str, Entry] = {}
    for row in get_store().select(internal("page_names")).dicts():
        iri, name = str(row["x"]), row["name"]
        if name is None:
            continue
        kind = str(row["kind"])
        entry = entries.setdefault(iri, Entry(iri, kind))
        if KINDS.index(kind) < KINDS.index(entry.kind):
            entry.kind = kind  # a plan that is also an instrument is listed as a plan
        text = nfc(str(name))
        if str(row["label"]) == "true" and isinstance(name, Literal):
            entry.labels.setdefault((name.language or "").lower(), text)
        if text not in entry.names:
            entry.names.append(text)
            entry.folded.append(squash(text))
    return NameIndex(sorted(entries.values(), key=lambda e: e.iri))


def get_index() -> NameIndex:
    """The app's index, rebuilt when the store has changed."""
    ext = current_app.extensions.setdefault("migkg", {})
    stamp = store_stamp()
    cached = ext.get("names")
    if cached is None or cached[0] != stamp:
        cached = ext["names"] = (stamp, build())
    return cached[1]
