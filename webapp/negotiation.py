"""Content negotiation for the SPARQL endpoint: tables of media types, one pure parser.

Format keys are those of graph/results.py: ``json xml csv tsv`` for tables and yes/no
answers, ``turtle nt jsonld rdfxml`` for graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.recent import Recent

# Media types a client may ask for → format key; the first of each table is the default.
SOLUTION_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/javascript": "json",
    "application/javascript": "json",
}
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "text/n3": "turtle",
    "text/rdf+n3": "turtle",
    "application/n3": "turtle",
    "text/plain": "nt",
    "application/x-json+ld": "jsonld",
    "application/json": "jsonld",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
}
# Format key → the Content-Type sent.
CONTENT_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
# Values of the ``format`` parameter → (key for a table, key for a graph). Besides the
# keys, the names SPARQLWrapper and other clients send.
FORMAT_PARAM: dict[str, tuple[str | None, str | None]] = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "n3": (None, "turtle"),
    "nt": (None, "nt"),
    "ntriples": (None, "nt"),
    "n-triples": (None, "nt"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"),
    "rdf+xml": (None, "rdfxml"),
    "rdf": (None, "rdfxml"),
}


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float
    position: int

    @property
    def specificity(self) -> int:
        """2 for type/subtype, 1 for type/*, 0 for */*."""
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        """True when ``media_type`` (type/subtype) falls in this range."""
        t, _, s = media_type.partition("/")
        return self.type in ("*", t) and self.subtype in ("*", s)


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header into media ranges, best first (q, then specificity, then order).

    Malformed entries are skipped; a missing or empty header means ``*/*``. A q outside
    0…1 or unreadable counts as 1 when missing and is clamped otherwise.
    """
    if header is None or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges: list[MediaRange] = []
    for position, item in enumerate(header.split(",")):
        fields = [f.strip() for f in item.split(";")]
        media = fields[0].lower()
        if media == "*":
            media = "*/*"
        t, slash, s = media.partition("/")
        if not slash or not t or not s or (t == "*" and s != "*"):
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(t, s, q, position))
    ranges.sort(key=lambda r: (-r.q, -r.specificity, r.position))
    return ranges


def quality(ranges: Sequence[MediaRange], media_type: str) -> tuple[float, int]:
    """The q the client gives ``media_type`` (from its most specific range), and where."""
    best: MediaRange | None = None
    for r in ranges:
        if r.matches(media_type) and (best is None or r.specificity > best.specificity):
            best = r
    if best is None:
        return 0.0, 0
    return best.q, best.position


def choose(ranges: Sequence[MediaRange], offered: Iterable[str]) -> str | None:
    """The offered media type the client likes best (ties: the client's order, then
    the server's); None when it accepts none of them."""
    scored = []
    for order, media_type in enumerate(offered):
        q, position = quality(ranges, media_type)
        if q > 0:
            scored.append((-q, position, order, media_type))
    return min(scored)[3] if scored else None


# A client sends the same Accept header with each query: its answer is kept (only for
# headers of ordinary length; reading one takes a few tens of microseconds).
_CHOSEN: Recent[tuple[str | None, str | None]] = Recent(256, 512)


def negotiate(accept: str | None, formats: Sequence[str]) -> tuple[str | None, str | None]:
    """Format keys (for a table, for a graph) from the ``format`` parameter values if any
    is known, else from the Accept header. None where nothing fits."""
    wanted = tuple(formats)
    return _CHOSEN.get(
        (accept, wanted), lambda: _negotiate(accept, wanted), (accept or "") + "".join(wanted)
    )


def _negotiate(accept: str | None, formats: Sequence[str]) -> tuple[str | None, str | None]:
    for value in formats:
        value = value.strip().lower()
        if value in FORMAT_PARAM:
            return FORMAT_PARAM[value]
        base = value.split(";")[0].strip()
        if base in SOLUTION_TYPES or base in GRAPH_TYPES:
            return SOLUTION_TYPES.get(base), GRAPH_TYPES.get(base)
    ranges = parse_accept(accept)
    table = choose(ranges, SOLUTION_TYPES)
    graph = choose(ranges, GRAPH_TYPES)
    return (
        SOLUTION_TYPES[table] if table else None,
        GRAPH_TYPES[graph] if graph else None,
    )
