"""A task assigned in a document's prose, as RDF: the one writer of ``prose``'s facts.

An ``mkg:Assignment`` (or an ``mkg:TaskGroup`` for a plan's section heading) of its plan,
with its code, label as printed (and as repaired or restored), the section it comes from,
its lead and cooperating bodies resolved in the document's province, its deadline or the
plan's period, and the instruments its words name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from loaders import phases, timeframe
from loaders.base import EmitContext
from loaders.mentions import emit_instrument_mentions
from migkg import iris
from migkg.namespaces import MKG


@dataclass
class Assignment:
    """One task assigned in prose, with the phrases naming its agencies."""

    plan_number: str
    code: str
    label: str
    start: int
    end: int
    lead: list[tuple[str, int]] = field(default_factory=list)
    cooperating: list[tuple[str, int]] = field(default_factory=list)
    section: str | None = None
    deadline_text: str | None = None
    period: tuple[int, int] | None = None
    group: bool = False
    alt_label: str | None = None
    restored_label: str | None = None  # diacritics restored (loaders.restore)
    adopted_by: URIRef | None = None
    implements: list[URIRef] = field(default_factory=list)
    requires_agent: bool = False
    parent_code: str | None = None
    plan_label: str | None = None

    @property
    def iri(self) -> URIRef:
        return iris.task(self.plan_number, self.code)

    def emit(self, ctx: EmitContext) -> None:
        """Write the task, its plan link, agencies, time and the instruments it names."""
        task, plan = self.iri, iris.plan(self.plan_number)
        province = ctx.segment.meta.get("province")
        prov = province if isinstance(province, str) else None
        if self.requires_agent and not self._names_agent(ctx, prov):
            return  # an item about something else (funding), not an assignment
        ctx.add(plan, RDF.type, MKG.Plan)
        if self.adopted_by is not None:
            ctx.add(plan, MKG.adoptedBy, self.adopted_by)
        if self.plan_label:
            ctx.add(plan, RDFS.label, Literal(self.plan_label, lang="vi"))
            en = f"Assignment made by official letter {self.plan_number}"
            ctx.add(plan, RDFS.label, Literal(en, lang="en"))
        for target in self.implements:
            ctx.add(plan, MKG.implements, target)
        ctx.add(task, RDF.type, MKG.TaskGroup if self.group else MKG.Assignment)
        ctx.add(task, MKG.code, Literal(self.code))
        ctx.add(task, RDFS.label, Literal(self.label, lang="vi"))
        if self.alt_label:
            ctx.add(task, SKOS.altLabel, Literal(self.alt_label))
        if self.restored_label:
            ctx.add(task, MKG.restoredLabel, Literal(self.restored_label, lang="vi"))
        ctx.add(task, MKG.taskOf, plan)
        ctx.add(plan, MKG.hasTask, task)
        if self.section:
            ctx.add(task, MKG.fromSection, Literal(self.section))
        if self.parent_code:
            ctx.add(task, MKG.parentTask, iris.task(self.plan_number, self.parent_code))
        ctx.provenance(task, self.start, self.end)
        leads: list[URIRef] = []
        for text, line in self.lead:
            leads += [a for a in ctx.agencies(text, line, province=prov) if a not in leads]
        for agency in leads:
            ctx.add(task, MKG.leadAgency, agency)
        for text, line in self.cooperating:
            for agency in ctx.agencies(text, line, province=prov):
                if agency not in leads:
                    ctx.add(task, MKG.cooperatingAgency, agency)
        self._emit_time(ctx, task)
        emit_instrument_mentions(
            ctx, task, self.plan_number, self.code, self.label, self.start, self.end
        )

    def _names_agent(self, ctx: EmitContext, province: str | None) -> bool:
        """Whether the lead phrase names a body (asked without reporting a failure)."""
        return any(
            res.key
            for text, _line in self.lead
            for res in ctx.resolver.resolve_cell(text, province=province)
        )

    def _emit_time(self, ctx: EmitContext, task: URIRef) -> None:
        if self.deadline_text:
            tf = timeframe.parse(self.deadline_text)
            ctx.add(task, MKG.timeframeText, Literal(self.deadline_text))
            if tf.deadline is not None:  # a one-off due that year: it starts and ends in it
                ctx.add(task, MKG.deadline, Literal(tf.deadline, datatype=XSD.date))
                year = Literal(tf.deadline.year, datatype=XSD.integer)
                ctx.add(task, MKG.startYear, year)
                ctx.add(task, MKG.endYear, year)
            if tf.recurrence:
                ctx.add(task, MKG.recurrence, MKG[tf.recurrence])
            phases.emit(ctx.add, task, phases.from_timeframe(tf))
            return
        if self.period and not self.group:
            whole = phases.Phase(phases.IMPLEMENTATION, "", self.period[0], self.period[1])
            phases.emit(ctx.add, task, [whole])
            ctx.add(task, MKG.startYear, Literal(self.period[0], datatype=XSD.integer))
            ctx.add(task, MKG.endYear, Literal(self.period[1], datatype=XSD.integer))
            ctx.add(task, MKG.periodFromPlan, Literal(True))
