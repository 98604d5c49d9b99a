"""The writer of a document's header facts (the plain data of ``header_facts.Header``).

Writes the document (``id:instrument/<number>``, or ``id:plan/<number>`` for a Kế hoạch),
its number, type, date and place, issuing body and addressees (resolved in the document's
province), title and subject, signer, the plan a decision adopts, every instrument the
document names with a ``mkg:Mention`` at its line, and its links (``link_facts``).
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from loaders.base import EmitContext, Segment
from loaders.document_types import document_types
from loaders.header_facts import Header
from loaders.instruments import (
    InstrumentMention,
    find_instruments,
    instrument_triples,
    reference_instruments,
)
from loaders.link_facts import write_links
from loaders.links import basis_mentions, dated_law
from loaders.parse import document_of
from migkg import iris
from migkg.namespaces import MKG
from migkg.text import folded

_SELF_REFERENCE = re.compile(r"^\W*(?:ban hanh )?kem theo")


def write_header(ctx: EmitContext, head: Header) -> None:
    """Write the document, its plan, issuer, signer, bases and the instruments it names."""
    seg, doc = head.segment, head.iri
    province = seg.meta.get("province")
    prov = province if isinstance(province, str) else None
    ctx.add(doc, RDF.type, MKG.Plan if head.is_plan else MKG.Instrument)
    if head.number:
        ctx.add(doc, MKG.number, Literal(head.number))
    ctx.add(doc, MKG.documentType, Literal(head.doc_type, lang="vi"))
    shown = head.number or (f"{head.issued:%d/%m/%Y}" if head.issued else "")
    ctx.add(doc, RDFS.label, Literal(f"{head.doc_type} {shown}".strip(), lang="vi"))
    if head.doc_type in document_types().english and head.number not in reference_instruments():
        ctx.add(
            doc,
            RDFS.label,
            Literal(f"{document_types().english[head.doc_type]} {shown}".strip(), lang="en"),
        )
    ctx.provenance(doc, seg.start, seg.end)
    if head.issued:
        ctx.add(doc, MKG.dateIssued, Literal(head.issued.isoformat(), datatype=XSD.date))
    if head.place:
        ctx.add(doc, MKG.placeIssued, Literal(head.place, lang="vi"))
    issuers = ctx.agencies(head.issuer, head.issuer_line, province=prov) if head.issuer else []
    for agency in issuers:
        ctx.add(doc, MKG.issuedBy, agency)
    if head.title:
        ctx.add(doc, MKG.title, Literal(head.title, lang="vi"))
    if head.subject:
        ctx.add(doc, MKG.subject, Literal(head.subject, lang="vi"))
    for text, line in head.addressees:
        for agency in ctx.agencies(text, line, province=prov):
            ctx.add(doc, MKG.addressee, agency)
    if head.signer:
        _emit_signer(head, ctx, doc, issuers)
    targets = [doc]
    if head.adopts_plan:
        targets.append(_emit_plan(head, ctx, doc))
    _emit_named(head, ctx, doc)
    write_links(ctx, doc, targets, head.links, head.proposals, prov)


def _emit_signer(head: Header, ctx: EmitContext, doc: URIRef, issuers: list[URIRef]) -> None:
    assert head.signer is not None
    person = iris.resource("person", iris.slug(head.signer.name))
    ctx.add(person, RDF.type, MKG.Person)
    ctx.add(person, RDFS.label, Literal(head.signer.name))
    ctx.add(person, MKG.role, Literal(head.signer.role, lang="vi"))
    for agency in issuers:
        ctx.add(person, MKG.memberOf, agency)
    ctx.add(doc, MKG.signedBy, person)
    ctx.provenance(person, head.signer.role_line, head.signer.line)


def _emit_plan(head: Header, ctx: EmitContext, doc: URIRef) -> URIRef:
    plan = iris.plan(head.ident)
    ctx.add(plan, RDF.type, MKG.Plan)
    ctx.add(plan, MKG.adoptedBy, doc)
    label = re.sub(r"^Ban hành\s+", "", head.title or "").strip()
    ctx.add(plan, RDFS.label, Literal(label[:1].upper() + label[1:], lang="vi"))
    en = document_types().english.get(head.doc_type, "Document")
    ctx.add(plan, RDFS.label, Literal(f"Plan adopted by {en} {head.ident}", lang="en"))
    ctx.provenance(plan, head.segment.start, head.segment.end)
    return plan


def _emit_named(head: Header, ctx: EmitContext, doc: URIRef) -> None:
    """Resources for the instruments the segment names; prose mentions as refersTo."""
    seg = head.segment
    listed = seg.meta.get("file_numbers")
    numbers: list[str] = list(listed) if isinstance(listed, list) and listed else [head.ident]
    own = {iris.instrument(str(x)) for x in numbers} | {iris.plan(str(x)) for x in numbers}
    described: dict[URIRef, bool] = {}
    carried = 0  # how far into this line a mention begun on the line above reaches
    cited = basis_mentions(document_of(seg))
    number_line = seg.meta.get("number_line")
    for k, line in seg.numbered():
        self_ref = bool(_SELF_REFERENCE.match(folded(line.strip())))
        # above the number line, a line naming the document itself is the portal's note on it
        # ("Quyết định 119/QĐ-UBND … đã được thay thế bởi Quyết định 366/QĐ-UBND"), not its text
        note = isinstance(number_line, int) and k < number_line and head.ident in line
        prose = "\t" not in line and k != number_line and not note
        mentions, carried = _line_mentions(seg, k, line, carried)
        for m in mentions:
            if self_ref:
                if m.number and m.number not in numbers and m.doc_type == head.doc_type:
                    ctx.report.warn(
                        seg.source.path, k,
                        f"the appendix names its document {m.number!r}: "
                        f"read as {head.number}",
                    )  # fmt: skip
                continue
            # in prose, a law named without its year is the one the bases cite in full
            target = dated_law(m, cited) if prose else m
            if target.iri not in own:
                _describe(ctx, target, k, described)
            if prose and target.iri not in (iris.instrument(head.ident), iris.plan(head.ident)):
                ctx.add(doc, MKG.refersTo, target.iri)
                mention = iris.resource("mention", iris.slug(head.ident), f"L{k}", str(m.start))
                ctx.add(mention, RDF.type, MKG.Mention)
                ctx.add(mention, MKG.mentionText, Literal(m.text))
                ctx.add(mention, MKG.resolvedTo, target.iri)
                ctx.add(mention, MKG.mentionedIn, doc)
                ctx.provenance(mention, k)


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
