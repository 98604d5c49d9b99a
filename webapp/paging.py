"""Lists on resource pages shown a page at a time, with their counts and links to the pages
before and after.

A paged list has two queries in ``queries/internal/``: ``page_<name>.rq`` gives one page of
rows (a sub-query picks the page's keys with ORDER BY, LIMIT and OFFSET, then the outer query
adds their labels), and ``page_<name>_count.rq`` the number of keys. In both, ``?s`` stands
for the resource of the page: its IRI is written in its place, so that the binding reaches
into the sub-query on every engine (a VALUES block or a substitution joins the outer query
only). The window ``LIMIT 50 OFFSET 0`` of the page query is set to the page asked for.

Lists that may run to many thousands of rows (an agency's tasks and partners, the
statements pointing at a resource) are sorted once in Python instead and kept:
``webapp/ordered.py``.

Each list has its own query parameter (``?led_page=2``), so that paging one list keeps the
page of the others; a value that is not a page of the list is a 400 that names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import request
from flask_babel import gettext
from rdflib import URIRef

from graph.runner import generation
from migkg.errors import ParameterError
from queries import internal
from webapp import kept, pagequery
from webapp.db import get_store

PAGE_SIZE = 50
_SUBJECT = re.compile(r"\?s\b")
_WINDOW = re.compile(r"\bLIMIT\s+\d+\s+OFFSET\s+\d+\b", re.IGNORECASE)
_DIGITS = re.compile(r"^[0-9]{1,7}$", re.ASCII)
_KEPT = 2048  # counts kept (a few numbers each)
_KEPT_LISTS = 256  # lists of rows kept (the last asked)


@dataclass(frozen=True)
class Pager:
    """Where one page stands in its list: its number, size and the list's total."""

    param: str
    anchor: str
    page: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages the list fills (one, even when empty)."""
        return max(1, -(-self.total // self.size))

    @property
    def first(self) -> int:
        """The number of the page's first row (1-based; 0 when the list is empty)."""
        return min(self.total, (self.page - 1) * self.size + 1)

    @property
    def last(self) -> int:
        """The number of the page's last row."""
        return min(self.total, self.page * self.size)

    @property
    def offset(self) -> int:
        """How many rows come before the page."""
        return (self.page - 1) * self.size

    def url(self, page: int) -> str:
        """This page's address with the list at ``page`` (other lists keep theirs)."""
        args = {k: v for k, v in request.args.items() if k != self.param}
        if page > 1:
            args[self.param] = str(page)
        query = urlencode(args)
        return f"{request.path}{'?' + query if query else ''}#{self.anchor}"


def bound(name: str, iri: URIRef) -> str:
    """The text of ``page_<name>.rq`` with the page's resource in place of ``?s``."""
    return _SUBJECT.sub(lambda _m: iri.n3(), internal(f"page_{name}"))


def rows(name: str, iri: URIRef) -> list[dict[str, Any]]:
    """Every row of ``page_<name>.rq`` with the page's resource in place of ``?s``; kept
    while a store on disk is unchanged, as the counts are (a decision cited by hundreds of
    documents has thousands of rows of sources, shown a page at a time)."""
    store = get_store()
    key = count_key(store.worker_path(), f"rows:{name}", iri)

    def read() -> list[dict[str, Any]]:
        return pagequery.fold_labels(store.select(bound(name, iri)))

    return read() if key is None else kept.recent("page_rows", _KEPT_LISTS).get(key, read)


def part(
    every: list[dict[str, Any]], *, param: str, anchor: str, size: int | None = None
) -> tuple[list[dict[str, Any]], Pager]:
    """The page of the rows ``every`` that ``param`` asks for, and where it stands."""
    size = size or PAGE_SIZE
    pager = Pager(param, anchor, requested(param, len(every), size), size, len(every))
    return every[pager.offset : pager.offset + size], pager


def counts(name: str, iri: URIRef) -> dict[str, int]:
    """The cells of ``page_<name>_count.rq`` (its first, ``n``, is the number of rows of
    the list ``name``), as whole numbers; kept while a store on disk is unchanged (a count
    of a large list costs as much as its page)."""
    store = get_store()
    key = count_key(store.worker_path(), name, iri)

    def count() -> dict[str, int]:
        result = store.select(bound(f"{name}_count", iri))
        out = dict.fromkeys(result.variables, 0)
        for row in result.dicts():
            out.update({k: int(str(v)) for k, v in row.items() if v is not None})
            break
        return out

    return count() if key is None else kept.recent("page_counts", _KEPT).get(key, count)


def requested(param: str, total: int, size: int) -> int:
    """The page ``param`` asks for (1 when absent); a value that is not a page of the list
    raises a 400 naming the parameter."""
    raw = request.args.get(param, "").strip()
    if not raw:
        return 1
    pages = max(1, -(-total // size))
    if not _DIGITS.match(raw) or not 1 <= int(raw) <= pages:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise ParameterError(
            gettext(
                "Parameter “%(name)s”: “%(value)s” is not a page of this list; it takes a "
                "whole number from 1 to %(pages)s.",
                name=param,
                value=shown,
                pages=pages,
            )
        )
    return int(raw)


def count_key(folder: Path | None, name: str, iri: URIRef) -> tuple | None:
    """What a count (or a list's sorted keys, webapp/ordered.py) is kept under: the store
    folder as it is now (None: not kept)."""
    if folder is None:
        return None
    try:
        return (folder, generation(folder), name, iri)
    except OSError:
        return None


def window(
    name: str,
    iri: URIRef,
    *,
    param: str,
    anchor: str,
    size: int = PAGE_SIZE,
    total: int | None = None,
) -> tuple[list[dict[str, Any]], Pager]:
    """The page of the list ``name`` that ``param`` asks for, and where it stands; ``total``
    when the caller has counted the rows already."""
    if total is None:
        total = counts(name, iri)["n"]
    pager = Pager(param, anchor, requested(param, total, size), size, total)
    if total == 0:
        return [], pager
    text, found = _WINDOW.subn(f"LIMIT {size} OFFSET {pager.offset}", bound(name, iri), count=1)
    if not found:
        raise ValueError(f"page_{name}.rq has no LIMIT … OFFSET … window")
    return pagequery.fold_labels(get_store().select(text)), pager
