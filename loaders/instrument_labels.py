"""What a document states about an instrument it names: its labels and its triples.

``label_vi`` / ``label_en`` name a mention (``Quyết định 402/QĐ-TTg``, ``Decision
402/QĐ-TTg``; a law by name and year); ``instrument_triples`` gives the type, labels,
number, type of document and date printed beside it. Conventions of the reference data get
only their type here: their labels and status are loaded with the reference facts.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from loaders.document_types import document_types
from loaders.instruments import LAW_NAMES, InstrumentMention
from migkg.namespaces import MKG
from migkg.text import fold, squash_spaces


def label_vi(mention: InstrumentMention) -> str:
    """``Quyết định 402/QĐ-TTg``; a law by name and year; a convention as printed."""
    if mention.kind == "numbered" and mention.number:
        head = mention.name or mention.doc_type or "Văn bản"
        return f"{head} {mention.number}"
    if mention.kind == "law":
        base = mention.name or squash_spaces(mention.text)
        return f"{base} {mention.year}" if mention.year else base
    return squash_spaces(mention.text)


def label_en(mention: InstrumentMention) -> str | None:
    """An English label where it can be stated plainly, else None."""
    if mention.kind == "numbered" and mention.number:
        if mention.name and fold(mention.name).startswith("bo luat hinh su"):
            return f"Penal Code {mention.number}"
        return (
            f"{document_types().english.get(mention.doc_type or '', 'Document')} {mention.number}"
        )
    if mention.kind == "law" and mention.name:
        key = fold(mention.name)
        year = f" ({mention.year})" if mention.year else ""
        for pattern, _official, en in LAW_NAMES:
            if re.fullmatch(pattern, key):
                return f"{en}{year}"
        if key.startswith("luat sua doi"):  # "Luật sửa đổi, bổ sung một số điều của A và B"
            amended = [en for p, _o, en in LAW_NAMES if re.search(p, key)]
            if amended:
                return f"Law amending the {' and the '.join(amended)}{year}"
    return None


def instrument_triples(mention: InstrumentMention) -> list[tuple[URIRef, URIRef, Literal | URIRef]]:
    """What a document states about an instrument it names, as triples.

    A reference convention gets its type only (its labels and status come with the
    reference facts); any other instrument gets its type, labels (``Quyết định
    1676/QĐ-TTg``@vi, and ``Decision 1676/QĐ-TTg``@en unless ``instruments_vn.csv``
    gives it one; a law by name and year), number,
    document type and the date printed beside it. The header loader writes these for
    every instrument named anywhere in a document segment, appendix rows included, so a
    task's ``mkg:refersTo`` always lands on a described resource.
    """
    s = mention.iri
    if mention.kind == "convention":
        cls = (
            MKG.Convention if mention.number not in {"GCM", "GCR", "AGENDA2030"} else MKG.Instrument
        )
        return [(s, RDF.type, cls)]
    triples: list[tuple[URIRef, URIRef, Literal | URIRef]] = [(s, RDF.type, MKG.Instrument)]
    triples.append((s, RDFS.label, Literal(label_vi(mention), lang="vi")))
    if mention.number:
        triples.append((s, MKG.number, Literal(mention.number)))
    # an instrument of instruments_vn.csv has its English label from the reference facts
    en = None if mention.reference else label_en(mention)
    if en:
        triples.append((s, RDFS.label, Literal(en, lang="en")))
    if mention.doc_type:
        triples.append((s, MKG.documentType, Literal(mention.doc_type, lang="vi")))
    if mention.issued:
        triples.append((s, MKG.dateIssued, Literal(mention.issued.isoformat(), datatype=XSD.date)))
    return triples
