"""Tasks of a plan's appendix table as facts, and how they are written as RDF.

A ``Task`` is one row of the table: a ``mkg:Task``, or a ``mkg:TaskGroup`` when the row
is a heading that names no agency, output or timeframe. ``TableIssue`` carries something
the table reader could not use to the build report, with its file and line.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from loaders import phases
from loaders.base import EmitContext
from loaders.mentions import emit_instrument_mentions
from loaders.timeframe import Timeframe
from migkg import iris
from migkg.namespaces import MKG


@dataclass
class Task:
    """One appendix row: a task or a task group of the plan named ``plan_number``.

    Cells are already cleaned (continuations joined, marks removed, spaces squashed).
    ``start``..``end`` is the row's full line span, continuation lines included.
    """

    plan_number: str
    code: str
    label: str
    start: int
    end: int
    is_group: bool = False
    parent_code: str | None = None
    lead: str = ""
    cooperating: str = ""
    output: str = ""
    timeframe: Timeframe | None = None

    @property
    def iri(self) -> URIRef:
        return iris.task(self.plan_number, self.code)

    @property
    def plan_iri(self) -> URIRef:
        return iris.plan(self.plan_number)

    def emit(self, ctx: EmitContext) -> None:
        """Write the task, its plan links, agencies, output, timeframe and provenance."""
        task, plan = self.iri, self.plan_iri
        ctx.add(plan, RDF.type, MKG.Plan)
        ctx.add(task, RDF.type, MKG.TaskGroup if self.is_group else MKG.Task)
        ctx.add(task, MKG.code, Literal(self.code))
        if self.label:
            ctx.add(task, RDFS.label, Literal(self.label, lang="vi"))
        ctx.add(task, MKG.taskOf, plan)
        ctx.add(plan, MKG.hasTask, task)
        if self.parent_code is not None:
            ctx.add(task, MKG.parentTask, iris.task(self.plan_number, self.parent_code))
        ctx.provenance(task, self.start, self.end)
        if self.lead:
            for agency in ctx.agencies(self.lead, self.start):
                ctx.add(task, MKG.leadAgency, agency)
        elif not self.is_group:
            ctx.report.warn(ctx.source.path, self.start, f"task {self.code} names no lead agency")
        if self.cooperating:
            for agency in ctx.agencies(self.cooperating, self.start):
                ctx.add(task, MKG.cooperatingAgency, agency)
        if self.output:
            ctx.add(task, MKG.expectedOutput, Literal(self.output, lang="vi"))
        if self.timeframe is not None:
            self._emit_timeframe(ctx, self.timeframe)
        self._emit_instruments(ctx)

    def _emit_timeframe(self, ctx: EmitContext, tf: Timeframe) -> None:
        task = self.iri
        ctx.add(task, MKG.timeframeText, Literal(tf.text))
        if not tf.parsed:
            ctx.report.warn(
                ctx.source.path,
                self.start,
                f"task {self.code}: timeframe not understood, kept as text: {tf.text!r}",
            )
            return
        if tf.needs_plan_period:
            ctx.report.warn(
                ctx.source.path,
                self.start,
                f"task {self.code}: {tf.text!r} names no years and the table states none "
                "to give the plan's period",
            )
        found = phases.from_timeframe(tf)
        phases.emit(ctx.add, task, found)
        # the task's years are the span of all its phases (a review may run past the window)
        first, last = phases.span(found) or (tf.start_year, tf.end_year)
        for prop, year in (
            (MKG.startYear, first),
            (MKG.endYear, last),
            (MKG.reviewUntilYear, tf.review_until),
        ):
            if year is not None:
                ctx.add(task, prop, Literal(year, datatype=XSD.integer))
        if tf.recurrence is not None:
            ctx.add(task, MKG.recurrence, MKG[tf.recurrence])
        if tf.review_recurrence is not None:
            ctx.add(task, MKG.reviewRecurrence, MKG[tf.review_recurrence])
        if tf.deadline is not None:
            ctx.add(task, MKG.deadline, Literal(tf.deadline, datatype=XSD.date))
        if tf.from_plan:
            ctx.add(task, MKG.periodFromPlan, Literal(True))

    def _emit_instruments(self, ctx: EmitContext) -> None:
        """Conventions and laws the task's text names: refersTo links and their mentions."""
        emit_instrument_mentions(
            ctx, self.iri, self.plan_number, self.code, self.label, self.start, self.end
        )


@dataclass
class TableIssue:
    """Something in a table left out (``skip``) or read doubtfully (``warn``)."""

    line: int
    message: str
    severity: str = "skip"

    def emit(self, ctx: EmitContext) -> None:
        """Record the issue in the build report with the file and line."""
        if self.severity == "skip":
            ctx.report.skip(ctx.source.path, self.line, self.message)
        else:
            ctx.report.warn(ctx.source.path, self.line, self.message)
