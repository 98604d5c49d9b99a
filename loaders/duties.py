"""Part loader "duties": who reports what to whom, how often, by which day.

Read from the organisation section of a decision or resolution (the items of
``sections.organisation_items``). Each item is cut into clauses at ``;`` and again before
``và hàng năm`` / ``và định kỳ`` and ``để``; a clause is a reporting duty when it
reports (``báo cáo``, ``gửi báo cáo``, ``cung cấp … số liệu``) and says how often or by
when (``định kỳ 6 tháng`` → SemiAnnual, ``hàng năm``/``hằng năm`` → Annual, ``định kỳ``
alone → periodic with no stated frequency, ``trước ngày 15 tháng 11`` → ``--11-15``).

- reporter: the body the clause names before ``tổng hợp, báo cáo`` (``để Bộ Ngoại giao
  tổng hợp, báo cáo …``); in a bare ``để tổng hợp, báo cáo …`` the body the previous
  clause reported to; otherwise the item's lead (its subject).
- reportsTo: the body after ``cho`` (``gửi báo cáo … cho Bộ …``, ``cung cấp cho …``) or
  after ``báo cáo`` (``báo cáo Thủ tướng Chính phủ``).
- a ``để …`` clause takes the frequency of the clause it serves (MOFA sums up the annual
  reports and reports to the Prime Minister: annual).
- the same duty stated twice in one plan (402 III.1.a and III.1.i both have MOFA report to
  the Prime Minister every year) is kept once, where first stated.

Appendix rows that restate a duty (402 rows 2.1, 2.2; 225 row IV.5, which repeats III.4's
report before 15 November) stay tasks of the table; no second duty is made from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from migkg import iris
from migkg.loaders.base import EmitContext, Fact, Segment
from migkg.loaders.instruments import folded
from migkg.loaders.prose import phrase_before_verb
from migkg.loaders.sections import Item, organisation_items
from migkg.namespaces import MKG
from migkg.text import squash_spaces

KINDS: tuple[str, ...] = ("instrument",)

_CUT = re.compile(r"\s+(?=(?:và|va) (?:hàng năm|hằng năm|định kỳ)\b)|\s+(?=để\s)")
_REPORTS = re.compile(r"\bbao cao\b|cung cap\b[^;]*\bso lieu")
_DUE = re.compile(r"truoc ngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?")
_TO_AFTER_CHO = re.compile(r"(?:cung cap|gui)\b[^;]*?\bcho (?=\S)")
_TO_AFTER_BAO_CAO = re.compile(r"\bbao cao (?=(?:thu tuong|chinh phu|bo |uy ban|ban ))")
_STOP = re.compile(r"\s(?:so lieu|ket qua|xem xet|truoc ngay|de|ve|thuc hien)\b|[.;,]|$")
_SUMS_UP = re.compile(r"^(?:va\s+)?de\s+(.*?)\s*tong hop,? bao cao")
_CONTENT = (
    re.compile(r"cung cap cho .+? (so lieu [^.;]+?)(?= va |[.;]|$)"),
    re.compile(r"gui (bao cao [^.;]+?) cho "),
    re.compile(r"bao cao (?:thu tuong chinh phu|chinh phu) "
               r"((?:ket qua|tinh hinh) [^.;]+?)(?=[.;]|$)"),
    re.compile(r"tong hop (tinh hinh [^.;]+?)(?= va |[.;]|$)"),
)  # fmt: skip


@dataclass
class Duty:
    """One reporting duty of a plan, with the phrases naming its bodies."""

    plan_number: str
    key: str
    label: str
    start: int
    end: int
    reporter: list[str] = field(default_factory=list)
    reports_to: str | None = None
    content: str | None = None
    recurrence: str | None = None
    due: tuple[int, int] | None = None
    due_year: int | None = None
    section: str | None = None

    @property
    def iri(self) -> URIRef:
        return iris.resource("duty", iris.slug(self.plan_number), self.key)

    def emit(self, ctx: EmitContext) -> None:
        """Write the duty with its bodies, content, frequency, due day and provenance."""
        duty = self.iri
        ctx.add(duty, RDF.type, MKG.ReportingDuty)
        ctx.add(duty, RDFS.label, Literal(self.label, lang="vi"))
        ctx.add(duty, MKG.dutyOf, iris.plan(self.plan_number))
        if self.section:
            ctx.add(duty, MKG.fromSection, Literal(self.section))
        for phrase in self.reporter:
            for agency in ctx.agencies(phrase, self.start):
                ctx.add(duty, MKG.reporter, agency)
        if self.reports_to:
            for agency in ctx.agencies(self.reports_to, self.start):
                ctx.add(duty, MKG.reportsTo, agency)
        if self.content:
            ctx.add(duty, MKG.reportContent, Literal(self.content, lang="vi"))
        if self.recurrence:
            ctx.add(duty, MKG.recurrence, MKG[self.recurrence])
        if self.due:
            month, day = self.due
            if self.due_year:
                value = f"{self.due_year:04d}-{month:02d}-{day:02d}"
                ctx.add(duty, MKG.dueDate, Literal(value, datatype=XSD.date))
            else:
                value = f"--{month:02d}-{day:02d}"
                ctx.add(duty, MKG.dueMonthDay, Literal(value, datatype=XSD.gMonthDay))
        ctx.provenance(duty, self.start, self.end)


def parse(segment: Segment) -> list[Fact]:
    """The reporting duties stated in the organisation section of ``segment``."""
    if segment.kind != "instrument" or not segment.plan_number:
        return []
    duties: list[Fact] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    for item in organisation_items(segment):
        for duty in _duties_of(segment.plan_number, item):
            key = (folded(" ".join(duty.reporter)), folded(duty.reports_to or ""), duty.recurrence)
            if key in seen:
                continue
            seen.add(key)
            duties.append(duty)
    return duties


def _clauses(item: Item) -> list[str]:
    out: list[str] = []
    for text in item.texts:
        for part in text.lstrip("- ").split(";"):
            out += [c.strip(" ,.") for c in _CUT.split(part) if c.strip(" ,.")]
    return out


def _duties_of(plan_number: str, item: Item) -> list[Duty]:
    subject = phrase_before_verb(item.head)
    out: list[Duty] = []
    previous: Duty | None = None
    clauses = _clauses(item)
    for i, clause in enumerate(clauses):
        low = folded(clause)
        if not _REPORTS.search(low):
            continue
        recurrence, periodic = _recurrence(low)
        due = _DUE.search(low)
        sums_up = _SUMS_UP.match(low)
        if sums_up and previous is not None and not (recurrence or periodic or due):
            recurrence, periodic = previous.recurrence, True
        if not (recurrence or periodic or due):
            continue
        reporter, content = [subject], _content(clause, low)
        if sums_up:  # it sums up what the previous clause had reported to it
            named = clause[sums_up.start(1) : sums_up.end(1)].strip()
            reporter = [named or (previous.reports_to if previous else None) or ""]
            content = content or (previous.content if previous else None)
        elif content is None and i and low.startswith("va "):
            # "tổng hợp tình hình … và định kỳ hàng năm báo cáo …": the content is before "và"
            content = _content(clauses[i - 1], folded(clauses[i - 1]))
        duty = Duty(
            plan_number=plan_number,
            key=f"{item.path}-{len(out) + 1}",
            label=re.sub(r"^(?:và|va)\s+", "", clause),
            start=item.start,
            end=item.end,
            reporter=[r for r in reporter if r],
            reports_to=_reports_to(clause, low),
            content=content,
            recurrence=recurrence,
            due=(int(due.group(2)), int(due.group(1))) if due else None,
            due_year=int(due.group(3)) if due and due.group(3) else None,
            section=item.path,
        )
        out.append(duty)
        previous = duty
    return out


def _recurrence(low: str) -> tuple[str | None, bool]:
    """The frequency a clause states, and whether it says ``định kỳ`` at all."""
    if re.search(r"\b6 thang\b", low):
        return "SemiAnnual", True
    if re.search(r"\bhang nam\b", low):
        return "Annual", True
    if re.search(r"\b2 nam\b", low):
        return "Biennial", True
    return None, "dinh ky" in low


def _reports_to(clause: str, low: str) -> str | None:
    m = _TO_AFTER_CHO.search(low) or _TO_AFTER_BAO_CAO.search(low)
    if not m:
        return None
    stop = _STOP.search(low, m.end())
    end = stop.start() if stop else len(low)
    return squash_spaces(clause[m.end() : end]) or None


def _content(clause: str, low: str) -> str | None:
    for pattern in _CONTENT:
        m = pattern.search(low)
        if m:
            return squash_spaces(clause[m.start(1) : m.end(1)])
    return None
