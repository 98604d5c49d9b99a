"""The header of a document as a fact, and how it is written as RDF (see ``header``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from migkg import iris
from migkg.loaders.base import EmitContext, Segment
from migkg.loaders.instruments import (
    TYPES_EN,
    InstrumentMention,
    find_instruments,
    folded,
    instrument_triples,
    reference_instruments,
)
from migkg.loaders.link_facts import write_links
from migkg.loaders.links import Link, Proposal
from migkg.namespaces import MKG
from migkg.text import fold

_SELF_REFERENCE = re.compile(r"^\W*(?:ban hanh )?kem theo")


@dataclass
class Signer:
    """The name and role printed in the signature block."""

    name: str
    role: str
    line: int
    role_line: int


@dataclass
class Header:
    """Everything the header, preamble and signature of one document say."""

    segment: Segment
    number: str
    doc_type: str
    issuer: str | None = None
    issuer_line: int = 0
    issued: date | None = None
    place: str | None = None
    date_line: int | None = None
    title: str | None = None
    title_lines: tuple[int, int] | None = None
    subject: str | None = None
    subject_line: int | None = None
    addressees: list[tuple[str, int]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    signer: Signer | None = None

    @property
    def is_plan(self) -> bool:
        return self.doc_type == "Kế hoạch"

    @property
    def iri(self) -> URIRef:
        """``id:plan/<number>`` for a Kế hoạch, else ``id:instrument/<number>``."""
        return iris.plan(self.number) if self.is_plan else iris.instrument(self.number)

    @property
    def adopts_plan(self) -> bool:
        return not self.is_plan and "ke hoach" in fold(self.title or "")

    def emit(self, ctx: EmitContext) -> None:
        """Write the document, its plan, issuer, signer, bases and the instruments it names."""
        seg, doc = self.segment, self.iri
        province = seg.meta.get("province")
        prov = province if isinstance(province, str) else None
        ctx.add(doc, RDF.type, MKG.Plan if self.is_plan else MKG.Instrument)
        ctx.add(doc, MKG.number, Literal(self.number))
        ctx.add(doc, MKG.documentType, Literal(self.doc_type, lang="vi"))
        ctx.add(doc, RDFS.label, Literal(f"{self.doc_type} {self.number}", lang="vi"))
        if self.doc_type in TYPES_EN and self.number not in reference_instruments():
            ctx.add(doc, RDFS.label, Literal(f"{TYPES_EN[self.doc_type]} {self.number}", lang="en"))
        ctx.provenance(doc, seg.start, seg.end)
        if self.issued:
            ctx.add(doc, MKG.dateIssued, Literal(self.issued.isoformat(), datatype=XSD.date))
        if self.place:
            ctx.add(doc, MKG.placeIssued, Literal(self.place, lang="vi"))
        issuers = ctx.agencies(self.issuer, self.issuer_line, province=prov) if self.issuer else []
        for agency in issuers:
            ctx.add(doc, MKG.issuedBy, agency)
        if self.title:
            ctx.add(doc, MKG.title, Literal(self.title, lang="vi"))
        if self.subject:
            ctx.add(doc, MKG.subject, Literal(self.subject, lang="vi"))
        for text, line in self.addressees:
            for agency in ctx.agencies(text, line, province=prov):
                ctx.add(doc, MKG.addressee, agency)
        if self.signer:
            self._emit_signer(ctx, doc, issuers)
        targets = [doc]
        if self.adopts_plan:
            targets.append(self._emit_plan(ctx, doc))
        self._emit_named(ctx, doc)
        write_links(ctx, doc, targets, self.links, self.proposals, prov)

    def _emit_signer(self, ctx: EmitContext, doc: URIRef, issuers: list[URIRef]) -> None:
        assert self.signer is not None
        person = iris.resource("person", iris.slug(self.signer.name))
        ctx.add(person, RDF.type, MKG.Person)
        ctx.add(person, RDFS.label, Literal(self.signer.name))
        ctx.add(person, MKG.role, Literal(self.signer.role, lang="vi"))
        for agency in issuers:
            ctx.add(person, MKG.memberOf, agency)
        ctx.add(doc, MKG.signedBy, person)
        ctx.provenance(person, self.signer.role_line, self.signer.line)

    def _emit_plan(self, ctx: EmitContext, doc: URIRef) -> URIRef:
        plan = iris.plan(self.number)
        ctx.add(plan, RDF.type, MKG.Plan)
        ctx.add(plan, MKG.adoptedBy, doc)
        label = re.sub(r"^Ban hành\s+", "", self.title or "").strip()
        ctx.add(plan, RDFS.label, Literal(label[:1].upper() + label[1:], lang="vi"))
        en = TYPES_EN.get(self.doc_type, "Document")
        ctx.add(plan, RDFS.label, Literal(f"Plan adopted by {en} {self.number}", lang="en"))
        ctx.provenance(plan, self.segment.start, self.segment.end)
        return plan

    def _emit_named(self, ctx: EmitContext, doc: URIRef) -> None:
        """Resources for the instruments the segment names; prose mentions as refersTo."""
        seg = self.segment
        numbers = seg.meta.get("file_numbers") or [self.number]
        own = {iris.instrument(str(x)) for x in numbers} | {iris.plan(str(x)) for x in numbers}
        described: dict[URIRef, bool] = {}
        carried = 0  # how far into this line a mention begun on the line above reaches
        for k, line in seg.numbered():
            self_ref = bool(_SELF_REFERENCE.match(folded(line.strip())))
            prose = "\t" not in line and k != seg.meta.get("number_line")
            mentions, carried = _line_mentions(seg, k, line, carried)
            for m in mentions:
                if self_ref:
                    if m.number and m.number not in numbers and m.doc_type == self.doc_type:
                        ctx.report.warn(
                            seg.source.path, k,
                            f"the appendix names its document {m.number!r}: "
                            f"read as {self.number}",
                        )  # fmt: skip
                    continue
                if m.iri not in own:
                    self._describe(ctx, m, k, described)
                if prose and m.iri not in (iris.instrument(self.number), iris.plan(self.number)):
                    ctx.add(doc, MKG.refersTo, m.iri)
                    mention = iris.resource(
                        "mention", iris.slug(self.number), f"L{k}", str(m.start)
                    )
                    ctx.add(mention, RDF.type, MKG.Mention)
                    ctx.add(mention, MKG.mentionText, Literal(m.text))
                    ctx.add(mention, MKG.resolvedTo, m.iri)
                    ctx.add(mention, MKG.mentionedIn, doc)
                    ctx.provenance(mention, k)

    @staticmethod
    def _describe(
        ctx: EmitContext, m: InstrumentMention, line: int, described: dict[URIRef, bool]
    ) -> None:
        """Triples for an instrument at its first mention; a date from a later one."""
        if m.iri not in described:
            for s, p, o in instrument_triples(m):
                ctx.add(s, p, o)
            if (m.iri, MKG.sourceLineStart, None) not in ctx.graph:  # once per file
                ctx.provenance(m.iri, line)
            described[m.iri] = m.issued is not None
        elif not described[m.iri] and m.issued is not None and m.kind != "convention":
            ctx.add(m.iri, MKG.dateIssued, Literal(m.issued.isoformat(), datatype=XSD.date))
            described[m.iri] = True


def _line_mentions(
    seg: Segment, k: int, line: str, carried: int
) -> tuple[list[InstrumentMention], int]:
    """The instruments named from line ``k``, read with the next line when the sentence
    runs on (``Luật Tổ chức chính`` / ``quyền địa phương`` is one law), and how far the
    last of them reaches into the next line.

    A mention begun on the line above (reaching ``carried`` characters in) was read there.
    """
    nxt = seg.source.line(k + 1) if k < seg.end else ""
    runs_on = (
        "\t" not in line
        and "\t" not in nxt
        and line.strip()
        and nxt.strip()
        and not re.search(r"[.;:]\W*$", line.strip())
    )
    text = f"{line} {nxt}" if runs_on else line
    out: list[InstrumentMention] = []
    reach = 0
    for m in find_instruments(text):
        if m.start < carried:
            continue
        if m.start >= len(line):
            break
        out.append(m)
        reach = max(reach, m.end - len(line) - 1)
    return out, reach
