"""The shapes every part loader shares: source text, segments, facts, emit context."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD
from rdflib.term import Node

from migkg import iris
from migkg.namespaces import MKG

if TYPE_CHECKING:
    from loaders.document import Table
    from loaders.report import BuildReport
    from loaders.resolver import Resolver


@dataclass
class SourceText:
    """A corpus file read into NFC lines; line numbers are 1-based as editors show them.

    What a format knows beyond lines travels with them (see ``loaders.document``):
    ``reader`` names the reader that read the file (text, docx, pdf, ocr, html, markdown);
    ``tables`` holds its tables cell by cell (each also rendered into ``lines``, one row a
    line, cells joined by tabs); ``confidence`` maps OCR'd lines to Tesseract's mean word
    confidence (0..1); ``meta`` holds facts from outside the text (``source_url``,
    ``title``, ``publisher``, ``province``, ``date``, ``doc_type`` from a manifest or a
    saved page), each taken as stated "from the manifest"; ``notes`` what the reader warns
    about (a page with no text layer, a table it could not rebuild).
    """

    path: Path
    lines: list[str]
    media_type: str = "text/plain"
    reader: str = "text"
    tables: list[Table] = field(default_factory=list)
    confidence: dict[int, float] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    notes: list[tuple[int | None, str]] = field(default_factory=list)

    @property
    def mean_confidence(self) -> float | None:
        """Mean OCR confidence over the OCR'd lines, or None for a text that was not OCR'd."""
        if not self.confidence:
            return None
        return sum(self.confidence.values()) / len(self.confidence)

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def iri(self) -> URIRef:
        return iris.document(self.stem)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def line(self, n: int) -> str:
        """Line ``n`` (1-based)."""
        return self.lines[n - 1]

    def numbered(self, start: int = 1, end: int | None = None) -> Iterator[tuple[int, str]]:
        """(line number, text) pairs from ``start`` to ``end`` inclusive."""
        end = len(self.lines) if end is None else end
        for n in range(start, end + 1):
            yield n, self.lines[n - 1]


@dataclass
class Segment:
    """One document inside a source file: lines ``start``..``end`` inclusive.

    ``kind`` is ``instrument`` (a numbered legal or policy document), ``news``
    (a news page) or ``unknown``. ``number`` is the document number as printed
    and normalised (``402/QĐ-TTg``); ``plan_number`` names the plan whose tasks
    the segment holds (the number of the adopting instrument, or the plan's own).
    """

    source: SourceText
    start: int
    end: int
    kind: str = "unknown"
    number: str | None = None
    doc_type: str | None = None
    plan_number: str | None = None
    meta: dict[str, object] = field(default_factory=dict)

    def numbered(self) -> Iterator[tuple[int, str]]:
        return self.source.numbered(self.start, self.end)

    @property
    def instrument_iri(self) -> URIRef | None:
        return iris.instrument(self.number) if self.number else None

    @property
    def plan_iri(self) -> URIRef | None:
        return iris.plan(self.plan_number) if self.plan_number else None


class Fact(Protocol):
    """Something a loader found; it knows how to write itself as triples."""

    def emit(self, ctx: EmitContext) -> None: ...


class PartLoader(Protocol):
    """A module with ``KINDS`` (segment kinds it reads) and ``parse(segment)``."""

    KINDS: tuple[str, ...]

    def parse(self, segment: Segment) -> list[Fact]: ...


@dataclass
class EmitContext:
    """Where facts write: the named graph of their source document, plus helpers."""

    graph: Graph
    segment: Segment
    resolver: Resolver
    report: BuildReport

    @property
    def source(self) -> SourceText:
        return self.segment.source

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.graph.add((s, p, o))

    def provenance(self, node: URIRef, start: int, end: int | None = None) -> None:
        """Link ``node`` to its source document and the line span it came from."""
        self.graph.add((node, PROV.wasDerivedFrom, self.source.iri))
        self.graph.add((node, MKG.sourceLineStart, Literal(start, datatype=XSD.integer)))
        self.graph.add(
            (
                node,
                MKG.sourceLineEnd,
                Literal(end if end is not None else start, datatype=XSD.integer),
            )
        )

    def agencies(self, cell: str, line: int, *, province: str | None = None) -> list[URIRef]:
        """Resolve the agency mentions in a table cell or phrase; report the unresolved.

        ``province`` (a provincial document's province) places generic provincial labels
        such as "Sở Tư pháp".
        """
        found: list[URIRef] = []
        for res in self.resolver.resolve_cell(cell, province=province):
            if res.key is None:
                self.report.unresolved(self.source.path, line, res.mention)
            else:
                iri = iris.agency(res.key)
                if iri not in found:
                    found.append(iri)
        return found
