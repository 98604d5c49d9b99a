"""The header of a document as plain data (read by ``header``, written by ``header_writer``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rdflib import URIRef

from loaders.base import EmitContext, Segment
from loaders.links import Link, Proposal
from migkg import iris
from migkg.text import fold


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
    def ident(self) -> str:
        """The number; for a copy that lost its number cell, its kind, issuer and date
        (``Công văn VĂN PHÒNG CHÍNH PHỦ 2014-04-08``), as a law without a number is known by
        its title and date."""
        if self.number:
            return self.number
        if self.issuer is None and self.issued is None:  # a copy from its title: its file
            return f"{self.doc_type} {self.segment.source.stem} {self.segment.start}"
        issued = self.issued.isoformat() if self.issued else ""
        return " ".join(p for p in (self.doc_type, self.issuer or "", issued) if p)

    @property
    def iri(self) -> URIRef:
        """``id:plan/<number>`` for a Kế hoạch, else ``id:instrument/<number>``."""
        return iris.plan(self.ident) if self.is_plan else iris.instrument(self.ident)

    @property
    def adopts_plan(self) -> bool:
        return not self.is_plan and "ke hoach" in fold(self.title or "")

    def emit(self, ctx: EmitContext) -> None:
        """Write the header's facts (see ``header_writer``)."""
        from loaders.header_writer import write_header

        write_header(ctx, self)
