"""Lists of each kind of thing (``/id/agency/`` …): their columns and facets, read once per
store and language from ``page_list_<kind>.rq``, then filtered, counted and paged here.

A facet is a column whose values can be chosen (``?type=…&level=central``); each value is
shown with the number of rows that have it among the rows the other choices leave.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from flask import current_app

from migkg.codes import code_key
from migkg.text import fold
from webapp import list_rows, lists_file
from webapp.db import get_store, store_stamp
from webapp.i18n import N_, current_lang
from webapp.list_cells import Row, Rows, Table
from webapp.list_rows import RawList


@dataclass(frozen=True)
class Column:
    """A column of a list: the query variable, its heading, and whether it is a facet."""

    var: str
    title: str
    facet: bool = False
    numeric: bool = False


@dataclass(frozen=True)
class ListSpec:
    """What one list shows."""

    kind: str
    title: str
    columns: tuple[Column, ...]
    order: str = "label"  # "label", "code" or "number"


NAME = Column("x", N_("Name"))
LISTS: dict[str, ListSpec] = {
    "agency": ListSpec(
        "agency",
        N_("Agencies"),
        (
            NAME,
            Column("type", N_("Kind"), facet=True),
            Column("level", N_("Level"), facet=True),
            Column("province", N_("Province"), facet=True),
            Column("led", N_("Leads"), numeric=True),
            Column("joined", N_("Joins"), numeric=True),
        ),
    ),
    "task": ListSpec(
        "task",
        N_("Tasks"),
        (
            Column("code", N_("Code")),
            NAME,
            Column("plan", N_("Plan"), facet=True),
            Column("type", N_("Kind"), facet=True),
            Column("start", N_("From"), numeric=True),
            Column("end", N_("Until"), facet=True, numeric=True),
        ),
        order="code",
    ),
    "plan": ListSpec(
        "plan",
        N_("Plans"),
        (
            Column("number", N_("Number")),
            NAME,
            Column("dateIssued", N_("Date issued")),
            Column("tasks", N_("Tasks"), numeric=True),
        ),
        order="number",
    ),
    "instrument": ListSpec(
        "instrument",
        N_("Instruments"),
        (
            Column("number", N_("Number")),
            NAME,
            Column("type", N_("Kind"), facet=True),
            Column("vnStatus", N_("Viet Nam's status"), facet=True),
            Column("dateIssued", N_("Date issued")),
        ),
    ),
    "province": ListSpec(
        "province",
        N_("Provinces"),
        (
            NAME,
            Column("provinceKind", N_("Kind"), facet=True),
            Column("validFrom", N_("Valid from")),
            Column("validUntil", N_("Valid until"), facet=True),
        ),
    ),
    "document": ListSpec(
        "document",
        N_("Source documents"),
        (
            Column("number", N_("Number")),
            Column("title", N_("Title")),
            Column("fileName", N_("File")),
            Column("tasks", N_("Tasks"), numeric=True),
        ),
        order="number",
    ),
}
PAGE_SIZE = 50
_COUNTING = threading.Lock()
MAX_PAGE_SIZE = 1000


def rows_of(kind: str) -> Rows:
    """Every row of the list of ``kind`` in the reader's language, in the list's order."""
    ext = current_app.extensions.setdefault("migkg", {})
    stamp = store_stamp()
    cache = ext.setdefault("lists", {})
    key = (kind, current_lang())
    if key not in cache or cache[key][0] != stamp:
        cache[key] = (stamp, _read(LISTS[kind], raw_rows(kind, stamp)))
    return cache[key][1]


def raw_rows(kind: str, stamp: object) -> RawList:
    """The rows of the list of ``kind`` in no language: from the file the build kept beside
    the store, else asked of the store; read once for both languages."""
    ext = current_app.extensions.setdefault("migkg", {})
    held = ext.setdefault("list_raw", {})
    if kind not in held or held[kind][0] != stamp:
        store = get_store()
        raw = lists_file.read_for(store, kind, lambda: _quads(stamp))
        held[kind] = (stamp, raw or list_rows.read(store, kind))
    return held[kind][1]


def _quads(stamp: object) -> int:
    """How many quads the store holds, counted once per store (a store of 10^7 quads takes
    seconds to count)."""
    ext = current_app.extensions.setdefault("migkg", {})
    held = ext.get("list_quads")
    if held is None or held[0] != stamp:
        held = ext["list_quads"] = (stamp, len(get_store()))
    return held[1]


def _read(spec: ListSpec, raw: RawList) -> Rows:
    rows = Table(raw, tuple(c.var for c in spec.columns), current_lang()).rows()
    if spec.order == "code" and raw.ordered:
        return rows  # kept in this order: no row is made before it is shown
    listed = list(rows)
    if spec.order == "code":
        # plan numbers in reading order too: 118/KH before 1176/KH
        listed.sort(key=lambda r: (code_key(r.get("planNumber")), code_key(r.get("code"))))
    elif spec.order == "number":
        listed.sort(
            key=lambda r: (r.get("number") is None, fold(str(r.get("number") or r["label"])))
        )
    else:
        listed.sort(key=lambda r: fold(str(r["label"])))
    return Rows(rows.table, [r.cells for r in listed])


def facet_key(value: Any) -> str:
    """The value a facet choice carries in the URL."""
    return "" if value is None else str(value)


@dataclass
class Listing:
    """One page of a filtered list, with the facet counts and the total."""

    spec: ListSpec
    rows: Sequence[Row]
    total: int
    page: int
    pages: int
    size: int
    facets: dict[str, list[tuple[str, str, int, bool]]]
    chosen: dict[str, str]
    query: str


def select(kind: str, args: dict[str, str], page: int = 1, size: int = PAGE_SIZE) -> Listing:
    """The rows ``args`` choose (facet values and ``q``, text in the name), one page of them."""
    spec = LISTS[kind]
    facets = [c for c in spec.columns if c.facet]
    chosen = {c.var: args[c.var] for c in facets if args.get(c.var)}
    text = fold(args.get("q", "").strip())
    rows, counts = _filtered(kind, chosen, text)
    size = max(1, min(size, MAX_PAGE_SIZE))
    pages = max(1, -(-len(rows) // size))
    page = max(1, min(page, pages))
    return Listing(
        spec,
        rows[(page - 1) * size : page * size],
        len(rows),
        page,
        pages,
        size,
        counts,
        chosen,
        args.get("q", ""),
    )


def _filtered(
    kind: str, chosen: dict[str, str], text: str
) -> tuple[Rows, dict[str, list[tuple[str, str, int, bool]]]]:
    """The rows the choices and the text keep, and the facet counts; remembered for the
    list as read (a list of 10^5 rows takes a second to count: its first page, visited most,
    is counted once)."""
    rows = source = rows_of(kind)
    ext = current_app.extensions.setdefault("migkg", {})
    kept: dict[tuple, tuple] = ext.setdefault("list_counts", {})
    key = (kind, current_lang(), tuple(sorted(chosen.items())), text)
    held = kept.get(key)
    if held is not None and held[0] is source:
        return held[1], held[2]
    facets = [c for c in LISTS[kind].columns if c.facet]
    if text:
        table, code = source.table, source.table.at.get("code")
        rows = Rows(
            table,
            [
                c
                for c in source.cells
                if text in fold(f"{table.name(c)} {(c[code] if code is not None else '') or ''}")
            ],
        )
    counts: dict[str, list[tuple[str, str, int, bool]]] = {}
    for col in facets:
        tally = _tally(_keeping(rows, chosen, skip=col.var), col.var)
        counts[col.var] = [
            (key, shown, n, chosen.get(col.var) == key)
            for (key, shown), n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0][1]))
        ]
    chosen_rows = _keeping(rows, chosen)
    with _COUNTING:
        while len(kept) >= 64:
            kept.pop(next(iter(kept)))
        kept[key] = (source, chosen_rows, counts)
    return chosen_rows, counts


def _keeping(rows: Rows, chosen: dict[str, str], skip: str = "") -> Rows:
    """The ``rows`` whose facet values are the ``chosen`` ones (but for ``skip``), sifted on
    the values as kept: each value's key is worked out once, not once per row."""
    cells = rows.cells
    for var, key in chosen.items():
        if var == skip:
            continue
        at = rows.table.at[var]
        good = {v for v in set(map(itemgetter(at), cells)) if facet_key(v) == key}
        cells = [c for c in cells if c[at] in good]
    return rows if cells is rows.cells else Rows(rows.table, cells)


def _tally(rows: Rows, var: str) -> Counter[tuple[str, str]]:
    """How many ``rows`` have each value of ``var`` (as its key and its text): counted by the
    value as kept, each value's text asked of the first row that has it."""
    values = list(map(itemgetter(rows.table.at[var]), rows.cells))
    counted: Counter[Any] = Counter(values)
    # each value's first row: the earlier rows written last
    first = dict(zip(reversed(values), range(len(values) - 1, -1, -1), strict=True))
    tally: Counter[tuple[str, str]] = Counter()
    for value, n in counted.items():
        if value:
            tally[(facet_key(value), rows[first[value]][f"{var}Text"])] += n
    return tally


def all_rows(kind: str, args: dict[str, str]) -> Sequence[Row]:
    """Every row ``args`` choose (for downloads)."""
    first = select(kind, args, 1, MAX_PAGE_SIZE)
    if first.pages == 1:
        return first.rows
    out = list(first.rows)
    for page in range(2, first.pages + 1):
        out += select(kind, args, page, MAX_PAGE_SIZE).rows
    return out
