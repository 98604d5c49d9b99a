"""The statements that point at a resource, a page at a time: by property (by IRI), then by
subject (tasks in the order of their plans and codes, the rest after them by IRI).

The properties and how many subjects each has come from the index alone; a page then sorts
(once, kept: ``webapp/ordered.py``) only the subjects of the properties it shows. An
agency's tasks led and joined are the same kept lists as its page's own lists of them.
"""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from webapp import ordered, paging


def window(
    iri: URIRef, *, param: str, anchor: str, size: int = paging.PAGE_SIZE
) -> tuple[list[dict[str, Any]], paging.Pager]:
    """The page of the statements pointing at ``iri`` that ``param`` asks for, and where it
    stands (rows of ``page_resource_linked.rq``)."""
    props = ordered.keys(
        "resource_linked_props", iri, ("p", "n"), lambda row: ordered.text(row["p"])
    )
    total = sum(int(str(n)) for _p, n in props)
    pager = paging.Pager(param, anchor, paging.requested(param, total, size), size, total)
    shown: list[ordered.Key] = []
    start, stop = pager.offset, pager.offset + size
    before = 0  # statements of the properties before this one
    for prop, n in props:
        count = int(str(n))
        low, high = max(before, start), min(before + count, stop)
        if low < high and isinstance(prop, URIRef):
            subjects = subjects_of(iri, prop)
            shown += [(x, prop) for (x,) in subjects[low - before : high - before]]
        before += count
    return ordered.page("resource_linked", iri, shown, pager.offset), pager


def subjects_of(iri: URIRef, prop: URIRef) -> list[ordered.Key]:
    """Every subject of ``prop`` that points at ``iri``, sorted (tasks by plan and code)
    and kept."""
    return ordered.keys("resource_subjects", iri, ("x",), ordered.task_order("x"), prop=prop)
