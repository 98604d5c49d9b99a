"""The rows of each list (``/id/agency/``, ``/id/task/`` …) as the graph gives them, in no
language: what ``page_list_<kind>.rq`` answers, one row per value of its plain variables,
each ``…Label`` variable holding every label found (language → text).

``migkg build`` keeps them beside the store (webapp/lists_file.py), so that the first
visit of a list reads a file; a page then picks the labels of its language
(webapp/listing.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.store import SelectResult
from migkg.codes import code_key
from queries import internal
from viz.data import restricted
from webapp.pagequery import plain_value

_LABEL = "Label"
# The columns asked alone (``page_list_<kind>_<name>.rq``), joined in this order on their
# first variable: asked with the list's own query they multiplied each other's rows (a
# statement several documents make is held once per document's graph).
SIDES: dict[str, tuple[str, ...]] = {
    "agency": ("labels", "types", "levels", "provinces", "province_labels"),
    "task": ("plans", "types"),
    "plan": ("labels", "numbers", "adopters"),
    "instrument": ("labels", "numbers", "statuses", "dates", "types"),
}
# The first variable a query selects.
_FIRST = re.compile(r"SELECT\s+(?:DISTINCT\s+)?\?(\w+)")
# The lists whose order does not depend on the reader's language: kept in that order.
CODE_ORDER = ("task",)


@dataclass
class RawList:
    """One list's rows: ``plain`` values then, per ``labels`` variable, a dict of its labels
    by language (one dict shared by the rows of the same labelled thing). The IRIs of a
    column marked in ``iris`` are kept as text (a term is made for the rows shown)."""

    plain: tuple[str, ...]
    labels: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    ordered: bool = False  # already in the list's code order (CODE_ORDER)
    iris: tuple[bool, ...] = ()


def fold(result: SelectResult) -> RawList:
    """A page query's result as a :class:`RawList` (the rows ``pagequery.fold_labels``
    makes, before a language is picked)."""
    label_vars = tuple(v for v in result.variables if v.endswith(_LABEL) and len(v) > len(_LABEL))
    plain = tuple(v for v in result.variables if v not in label_vars)
    where = {v: i for i, v in enumerate(plain)}
    # whose label each label variable holds: its base variable's value, else the row's
    bases = [where.get(lv[: -len(_LABEL)]) for lv in label_vars]
    groups: dict[tuple[Node | None, ...], tuple[Any, ...]] = {}
    labels: dict[tuple[int, Any], dict[str, str]] = {}
    for row in result.rows:
        values = dict(zip(result.variables, row, strict=False))
        key = tuple(values[v] for v in plain)
        if key not in groups:
            groups[key] = tuple(plain_value(t) for t in key)
        for n, lv in enumerate(label_vars):
            lit = values[lv]
            if lit is None:
                continue
            lang = lit.language if isinstance(lit, Literal) and lit.language else ""
            base = bases[n]
            entity = key[base] if base is not None else key
            # the least of several labels in one language: the same in any row order
            held = labels.setdefault((n, entity), {})
            text = str(lit)
            if lang.lower() not in held or text < held[lang.lower()]:
                held[lang.lower()] = text
    iris = tuple(any(isinstance(k[i], URIRef) for k in groups) for i in range(len(plain)))
    rows = []
    for key, plain_values in groups.items():
        found = []
        for n in range(len(label_vars)):
            base = bases[n]
            entity = key[base] if base is not None else key
            found.append(labels.get((n, entity)) or None)
        kept = tuple(str(v) if iris[i] and v is not None else v for i, v in enumerate(plain_values))
        rows.append(kept + tuple(found))
    rows.sort(key=row_key)
    return RawList(plain, label_vars, rows, iris=iris)


def row_key(row: tuple[Any, ...]) -> tuple:
    """The order rows are kept in before a list's own order: by every value, whatever
    order the store gave them (a store rebuilt in parts gives the same lists)."""
    return tuple(
        (0, "", "")
        if v is None
        else (2, "", str(sorted(v.items())))
        if isinstance(v, dict)
        else (1, type(v).__name__, str(v))
        for v in row
    )


def read(store: Any, kind: str, only: Collection[str] | None = None) -> RawList:
    """The rows of the list of ``kind`` asked of ``store`` (kept in the list's code order
    when it has one); ``only``: the rows of these things alone (a list whose query
    selects ``?x`` in each group it opens)."""
    result = store.select(restricted(f"page_list_{kind}", "x", only))
    for side in SIDES.get(kind, ()):
        name = f"page_list_{kind}_{side}"
        # a column of the things themselves is asked for those alone; others in full
        first = _FIRST.search(internal(name))
        text = restricted(name, "x", only) if first and first[1] == "x" else internal(name)
        result = join(result, store.select(text))
    raw = fold(result)
    if kind in CODE_ORDER:
        order(raw)
    return raw


def update(raw: RawList, store: Any, kind: str, keys: Collection[str]) -> RawList | None:
    """``raw``, the list of ``kind`` of a previous store, with the rows of the things
    ``keys`` names asked again of ``store``; None when ``raw`` cannot be brought up to
    date so (its things' column is not the first)."""
    if not raw.plain or raw.plain[0] != "x" or len(raw.iris) != len(raw.plain):
        return None
    part = read(store, kind, keys)
    kept = [r for r in raw.rows if r[0] not in keys]
    iris = tuple(
        now or (was and any(r[i] is not None for r in kept))
        for i, (was, now) in enumerate(zip(raw.iris, part.iris, strict=True))
    )
    if iris != raw.iris:
        return None  # a column now holds IRIs or no longer does: its values kept otherwise
    out = RawList(raw.plain, raw.labels, sorted(kept + part.rows, key=row_key), iris=iris)
    if kind in CODE_ORDER:
        order(out)
    return out


def join(left: SelectResult, right: SelectResult) -> SelectResult:
    """``left`` with the columns of ``right`` joined on its first variable, as an
    OPTIONAL would: a row of ``left`` with no match (or no value to match) is kept."""
    on = right.variables[0]
    at = left.variables.index(on)
    extra = right.variables[1:]
    found: dict[Node | None, list[tuple[Node | None, ...]]] = {}
    for row in right.rows:
        if row[0] is not None:
            found.setdefault(row[0], []).append(tuple(row[1:]))
    nothing: list[tuple[Node | None, ...]] = [(None,) * len(extra)]
    rows = [
        row + more
        for row in left.rows
        for more in (found.get(row[at], nothing) if row[at] is not None else nothing)
    ]
    return SelectResult(left.variables + extra, rows)


def order(raw: RawList) -> None:
    """Sort ``raw`` by plan number then code (118/KH before 1176/KH), as the list shows it."""
    plan = raw.plain.index("planNumber") if "planNumber" in raw.plain else None
    code = raw.plain.index("code") if "code" in raw.plain else None
    keys: dict[Any, tuple] = {}

    def key_of(value: Any) -> tuple:
        if value not in keys:
            keys[value] = code_key(value)
        return keys[value]

    raw.rows.sort(
        key=lambda r: (
            key_of(r[plan] if plan is not None else None),
            key_of(r[code] if code is not None else None),
        )
    )
    raw.ordered = True
