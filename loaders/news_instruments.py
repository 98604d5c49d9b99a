"""The instruments a news page reports, and whom they task.

A page that says "Ngày 8/7/2020, UBND tỉnh ban hành kế hoạch số 389/KH-UBND về việc
triển khai …" or "UBND tỉnh triển khai … (Kế hoạch số 130/KH-UBND, ngày 04/8/2020)"
reports an instrument: its number and type as printed, its date (beside the number, or
the day the sentence opens with), its issuer (the body the sentence opens with, placed in
the page's province), what it implements (an instrument named after "thực hiện" /
"triển khai" in the same sentence). The charges the page quotes from it ("giao Văn phòng
… là cơ quan đầu mối") are tasks of its plan, read as in any document (``assignments``).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from loaders import news_extract as X
from loaders.assignments import Charge, body_phrase, extract, names_body
from loaders.base import EmitContext, Fact, Segment
from loaders.charges import ChargeFact
from loaders.duties import prose_duties
from loaders.instruments import InstrumentMention, find_instruments, instrument_triples
from loaders.news_body import Paragraph
from migkg import iris
from migkg.namespaces import MKG
from migkg.text import fold

# Words saying a body issued (or signed) the instrument, before its name.
_ISSUED = re.compile(
    r"(?:(?:ban hanh|da ky|ky ban hanh|ky|phe duyet)\s+(?:\S+\s+){0,3}|\bco\s+|\bgui\s+)$"
)
_SUBJECT_VERB = re.compile(
    r"\s(?:(?:da|vua|moi|cung|da vua)\s+)*(?:ban hanh|ky|phe duyet|trien khai|co)\b"
)
_IMPLEMENTS = re.compile(r"(?:thuc hien|trien khai|cu the hoa)(?: theo)?(?: \S+){0,2}\s*$")
# What joins the instruments of one list ("Nghị quyết số 36-NQ/TW, Chỉ thị số 45-CT/TW và
# Kết luận số 12-KL/TW"): a comma or "và", maybe after the date and the issuer of the last.
_LISTED = re.compile(r"^(?:\s*ngay \S+)?(?:\s*cua [^,;.()]{1,60}?)?\s*(?:,\s*(?:va\s+)?|va\s+)$")
# A sentence that goes on to tell what the reported instrument says ("Theo đó, …").
_CONTENT = re.compile(r"^\s*theo do\b")
# A sentence that only says what the next one's instrument is for ("Nhằm tiếp tục đẩy mạnh
# triển khai thực hiện Nghị quyết số 36-NQ/TW, … . Ngày 19/03/2024, UBND tỉnh ban hành …").
_PURPOSE = re.compile(r"^\s*(?:nham|de)\b")
_OPENING_DAY = re.compile(r"^\s*(?:date \S+\s+)?Ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_OPENING = re.compile(r"^\s*(?:date \S+\s+)?(?:Ngày\s+[\d/]+\s*,\s*)?(?:tại\s+[^,]+,\s*)?")


@dataclass
class ReportedInstrument:
    """An instrument a news page reports, with the words that state its facts."""

    mention: InstrumentMention
    line: int
    issued: date | None = None
    issuer: str | None = None
    implements: list[InstrumentMention] = field(default_factory=list)
    refers: list[InstrumentMention] = field(default_factory=list)
    charges: list[Charge] = field(default_factory=list)

    def emit(self, ctx: EmitContext) -> None:
        """Write the instrument, its date, issuer, what it implements, and its charges."""
        m = self.mention
        for triple in instrument_triples(m):
            ctx.add(*triple)
        if self.issued is not None and m.issued is None:
            ctx.add(m.iri, MKG.dateIssued, Literal(self.issued.isoformat(), datatype=XSD.date))
        province = ctx.segment.meta.get("province")
        prov = province if isinstance(province, str) else None
        if self.issuer:
            for agency in ctx.agencies(self.issuer, self.line, province=prov):
                ctx.add(m.iri, MKG.issuedBy, agency)
        for target in self.implements:
            for triple in instrument_triples(target):
                ctx.add(*triple)
            ctx.add(m.iri, MKG.implements, target.iri)
        for target in self.refers:
            if target.iri == m.iri:
                continue
            for triple in instrument_triples(target):
                ctx.add(*triple)
            ctx.add(m.iri, MKG.refersTo, target.iri)
        stem = iris.slug(ctx.source.stem)
        node = iris.resource("mention", stem, str(self.line), iris.slug(m.text))
        ctx.add(node, RDF.type, MKG.Mention)
        ctx.add(node, MKG.mentionText, Literal(m.text, lang="vi"))
        ctx.add(node, MKG.resolvedTo, m.iri)
        ctx.provenance(node, self.line)
        if not m.number:
            return
        plan_adopted = None if m.doc_type == "Kế hoạch" else m.iri
        page = f"{zlib.crc32(ctx.source.stem.encode()):08x}"  # the page, short and stable
        for k, charge in enumerate(self.charges, 1):
            code = f"TC-news{page}.{k}"
            ChargeFact(charge, m.number, code, instrument=m.iri, adopted_by=plan_adopted).emit(ctx)


@dataclass
class PageCharges:
    """Charges a page quotes from a document it does not number (or from several)."""

    charges: list[Charge]

    def emit(self, ctx: EmitContext) -> None:
        """Write them as tasks of a plan named after the page, labelled as such."""
        name = ctx.source.path.name
        plan_key = page_plan(ctx.segment)
        plan = iris.plan(plan_key)
        ctx.add(plan, RDF.type, MKG.Plan)
        ctx.add(plan, RDFS.label, Literal(f"Nhiệm vụ được giao nêu tại {name}", lang="vi"))
        ctx.add(plan, RDFS.label, Literal(f"Assignments reported by {name}", lang="en"))
        for k, charge in enumerate(self.charges, 1):
            ChargeFact(charge, plan_key, f"TC-{k}").emit(ctx)


def reported(segment: Segment, paragraphs: list[Paragraph]) -> list[Fact]:
    """The instruments the article's sentences report issuing (first statement of each),
    with the charges the article quotes: those of the one instrument it numbers, else
    those of the page."""
    out: list[ReportedInstrument] = []
    seen: set[URIRef] = set()
    purpose: list[InstrumentMention] = []
    for s in X.sentences(paragraphs):
        if _PURPOSE.match(fold(s.text)) and _reported_in(s.text, s.line) is None:
            purpose = _implemented(s.text, fold(s.text), None)
            continue
        found = _reported_in(s.text, s.line)
        if found is not None and found.mention.iri not in seen:
            seen.add(found.mention.iri)
            found.implements += [x for x in purpose if x.iri != found.mention.iri]
            out.append(found)
        elif out and _CONTENT.match(fold(s.text)):
            # the page goes on with the last reported instrument's words: what it cites
            out[-1].refers += [
                m for m in find_instruments(s.text) if m.kind == "numbered" and m.number
            ]
        purpose = []
    first, last = _letter_span(segment, paragraphs[0].line, paragraphs[-1].line)
    charges = extract(segment.source.numbered(first, last), subjects=bool(out))
    facts: list[Fact] = list(out)
    if len(out) == 1 and out[0].mention.number:
        out[0].charges = charges
        plan = out[0].mention.number
    else:
        plan = page_plan(segment)
        if charges:
            facts.append(PageCharges(charges))
    facts += prose_duties(segment, set(), plan, (first, last))
    return facts


# a page reporting a plan it does not number: "ban hành (và triển khai) kế hoạch thực hiện …"
_PLAN_ISSUED = re.compile(r"\b(?:ban hanh|trien khai)\b(?: \S+){0,3}? ke hoach (?=thuc hien\b)")


@dataclass
class PagePlan:
    """A plan a page reports issuing without its number, and what it implements."""

    line: int
    implements: list[InstrumentMention]

    def emit(self, ctx: EmitContext) -> None:
        """Write the plan (named after the page) and its links to what it carries out."""
        name = ctx.source.path.name
        plan = iris.plan(page_plan(ctx.segment))
        ctx.add(plan, RDF.type, MKG.Plan)
        ctx.add(plan, RDFS.label, Literal(f"Kế hoạch nêu tại {name}", lang="vi"))
        ctx.add(plan, RDFS.label, Literal(f"Plan reported by {name}", lang="en"))
        ctx.provenance(plan, self.line)
        for target in self.implements:
            for triple in instrument_triples(target):
                ctx.add(*triple)
            ctx.add(plan, MKG.implements, target.iri)


def unnumbered_plan(lines: list[tuple[int, str]]) -> list[Fact]:
    """The plan the first line that reports issuing one names, on a page that reports no
    numbered instrument ("Ngày 19 tháng 6, thành phố … ban hành và triển khai kế hoạch thực
    hiện Quyết định số 402 của Thủ tướng Chính phủ …"): lede and headline lines count."""
    for n, text in lines:
        key = fold(text)
        issued = _PLAN_ISSUED.search(key)
        if issued is None:
            continue
        # the instrument right after "kế hoạch thực hiện" (not one a later clause names)
        after = [x for x in find_instruments(text) if x.start >= issued.end() and x.number]
        if after and len(key[issued.end() : after[0].start].split()) <= 3:
            return [PagePlan(n, after[:1])]
    return []


def page_plan(segment: Segment) -> str:
    """The key of the plan a page's charges are written under when it numbers none."""
    return f"news-{iris.slug(segment.source.stem)}"


# Lines of a letter quoted on a page that are not full sentences: its numbered items and
# dashes ("1. Giao Sở X:", "2. Giao … tiếp tục" cut off by the page), a line ending in ":".
_STRUCTURE = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-zđ]\)|[-–+•])\s+\S|.*:\s*$")


def _letter_span(segment: Segment, first: int, last: int) -> tuple[int, int]:
    """The article's lines, widened over the items and dashes of a letter it quotes."""
    src = segment.source
    while first > segment.start and (
        not src.line(first - 1).strip() or _STRUCTURE.match(src.line(first - 1))
    ):
        first -= 1
    while last < segment.end and (
        not src.line(last + 1).strip() or _STRUCTURE.match(src.line(last + 1))
    ):
        last += 1
    return first, last


def _reported_in(text: str, line: int) -> ReportedInstrument | None:
    key = fold(text)
    mentions = [m for m in find_instruments(text) if m.kind == "numbered" and m.number]
    for m in mentions:
        before = key[: m.start]
        in_brackets = before.rfind("(") > before.rfind(")") and m.issued is not None
        if not (_ISSUED.search(before) or in_brackets):
            continue
        issuer = _issuer(text, m.start)
        opening = _OPENING_DAY.match(text)
        issued = m.issued
        if issued is None and opening:
            try:
                issued = date(int(opening.group(3)), int(opening.group(2)), int(opening.group(1)))
            except ValueError:
                issued = None
        implements = _implemented(text, key, m)
        return ReportedInstrument(m, line, issued, issuer, implements)
    return None


def _implemented(text: str, key: str, m: InstrumentMention | None) -> list[InstrumentMention]:
    """The instruments ``m`` implements: each named after "thực hiện" / "triển khai" /
    "cụ thể hóa" in its sentence (after it, or in the clause that opens the sentence: "Nhằm
    cụ thể hóa Nghị quyết số …, UBND tỉnh đã ban hành Kế hoạch số …"), with those listed
    beside one ("…, Chỉ thị số 45-CT/TW và Kết luận số 12-KL/TW")."""
    out: list[InstrumentMention] = []
    last: InstrumentMention | None = None
    for x in find_instruments(text):
        if m is not None and x.iri == m.iri:
            continue
        if _IMPLEMENTS.search(key[: x.start]) or (
            last is not None and _LISTED.match(key[last.end : x.start])
        ):
            out.append(x)
            last = x
        else:
            last = None
    return out


def _issuer(text: str, at: int) -> str | None:
    """The body named just before the verb that issues the instrument at ``at``
    ("…, ngày 23/6/2020, Ủy ban nhân dân tỉnh Khánh Hòa đã ban hành Công văn số …")."""
    rest = text[_OPENING.match(text).end() :]  # type: ignore[union-attr]
    offset = len(text) - len(rest)
    verbs = [v for v in _SUBJECT_VERB.finditer(fold(rest)) if v.start() + offset < at]
    if not verbs:
        return None
    before = rest[: verbs[-1].start()]
    subject = re.split(r",\s+|\.\s+", before)[-1].strip(" ,")
    return body_phrase(subject) if names_body(subject) else None
