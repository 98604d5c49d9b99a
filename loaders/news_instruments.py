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
from rdflib.namespace import RDF, XSD

from migkg import iris
from migkg.loaders import news_extract as X
from migkg.loaders.assignments import Charge, body_phrase, extract, names_body
from migkg.loaders.base import EmitContext
from migkg.loaders.charges import ChargeFact
from migkg.loaders.instruments import InstrumentMention, find_instruments, instrument_triples
from migkg.loaders.news_body import Paragraph
from migkg.namespaces import MKG
from migkg.text import fold

# Words saying a body issued (or signed) the instrument, before its name.
_ISSUED = re.compile(r"(?:ban hanh|da ky|ky ban hanh|ky|phe duyet|co)\s+(?:\S+\s+){0,3}$")
_SUBJECT_VERB = re.compile(r"\s(?:da\s+)?(?:ban hanh|ky|phe duyet|trien khai|co)\b")
_IMPLEMENTS = re.compile(r"(?:thuc hien|trien khai)(?: theo)?(?: \S+){0,2}\s*$")
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


def reported(paragraphs: list[Paragraph]) -> list[ReportedInstrument]:
    """The instruments the article's sentences report issuing, first statement of each."""
    out: list[ReportedInstrument] = []
    seen: set[URIRef] = set()
    for s in X.sentences(paragraphs):
        found = _reported_in(s.text, s.line)
        if found is not None and found.mention.iri not in seen:
            seen.add(found.mention.iri)
            out.append(found)
    if len(out) == 1 and out[0].mention.number:
        lines = [(p.line, p.text) for p in paragraphs]
        out[0].charges = extract(lines)
    return out


def _reported_in(text: str, line: int) -> ReportedInstrument | None:
    key = fold(text)
    mentions = [m for m in find_instruments(text) if m.kind == "numbered" and m.number]
    for m in mentions:
        before = key[: m.start]
        in_brackets = before.rfind("(") > before.rfind(")") and m.issued is not None
        if not (_ISSUED.search(before) or in_brackets):
            continue
        issuer = _issuer(text)
        opening = _OPENING_DAY.match(text)
        issued = m.issued
        if issued is None and opening:
            try:
                issued = date(int(opening.group(3)), int(opening.group(2)), int(opening.group(1)))
            except ValueError:
                issued = None
        implements = [
            x
            for x in find_instruments(text)
            if x.start >= m.end and x.iri != m.iri and _IMPLEMENTS.search(key[: x.start])
        ]
        return ReportedInstrument(m, line, issued, issuer, implements)
    return None


def _issuer(text: str) -> str | None:
    """The body the sentence opens with, before its verb (after "Ngày …," and "tại …,")."""
    rest = text[_OPENING.match(text).end() :]  # type: ignore[union-attr]
    verb = _SUBJECT_VERB.search(fold(rest))
    if verb is None:
        return None
    subject = rest[: verb.start()].strip(" ,")
    return body_phrase(subject) if names_body(subject) else None
