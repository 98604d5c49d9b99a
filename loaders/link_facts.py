"""The writer of links between instruments: one triple per link the text states.

Reads the plain data of ``loaders.links`` and writes, in the document's graph:
``mkg:implements`` (from the document and the plan it adopts), ``mkg:legalBasis`` (and
``mkg:refersTo``) from the document, ``mkg:replaces`` / ``mkg:amends`` (and ``mkg:refersTo``),
``mkg:refersTo`` from the instrument a clause is about; for a proposal, ``mkg:proposedBy``
the body (resolved in the document's province), and each proposal paper as its own
instrument, ``mkg:proposal`` of the document and issued by that body. An instrument a link
reaches that no line described yet is described here, with the link's line.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF

from loaders.base import EmitContext
from loaders.instrument_labels import instrument_triples
from loaders.instruments import InstrumentMention
from loaders.links import Link
from loaders.proposals import Proposal
from migkg import iris
from migkg.namespaces import MKG

_PROPERTY = {
    "implements": MKG.implements,
    "legalBasis": MKG.legalBasis,
    "replaces": MKG.replaces,
    "amends": MKG.amends,
    "refersTo": MKG.refersTo,
}


def write_links(
    ctx: EmitContext,
    doc: URIRef,
    targets: list[URIRef],
    found: list[Link],
    proposals: list[Proposal],
    province: str | None,
) -> None:
    """Write ``found`` and ``proposals`` for document ``doc`` (``targets``: it and its plan)."""
    for link in found:
        _describe(ctx, link.target, link.span.start)
        if link.subject is not None:
            _describe(ctx, link.subject, link.span.start)
            subjects = [link.subject.iri]
        elif link.kind == "implements":
            subjects = targets
        else:
            subjects = [doc]
        for s in subjects:
            if s != link.target.iri:
                ctx.add(s, _PROPERTY[link.kind], link.target.iri)
        if link.kind in ("legalBasis", "replaces", "amends") and link.subject is None:
            ctx.add(doc, MKG.refersTo, link.target.iri)
        if link.issuer:
            res = ctx.resolver.resolve(link.issuer, province=province)
            if res.key is not None:  # an issuer the text adds in passing: kept if sure
                ctx.add(link.target.iri, MKG.issuedBy, iris.agency(res.key))
    for p in proposals:
        agencies = ctx.agencies(p.agency, p.span.start, province=province) if p.agency else []
        for agency in agencies:
            ctx.add(doc, MKG.proposedBy, agency)
        for paper in p.documents:
            _describe(ctx, paper, p.span.start)
            ctx.add(doc, MKG.refersTo, paper.iri)
            ctx.add(doc, MKG.proposal, paper.iri)
            for agency in agencies:
                ctx.add(paper.iri, MKG.issuedBy, agency)


def _describe(ctx: EmitContext, m: InstrumentMention, line: int) -> None:
    """Triples for an instrument no line of the document described yet.

    A document of the same file is described by its own header, with its own lines."""
    listed = ctx.segment.meta.get("file_numbers")
    own: list[str] = listed if isinstance(listed, list) else []
    if (m.iri, RDF.type, None) in ctx.graph or (m.number and m.number in own):
        return
    for s, p, o in instrument_triples(m):
        ctx.add(s, p, o)
    if (m.iri, MKG.sourceLineStart, None) not in ctx.graph:
        ctx.provenance(m.iri, line)
