"""Every link a document states to another instrument, with its kind, as plain data.

The kinds, and the words that state them:

- ``implements``: ``Thực hiện …``, ``Triển khai …`` (a basis clause; a title that says
  ``Kế hoạch triển khai / thực hiện <X>``; an assignment ``Giao … triển khai thực hiện theo <X>``);
- ``legalBasis``: ``Căn cứ …`` (``Căn cứ Công văn số 1378/BNG-LS`` is a basis, not an
  implementation);
- ``proposal``: ``Theo / Xét đề nghị của <body> tại Tờ trình số …``: the body is kept as
  printed (``Proposal.agency``) for the resolver; each document it names is the proposal,
  issued by that body;
- ``replaces``: ``… này thay thế <X>``, ``thay thế cho <X>``;
- ``amends``: ``sửa đổi, bổ sung (một số điều của) <X>``; a ``Luật sửa đổi, bổ sung một số
  điều của Luật X`` is its own instrument that amends X;
- ``refersTo``: what a basis clause names about its first instrument (``Quyết định 1676 về
  việc thông qua <GCM>``), and every other instrument named (written by the header loader).

A basis paragraph is read clause by clause (cut at ``;``), each clause of the kind its own
first words say, or of the clause before it. Inside a clause the first instrument is the
one linked; one joined to it by ``và`` is linked the same way; one that follows ``sửa đổi,
bổ sung`` or ``thay thế`` is what the instrument before it amends or replaces; any other is
what the first one concerns (``refersTo`` from it). Clauses are read from the paragraph's
lines joined, so a title broken over lines (``Luật Tổ chức chính`` / ``quyền địa
phương``) is read whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.document import Document, Node, Span
from loaders.instruments import InstrumentMention, date_after, find_instruments
from loaders.ocr import THUC_HIEN
from migkg.text import fold, folded

_KIND_AT = [
    (re.compile(r"^\W*can cu\b"), "legalBasis"),
    (
        re.compile(rf"^\W*(?:(?:de|nham)(?: tiep tuc)?\s+)?(?:{THUC_HIEN}|trien khai)\b"),
        "implements",
    ),
    (re.compile(r"^\W*(?:theo|xet) ?(?:de nghi|to trinh)\b"), "proposal"),
]
_IMPLEMENTS_BEFORE = re.compile(rf"(?:trien khai|{THUC_HIEN})(?: theo)?\s*$")
_AMENDS_BEFORE = re.compile(r"(?:sua doi|dieu chinh),? bo sung(?: mot so dieu(?: cua)?| cho)?\s*$")
_REPLACES_BEFORE = re.compile(r"thay the(?: cho)?\s*$")
_AMENDED_BY = re.compile(r"(?:sua doi|dieu chinh),? bo sung boi\s*$")
# "này" may be glued to the next word on a saved page ("Quyết định nàycó hiệu lực")
_SELF = re.compile(r"\b(?:quyet dinh|nghi quyet|ke hoach|chi thi|thong tu|nghi dinh|van ban) nay")
_COORDINATE = re.compile(r"^[\s,]*(?:va\s|;\s)|^\s*,\s*$")
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
_DATED_BY = re.compile(
    r"^\s*,?\s*cua (?:(?!\b(?:ve|huong dan|thuc hien|quy dinh|ban hanh|phe duyet)\b)[^,;])*?"
    r"(?=\s+va\s)"
)
# A title or clause that reports on an implementation rather than carrying it out ("về
# việc triển khai thực hiện <X>" is a plan's subject: it carries it out).
_ABOUT_IMPLEMENTING = re.compile(
    r"(?:\bve(?! viec)|tinh hinh|ket qua|so ket|tong ket|danh gia)(?: [^,;]{0,30})?\s*"
    r"(?:trien khai|th\S{1,3} hi\S{1,2}n)(?: theo)?\s*$"
)
_ANNEXED_TO = re.compile(r"ban hanh kem theo\s*$")
# "và" right before a numbered instrument, after what the one before it is about: a second
# instrument of the same clause, linked as the first ("… phê duyệt Chương trình … và Quyết
# định số 808/QĐ-LĐTBXH …").
_AND_NUMBERED = re.compile(r"[^,;]\s+va\s*$")


@dataclass
class Link:
    """A link the text states: ``subject`` (None: the document itself) ``kind`` ``target``.

    ``issuer`` is the body printed after the target (``… ngày … của Thủ tướng Chính
    phủ``), kept as printed.
    """

    kind: str
    target: InstrumentMention
    span: Span
    subject: InstrumentMention | None = None
    issuer: str | None = None
    text: str = ""


@dataclass
class Proposal:
    """``Theo / Xét đề nghị của <agency> tại <documents>``: who proposed, on what papers."""

    agency: str
    span: Span
    documents: list[InstrumentMention] = field(default_factory=list)
    text: str = ""


def links(doc: Document) -> tuple[list[Link], list[Proposal]]:
    """The links and proposals ``doc`` states in its bases, title and body."""
    found: list[Link] = []
    proposals: list[Proposal] = []
    named: list[tuple[InstrumentMention, Span]] = []
    for node in doc.body.children:
        if node.kind == "basis":
            basis_links, basis_proposals = _basis(node)
            found += basis_links
            proposals += basis_proposals
            named += [(m, node.span) for m in find_instruments(node.text)]
            doc.mark_used(node.span)
    found += _amending_laws(named)
    found = [_dated(link, [m for m, _span in named]) for link in found]
    title = doc.header.title
    if title is not None and title.origin == "text":
        span = Span(title.line or doc.span.start, title.line or doc.span.start)
        found += _title(title.value, span)
    for node in doc.body.walk():
        if node.kind in ("article", "item", "point", "dash", "paragraph") and node.text:
            stated = _changes(node.text, node.span)
            if node.kind == "article":
                stated += _amending_article(node.text, node.span)
            if fold(node.text).startswith("giao "):
                stated += _implements_in(node.text, node.span)
            for link in stated:
                doc.mark_used(Span(link.span.start, link.span.start))
            found += stated
    return _unique(found), proposals


def _basis(node: Node) -> tuple[list[Link], list[Proposal]]:
    links_: list[Link] = []
    proposals: list[Proposal] = []
    kind: str | None = None
    for clause in re.split(r";\s*", node.text):
        low = folded(clause)
        for pattern, name in _KIND_AT:
            if pattern.match(low):
                kind = name
                break
        if kind is None:
            continue
        if not clause.strip(" .,"):
            continue
        if kind == "proposal":
            proposals.append(_proposal(clause, node.span))
            continue
        links_ += _clause(clause, kind, node.span)
    return links_, proposals


def _clause(text: str, kind: str, span: Span) -> list[Link]:
    """The links of one clause of ``kind`` (see the module's description)."""
    mentions = find_instruments(text)
    if not mentions:
        return []
    low = folded(text)
    head = mentions[0]
    if (
        len(mentions) > 1
        and head.kind != "numbered"
        and _ANNEXED_TO.search(_after(low, head, mentions[1]))
    ):
        # "Kế hoạch triển khai <X> ban hành kèm theo Quyết định số 402": the decision
        head, mentions = mentions[1], [mentions[1], mentions[0], *mentions[2:]]
    head_link = Link(kind, head, span, issuer=_issuer_after(text, head), text=text.strip())
    out = [head_link]
    made: dict[int, Link] = {id(head): head_link}
    passive: set[int] = set()
    ordered = sorted(mentions, key=lambda x: x.start)
    for i, m in enumerate(ordered):
        if m is head or m.iri == head.iri:
            continue
        previous = ordered[i - 1] if i > 0 else head
        between = low[previous.end : m.start]
        _date, length = date_after(between)
        between = _DATED_BY.sub("", between[length:])
        before = made.get(id(previous))
        if _AMENDED_BY.search(between):  # "A … được sửa đổi, bổ sung bởi B": B amends A
            amended = before.subject if before and before.kind == "refersTo" else previous
            link = Link("amends", amended or previous, span, subject=m, text=text.strip())
            passive.add(id(link))
        elif _AMENDS_BEFORE.search(between):
            link = Link("amends", m, span, subject=previous, text=text.strip())
        elif _REPLACES_BEFORE.search(between):
            link = Link("replaces", m, span, subject=previous, text=text.strip())
        elif _COORDINATE.match(between) and before is not None and id(before) in passive:
            link = Link(before.kind, before.target, span, subject=m, text=before.text)
            passive.add(id(link))  # "… bởi B, C": C amends it too
        elif _COORDINATE.match(between) and before is not None:  # "A và B": B as A
            issuer = _issuer_after(text, m) if before.subject is None else None
            link = Link(before.kind, m, span, before.subject, issuer, before.text)
        elif (
            _AND_NUMBERED.search(between)
            and m.kind == head.kind == "numbered"
            and before is not None
            and before.subject is None
        ):  # "… Quyết định số 1629 … phê duyệt Chương trình … và Quyết định số 808 …"
            link = Link(head_link.kind, m, span, None, _issuer_after(text, m), text.strip())
        else:
            link = Link("refersTo", m, span, subject=head, text=text.strip())
        made[id(m)] = link
        out.append(link)
    return out


def _after(low: str, previous: InstrumentMention, m: InstrumentMention) -> str:
    """The words between two mentions in the order printed."""
    return low[previous.end : m.start]


def _amending_laws(named: list[tuple[InstrumentMention, Span]]) -> list[Link]:
    """``Luật sửa đổi, bổ sung một số điều của Luật X (và Luật Y)`` amends X (and Y).

    X is the law of that name the document cites with its year, the latest not after
    the amending law's; a law cited by name alone stays so.
    """
    out: list[Link] = []
    mentions = [m for m, _span in named]
    for m, span in named:
        key = folded(m.text)
        if m.kind != "law" or not key.lower().startswith("luat sua doi"):
            continue
        at = key.find(" cua ")
        if at < 0:
            continue
        dated = re.search(r"\s+(?:ngay|nam)\s+\d", key[at + 5 :])
        amended = m.text[at + 5 : at + 5 + dated.start()] if dated else m.text[at + 5 :]
        for target in find_instruments(amended):
            out.append(Link("amends", _named_like(target, mentions, m), span, subject=m))
    return out


def _dated(link: Link, mentions: list[InstrumentMention]) -> Link:
    """``link`` with a law named without a year read as ``dated_law`` reads it."""
    for attr in ("target", "subject"):
        m = getattr(link, attr)
        if m is not None:
            setattr(link, attr, dated_law(m, mentions))
    return link


def dated_law(m: InstrumentMention, mentions: list[InstrumentMention]) -> InstrumentMention:
    """A law named without a year, read as the law of that name the document cites with
    its number (``Luật Du lịch số 09/2017/QH14``) or its date; any other mention as is."""
    if m.kind != "law" or m.year is not None or not m.name:
        return m
    numbered = [
        x for x in mentions if x.kind == "numbered" and x.name and fold(x.name) == fold(m.name)
    ]
    return numbered[0] if numbered else _named_like(m, mentions, m)


def basis_mentions(doc: Document) -> list[InstrumentMention]:
    """Every instrument the document's bases name, in order."""
    return [m for n in doc.body.children if n.kind == "basis" for m in find_instruments(n.text)]


def _named_like(
    target: InstrumentMention, mentions: list[InstrumentMention], amending: InstrumentMention
) -> InstrumentMention:
    """The law the clause names with its year, if it names the amended law so; else as is."""
    same = [
        m
        for m in mentions
        if m is not amending
        and m.kind == "law"
        and m.name == target.name
        and m.year is not None
        and (amending.year is None or m.year <= amending.year)
    ]
    return max(same, key=lambda m: m.year or 0) if same else target


def _proposal(text: str, span: Span) -> Proposal:
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


def _issuer_after(text: str, mention: InstrumentMention) -> str | None:
    """``… số 1676/QĐ-TTg ngày … của Thủ tướng Chính phủ về …`` → ``Thủ tướng Chính phủ``."""
    low = folded(text)
    at = mention.end
    _date, length = date_after(low[at : at + 40])
    tail = low[at + length :]
    m = re.match(r"\s*,?\s*cua (.+?)(?= ve\b| quy dinh\b| huong dan\b|;|,|\.|$)", tail)
    if not m:
        return None
    start = at + length + m.start(1)
    issuer = text[start : at + length + m.end(1)].strip()
    # "của Thủ tướng Chính phủ và chỉ đạo, hướng dẫn …": a body's name ends before a verb
    return re.split(r"\s+và\s+(?=[a-zà-ỹđ])", issuer)[0]


def _title(title: str, span: Span) -> list[Link]:
    """What a title says the document implements, amends or replaces."""
    low = folded(title)
    out: list[Link] = []
    carried: InstrumentMention | None = None  # the instrument the title carries out
    for m in find_instruments(title):
        before = low[: m.start]
        if carried is not None and _IMPLEMENTS_BEFORE.search(before):
            # "… KẾ HOẠCH SỐ 164-KH/TU … VỀ VIỆC TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 12-CT/TW":
            # what the carried-out instrument is about is its own link, not the document's
            if re.search(r"\bve\b", low[carried.end : m.start]):
                out.append(Link("implements", m, span, subject=carried, text=title))
                continue
        if _ABOUT_IMPLEMENTING.search(before):
            continue  # "về triển khai <X>", "báo cáo tình hình thực hiện <X>": about it
        if _IMPLEMENTS_BEFORE.search(before):
            carried = carried or m
            out.append(Link("implements", m, span, text=title))
        elif _AMENDS_BEFORE.search(before):
            out.append(Link("amends", m, span, text=title))
        elif _REPLACES_BEFORE.search(before):
            out.append(Link("replaces", m, span, text=title))
    return out


def _changes(text: str, span: Span) -> list[Link]:
    """``Quyết định này thay thế <X>``; ``sửa đổi, bổ sung … <X>`` said of the document."""
    low = folded(text)
    out: list[Link] = []
    for m in find_instruments(text):
        before = low[max(0, m.start - 120) : m.start]
        for pattern, kind in ((_REPLACES_BEFORE, "replaces"), (_AMENDS_BEFORE, "amends")):
            if pattern.search(before) and _SELF.search(before):
                out.append(Link(kind, m, span, text=text))
    return out


# "Điều 1. Sửa đổi, bổ sung …", "Điều 1. Bổ sung 04 thủ tục … công bố kèm theo Quyết định số
# 81/QĐ-UBND": an article that opens by amending or adding to what an instrument holds.
_AMENDING_ARTICLE = re.compile(r"^dieu \d{1,3}\s*[.:]?\s*(?:sua doi,? bo sung|sua doi|bo sung)\b")


def _amending_article(text: str, span: Span) -> list[Link]:
    """What an article that opens with ``Sửa đổi`` / ``Bổ sung`` amends: the first numbered
    instrument it names (not the document itself)."""
    low = folded(text)
    if not _AMENDING_ARTICLE.match(low):
        return []
    for m in find_instruments(text):
        if m.kind == "numbered" and not _SELF.search(low[max(0, m.start - 20) : m.end]):
            return [Link("amends", m, span, text=text)]
    return []


def _implements_in(text: str, span: Span) -> list[Link]:
    """An assignment that says what it puts into effect: ``triển khai thực hiện theo <X>``."""
    low = folded(text)
    return [
        Link("implements", m, span, text=text)
        for m in find_instruments(text)
        if _IMPLEMENTS_BEFORE.search(low[: m.start])
    ]


def _unique(found: list[Link]) -> list[Link]:
    seen: set[tuple[str, str, str]] = set()
    out: list[Link] = []
    for link in found:
        key = (link.kind, str(link.target.iri), str(link.subject.iri) if link.subject else "")
        if key not in seen:
            seen.add(key)
            out.append(link)
    return out
