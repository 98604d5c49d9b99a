"""A source text parsed once into the documents it holds (see ``loaders.document``).

``parse(source, report)`` splits the text into documents (``segment.split``), reads each
one's header (``header_block``) and its body tree (``body``), and notes what a reader of the
graph should check: a document with no issuer or no date, a number whose type the text does
not state, a text that stops before its signature. Every extractor reads the documents
this returns; the part loaders that still read lines reach them through
``Document.segment``.
"""

from __future__ import annotations

import datetime as dt
import re

from loaders import segment as segmenter
from loaders.base import Segment, SourceText
from loaders.body import parse_body
from loaders.document import Document, Header, Node, Span, Stated
from loaders.header_block import read as read_header
from loaders.report import BuildReport
from migkg.text import fold, folded

# A last line that ends a document: a full stop, a closing mark, a signature or a list item.
_ENDED = re.compile(r"[.;:!?)\]\"”/…-]\s*$")


def parse(source: SourceText, report: BuildReport) -> list[Document]:
    """The documents of ``source``, each with its header, body tree, signature and recipients."""
    return [document(seg) for seg in segmenter.split(source, report)]


def document(seg: Segment) -> Document:
    """One segment read into a ``Document`` (header, body, signature, recipients, warnings)."""
    source = seg.source
    if seg.kind == "instrument":
        header = read_header(seg, source.meta)
        body_start = (header.span.end + 1) if header.span else seg.start
    else:
        header = _news_header(source)
        body_start = seg.start
    root, signature, recipients = parse_body(source.lines, body_start, seg.end)
    _attach_tables(root, source)
    kind = seg.kind if seg.kind in ("instrument", "news") else "unknown"
    doc = Document(
        source=source,
        span=Span(seg.start, seg.end),
        kind=kind,  # type: ignore[arg-type]
        header=header,
        body=root,
        signature=signature,
        recipients=recipients,
        segment=seg,
    )
    if header.span is not None:
        doc.mark_used(header.span)
    _ocr_confidence(header, source)
    _manifest_date(header, source.meta)
    seg.meta["document"] = doc  # the part loaders that read segments reach the model here
    if seg.kind == "instrument":  # the loaders place bare provincial names in this province
        seg.meta["province"] = header.province.value if header.province else None
    _check(doc)
    return doc


def document_of(seg: Segment) -> Document:
    """The document model of ``seg``: the one ``parse`` made, or made now (a segment a test
    or a loader built by itself). Part loaders that read segments reach the model so."""
    doc = seg.meta.get("document")
    if isinstance(doc, Document):
        return doc
    return document(seg)


def _attach_tables(root: Node, source: SourceText) -> None:
    """Give each table node the reader's cells of the table printed on its lines."""
    for node in root.find("table"):
        for table in source.tables:
            if node.span.start <= table.span.start <= node.span.end:
                node.table = table
                break


def _manifest_date(header: Header, meta: dict[str, str]) -> None:
    """A date from the manifest where the text states none (``YYYY-MM-DD``)."""
    if header.date is not None or not meta.get("date"):
        return
    try:
        header.date = dt.date.fromisoformat(meta["date"][:10])
    except ValueError:
        return


def _ocr_confidence(header: Header, source: SourceText) -> None:
    """Header values read from OCR'd lines carry the OCR's confidence in those lines."""
    if not source.confidence:
        return
    for value in vars(header).values():
        if isinstance(value, Stated) and value.line in source.confidence:
            value.confidence = source.confidence[value.line]
            if value.origin == "text":
                value.origin = "ocr"


def _news_header(source: SourceText) -> Header:
    """A page without a document header: what a manifest or saved page says about it."""
    header = Header()
    meta = source.meta
    if meta.get("title"):
        header.title = Stated(meta["title"], None, "manifest")
    if meta.get("province"):
        header.province = Stated(meta["province"], None, "manifest")
    if meta.get("publisher"):
        header.issuer = Stated(meta["publisher"], None, "manifest")
    return header


def _check(doc: Document) -> None:
    """Warnings for what a reader should check, and whether the text stops mid-document."""
    if doc.kind != "instrument":
        return
    h = doc.header
    number = h.number.value if h.number else "the document"
    line = h.number.line if h.number else doc.span.start
    if h.number is None:
        doc.warnings.append((line, "a document header with no number: its facts are not read"))
    if h.issuer is None:
        doc.warnings.append((line, f"{number}: no issuing body found in the header"))
    if h.date is None:
        doc.warnings.append((line, f"{number}: no date of issue found in the header"))
    if h.doc_type is None or h.doc_type.value == "Văn bản":
        doc.warnings.append((line, f"{number}: a number without a document type"))
    if doc.signature is None and not any(n.kind == "recipients" for n in doc.body.children):
        last = _last_line(doc)
        cut = not _ENDED.search(doc.source.lines[last - 1]) if last else True  # type: ignore[attr-defined]
        if cut or not _closing_words(doc, last):
            doc.truncated = True
            doc.warnings.append(
                (last, f"{number}: the text stops before the signature; what follows is missing")
            )


def _last_line(doc: Document) -> int:
    lines = doc.source.lines  # type: ignore[attr-defined]
    k = doc.span.end
    while k > doc.span.start and not lines[k - 1].strip():
        k -= 1
    return k


def _closing_words(doc: Document, last: int) -> bool:
    """True when the last line closes a document (``./.``, ``biết, thực hiện.``)."""
    text = fold(folded(doc.source.lines[last - 1]))  # type: ignore[attr-defined]
    return text.rstrip().endswith(("./.", "/.", "thuc hien.", "thi hanh.")) or "noi nhan" in text
