"""The calendar's rows made comparable with the queries': the names of the bodies in the
lead as a sorted list (the queries' GROUP_CONCAT leaves their order to the store, the kept
answers list them in alphabetical order), every other column as it is."""

from __future__ import annotations

from typing import Any

from viz.obligations import Due


def _names(leads: object) -> list[str]:
    return sorted(set(str(leads or "").split("; ")) - {""})


def due_key(due: Due) -> tuple[Any, ...]:
    """A date due's columns but its leads, by name, then its leads' names."""
    columns = sorted((k, v) for k, v in vars(due).items() if k != "leads")
    return (*columns, ("leads", _names(due.leads)))


def row_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """A row's columns but its leads, by name, as text, then its leads' names."""
    columns = sorted((k, str(v)) for k, v in row.items() if k != "leads")
    return (*columns, ("leads", _names(row["leads"])))
