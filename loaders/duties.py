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

from loaders.assignments import addressees, body_phrase, charges_in, names_body
from loaders.base import EmitContext, Fact, Segment
from loaders.deadlines import find_dues
from loaders.paragraphs import Paragraph, paragraphs
from loaders.prose import phrase_before_verb, unnumbered_plan
from loaders.sections import Item, organisation_items
from migkg import iris
from migkg.namespaces import MKG
from migkg.text import folded, squash_spaces

KINDS: tuple[str, ...] = ("instrument",)

_CUT = re.compile(r"\s+(?=(?:và|va) (?:hàng năm|hằng năm|định kỳ)\b)|\s+(?=để\s)")
_REPORTS = re.compile(r"\bbao cao\b|cung cap\b[^;]*\bso lieu")
# a prose request for a report or an opinion: "có ý kiến trình Thủ tướng", "gửi ý kiến về"
_ASKED = re.compile(r"\bbao cao\b|\by kien\b[^;]*\b(?:trinh|gui)\b|\btrinh (?=thu tuong|chinh phu)")
_TO_AFTER_TRINH = re.compile(r"\btrinh (?=(?:thu tuong|chinh phu|bo |uy ban|ubnd|hoi dong))")
_DUE = re.compile(r"truoc ngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?")
_TO_AFTER_CHO = re.compile(r"(?:cung cap|gui)\b[^;]*?\bcho (?=\S)")
_TO_AFTER_BAO_CAO = re.compile(r"\bbao cao (?=(?:thu tuong|chinh phu|bo |uy ban|ban ))")
# in prose also "báo cáo UBND tỉnh", "báo cáo Chủ tịch UBND tỉnh"
# and "báo cáo xin ý kiến Thủ tướng Chính phủ"
_TO_AFTER_BAO_CAO_PROSE = re.compile(
    r"\bbao cao (?:xin y kien )?(?=(?:thu tuong|chinh phu|bo |uy ban|ban |ubnd|chu tich|"
    r"hoi dong|van phong|so (?!ket|bo|lieu)))"
)
# "báo cáo kết quả về UBND tỉnh", "gửi về Ủy ban Dân tộc": "về" before a body
_TO_AFTER_VE = re.compile(
    r"\b(?:bao cao|gui)\b[^;]*?\bve (?=(?:uy ban|ubnd|so |bo |ban |van phong|thu tuong|chinh phu))"
)
_STOP = re.compile(
    r"\s(?:so lieu|ket qua|tinh hinh|xem xet|truoc ngay|de|ve|thuc hien|dinh ky|hang nam|hang quy|"
    r"theo|chinh xac|day du|kip thoi|cham nhat|trong (?:thang|nam|quy|tuan|ngay|thoi gian))\b|"
    r"\s*\(|[.;,]|$"
)
# "định kỳ 6 tháng", "6 tháng một lần", "báo cáo 6 tháng và năm": a frequency, not a span
# ("sau 6 tháng thực hiện Nghị định" is when, not how often)
_SEMIANNUAL = re.compile(
    r"\b(?:dinh ky|hang|moi|bao cao|so ket)\s+0?6 thang\b|\b0?6 thang\s*(?:/|mot|1)\s*lan\b|"
    r"\b0?6 thang (?:va|,)\s*(?:hang |ca |cuoi )?nam\b"
)
# "định kỳ 2 năm/lần" ("quý 2 năm 2011" is a quarter)
_BIENNIAL = re.compile(
    r"\b(?:dinh ky|moi)\s+(?:0?2|hai) nam\b|\b(?:0?2|hai) nam\s*(?:/|mot|1)\s*lan\b"
)
# a sentence ends at a full stop, also where the next one is run onto it ("công vụ.Các ý kiến")
_SENTENCES = re.compile(
    r";\s+|\.\s+(?=[A-ZĐÀ-Ỹ])|(?<=[a-zà-ỹ)])\.(?=[A-ZĐÀ-Ỹ][a-zà-ỹ])|\s+(?=để\s)"
)
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
    via: str | None = None
    content: str | None = None
    recurrence: str | None = None
    due: tuple[int, int] | None = None
    due_year: int | None = None
    section: str | None = None
    each_reporter: bool = False

    @property
    def iri(self) -> URIRef:
        return iris.resource("duty", iris.slug(self.plan_number), self.key)

    def emit(self, ctx: EmitContext) -> None:
        """Write the duty with its bodies, content, frequency, due day and provenance.

        A duty read from prose that names several reporters is one duty per reporter
        (each owes its own report); a duty of an organisation section stays one.
        """
        prov = _province(ctx)
        reporters: list[URIRef] = []
        for phrase in self.reporter:
            found = ctx.agencies(phrase, self.start, province=prov)
            reporters += [a for a in found if a not in reporters]
        if self.each_reporter and len(reporters) > 1:
            for k, agency in enumerate(reporters, 1):
                self._write(
                    ctx,
                    iris.resource("duty", iris.slug(self.plan_number), f"{self.key}-{k}"),
                    [agency],
                )
            return
        self._write(ctx, self.iri, reporters)

    def _write(self, ctx: EmitContext, duty: URIRef, reporters: list[URIRef]) -> None:
        prov = _province(ctx)
        ctx.add(duty, RDF.type, MKG.ReportingDuty)
        ctx.add(duty, RDFS.label, Literal(self.label, lang="vi"))
        ctx.add(duty, MKG.dutyOf, iris.plan(self.plan_number))
        if self.section:
            ctx.add(duty, MKG.fromSection, Literal(self.section))
        for agency in reporters:
            ctx.add(duty, MKG.reporter, agency)
        if self.reports_to:
            for agency in ctx.agencies(self.reports_to, self.start, province=prov):
                ctx.add(duty, MKG.reportsTo, agency)
        if self.via:
            for agency in ctx.agencies(self.via, self.start, province=prov):
                ctx.add(duty, MKG.reportsVia, agency)
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


def _province(ctx: EmitContext) -> str | None:
    province = ctx.segment.meta.get("province")
    return province if isinstance(province, str) else None


def parse(segment: Segment) -> list[Fact]:
    """The reporting duties stated in ``segment``: its organisation section, then its prose."""
    if segment.kind != "instrument":
        return []
    if not segment.plan_number:  # a document whose number is not printed (or not read)
        return list(prose_duties(segment, set(), unnumbered_plan(segment)))
    duties: list[Fact] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    taken: set[int] = set()
    for item in organisation_items(segment):
        taken.update(range(item.start, item.end + 1))
        for duty in _duties_of(segment.plan_number, item):
            key = (folded(" ".join(duty.reporter)), folded(duty.reports_to or ""), duty.recurrence)
            if key in seen:
                continue
            seen.add(key)
            duties.append(duty)
    duties += prose_duties(segment, taken)
    return duties


def prose_duties(
    segment: Segment,
    taken: set[int],
    plan_number: str | None = None,
    span: tuple[int, int] | None = None,
) -> list[Duty]:
    """Duties stated in the body's other sentences, with a named reporter.

    The reporter is the body a paragraph charges ("giao X …", "đề nghị X …", "1. Sở X:
    … báo cáo …"), or the one the paragraph just before charged ("… đề nghị các bộ xây
    dựng báo cáo. Báo cáo … gửi về Ủy ban Dân tộc trước ngày …"). A clause is a duty when
    it names whom it reports to and says by when or how often.
    """
    marks = [segment.meta.get(k) for k in ("number_line", "type_line")]
    first = max([m + 1 for m in marks if isinstance(m, int)], default=segment.start)
    first, end = span or (first, segment.end)
    plan = plan_number or segment.plan_number or ""
    out: list[Duty] = []
    last: list[str] = []
    every = paragraphs(segment.source.numbered(first, end))
    addressed = addressees(every)  # "Quý Cơ quan", and names the text runs together
    for p in every:
        if taken.intersection(range(p.start, p.end + 1)):
            continue
        named = [m.text for c in charges_in(p, addressed) for m in c.lead + c.responsible]
        if not named and p.kind in ("item", "point"):  # "3. UBND các huyện tăng cường …"
            subject = body_phrase(p.text)
            named = [subject] if names_body(subject) and len(subject) < len(p.text) else []
        if not named and p.kind != "dash" and last and p.kind != "paragraph":
            last = []
        reporter = named or last
        last = named or last
        for clause in _SENTENCES.split(p.text):
            duty = _prose_duty(plan, p, clause, reporter, len(out))
            if duty is not None:
                out.append(duty)
    return out


def _prose_duty(
    plan_number: str, p: Paragraph, clause: str, reporter: list[str], n: int
) -> Duty | None:
    low = folded(clause)
    if not reporter or not _ASKED.search(low):
        return None
    recurrence, periodic = _recurrence(low)
    dues = find_dues(clause)
    to = _first_recipient(clause, low)
    if to is None or not (dues or recurrence or periodic):
        return None
    due = dues[0] if dues else None
    when = due.when if due else None
    month_day = (when.month, when.day) if when else (due.month_day if due else None)
    return Duty(
        plan_number=plan_number,
        key=f"{p.path or 'p'}-r{n + 1}",
        label=squash_spaces(clause.strip(" .")),
        start=p.start,
        end=p.end,
        reporter=reporter,
        reports_to=to,
        via=_via(clause),
        recurrence=recurrence or ("OneOff" if when else None),
        due=month_day,
        due_year=when.year if when else None,
        section=p.path or None,
        each_reporter=True,
    )


def _first_recipient(clause: str, low: str) -> str | None:
    """The body the clause first says it reports to (after "cho", "báo cáo", "về")."""
    found = [
        p.search(low)
        for p in (_TO_AFTER_CHO, _TO_AFTER_BAO_CAO_PROSE, _TO_AFTER_VE, _TO_AFTER_TRINH)
    ]
    m = min((f for f in found if f), key=lambda f: f.end(), default=None)
    if m is None:
        return None
    stop = _STOP.search(low, m.end())
    end = stop.start() if stop else len(low)
    return squash_spaces(clause[m.end() : end]) or None


def _via(clause: str) -> str | None:
    """The body a report goes through: "(qua Sở Ngoại vụ)"."""
    m = re.search(r"\((?:qua|thông qua|thong qua)\s+([^()]+)\)", clause)
    return m.group(1).strip() if m else None


def _clauses(item: Item) -> list[str]:
    out: list[str] = []
    for text in item.texts:
        for part in text.lstrip("- ").split(";"):
            out += [c.strip(" ,.") for c in _CUT.split(part) if c.strip(" ,.")]
    return out


def _duties_of(plan_number: str, item: Item) -> list[Duty]:
    subject = phrase_before_verb(item.head)
    named = body_phrase(item.head)  # also stops at "là cơ quan đầu mối" under a bare heading
    if named and names_body(named) and len(named) < len(subject):
        subject = named
    out: list[Duty] = []
    previous: Duty | None = None
    clauses = _clauses(item)
    for i, clause in enumerate(clauses):
        low = folded(clause)
        if not _REPORTS.search(low):
            continue
        recurrence, periodic = _recurrence(low)
        due = _due_of(clause, low)
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
            via=_via(clause),
            content=content,
            recurrence=recurrence,
            due=due[0] if due else None,
            due_year=due[1] if due else None,
            section=item.path,
        )
        out.append(duty)
        previous = duty
    return out


def _due_of(clause: str, low: str) -> tuple[tuple[int, int], int | None] | None:
    """((month, day), year or None) of the clause's due day, however it is printed."""
    m = _DUE.search(low)
    if m:
        return (int(m.group(2)), int(m.group(1))), int(m.group(3)) if m.group(3) else None
    for due in find_dues(clause):
        if due.when is not None:
            return (due.when.month, due.when.day), due.when.year
        if due.month_day is not None:
            return due.month_day, None
    return None


def _recurrence(low: str) -> tuple[str | None, bool]:
    """The frequency a clause states, and whether it says ``định kỳ`` at all."""
    if _SEMIANNUAL.search(low):
        return "SemiAnnual", True
    if re.search(r"\bhang nam\b", low):
        return "Annual", True
    if _BIENNIAL.search(low):
        return "Biennial", True
    return None, "dinh ky" in low


def _reports_to(clause: str, low: str) -> str | None:
    m = _TO_AFTER_CHO.search(low) or _TO_AFTER_BAO_CAO.search(low) or _TO_AFTER_VE.search(low)
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
