"""What the calendar and coverage pages read of the whole graph, asked once per store.

Every date due from the first day on (``queries/tasks_due_between.rq``), every task that
could be overdue with the day each of its phases ends (both read by
``webapp/calendar_scan.py``), and the rows of
``queries/gcm_coverage.rq``: ``migkg build`` keeps them in a file inside the store's folder
(``python -m webapp.page_facts STORE_DIR`` writes it for a store built before); a store
without it is asked once and the answers are kept in memory while the store is unchanged.

What depends on the day (what is due in the months asked, what is overdue at a date) is
worked out at each visit from what is kept, never frozen at build time.
"""

from __future__ import annotations

import pickle
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from flask import current_app

from graph.store import Store
from migkg import atomic, collector
from queries import questions
from viz.obligations import Due
from viz.unchanged import known_quads
from webapp import calendar_scan, kept, store_files

PAGES_FILE = "migkg-pages.pickle"
# Raised whenever what is pickled changes shape: an older file is then not used.
FORMAT = 3
FIRST_DAY = date(1900, 1, 1)
_ASKING = threading.Lock()
# Answers worked out from the kept ones (one per selection) kept at most.
KEPT_VIEWS = 48
T = TypeVar("T")


@dataclass
class PageFacts:
    """The answers the calendar and coverage pages are drawn from (module docstring)."""

    quads: int
    # every date due from FIRST_DAY on, in the order of tasks_due_between.rq (:func:`in_order`)
    dues: list[Due]
    # the rows of tasks_overdue.rq without a date, with the last day any phase of their
    # task ends (webapp/calendar_scan.py)
    overdue: list[tuple[date, dict[str, Any]]]
    coverage: list[dict[str, Any]]
    days: list[date] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.days = [d.due for d in self.dues]

    def due_between(self, start: date, end: date | None) -> list[Due]:
        """What falls due from ``start`` to ``end`` (no end when None), by date."""
        last = len(self.days) if end is None else bisect_right(self.days, end)
        return self.dues[bisect_left(self.days, start) : last]

    def overdue_at(self, at: date) -> list[dict[str, Any]]:
        """The rows of ``queries/tasks_overdue.rq`` at ``at``: the tasks whose phases all
        ended before it, by plan and code."""
        return [row for ends, row in self.overdue if ends < at]


def in_order(due: Due) -> tuple[date, str, str, str, str, str, str, str, int]:
    """The order of tasks_due_between.rq, then by phase and every other column (the query
    leaves the order of such rows to the store)."""
    return (
        due.due, due.plan, due.code, due.item, due.phase, due.timeframe, due.rrule, due.source,
        due.line or 0,
    )  # fmt: skip


def overdue_order(entry: tuple[date, dict[str, Any]]) -> tuple[str, ...]:
    """The order of tasks_overdue.rq (by plan and code), then by task and every other
    column (the query leaves the order of such rows to the store)."""
    row = entry[1]
    rest = ("task", "ended", "end", "deadline", "review_until", "timeframe")
    return (str(row["plan"]), str(row["code"]), *(str(row[k] or "") for k in rest))


def coverage_order(row: dict[str, Any]) -> tuple[int, str, list[str]]:
    """The order of gcm_coverage.rq (by objective number, plan and code), then by every
    other column (the query leaves the order of such rows to the store)."""
    number = str(row["number"])
    rest = ("plan", "code", "task", "words", "note", "objective_label")
    return (int(number) if number.isdigit() else 0, number, [str(row[k] or "") for k in rest])


def coverage_rows(store: Store) -> list[dict[str, Any]]:
    """Every row of gcm_coverage.rq, in :func:`coverage_order`."""
    return sorted(questions.rows(store, "gcm_coverage"), key=coverage_order)


def ask(store: Store) -> PageFacts:
    """Ask ``store`` for every answer the pages keep."""
    held = calendar_scan.read(store)
    return PageFacts(
        quads=len(store),
        dues=sorted(calendar_scan.dues(held, FIRST_DAY), key=in_order),
        overdue=sorted(calendar_scan.overdue(held), key=overdue_order),
        coverage=coverage_rows(store),
    )


def pages_path(store: Any) -> Path | None:
    """Where the file of ``store`` lives: inside an embedded store's folder, else nowhere."""
    return store_files.beside(store, PAGES_FILE)


def load(path: Path, count: Callable[[], int]) -> PageFacts | None:
    """The answers saved at ``path`` if the file is of this format and of the store as it
    is: as many quads as noted beside it (viz/unchanged.py), else as ``count()`` says."""
    try:
        with path.open("rb") as src:
            held = collector.load(src)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None
    if not isinstance(held, tuple) or len(held) != 2 or held[0] != FORMAT:
        return None
    facts = held[1]
    if not isinstance(facts, PageFacts):
        return None
    known = known_quads(path.parent)
    return facts if facts.quads == (known if known is not None else count()) else None


def save_for(store: Any, facts: PageFacts) -> bool:
    """Keep ``facts`` beside ``store`` if its folder can be written; whether it was."""
    return store_files.keep(pages_path(store), lambda p: atomic.write_pickle(p, (FORMAT, facts)))


def write_for(store: Any) -> PageFacts:
    """Ask ``store`` and keep the answers beside it (``migkg build``)."""
    facts = ask(store)
    save_for(store, facts)
    return facts


def get_facts() -> PageFacts:
    """The answers of the app's store: kept in memory, else read from the file the build
    wrote beside it, else asked of the store (once: a second visitor waits for the first)."""
    from webapp.db import content_stamp, get_store

    store = get_store()
    ext = current_app.extensions.setdefault("migkg", {})
    stamp = content_stamp()
    held = ext.get("page_facts")
    if held is not None and held[0] == stamp:
        return held[1]
    with _ASKING:
        held = ext.get("page_facts")
        if held is not None and held[0] == stamp:
            return held[1]
        path = pages_path(store)
        facts = None
        if path is not None and path.exists():
            facts = load(path, lambda: len(store))
        if facts is None:
            facts = ask(store)
        ext["page_facts"] = (stamp, facts)
        kept.renew("page_views", KEPT_VIEWS)
        return facts


def remembered(key: Hashable, make: Callable[[PageFacts], T]) -> T:
    """``make(facts)``, remembered under ``key`` while the kept answers are the same (a
    few dozen at most, the most recently asked)."""
    facts = get_facts()
    return kept.recent("page_views", KEPT_VIEWS).get(key, lambda: make(facts))


def main(argv: list[str] | None = None) -> int:
    """``python -m webapp.page_facts STORE_DIR``: write the file of a store built before."""
    return store_files.write_command(
        argv,
        "webapp.page_facts",
        PAGES_FILE,
        ask,
        save_for,
        lambda facts: f"{len(facts.dues)} dates due, {len(facts.coverage)} coverage rows",
    )


if __name__ == "__main__":
    raise SystemExit(main())
