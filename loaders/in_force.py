"""The day a document takes effect, as its articles state it (not a deadline).

"Điều 2. Quyết định này có hiệu lực kể từ ngày ký" is the document's own date; "… kể từ
ngày 01 tháng 7 năm 2017" that date; "… sau 10 ngày kể từ ngày ký" ten days after its date
(``deadlines.in_force``). Written as ``mkg:inForceFrom`` with the words as printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from loaders import deadlines
from loaders.base import EmitContext, Segment
from loaders.header import read_header
from loaders.header_block import plain
from migkg.namespaces import MKG
from migkg.text import fold


@dataclass
class InForce:
    """The day a document takes effect, as its text states ("có hiệu lực kể từ ngày ký")."""

    instrument: URIRef
    when: dt.date | None
    text: str
    line: int

    def emit(self, ctx: EmitContext) -> None:
        """Write ``mkg:inForceFrom`` (and the words) on the instrument."""
        ctx.add(self.instrument, MKG.inForceText, Literal(self.text, lang="vi"))
        if self.when is not None:
            value = Literal(self.when.isoformat(), datatype=XSD.date)
            ctx.add(self.instrument, MKG.inForceFrom, value)


def read(segment: Segment) -> InForce | None:
    """The first statement of entry into force in the document's articles."""
    if segment.instrument_iri is None:
        return None
    issued: dt.date | None = None
    for k, line in segment.numbered():
        if "hieu luc" not in fold(line) or "\t" in line:
            continue
        text = plain(line)
        nxt = plain(segment.source.line(k + 1)) if k < segment.end else ""
        found = deadlines.in_force(text, None) or deadlines.in_force(f"{text} {nxt}", None)
        if found is None:
            continue
        if found[0] is None:
            issued = read_header(segment).issued
            found = deadlines.in_force(text, issued) or deadlines.in_force(f"{text} {nxt}", issued)
        if found is not None:
            return InForce(segment.instrument_iri, found[0], found[1], k)
    return None
