"""Who proposed a document, and on what papers: ``Theo / Xét đề nghị của <body> tại …``.

A body is named after ``đề nghị của`` / ``tờ trình của``, right after ``đề nghị`` when an
officeholder follows (``Xét đề nghị Giám đốc Sở …``), or after each paper it wrote; an
officeholder stands for the body they head. The body is kept as printed
(``Proposal.agency``) for the resolver; each numbered document named is a paper of the
proposal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.document import Span
from loaders.instruments import InstrumentMention, find_instruments
from migkg.text import folded

_PROPOSER_PRINTED = re.compile(
    r"(?:đề nghị|tờ trình|và) của (?P<who>.+?)"
    r"(?=\s*tại(?=\s|Tờ|Công|Văn|Báo)| và của\b| \(|,|\.|;|$)",
    re.IGNORECASE,
)
_PROPOSER = re.compile(
    r"(?:de nghi|to trinh|va) cua (?P<who>.+?)"
    r"(?= ?tai(?=\b|to |van |cong )| va cua\b| \(|,|\.|;|$)"
)
# "Xét đề nghị Giám đốc Sở Thông tin và Truyền thông …": the officeholder right after.
_PROPOSER_HOLDER = re.compile(
    r"(?:đề nghị|tờ trình)\s+(?P<who>(?:Bộ trưởng|Thủ trưởng|Chủ tịch|Giám đốc|Chánh|"
    r"Trưởng ban|Tổng cục trưởng|Cục trưởng|Vụ trưởng|Viện trưởng)\s.+?)(?=\s*tại\s|,|\.|;|$)",
    re.IGNORECASE,
)
# "… số 673/SNgV-VP ngày 15 tháng 12 năm 2009 của Sở Ngoại vụ và Tờ trình …": the paper's
# author, up to the next paper or the clause's end.
_PAPER_BY = re.compile(
    r"^(?:\s*,?\s*ngày\s+\d{1,2}(?:\s*tháng\s*|/)\d{1,2}(?:\s*năm\s*|/)\d{4})?"
    r"\s*,?\s*của\s+(?P<who>.+?)"
    r"(?=\s+và\s+(?:[Tt]ờ|[Cc]ông|[Vv]ăn|[Bb]áo)|\s+về\b|\s*\(|,|\.|;|$)"
)
# An officeholder stands for the body: "Giám đốc Sở Tư pháp" → "Sở Tư pháp", "Chánh Văn
# phòng UBND tỉnh" → "Văn phòng UBND tỉnh", "Chánh Thanh tra tỉnh" → "Thanh tra tỉnh".
_OFFICEHOLDER = re.compile(
    r"(^|\svà\s)(?:Bộ trưởng|Thủ trưởng|Chủ tịch|Giám đốc|Chánh|Trưởng ban|Tổng cục trưởng|"
    r"Cục trưởng|Vụ trưởng|Viện trưởng|Tổng Giám đốc|Tổng giám đốc)\s+"
)
# "… ngày 20/3/2020 của Thủ tướng Chính phủ": what may stand between an instrument and "và"


@dataclass
class Proposal:
    """``Theo / Xét đề nghị của <agency> tại <documents>``: who proposed, on what papers."""

    agency: str
    span: Span
    documents: list[InstrumentMention] = field(default_factory=list)
    text: str = ""


def proposal(text: str, span: Span) -> Proposal:
    """The bodies that proposed (officeholders read as their bodies) and their papers.

    A body is named after ``đề nghị của`` / ``tờ trình của``, right after ``đề nghị`` when
    an officeholder follows (``Xét đề nghị Giám đốc Sở …``), or after each paper it wrote
    (``Xét đề nghị tại Công văn số 673/SNgV-VP ngày … của Sở Ngoại vụ và Tờ trình số …
    của Giám đốc Sở Nội vụ``)."""
    # on the text as printed, so that "tại" is not "Tài" ("Vụ Tài chính"); folded for OCR
    found = list(_PROPOSER_PRINTED.finditer(text)) or list(_PROPOSER.finditer(folded(text)))
    found += list(_PROPOSER_HOLDER.finditer(text))
    bodies = [text[m.start("who") : m.end("who")].strip() for m in found]
    documents = [d for d in find_instruments(text) if d.kind == "numbered"]
    for paper in documents:
        if "tham dinh" in folded(text[max(0, paper.start - 40) : paper.end]):
            continue  # "Báo cáo thẩm định số … của Sở Tư pháp": an appraisal, not a proposal
        who = _PAPER_BY.match(text[paper.end :])
        if who is not None:
            bodies.append(who.group("who").strip())
    names = [_OFFICEHOLDER.sub(r"\1", b).strip() for b in bodies if b.strip()]
    agency = "; ".join(dict.fromkeys(names))
    return Proposal(agency=agency, span=span, documents=documents, text=text.strip())
