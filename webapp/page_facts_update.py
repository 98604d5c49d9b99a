"""The calendar's and coverage's kept answers (webapp/page_facts.py) of a rebuilt store,
brought up to date from the previous store's for what changed.

A row of the dates due (``queries/tasks_due_between.rq``) and of the overdue candidates
(``queries/internal/calendar_overdue.rq``, ``calendar_phase_ends.rq``) is keyed by one item
and depends only on statements about that item, about its phases and about the bodies that
lead it or report on it (their names). So the rows that may differ are those of the items a
changed statement names (graph/touched.py), of the items whose phase is the subject of
one, and of the items led or reported by a body that is; they are asked again of the new
store, with the items written into the queries, and the others kept. The coverage rows are
asked in full. Without the previous file of this format, everything is asked in full.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.touched import Touched, holders
from migkg.namespaces import MKG
from queries import questions
from queries.catalogue import get
from viz.obligations import due_of
from webapp import page_facts
from webapp.page_facts import FIRST_DAY, PageFacts, in_order, overdue_rows, restricted

# What links an item to a resource whose statements its rows read: its phases, the bodies
# named as leading it or reporting on it.
_THROUGH = tuple(str(MKG[name]) for name in ("hasPhase", "leadAgency", "reporter"))


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
    text = get("tasks_due_between").render({"from": str(FIRST_DAY)})
    fresh = [due_of(r) for r in store.select(restricted(text, "item", only)).dicts()]
    dues = [d for d in old.dues if d.item not in only] + fresh
    kept = [entry for entry in old.overdue if str(entry[1]["task"]) not in only]
    overdue = sorted(kept + overdue_rows(store, only), key=page_facts.overdue_order)
    facts = PageFacts(
        quads=len(store),
        dues=sorted(dues, key=in_order),
        overdue=overdue,
        coverage=questions.rows(store, "gcm_coverage"),
    )
    page_facts.save_for(store, facts)
    return facts
