"""The report of understanding: how much of each document the build read, and what to check.

Per document: the share of its non-blank lines some extractor used (the header block, and
every line span a fact written into the graph points at), the parts found and missing, and
the warnings a reader should check (no issuer, no date, a number without a type, a text cut
off, an agency mention that could not be placed). A news page from which nothing was read
is listed as such.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph
from rdflib.namespace import PROV

from loaders.document import Document, Span
from loaders.report import BuildReport, Issue
from migkg.namespaces import MKG


def mark_from_graph(doc: Document, graph: Graph) -> int:
    """Mark the lines the facts in ``graph`` point at inside ``doc``; return how many facts.

    A fact whose span is the whole document (the document itself, its plan) says nothing
    about which lines were read, and is left out.
    """
    facts = 0
    for node, start in graph.subject_objects(MKG.sourceLineStart):
        end = graph.value(node, MKG.sourceLineEnd)
        try:
            first, last = int(str(start)), int(str(end if end is not None else start))
        except (TypeError, ValueError):
            continue
        if (
            not (doc.span.start <= first <= doc.span.end)
            or (node, PROV.wasDerivedFrom, None) not in graph
        ):
            continue
        if (first, last) == (doc.span.start, doc.span.end):
            continue
        facts += 1
        doc.mark_used(Span(first, min(last, doc.span.end)))
    return facts


def record(doc: Document, graph: Graph, report: BuildReport, unresolved: list[Issue]) -> None:
    """Add ``doc``'s entry to the report: coverage, parts, warnings (``unresolved`` in it too)."""
    facts = mark_from_graph(doc, graph)
    warnings = list(doc.warnings)
    for issue in unresolved:
        if issue.line is not None and issue.line in doc.span:
            warnings.append((issue.line, f"could not place the agency '{issue.message}'"))
    report.documents.append(entry(doc, facts, warnings))


def entry(doc: Document, facts: int, warnings: list[tuple[int | None, str]]) -> dict[str, Any]:
    """The report's plain-data entry for one document."""
    h = doc.header
    source = doc.source
    return {
        "file": str(getattr(source, "path", "")),
        "lines": [doc.span.start, doc.span.end],
        "kind": doc.kind,
        "number": h.number.value if h.number else None,
        "type": h.doc_type.value if h.doc_type else None,
        "issuer": h.issuer.value if h.issuer else None,
        "date": h.date.isoformat() if h.date else None,
        "province": h.province.value if h.province else None,
        "coverage": round(doc.coverage(), 3),
        "facts": facts,
        "parts_found": doc.parts_found,
        "parts_missing": doc.parts_missing,
        "truncated": doc.truncated,
        "no_reportable_fact": doc.kind == "news" and facts == 0,
        "warnings": [{"line": line, "message": message} for line, message in warnings],
    }
