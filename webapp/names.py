"""Every named thing the site lists (agencies, tasks, plans, instruments, provinces, source
documents) with all its names, for the search box and for parameters typed by name.

Names are matched folded (case and diacritics ignored: "bo ngoai giao" finds "Bộ Ngoại
giao"); a match as typed, with its diacritics, ranks higher. The index is read from the
store (``page_names.rq``) when the store is built, kept in a file beside it
(webapp/names_file.py), and read again when the store changes.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from flask import current_app
from rapidfuzz import fuzz, process
from rdflib import Literal

from graph.runner import Runner
from graph.store import Store
from migkg.namespaces import ID
from migkg.text import fold, nfc, squash_spaces
from viz.data import restricted
from webapp import names_file
from webapp.db import get_store, store_stamp
from webapp.i18n import Label, pick
from webapp.name_pool import Pool

KINDS = ("agency", "task", "plan", "instrument", "province", "document")
# Names a search reads past the equal and beginning ones, best first.
SCAN = 20_000
# Near misses are looked for among every name up to this many, else among the names
# (this many per word of the query) with a word that begins as the query's word does.
SUGGEST_ALL = 30_000
SUGGEST_PER_WORD = 1_000


def squash(text: str) -> str:
    """Folded, with runs of spaces made one: the form names are compared in."""
    return squash_spaces(fold(nfc(text)))


@dataclass(slots=True)
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


@dataclass(slots=True)
class Hit:
    """A search hit: the entry, its score (higher is better) and the name that matched."""

    entry: Entry
    score: float
    matched: str


class NameIndex:
    """The names of everything listed, searchable by folded text.

    A search ranks a thing by its best name: the name equal to the query (100), beginning
    with it (90), holding it at the start of a word (80), holding it elsewhere (70); 5 more
    when the name holds the query as typed, diacritics and all; ties go to the shorter
    name. Equal and beginning names are found by bisection; the others by a string search
    over the names best first, stopped after :data:`SCAN` of them (a query held by more
    names ranks those among the first :data:`SCAN`, the shortest)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.by_iri = {e.iri: e for e in entries}
        self.counts = Counter(e.kind for e in entries)
        self._pools: dict[tuple[str, ...], Pool] = {}
        self._kinds: dict[str, list[Entry]] = {}
        self._names: dict[str, dict[str, list[Entry]]] = {}  # per kind, made on first lookup

    def of_kind(self, kind: str) -> list[Entry]:
        """Every entry of ``kind`` (in the order of their IRIs)."""
        if kind not in self._kinds:
            self._kinds[kind] = [e for e in self.entries if e.kind == kind]
        return self._kinds[kind]

    def count(self, kind: str) -> int:
        """How many things of ``kind`` the index holds."""
        return self.counts.get(kind, 0)

    def lookup(self, kind: str, raw: str) -> list[Entry]:
        """Entries of ``kind`` that ``raw`` names exactly: a key, an IRI, a name or a slug."""
        text = nfc(raw).strip()
        if text in self.by_iri and self.by_iri[text].kind == kind:
            return [self.by_iri[text]]
        wanted = squash(text)
        slug = re.sub(r"[^a-z0-9.]+", "-", wanted).strip("-")
        if kind not in self._names:
            self._names[kind] = _by_name(self.of_kind(kind))
        by_name = self._names[kind]
        found = {
            id(e): e
            for key in (f"k {wanted}", f"k {slug}", f"n {wanted}")
            for e in by_name.get(key, [])
        }
        return sorted(found.values(), key=lambda e: e.iri)

    def search(self, query: str, kinds: tuple[str, ...] = KINDS, limit: int = 50) -> list[Hit]:
        """Entries whose names contain the query (folded), best first; near misses after."""
        wanted = squash(query)
        if not wanted:
            return []
        typed = nfc(query).strip().lower()
        pool, only = self._pool(kinds)
        hits: list[Hit] = []
        seen: set[int] = set()

        def take(ranks: list[int], score: float) -> bool:
            """Add the things of ``ranks`` not yet shown; True when the page is full."""
            for r in ranks:
                entry = pool.entries[r]
                if id(entry) not in seen:
                    seen.add(id(entry))
                    hits.append(Hit(entry, score, pool.texts[r]))
                    if len(hits) >= limit:
                        return True
            return False

        def tier(ranks: list[int], score: float) -> bool:
            """Take ``ranks`` of one score, the names that hold the query as typed first."""
            if only is not None:
                ranks = [r for r in ranks if pool.entries[r].kind in only]
            typed_too = [r for r in ranks if typed in pool.lowered[r]] if typed else []
            if typed_too and take(typed_too, score + 5):
                return True
            as_typed = set(typed_too)
            return take([r for r in ranks if r not in as_typed], score)

        equal, prefixed = pool.equal_and_prefixed(wanted)
        if tier(equal, 100) or tier(prefixed, 90):
            return hits
        inside, _more = pool.holders(wanted, SCAN)
        word: list[int] = []
        within: list[int] = []
        for r in inside:
            folded = pool.folded[r]
            if folded.startswith(wanted):
                continue  # ranked above
            (word if _at_word_start(wanted, folded) else within).append(r)
        if tier(word, 80) or tier(within, 70):
            return hits
        if not hits:
            return self.suggest(query, kinds, limit)
        return hits

    def suggest(self, query: str, kinds: tuple[str, ...] = KINDS, limit: int = 5) -> list[Hit]:
        """The nearest names by edit distance, for a query that matched nothing: among all
        names when there are few, else among the shortest names with a word that begins
        as a word of the query does."""
        pool, only = self._pool(kinds)
        wanted = squash(query)
        if len(pool) <= SUGGEST_ALL:
            ranks = list(range(len(pool)))
        else:
            near: set[int] = set()
            for word in dict.fromkeys(wanted.split()[:6]):
                near.update(pool.word_holders(word[:3], SUGGEST_PER_WORD))
            ranks = sorted(near)
        if only is not None:
            ranks = [r for r in ranks if pool.entries[r].kind in only]
        if not ranks:
            return []
        best = process.extract(
            wanted,
            [pool.folded[r] for r in ranks],
            scorer=fuzz.WRatio,
            limit=limit * 4,
            score_cutoff=60,
        )
        out: list[Hit] = []
        for _choice, score, i in best:
            entry = pool.entries[ranks[i]]
            if score >= 60 and all(h.entry is not entry for h in out):
                out.append(Hit(entry, score / 2, pool.texts[ranks[i]]))
        return out[:limit]

    def ready(self) -> None:
        """Make what every search reads (the names of every kind), so that a saved index
        holds it."""
        self._pool(KINDS)

    def _pool(self, kinds: tuple[str, ...]) -> tuple[Pool, frozenset[str] | None]:
        """The names to search for ``kinds``, and the kinds to keep of them (None: all):
        kinds that hold most things (tasks) are searched in the pool of every kind, the
        others in a pool of their own, made once per index."""
        if set(kinds) >= set(KINDS):
            kinds = KINDS
        elif 2 * sum(self.count(k) for k in set(kinds)) >= len(self.entries):
            return self._pool(KINDS)[0], frozenset(kinds)
        if kinds not in self._pools:
            self._pools[kinds] = Pool(
                [
                    (e, n, f)
                    for e in self.entries
                    if e.kind in kinds
                    for n, f in zip(e.names, e.folded, strict=True)
                ]
            )
        return self._pools[kinds], None


def _by_name(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Entries under their lower-case key (``k …``) and under each folded name (``n …``)."""
    out: dict[str, list[Entry]] = {}
    for e in entries:
        out.setdefault(f"k {e.key.lower()}", []).append(e)
        for f in dict.fromkeys(e.folded):
            out.setdefault(f"n {f}", []).append(e)
    return out


def _at_word_start(wanted: str, folded: str) -> bool:
    """Whether ``folded`` holds ``wanted`` where a word begins (after a space, a dash …)."""
    at = folded.find(wanted)
    while at > 0:
        if not folded[at - 1].isalnum():
            return True
        at = folded.find(wanted, at + 1)
    return at == 0


def build(store: Store | Runner | None = None) -> NameIndex:
    """Read every name from ``store`` (the app's by default); the index is the same in
    whatever order the store gives the rows (a thing of several kinds takes the first of
    :data:`KINDS`; of several labels in one language, the least; its labels come first
    among its names, then the others, each in the order of their text; entries are kept
    in the order of their IRIs): a store rebuilt in parts gives the index a fresh build
    gives."""
    source = store if store is not None else get_store()
    index = NameIndex(sorted(read_entries(source).values(), key=lambda e: e.iri))
    index.ready()
    return index


def rebuild(index: NameIndex, store: Store, keys: Collection[str]) -> NameIndex:
    """``index`` with the entries of ``keys`` read again from ``store`` (an entry is made
    of the statements of its thing and of what adopted it: viz/update.py gives the keys
    a change touched)."""
    entries = {e.iri: e for e in index.entries if e.iri not in keys}
    entries.update(read_entries(store, keys))
    out = NameIndex(sorted(entries.values(), key=lambda e: e.iri))
    out.ready()
    return out


def read_entries(source: Store | Runner, only: Collection[str] | None = None) -> dict[str, Entry]:
    """The entry of every named thing in ``source`` (``only``: of these IRIs alone), in
    no order."""
    entries: dict[str, Entry] = {}
    # each entry's names: text → 0 for a label, 1 for another name
    ranks: dict[str, dict[str, int]] = {}
    for row in source.select(restricted("page_names", "x", only)).dicts():
        iri, name = str(row["x"]), row["name"]
        if name is None:
            continue
        kind = str(row["kind"])
        entry = entries.get(iri)
        if entry is None:
            entry = entries[iri] = Entry(iri, kind)
            ranks[iri] = {}
        if KINDS.index(kind) < KINDS.index(entry.kind):
            entry.kind = kind  # a plan that is also an instrument is listed as a plan
        text = nfc(str(name))
        rank = 1
        if str(row["label"]) == "true" and isinstance(name, Literal):
            rank = 0
            lang = (name.language or "").lower()
            if lang not in entry.labels or text < entry.labels[lang]:
                entry.labels[lang] = text
        held = ranks[iri]
        held[text] = min(rank, held.get(text, rank))
    for iri, entry in entries.items():
        held = ranks[iri]
        entry.names = sorted(held, key=lambda text: (held[text], text))  # noqa: B023 - sorted at once
        entry.folded = [squash(text) for text in entry.names]
    return entries


_LOADING = threading.Lock()  # one index read or built per store, however many ask first


def get_index() -> NameIndex:
    """The app's index: kept while the store is unchanged, else read from the file the
    build keeps beside the store, else read from the store (kept in memory only: a file
    written into the served folder would tell every reader of the folder that the store
    changed)."""
    ext = current_app.extensions.setdefault("migkg", {})
    stamp = store_stamp()
    cached = ext.get("names")
    if cached is not None and cached[0] == stamp:
        return cached[1]
    with _LOADING:
        cached = ext.get("names")
        if cached is None or cached[0] != stamp:
            store = get_store()
            index = names_file.read_for(store) or build(store)
            cached = ext["names"] = (stamp, index)
    return cached[1]
