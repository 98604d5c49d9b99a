"""The time questions, asked one way: each runs its canned query (``queries/*.rq``).

Pages, charts, network metrics, exports and the CLI call these functions (or the same
canned query) so that "active", "overdue", "due between" and "coordination load" have a
single definition, the query's.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.store import Store
from queries.catalogue import get


def rows(store: Store, name: str, **values: object) -> list[dict[str, Any]]:
    """Rows of the canned query ``name`` with its parameters set (None or "" = unset)."""
    given = {k: str(v) for k, v in values.items() if v is not None and str(v) != ""}
    return list(store.select(get(name).render(given)).dicts())


def coordination_load(store: Store, **values: object) -> list[dict[str, Any]]:
    """``coordination_load.rq``: per agency, tasks led, joined and all (``year``, ``at``,
    ``plan``), most loaded first."""
    return rows(store, "coordination_load", **values)


def due_between(store: Store, start: date, end: date | None = None) -> list[dict[str, Any]]:
    """``tasks_due_between.rq``: one row per item, phase and date due in [start, end]."""
    return rows(store, "tasks_due_between", **{"from": start, "to": end})


def next_due(store: Store, start: date, end: date | None = None) -> dict[str, dict[str, Any]]:
    """Each task's or duty's first date due on or after ``start``: item IRI → its row of
    :func:`due_between` for that date."""
    out: dict[str, dict[str, Any]] = {}
    for row in due_between(store, start, end):
        item = str(row["item"])
        if item not in out or row["due"].toPython() < out[item]["due"].toPython():
            out[item] = row
    return out
