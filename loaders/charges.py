"""The one writer of assignments read from prose (``assignments.Charge``) as RDF.

Each charge becomes an ``mkg:Assignment`` coded ``TC-`` + the path of the item it sits
in (``TC-IV.1``), resolved in the document's province:
``mkg:leadAgency`` for the bodies that lead, ``mkg:cooperatingAgency`` for those that
cooperate, ``mkg:responsibleAgency`` for those charged without a lead named. It is a task
of the document's plan and ``mkg:assignedIn`` the document, except the charge to execute
a decision (Điều 3 "… chịu trách nhiệm thi hành"), which concerns the instrument itself
and so belongs to no plan. A dated deadline gives ``mkg:deadline`` and the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from loaders import concerned
from loaders.assignments import Charge, Mention
from loaders.base import EmitContext
from migkg import iris
from migkg.namespaces import MKG
from migkg.text import fold


@dataclass
class ChargeFact:
    """A charge with the plan and code it is written under."""

    charge: Charge
    plan_number: str
    code: str
    instrument: URIRef | None = None
    adopted_by: URIRef | None = None

    @property
    def iri(self) -> URIRef:
        """``id:task/<plan>/<code>``; a charge to execute ``id:execution/<number>/D3``."""
        if self.charge.form == "thi-hanh":
            key = self.code.removeprefix("TC-")
            return iris.resource("execution", iris.slug(self.plan_number), key)
        return iris.task(self.plan_number, self.code)

    def emit(self, ctx: EmitContext) -> None:
        """Write the assignment, its bodies by role, its deadline and provenance."""
        c, task = self.charge, self.iri
        province = ctx.segment.meta.get("province")
        prov = province if isinstance(province, str) else None
        ctx.add(task, RDFS.label, Literal(c.label, lang="vi"))
        if self.instrument is not None:
            ctx.add(task, MKG.assignedIn, self.instrument)
        if c.form == "thi-hanh":  # executing the instrument: its own kind, in no plan
            ctx.add(task, RDF.type, MKG.ExecutionCharge)
        else:
            ctx.add(task, RDF.type, MKG.Assignment)
            ctx.add(task, MKG.code, Literal(self.code))
            if c.path:
                ctx.add(task, MKG.fromSection, Literal(c.path))
            plan = iris.plan(self.plan_number)
            ctx.add(plan, RDF.type, MKG.Plan)
            if self.adopted_by is not None:
                ctx.add(plan, MKG.adoptedBy, self.adopted_by)
            ctx.add(task, MKG.taskOf, plan)
            ctx.add(plan, MKG.hasTask, task)
        ctx.provenance(task, c.start, c.end)
        written: set[URIRef] = set()
        # a letter that only asks its addressees for an opinion consults them
        asked = MKG.consultedAgency if _asks_opinion(c) else MKG.responsibleAgency
        for prop, mentions in (
            (MKG.leadAgency, c.lead),
            (MKG.cooperatingAgency, c.cooperating),
            (asked, c.responsible),
        ):
            for agency in _resolve(ctx, mentions, prov):
                if agency not in written:
                    ctx.add(task, prop, agency)
                    written.add(agency)
        if c.due is not None and c.due.when is not None:
            ctx.add(task, MKG.timeframeText, Literal(c.due.text))
            ctx.add(task, MKG.deadline, Literal(c.due.when.isoformat(), datatype=XSD.date))
            year = Literal(c.due.when.year, datatype=XSD.integer)
            ctx.add(task, MKG.startYear, year)
            ctx.add(task, MKG.endYear, year)
            ctx.add(task, MKG.recurrence, MKG.OneOff)


# what a letter asks of its addressees when it asks only for their view
_OPINION = re.compile(r"\b(?:co y kien|cho (?:biet )?y kien|gop y|tham gia y kien)\b")


def _asks_opinion(c: Charge) -> bool:
    """A letter's request to its addressees ("Quý Bộ") for their opinion, not for a task."""
    return c.form == "quy" and not c.lead and bool(_OPINION.search(fold(c.label)))


# "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh": an office of several bodies is one body
_ONE_OFFICE = re.compile(r"^văn phòng\b.*(?:,| và )", re.IGNORECASE)


def _resolve(ctx: EmitContext, mentions: list[Mention], province: str | None) -> list[URIRef]:
    """The bodies of each mention: the whole phrase where it names one body, else its list.

    A generated body (a province's standard body or collective) keeps the words the document
    names it by as an alternative label (``concerned``).
    """
    found: list[URIRef] = []
    for m in mentions:
        whole = ctx.resolver.resolve(m.text, province=province)
        if whole.key is None and _ONE_OFFICE.match(m.text):
            ctx.report.unresolved(ctx.source.path, m.line, m.text)
            continue
        named, unresolved = concerned.bodies(ctx.resolver, m.text, province)
        for text in unresolved:
            ctx.report.unresolved(ctx.source.path, m.line, text)
        for body in named:
            agency = iris.agency(body.key)
            record = ctx.resolver.gazetteer.record(body.key)
            if record is not None and record.generated and body.text:
                ctx.add(agency, SKOS.altLabel, Literal(body.text, lang="vi"))
            if agency not in found:
                found.append(agency)
    return found
