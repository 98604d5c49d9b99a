"""The long lists of resource pages in their natural order, found once and kept while the
store on disk is unchanged.

An engine sorts a list by asking the text of every term it compares (for an IRI or a long
string, a read of the store's dictionary at each comparison), so ``ORDER BY … LIMIT 50``
over the 100,000 tasks a body joins costs seconds, on every page of the list. Here the
query ``page_<name>_keys.rq`` gives each row of the list once, with what it sorts by (a
task's plan number and code), and Python sorts the rows as people read them (plan 118/KH
before 1176/KH, task 3.2.9 before 3.2.10: ``migkg.codes.code_key``). The sorted keys are
kept (as the counts are, see ``webapp.paging``), so that the next page, or the next visit,
asks only for the 50 rows it shows.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from flask import current_app
from rdflib import URIRef
from rdflib.term import Node

from migkg.codes import code_key
from migkg.namespaces import ID
from queries import internal
from webapp import pagequery, paging
from webapp.db import get_store

Key = tuple[Node | None, ...]
_KEPT_ROWS = 600_000  # keys kept over every list (a list of the largest graphs: ~160,000)
_KEEPING = threading.Lock()
_SORTING: dict[tuple, threading.Lock] = {}  # the lists being sorted now
# codes and plan numbers repeat over a list (1.1 in every plan): each read once
_natural = lru_cache(maxsize=1 << 16)(code_key)
_PROPERTY = re.compile(r"\?p\b")
_TASK_IRI = re.compile(rf"^{re.escape(str(ID))}task/([^/]+)/(.+)$")
_EMPTY_VALUES = re.compile(r"VALUES\s*\(([^)]*)\)\s*\{\s*\}")


def window(
    name: str,
    iri: URIRef,
    *,
    columns: Sequence[str],
    order: Callable[[dict[str, Any]], Any],
    param: str,
    anchor: str,
    size: int = paging.PAGE_SIZE,
    keys_name: str | None = None,
    prop: URIRef | None = None,
) -> tuple[list[dict[str, Any]], paging.Pager]:
    """The page of the list ``name`` that ``param`` asks for, and where it stands: its
    keys from ``keys`` (of ``keys_name``, by default ``name``), its rows from ``page``."""
    found = keys(keys_name or name, iri, columns, order, prop=prop)
    pager = paging.Pager(param, anchor, paging.requested(param, len(found), size), size, len(found))
    shown = found[pager.offset : pager.offset + size]
    return page(name, iri, shown, pager.offset), pager


def page(name: str, iri: URIRef, shown: list[Key], offset: int) -> list[dict[str, Any]]:
    """The rows of ``page_<name>.rq`` for the keys ``shown``: its empty ``VALUES (?rank
    ?key…) { }`` block is filled with them (``?rank`` their place in the list, from
    ``offset``), and its rows come back in that order."""
    if not shown:
        return []
    text_, filled = _EMPTY_VALUES.subn(
        lambda m: _values(m.group(1), shown, offset), paging.bound(name, iri), count=1
    )
    if not filled:
        raise ValueError(f"page_{name}.rq has no empty VALUES (?rank …) {{ }} block")
    rows = pagequery.fold_labels(get_store().select(text_))
    rows.sort(key=lambda r: int(r["rank"]))  # stable: rows of one key keep their order
    return rows


def _values(head: str, shown: list[Key], offset: int) -> str:
    """A VALUES block of ``head``'s variables (``?rank`` first) with one row per key."""
    cells = (
        " ".join([str(offset + i), *("UNDEF" if t is None else t.n3() for t in key)])
        for i, key in enumerate(shown)
    )
    return f"VALUES ({head.strip()}) {{ " + " ".join(f"({c})" for c in cells) + " }"


def keys(
    name: str,
    iri: URIRef,
    columns: Sequence[str],
    order: Callable[[dict[str, Any]], Any],
    *,
    prop: URIRef | None = None,
) -> list[Key]:
    """The rows of ``page_<name>_keys.rq`` (with the page's resource in place of ``?s``,
    and ``prop`` in place of ``?p`` when given) as tuples of ``columns``, sorted by
    ``order`` of each row, each once (its first place)."""
    store = get_store()
    cache_key = paging.count_key(store.worker_path(), f"{name}_keys", iri)
    if cache_key is not None and prop is not None:
        cache_key = (*cache_key, prop)
    if cache_key is None:
        return _sorted(name, iri, columns, order, prop)
    kept: OrderedDict = current_app.extensions.setdefault("migkg", {}).setdefault(
        "page_keys", OrderedDict()
    )
    with _KEEPING:
        # requests for pages of one list wait for the one that sorts it
        busy = _SORTING.setdefault(cache_key, threading.Lock())
    with busy:
        with _KEEPING:
            if cache_key in kept:
                _SORTING.pop(cache_key, None)
                kept.move_to_end(cache_key)
                return kept[cache_key]
        found = _sorted(name, iri, columns, order, prop)
        with _KEEPING:
            kept[cache_key] = found
            while len(kept) > 1 and sum(len(v) for v in kept.values()) > _KEPT_ROWS:
                kept.popitem(last=False)
            _SORTING.pop(cache_key, None)
    return found


def _sorted(
    name: str,
    iri: URIRef,
    columns: Sequence[str],
    order: Callable[[dict[str, Any]], Any],
    prop: URIRef | None,
) -> list[Key]:
    text_ = paging.bound(f"{name}_keys", iri)
    if prop is not None:
        written = prop.n3()
        text_ = _PROPERTY.sub(lambda _m: written, text_)
    rows = sorted(get_store().select(text_).dicts(), key=order)
    seen: dict[Key, None] = {}
    same: dict[Node | None, Node | None] = {}  # one object per term (a property, a count)
    for row in rows:
        seen.setdefault(tuple(same.setdefault(row[c], row[c]) for c in columns), None)
    return list(seen)


def text(term: Node | None) -> str:
    """A term's text ("" when unbound), for sort keys."""
    return "" if term is None else str(term)


def task_order(column: str = "task") -> Callable[[dict[str, Any]], tuple]:
    """The order of lists of tasks: by plan (its number, or that of the instrument that
    adopted it, read naturally: 118/KH before 1176/KH; plans without a number after those
    with one, then tasks of no plan), then by code (3.2.9 before 3.2.10), then by IRI.

    The task is the row's ``column``; a row without ``plan`` and ``code`` columns has them
    read from its task's IRI, ``id:task/<plan>/<code>`` (the build checks that every
    task's IRI is made so); other resources come after the tasks, by IRI."""
    numbers: dict[Node | None, str] = {}

    def key(row: dict[str, Any]) -> tuple:
        if not numbers:  # asked when a list is sorted, not when its keys are kept
            numbers.update(plan_numbers() or {None: ""})
        task = text(row.get(column))
        plan, code = row.get("plan"), row.get("code")
        if plan is None and code is None and (parts := _TASK_IRI.match(task)):
            plan, code = URIRef(f"{ID}plan/{parts[1]}"), parts[2]
        number = numbers.get(plan) if plan is not None else None
        return (
            plan is None,
            number is None,
            _natural(number),
            text(plan),
            _natural(text(code)),
            task,
        )

    return key


def plan_numbers() -> dict[Node | None, str]:
    """Each plan's number (its own, else its adopting instrument's): ``page_plan_numbers.rq``,
    asked once and kept while the store on disk is unchanged."""
    store = get_store()
    cache_key = paging.count_key(store.worker_path(), "plan_numbers", URIRef(""))
    ext = current_app.extensions.setdefault("migkg", {})
    kept = ext.get("plan_numbers")
    if cache_key is not None and kept is not None and kept[0] == cache_key:
        return kept[1]
    numbers: dict[Node | None, str] = {}
    for row in store.select(internal("page_plan_numbers")).dicts():
        number = row["planNumber"] or row["adoptedNumber"]
        if number is not None:
            numbers.setdefault(row["plan"], str(number))
    if cache_key is not None:
        ext["plan_numbers"] = (cache_key, numbers)
    return numbers


def partner_order(row: dict[str, Any]) -> tuple:
    """Partner bodies by the number of tasks shared, most first, then by IRI."""
    return (-int(text(row.get("shared")) or 0), text(row.get("agency")))
