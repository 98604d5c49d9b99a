"""Tasks in time: one agency's tasks as a timeline, and the deadlines still ahead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.store import Store
from migkg.codes import code_key
from viz.data import Snapshot, TaskRecord, fetch
from viz.filters import NetworkFilter
from viz.networks import task_agencies


@dataclass(frozen=True)
class TaskRow:
    """A task as the timeline and the deadline list show it: its IRI, code, plan and text."""

    task: str
    code: str
    plan: str
    plan_label: str
    label_vi: str
    label_en: str

    def label(self, lang: str = "vi") -> str:
        """The task's text in ``lang``."""
        return (self.label_en or self.label_vi) if lang == "en" else self.label_vi


@dataclass(frozen=True)
class TimelineRow(TaskRow):
    """One task on an agency's timeline. ``start``/``end`` are None when the graph gives
    no year; ``role`` is "lead" or "cooperating"."""

    role: str
    start: int | None
    end: int | None
    deadline: date | None


@dataclass(frozen=True)
class DeadlineRow(TaskRow):
    """A task still due after a date: ``due`` is its deadline, or 31 December of its end
    year when it has no deadline. ``leads`` are (IRI, label_vi, label_en) triples."""

    due: date
    deadline: date | None
    end_year: int | None
    leads: tuple[tuple[str, str, str], ...]


def _snap(source: Store | Snapshot) -> Snapshot:
    return source if isinstance(source, Snapshot) else fetch(source)


def _task_fields(snap: Snapshot, task: TaskRecord) -> dict[str, str]:
    """The :class:`TaskRow` fields of ``task``: IRI, code, plan and texts."""
    res = snap.resource(task.iri)
    return {
        "task": task.iri,
        "code": task.code,
        "plan": task.plan or "",
        "plan_label": snap.plan_name(task.plan) if task.plan else "",
        "label_vi": res.label_vi or task.code,
        "label_en": res.label_en,
    }


def agency_timeline(
    source: Store | Snapshot, agency: str, filt: NetworkFilter | None = None
) -> list[TimelineRow]:
    """The selected tasks ``agency`` (an IRI) leads or joins, by start year then code."""
    snap = _snap(source)
    filt = filt or NetworkFilter()
    tasks = {t.iri: t for t in filt.tasks(snap)}
    rows = []
    for iri, roles in task_agencies(snap, list(tasks.values()), NetworkFilter()).items():
        role = "lead" if agency in roles["lead"] else "cooperating"
        if agency not in roles["lead"] and agency not in roles["cooperating"]:
            continue
        task = tasks[iri]
        years = task.years
        rows.append(
            TimelineRow(
                **_task_fields(snap, task),
                role=role,
                start=years[0] if years else None,
                end=years[-1] if years else None,
                deadline=task.deadline,
            )
        )
    rows.sort(key=lambda r: (r.start is None, r.start or 0, r.plan, code_key(r.code)))
    return rows


def deadlines_ahead(
    source: Store | Snapshot,
    after: date,
    filt: NetworkFilter | None = None,
    *,
    agency: str | None = None,
    limit: int | None = None,
) -> list[DeadlineRow]:
    """Each task's next date due on or after ``after`` (a deadline, a phase end or an
    occurrence of a recurrence, as queries/tasks_due_between.rq gives them), soonest first.

    ``agency`` (an IRI) keeps only the tasks it leads or joins; ``limit`` caps the rows.
    Tasks with nothing due from ``after`` on are left out.
    """
    snap = _snap(source)
    filt = filt or NetworkFilter()
    tasks = filt.tasks(snap)
    roles = task_agencies(snap, tasks, NetworkFilter())
    rows = []
    for task in tasks:
        # the next date a phase falls due (queries/tasks_due_between.rq), from ``after`` on
        ahead = [d for d in task.due if d >= after]
        if not ahead:
            continue
        due = ahead[0]
        who = roles[task.iri]
        if agency is not None and agency not in who["lead"] + who["cooperating"]:
            continue
        leads = tuple(
            (a, snap.resource(a).label("vi"), snap.resource(a).label("en")) for a in who["lead"]
        )
        rows.append(
            DeadlineRow(
                **_task_fields(snap, task),
                due=due,
                deadline=task.deadline,
                end_year=task.end,
                leads=leads,
            )
        )
    rows.sort(key=lambda r: (r.due, r.plan, code_key(r.code)))
    return rows[:limit] if limit is not None else rows
