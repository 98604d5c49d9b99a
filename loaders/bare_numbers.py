"""Instruments named by type, serial and issuer only ("Quyết định số 402 của Thủ tướng Chính
phủ"), known by the reference table (data/reference/instruments_vn.csv).

A page may cite a decision without its symbol. Where one reference instrument has that type,
that serial and that issuer, it is the one meant; where none or several do, nothing is read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from migkg import iris
from migkg.text import fold

if TYPE_CHECKING:
    from loaders.instruments import InstrumentMention

_BARE = re.compile(
    r"\b(?P<type>quyet dinh|nghi quyet|chi thi|nghi dinh|thong tu) (?:so )?(?P<serial>\d{1,5})"
    r" (?:ngay \S+ )?(?:cua|do) (?P<issuer>thu tuong chinh phu|thu tuong|chinh phu|"
    r"ban bi thu|quoc hoi)\b"
)
# the issuer as printed → how the reference table names it (the start of its issuer cell)
_ISSUERS = {
    "thu tuong chinh phu": "Prime Minister",
    "thu tuong": "Prime Minister",
    "chinh phu": "Government",
    "ban bi thu": "Party Central Committee Secretariat",
    "quoc hoi": "National Assembly",
}


def bare_numbered(text: str, low: str) -> list[InstrumentMention]:
    """The reference instruments ``text`` names by type, serial and issuer without a symbol.

    ``low`` is ``text`` folded letter for letter (offsets shared).
    """
    from loaders.instruments import InstrumentMention, reference_instruments

    found: list[InstrumentMention] = []
    for m in _BARE.finditer(low):
        issuer = _ISSUERS[m.group("issuer")]
        rows = [
            (number, row)
            for number, row in reference_instruments().items()
            if re.split(r"[/-]", number, maxsplit=1)[0].lstrip("0") == m.group("serial").lstrip("0")
            and fold(row["type_vi"]) == m.group("type")
            and row["issuer"].startswith(issuer)
        ]
        if len(rows) != 1:
            continue
        number, row = rows[0]
        end = m.end("serial")
        found.append(
            InstrumentMention(
                iri=iris.instrument(number), text=text[m.start() : end], start=m.start(),
                end=end, kind="numbered", number=number, doc_type=row["type_vi"],
            )
        )  # fmt: skip
    return found
