"""The calendar's and coverage's kept answers (webapp/page_facts.py) of a rebuilt store,
brought up to date from the previous store's for what changed.

A row of the dates due (``queries/tasks_due_between.rq``) and of the overdue candidates
(``queries/tasks_overdue.rq`` without a date: webapp/calendar_scan.py) is keyed by one item
and depends only on statements about that item, about its phases and about the bodies that
lead it or report on it (their names). So the rows that may differ are those of the items a
changed statement names (graph/touched.py), of the items whose phase is the subject of
one, and of the items led or reported by a body that is; their statements are read again
of the new store, with the items written into the queries, and the others' rows kept. A
coverage row that names a task depends on statements about the task and about its tags (a
tag names its task with ``mkg:tagOf``): the rows of the tasks a changed statement names,
or whose tag is the subject of one, are asked again (``queries/internal/coverage_tasks.rq``);
an objective left with no task gets its row without one. A change to an objective's own
statements, or no previous file of this format, has everything asked in full.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.touched import Touched, held_by, holders
from migkg.namespaces import MKG
from queries import internal, restricted
from webapp import calendar_scan, page_facts
from webapp.page_facts import (
    FIRST_DAY,
    PageFacts,
    coverage_order,
    coverage_rows,
    in_order,
)

# What links an item to a resource whose statements its rows read: its phases, the bodies
# named as leading it or reporting on it.
_THROUGH = tuple(str(MKG[name]) for name in ("hasPhase", "leadAgency", "reporter"))
_TAG_OF = str(MKG.tagOf)
# The columns a coverage row without a task leaves unbound.
_TASK_COLUMNS = ("plan", "code", "task", "words", "note")


def items(native: Any, changed: Touched) -> set[str]:
    """The items whose rows may differ after a change that touched ``changed``."""
    out = set(changed.either)
    for predicate in _THROUGH:
        out |= holders(native, predicate, changed.subjects)
    return out


def update_for(store: Any, previous: Path, quads: int, changed: Touched) -> PageFacts:
    """The answers of ``store`` from those kept at ``previous`` (a store of ``quads``
    quads), asked again only for the items ``changed`` reaches; written beside ``store``."""
    old = page_facts.load(previous, lambda: quads)
    if old is None:
        return page_facts.write_for(store)
    only = items(store.native, changed)
    held = calendar_scan.read(store, only)
    dues = [d for d in old.dues if d.item not in only] + calendar_scan.dues(held, FIRST_DAY)
    kept = [entry for entry in old.overdue if str(entry[1]["task"]) not in only]
    overdue = sorted(kept + calendar_scan.overdue(held), key=page_facts.overdue_order)
    facts = PageFacts(
        quads=len(store),
        dues=sorted(dues, key=in_order),
        overdue=overdue,
        coverage=coverage(store, old.coverage, changed),
    )
    page_facts.save_for(store, facts)
    return facts


def coverage(store: Any, old: list[dict[str, Any]], changed: Touched) -> list[dict[str, Any]]:
    """The coverage rows of ``store`` from the previous store's ``old``, asked again for the
    tasks ``changed`` reaches (module docstring)."""
    objectives = {str(row["objective"]) for row in old}
    if changed.subjects & objectives:
        return coverage_rows(store)
    only = set(changed.either) | held_by(store.native, _TAG_OF, changed.subjects)
    text = restricted(internal("coverage_tasks"), "task", only)
    rows = [row for row in old if row["task"] is not None and str(row["task"]) not in only]
    rows += store.select(text).dicts()
    served = {str(row["objective"]) for row in rows}
    alone: dict[tuple[str, str], dict[str, Any]] = {}
    for row in old:
        if str(row["objective"]) not in served:
            key = (str(row["objective"]), str(row["objective_label"] or ""))
            alone.setdefault(key, {**row, **dict.fromkeys(_TASK_COLUMNS)})
    return sorted(rows + list(alone.values()), key=coverage_order)
