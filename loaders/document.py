"""The document model: every source file is parsed once into documents that extractors read.

The path of a fact:

    reader (one per format)  →  SourceText   lines, tables, OCR confidence, manifest facts
    parse (loaders.parse)    →  [Document]   header fields + a body tree with line spans
    extractors               →  plain facts  (dataclasses, no RDF, no agency IRIs)
    resolution               →  agency keys  (one place: the resolver, in the document's province)
    writers (one per kind)   →  RDF triples  in the source document's named graph

A ``SourceText`` is the text of a file as numbered lines (what the source page shows and
what every ``sourceLineStart`` / ``sourceLineEnd`` points at) plus what a format knows
beyond lines: its tables cell by cell, the confidence of OCR'd lines, and facts that come
from outside the text (a manifest, a saved page's address and title). A reader renders a
table into the lines too, one row a line with its cells joined by tabs, so that a line span
always covers the table as printed.

The form of a document follows Nghị định 30/2020/NĐ-CP (Phụ lục I) for state bodies and
Hướng dẫn 36-HD/VPTW for Party bodies: national motto (or the Party heading), issuing body
under the body it belongs to, number and symbol, place and date, type and subject, then
the body (bases, parts, articles, items, tables), the signature and the recipients.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Set
from dataclasses import dataclass, field
from typing import Literal

# Where a value came from: the text itself, a manifest or saved page beside it, or a rule
# that inferred it (a type from the symbol's letters, a province from the issuer).
Origin = Literal["text", "manifest", "inferred", "ocr"]

NodeKind = Literal[
    "document",  # the root of a body
    "part",  # Phần, Chương, or a Roman heading: I., II.
    "article",  # Điều 1., Điều 2.
    "item",  # 1. 2. 3. (or 1.1, 2.3.4)
    "point",  # a) b) c) or đ)
    "dash",  # - … or + … under an item
    "paragraph",  # running text that is none of the above
    "table",  # a table; ``Node.table`` holds its cells
    "basis",  # the preamble: Căn cứ …, Thực hiện …, Theo / Xét đề nghị của …
    "signature",  # KT. / TM. …, the officeholder and the signer's name
    "recipients",  # Nơi nhận: …
]


@dataclass(frozen=True)
class Span:
    """Lines ``start``..``end`` (1-based, inclusive) of the source text."""

    start: int
    end: int

    def __contains__(self, line: object) -> bool:
        return isinstance(line, int) and self.start <= line <= self.end


@dataclass
class Cell:
    """One cell of a table as printed; a merged cell is repeated in every row it spans."""

    text: str
    line: int  # the line of the source text the cell's row is rendered on
    merged: bool = False  # True where this copy comes from a cell spanning several rows


@dataclass
class Row:
    """One row of a table: its cells and the lines it covers (a row may continue on a page)."""

    cells: list[Cell]
    span: Span

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    """A table read as rows and cells; ``header`` is the number of header rows."""

    rows: list[Row]
    span: Span
    header: int = 1
    reader: str = "text"  # text, docx, pdf, html, markdown, ocr


@dataclass
class Stated:
    """A header value with the line that states it and where it came from."""

    value: str
    line: int | None = None
    origin: Origin = "text"
    confidence: float | None = None  # for OCR'd text, 0..1


@dataclass
class Header:
    """What the document says about itself (Nghị định 30/2020/NĐ-CP, Phụ lục I).

    ``number`` is normalised (``13/2017/QĐ-UBND``, ``402/QĐ-TTg``); ``serial``, ``year``
    and ``symbol`` are its parts (``13``, ``2017``, ``QĐ-UBND``). ``issuer`` is the issuing
    body as printed (its lines joined), ``issuer_parent`` the body above it (``UBND TỈNH
    CÀ MAU`` over ``SỞ NGOẠI VỤ``). ``province`` is the province the document belongs to
    (from the issuer, the place, a manifest), or None when nothing says.
    """

    motto: Literal["state", "party"] | None = None
    issuer: Stated | None = None
    issuer_parent: Stated | None = None
    number: Stated | None = None
    serial: str | None = None
    year: int | None = None
    symbol: str | None = None
    doc_type: Stated | None = None
    place: Stated | None = None
    date: dt.date | None = None
    date_line: int | None = None
    title: Stated | None = None  # trích yếu: "Về việc …", "Ban hành Kế hoạch …"
    province: Stated | None = None
    span: Span | None = None  # the header block, motto to title (or to "Kính gửi")


@dataclass
class Node:
    """A part of a document's body: its kind, label as printed, heading text, lines, parts."""

    kind: NodeKind
    span: Span
    label: str | None = None  # "I", "2", "2.3", "a", "Điều 3"
    text: str = ""  # the node's own text, its continuation lines joined
    children: list[Node] = field(default_factory=list)
    table: Table | None = None

    def walk(self) -> Iterator[Node]:
        """This node and every node under it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, kind: NodeKind) -> Iterator[Node]:
        """Every node of ``kind`` under (and including) this one."""
        return (n for n in self.walk() if n.kind == kind)


@dataclass
class Signature:
    """The signature block: capacity (KT., TM., TL.), the office held, the signer's name."""

    span: Span
    capacity: str | None = None
    role: str | None = None
    name: str | None = None


# The parts of a document the report of understanding looks for.
PARTS = ("issuer", "number", "date", "type", "title", "body", "signature", "recipients")


def _has(doc: Document, part: str, kinds: Set[str]) -> bool:
    h = doc.header
    return {
        "issuer": h.issuer is not None,
        "number": h.number is not None,
        "date": h.date is not None,
        "type": h.doc_type is not None,
        "title": h.title is not None,
        "body": bool(kinds - {"document", "signature", "recipients"}),
        "signature": doc.signature is not None,
        "recipients": bool(doc.recipients) or "recipients" in kinds,
    }[part]


@dataclass
class Document:
    """One document of a source file: header, body tree, signature and recipients.

    ``kind`` is ``instrument`` (a numbered document with a header), ``news`` (a page that
    reports on documents or events) or ``unknown``. ``truncated`` is set when the text
    stops mid-document (no signature, a sentence cut off); what is there is still read.
    ``used`` collects the lines some extractor consumed, for the report of understanding.
    """

    source: object  # loaders.base.SourceText (typed loosely to keep this module free of imports)
    span: Span
    kind: Literal["instrument", "news", "unknown"]
    header: Header
    body: Node
    signature: Signature | None = None
    recipients: list[Stated] = field(default_factory=list)
    truncated: bool = False
    used: set[int] = field(default_factory=set)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)
    # the segment the part loaders read (loaders.base.Segment), for the loaders that read lines
    segment: object | None = None

    @property
    def parts_found(self) -> list[str]:
        """The kinds of part the document holds, in the order of ``PARTS``."""
        kinds = {n.kind for n in self.body.walk()}
        return [p for p in PARTS if _has(self, p, kinds)]

    @property
    def parts_missing(self) -> list[str]:
        """The parts of ``PARTS`` a document of this kind should hold and does not."""
        if self.kind != "instrument":
            return []
        return [p for p in PARTS if p not in self.parts_found]

    def mark_used(self, span: Span) -> None:
        """Record that an extractor read lines ``span`` (for the coverage report)."""
        self.used.update(range(span.start, span.end + 1))

    def coverage(self) -> float:
        """Share of the document's non-blank lines some extractor used, 0..1."""
        lines = getattr(self.source, "lines", [])
        text = [n for n in range(self.span.start, self.span.end + 1) if lines[n - 1].strip()]
        if not text:
            return 0.0
        return sum(1 for n in text if n in self.used) / len(text)
