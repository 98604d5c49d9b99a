"""The phases of a task or reporting duty: implementation, review, reporting.

A timeframe cell can print more than one period: "2020-2025; định kỳ rà soát hàng năm cho
đến 2030" is an implementation phase 2020-2025, then an annual review phase to 2030. Each
phase is a ``mkg:Phase`` (an OWL-Time proper interval) with its kind, years, dates,
recurrence (a concept and an iCalendar RRULE) and the dates it falls due (``mkg:dueOn``).

Rules, so that every question asked of time reads the same facts:

- A phase with years only begins on 1 January of its first year and ends on 31 December of
  its last; a deadline ("hoàn thành chậm nhất ngày 22/4/2020") is a phase ending that day.
- A review clause with a year later than the window ("…; rà soát … cho đến 2030") starts the
  year after the window ends; a review clause without one, or with the window's own last
  year, runs alongside the window.
- An implementation window followed by a later review is one piece of work (``OneOff``).
- Due dates: the end of each phase, and each occurrence of its recurrence (every year,
  every two or five years from the first year, every six months); an occurrence of a
  year-only phase falls due on 31 December of its year, of a reporting duty on its printed
  day. A continuous phase falls due only at its end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from loaders import timeframe as tfm
from loaders.timeframe import Timeframe
from migkg.namespaces import MKG

IMPLEMENTATION, REVIEW, REPORTING = "implementation", "review", "reporting"
KIND_VI = {IMPLEMENTATION: "thực hiện", REVIEW: "rà soát", REPORTING: "báo cáo"}

# concept → (RRULE FREQ, INTERVAL, step in months for occurrences)
_RRULE = {
    tfm.ANNUAL: ("YEARLY", 1, 12),
    tfm.BIENNIAL: ("YEARLY", 2, 24),
    tfm.EVERY_FIVE_YEARS: ("YEARLY", 5, 60),
    tfm.SEMI_ANNUAL: ("MONTHLY", 6, 6),
}


@dataclass(frozen=True)
class Phase:
    """One period of a task or duty; years and/or dates, a recurrence, the printed text."""

    kind: str
    text: str
    start_year: int | None = None
    end_year: int | None = None
    recurrence: str | None = None
    end_date: dt.date | None = None
    month_day: tuple[int, int] | None = None  # a reporting duty's printed day (month, day)

    @property
    def begins(self) -> dt.date | None:
        """The first day of the phase."""
        if self.start_year is not None:
            return dt.date(self.start_year, 1, 1)
        return self.end_date

    @property
    def ends(self) -> dt.date | None:
        """The last day of the phase."""
        if self.end_date is not None:
            return self.end_date
        if self.end_year is not None:
            return dt.date(self.end_year, 12, 31)
        return None

    def rrule(self) -> str | None:
        """The recurrence as an iCalendar RRULE value (RFC 5545), or None."""
        rule = _RRULE.get(self.recurrence or "")
        ends = self.ends
        if rule is None or ends is None:
            return None
        freq, interval, _ = rule
        parts = [f"FREQ={freq}"]
        if interval > 1:
            parts.append(f"INTERVAL={interval}")
        parts.append(f"UNTIL={ends:%Y%m%d}")
        return ";".join(parts)

    def due_dates(self) -> list[dt.date]:
        """Every date the phase falls due: each occurrence of its recurrence and its end."""
        ends = self.ends
        if ends is None:
            return []
        dates = {ends}
        rule = _RRULE.get(self.recurrence or "")
        if rule is not None and self.start_year is not None:
            step = rule[2]
            month, day = self.month_day or (12, 31)
            if self.month_day is None and step == 6:
                month = 6  # every six months from a year-only start: 30 June, 31 December
                day = 30
            first = _safe_date(self.start_year, month, day)
            n = 0
            while True:
                when = _add_months(first, n * step)
                if when > ends:
                    break
                dates.add(when)
                n += 1
        return sorted(dates)


def _safe_date(year: int, month: int, day: int) -> dt.date:
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


def _add_months(when: dt.date, months: int) -> dt.date:
    total = when.month - 1 + months
    year, month = when.year + total // 12, total % 12 + 1
    day = when.day
    if when.month in (6, 12) and when.day in (30, 31):  # month ends stay month ends
        day = 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30
    return _safe_date(year, month, day)


def from_timeframe(tf: Timeframe) -> list[Phase]:
    """The phases a read timeframe cell prints (after its plan's period is applied)."""
    if not tf.parsed:
        return []
    if tf.deadline is not None:
        year = tf.deadline.year
        return [Phase(IMPLEMENTATION, tf.text, year, year, tfm.ONE_OFF, end_date=tf.deadline)]
    if tf.start_year is None or tf.end_year is None:
        return []
    if tf.review_only:
        return [Phase(REVIEW, tf.text, tf.start_year, tf.end_year, tf.review_recurrence)]
    if not tf.has_review:
        return [Phase(IMPLEMENTATION, tf.text, tf.start_year, tf.end_year, tf.recurrence)]
    until = tf.review_until
    if until is not None and until > tf.end_year:
        return [
            Phase(IMPLEMENTATION, tf.text, tf.start_year, tf.end_year, tfm.ONE_OFF),
            Phase(REVIEW, tf.text, tf.end_year + 1, until, tf.review_recurrence),
        ]
    return [
        Phase(IMPLEMENTATION, tf.text, tf.start_year, tf.end_year, tf.recurrence),
        Phase(REVIEW, tf.text, tf.start_year, tf.end_year, tf.review_recurrence),
    ]


def _span_text(phase: Phase) -> str:
    """``2026–2030``, ``2020``, or the deadline ``2020-04-22``."""
    if phase.end_date is not None and phase.start_year == phase.end_year:
        return phase.end_date.isoformat()
    if phase.start_year is None or phase.end_year is None:
        return ""
    if phase.start_year == phase.end_year:
        return str(phase.start_year)
    return f"{phase.start_year}–{phase.end_year}"


def span(phases: list[Phase]) -> tuple[int, int] | None:
    """The first and last year over all phases (a task's startYear / endYear)."""
    starts = [p.start_year for p in phases if p.start_year is not None]
    ends = [p.end_year for p in phases if p.end_year is not None]
    if not starts or not ends:
        return None
    return min(starts), max(ends)


def phase_iri(owner: URIRef, phase: Phase) -> URIRef:
    """``<task IRI>/phase/<kind>``: one phase of each kind per task or duty."""
    return URIRef(f"{owner}/phase/{phase.kind}")


def emit(add: Callable[[Node, Node, Node], object], owner: URIRef, phases: list[Phase]) -> None:
    """Write each phase of ``owner`` with ``add(s, p, o)`` (a graph's or a context's add)."""
    for phase in phases:
        node = phase_iri(owner, phase)
        add(owner, MKG.hasPhase, node)
        add(node, RDF.type, MKG.Phase)
        add(node, MKG.phaseKind, Literal(phase.kind))
        span = _span_text(phase)
        add(node, RDFS.label, Literal(f"{phase.kind} {span}".strip(), lang="en"))
        add(node, RDFS.label, Literal(f"{KIND_VI[phase.kind]} {span}".strip(), lang="vi"))
        if phase.text:
            add(node, MKG.timeframeText, Literal(phase.text))
        for prop, year in ((MKG.startYear, phase.start_year), (MKG.endYear, phase.end_year)):
            if year is not None:
                add(node, prop, Literal(year, datatype=XSD.integer))
        for prop, day in ((MKG.startDate, phase.begins), (MKG.endDate, phase.ends)):
            if day is not None:
                add(node, prop, Literal(day, datatype=XSD.date))
        if phase.recurrence is not None:
            add(node, MKG.recurrence, MKG[phase.recurrence])
        rule = phase.rrule()
        if rule is not None:
            add(node, MKG.rrule, Literal(rule))
        for day in phase.due_dates():
            add(node, MKG.dueOn, Literal(day, datatype=XSD.date))


def add_reporting_phases(graph: Graph) -> None:
    """A reporting phase for each reporting duty of ``graph``: its printed day, over the
    years its plan's tasks span (a dated report: that day alone)."""
    for duty in set(graph.subjects(RDF.type, MKG.ReportingDuty)):
        if not isinstance(duty, URIRef):
            continue  # a duty is always named; a blank node would give its phases no IRI
        recurrence = graph.value(duty, MKG.recurrence)
        concept = str(recurrence).rsplit("#", 1)[-1] if recurrence is not None else None
        due = graph.value(duty, MKG.dueDate)
        if due is not None:
            day = due.toPython() if isinstance(due, Literal) else None
            if isinstance(day, dt.date):
                phase = Phase(REPORTING, "", day.year, day.year, tfm.ONE_OFF, end_date=day)
                emit(lambda s, p, o: graph.add((s, p, o)), duty, [phase])
            continue
        years = _plan_years(graph, graph.value(duty, MKG.dutyOf))
        if years is None:
            continue
        month_day = _month_day(graph.value(duty, MKG.dueMonthDay))
        end_date = None
        if month_day is not None and concept in (tfm.ANNUAL, tfm.SEMI_ANNUAL):
            end_date = _last_occurrence(years, month_day, concept)
        phase = Phase(REPORTING, "", years[0], years[1], concept, end_date, month_day)
        emit(lambda s, p, o: graph.add((s, p, o)), duty, [phase])


def _plan_years(graph: Graph, plan: Node | None) -> tuple[int, int] | None:
    if plan is None:
        return None
    starts: list[int] = []
    ends: list[int] = []
    for task in graph.subjects(MKG.taskOf, plan):
        for prop, found in ((MKG.startYear, starts), (MKG.endYear, ends)):
            value = graph.value(task, prop)
            if isinstance(value, Literal):
                found.append(int(value))
    if not starts or not ends:
        return None
    return min(starts), max(ends)


def _month_day(value: object) -> tuple[int, int] | None:
    text = str(value) if value is not None else ""
    if len(text) == 7 and text.startswith("--"):
        return int(text[2:4]), int(text[5:7])
    return None


def _last_occurrence(years: tuple[int, int], month_day: tuple[int, int], concept: str) -> dt.date:
    last = _safe_date(years[1], *month_day)
    if concept == tfm.SEMI_ANNUAL:
        later = _add_months(last, 6)
        if later.year == years[1]:
            return later
    return last
