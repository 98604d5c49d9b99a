"""Part loader "prose": assignments made in a document's text rather than its tables.

Three forms are read.

- ``Giao X chủ trì, phối hợp với A, B … <task> (hoàn thành chậm nhất ngày …)`` in the
  body of a document (the Kiên Giang letter): one ``mkg:Assignment`` per such paragraph,
  coded ``TC-1``, ``TC-2`` … in order.
- The organisation section (``III. TỔ CHỨC THỰC HIỆN``) of a decision or resolution:
  one ``mkg:Assignment`` per lettered item (402's ``1. Phân công: a) … i)``) or, where a
  numbered item has no letters, per numbered item (402's 2 and 4; 225's 1–6), coded
  ``TC-`` + the section path as printed (``TC-III.1.b``, ``TC-III.4``). A lettered item's
  bullet list stays inside its one task (its label is the item with its bullets), so an
  item counts once whatever its layout. An item that names no body doing something
  (402's III.3 on funding) is not an assignment.
- The section-II headings of a plan without an appendix table (OCR plan 139-KH/TU):
  ``mkg:TaskGroup`` coded ``II.1`` … with the heading as printed as label (and the OCR
  repair of ``ocr.repair`` as ``skos:altLabel``).

Lead = the body before ``chủ trì``, or the body the item is addressed to (its heading,
the words before the first verb, what follows ``Đề nghị``), or, in "… A chủ động thông
báo, trao đổi để B nghiên cứu, tổng hợp báo cáo …", B (A cooperates). Cooperating =
every ``phối hợp với …`` list. A task with a printed deadline gets it (``mkg:deadline``);
the others take their plan's period (the years its appendix table states), flagged
``mkg:periodFromPlan``. A document that ends mid-sentence is reported as cut off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from loaders import assignments, deadlines, in_force, phases, timeframe
from loaders.base import EmitContext, Fact, Segment
from loaders.charges import ChargeFact
from loaders.cut_names import completed_name
from loaders.header_block import PERSON_NAME, plain
from loaders.instruments import find_instruments
from loaders.mentions import emit_instrument_mentions
from loaders.ocr import ARABIC_HEADING, repair
from loaders.paragraphs import paragraphs
from loaders.sections import (
    Item,
    appendix_period,
    organisation_items,
    roman_headings,
    section_headings,
)
from loaders.verbs import VERBS
from migkg import iris
from migkg.namespaces import MKG
from migkg.text import fold, folded

KINDS: tuple[str, ...] = ("instrument",)

_VERB_AT = re.compile(rf"\s(?:{VERBS})")
_COOP = re.compile(r"phoi hop voi ")
_DEADLINE = re.compile(r"(?:hoan thanh )?(?:cham nhat|truoc) ngay \d{1,2}/\d{1,2}/\d{4}")


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


@dataclass
class Truncated:
    """A document whose text stops mid-sentence."""

    line: int
    message: str

    def emit(self, ctx: EmitContext) -> None:
        ctx.report.warn(ctx.source.path, self.line, self.message)


def parse(segment: Segment) -> list[Fact]:
    """Assignments in the prose of one document, its OCR section headings, truncation.

    The forms above come first; every other charge the text makes (``assignments``) is
    read from the lines they leave, and the document's entry into force (``deadlines``).
    """
    if segment.kind != "instrument":
        return []
    if not segment.plan_number:  # a document whose number is not printed (or not read)
        return further_charges(segment, [], unnumbered_plan(segment))
    facts: list[Fact] = []
    facts += _giao(segment)
    facts += [_from_item(segment, item) for item in organisation_items(segment)]
    if segment.doc_type == "Kế hoạch":
        facts += _headings(segment)
    facts += further_charges(segment, facts)
    force = in_force.read(segment)
    if force is not None:
        facts.append(force)
    cut = _truncation(segment)
    if cut:
        facts.append(cut)
    return facts


def unnumbered_plan(segment: Segment) -> str:
    """The key of the plan of a document whose number is unknown: its file and first line."""
    return f"doc-{iris.slug(segment.source.stem)}-{segment.start}"


def further_charges(
    segment: Segment, facts: list[Fact], plan_number: str | None = None
) -> list[Fact]:
    """Charges in the lines the older forms left, coded by their item's path."""
    skip: set[int] = set()
    codes: set[str] = set()
    for fact in facts:
        if isinstance(fact, Assignment):
            skip.update(range(fact.start, fact.end + 1))
            codes.add(fact.code)
    # from below the type line (the header's end is unsure where no blank line follows
    # the title); a title or address line makes no charge
    marks = [segment.meta.get(k) for k in ("number_line", "type_line")]
    first = max([m + 1 for m in marks if isinstance(m, int)], default=segment.start)
    lines = segment.source.numbered(first, segment.end)
    out: list[Fact] = []
    for charge in assignments.extract(lines, skip):
        base = f"TC-{charge.path}" if charge.path else f"TC-p{charge.start}"
        code, k = base, 1
        while code in codes:  # a second charge in one item: TC-IV.1.n2
            k += 1
            code = f"{base}.n{k}"
        codes.add(code)
        out.append(
            ChargeFact(
                charge,
                plan_number or segment.plan_number or "",
                code,
                instrument=segment.instrument_iri,
                adopted_by=segment.instrument_iri if segment.doc_type != "Kế hoạch" else None,
            )
        )
    return out


def cooperating_phrases(text: str) -> list[str]:
    """The agency lists after each ``phối hợp với`` of ``text``, up to the next verb."""
    low = folded(text)
    coop: list[str] = []
    for m in _COOP.finditer(low):
        stop = _VERB_AT.search(low, m.end())
        end = stop.start() if stop else len(low)
        coop.append(text[m.end() : end].strip(" ,;.:"))
    return coop


def phrase_before_verb(text: str) -> str:
    """The words of ``text`` before ``chủ trì`` or, failing that, its first verb."""
    low = folded(text)
    at = low.find(" chu tri")
    if at < 0:
        colon = low.find(":")
        verb = _VERB_AT.search(low)
        ends = [x for x in (colon, verb.start() if verb else -1) if x > 0]
        at = min(ends) if ends else len(low)
    return text[:at].strip(" ,;:.")


def _giao(segment: Segment) -> list[Fact]:
    """``Giao X chủ trì, phối hợp với …`` paragraphs of a document's body."""
    out: list[Fact] = []
    names = [a.text for a in assignments.addressees(paragraphs(segment.numbered()))]
    for k, line in segment.numbered():
        text = plain(line)
        if not fold(text).startswith("giao ") or "\t" in line:
            continue
        # a name cut short inside ("Ban Chỉ đạo …") is printed whole among the addressees
        lead = completed_name(phrase_before_verb(text[5:]), text, names)
        coop = cooperating_phrases(text)
        low = folded(text)
        dl = _DEADLINE.search(low)
        implements = [
            m.iri
            for m in find_instruments(text)
            if re.search(r"(?:trien khai|thuc hien)(?: theo)?\s*$", low[: m.start])
        ]
        out.append(
            Assignment(
                plan_number=segment.plan_number or "",
                code=f"TC-{len(out) + 1}",
                label=text,
                start=k,
                end=k,
                lead=[(lead, k)],
                cooperating=[(c, k) for c in coop],
                deadline_text=text[dl.start() : dl.end()] if dl else _dated_due(text),
                adopted_by=segment.instrument_iri if segment.doc_type != "Kế hoạch" else None,
                plan_label=_subject(segment) if segment.doc_type == "Công văn" else None,
                implements=implements,
            )
        )
    return out


def _dated_due(text: str) -> str | None:
    """The words of the first dated deadline of ``text`` in any printed form, or None."""
    due = next((d for d in deadlines.find_dues(text) if d.when is not None), None)
    return due.text if due else None


def _subject(segment: Segment) -> str | None:
    """A letter's subject line without its ``V/v`` (the label of what it assigns)."""
    for _k, line in segment.numbered():
        text = plain(line)
        if fold(text).startswith("v/v"):
            subject = text[3:].strip(" .")
            return subject[:1].upper() + subject[1:]
    return None


def _from_item(segment: Segment, item: Item) -> Assignment:
    """An organisation-section item as an assignment (emitted only if it names who acts)."""
    head = item.head
    low = folded(head)
    coop_texts = [c for text in item.texts for c in cooperating_phrases(text)]
    proposal = re.search(r"chu dong thong bao, trao doi de (.+?) nghien cuu", low)
    if low.startswith("de nghi "):
        lead = phrase_before_verb(head[len("Đề nghị ") :])
    elif proposal:  # "…, A chủ động thông báo, trao đổi để B nghiên cứu, tổng hợp báo cáo …"
        lead = head[proposal.start(1) : proposal.end(1)]
        subject_at = low.rfind(", cac ", 0, proposal.start())
        if subject_at >= 0:
            coop_texts.append(head[subject_at + 2 : proposal.start()].strip())
    else:
        lead = phrase_before_verb(head)
    return Assignment(
        plan_number=segment.plan_number or "",
        code=f"TC-{item.path}",
        label=item.label,
        start=item.start,
        end=item.end,
        lead=[(lead, item.start)],
        cooperating=[(c, item.start) for c in coop_texts],
        section=item.path,
        period=appendix_period(segment),
        requires_agent=True,
    )


def _headings(segment: Segment) -> list[Fact]:
    """Section-II headings of a plan as task groups ``II.1`` … under a group ``II``."""
    out: list[Fact] = []
    ocr = bool(segment.meta.get("ocr"))

    def group(code: str, title: str, start: int, end: int, parent: str | None) -> Assignment:
        return Assignment(
            plan_number=segment.plan_number or "",
            code=code,
            label=title,
            start=start,
            end=end,
            section=code,
            group=True,
            alt_label=repair(title) if ocr else None,
            restored_label=restored(title) if ocr else None,
            parent_code=parent,
        )

    for roman, title, line in roman_headings(segment):
        if roman == "II":
            out.append(group("II", title, line, line, None))
            break
    if not out:
        return out
    for roman, no, title, start, end in section_headings(segment, ARABIC_HEADING):
        if roman == "II":
            out.append(group(f"II.{no}", title, start, end, "II"))
    return out


def restored(title: str) -> str | None:
    """An OCR'd heading with its diacritics restored from known words, in the case printed."""
    from loaders.restore import restore

    text = restore(repair(title))
    if text is None:
        return None
    if title.isupper():
        return text.upper()
    return text[:1].upper() + text[1:]


def _truncation(segment: Segment) -> Truncated | None:
    """A document whose last line stops mid-sentence, outside a table and signature."""
    src = segment.source
    last = segment.end
    while last > segment.start and not src.line(last).strip():
        last -= 1
    text = src.line(last).rstrip()
    if "\t" in text or re.search(r"[.;:!?)…/\-]$", text) or PERSON_NAME.match(plain(text)):
        return None
    heads = [h for h in section_headings(segment, ARABIC_HEADING) if h[3] <= last]
    where = f" in section {heads[-1][0]}.{heads[-1][1]}" if heads else ""
    return Truncated(
        last,
        f"{segment.number}: the text stops mid-sentence{where}; what follows is missing",
    )
