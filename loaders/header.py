"""Part loader "header": what a document says about itself and what it rests on.

From the header block and the preamble of each document segment: number, type, date and
place of issue, issuing body, signer and role, title, subject (``V/v …``), addressees,
and the legal bases: ``Căn cứ …`` (``mkg:legalBasis``, also ``mkg:refersTo``),
``Thực hiện …`` (``mkg:implements``), ``Xét/Theo đề nghị của …`` (``mkg:proposedBy``
the agency, ``mkg:refersTo`` the letters it cites). In a basis clause the first
instrument of each ``;``-part is the basis; further instruments in the part are what that
basis concerns (Decision 1676 approves the GCM) and become its ``mkg:refersTo``.

The document is ``id:instrument/<number>``, or ``id:plan/<number>`` when it is itself a
Kế hoạch. A decision or resolution whose title adopts a Kế hoạch gets its plan
``id:plan/<number>`` (``mkg:adoptedBy`` the document). What the title says the document
implements (``Ban hành Kế hoạch triển khai <X>``) the document and its plan implement; so
does what a letter's assignment ("Giao … triển khai thực hiện theo <X>") implements.

Every instrument named anywhere in the segment gets its own resource (see
``instruments.instrument_triples``) with provenance at its first mention; the instruments
named in the document's prose (not its appendix rows, which tasks link) are its
``mkg:refersTo``, each with a ``mkg:Mention``. (That Directive 20-CT/TW follows 16-CT/TW,
which plan 139-KH/TU names, is a reference fact: ``mkg:precededBy`` comes with the
reference data, not from here.) A signer is recorded only where the signature block
prints a name.
"""

from __future__ import annotations

import re
from datetime import date

from loaders.base import Fact, Segment
from loaders.document import Document, Span
from loaders.header_block import PERSON_NAME, plain
from loaders.header_facts import Header, Signer
from loaders.instruments import (
    folded,
    parse_date,
)
from loaders.links import links
from loaders.parse import document_of
from loaders.segment import province_names
from migkg.text import fold, squash_spaces

KINDS: tuple[str, ...] = ("instrument",)

_DATE_PLACE = re.compile(
    r"(?P<place>[a-z][a-z .'-]{1,40}?),\s*ng\S{1,3}\s+(?P<d>\d{1,2})\s+th\S{1,4}\s+"
    r"(?P<m>\d{1,2})\s+n\S{1,3}\s+(?P<y>\d{4})"
)
_ROLE = re.compile(
    r"^(?:(?:kt|tm|tl|tuq|q)\.\s*)?(?:pho )?(?:chanh van phong|thu tuong|bo truong|"
    r"chu tich|bi thu|giam doc|truong ban|chu nhiem|thu truong|tong bi thu)\b"
)
_CAPACITY = re.compile(r"^(?:kt|tm|tl|tuq|q)\.\s")


def parse(segment: Segment) -> list[Fact]:
    """The header facts of one document segment."""
    if segment.kind != "instrument":
        return []
    head = read_header(segment)
    titled = bool(segment.meta.get("titled"))  # a copy from its title: its bases follow
    if not segment.number and not titled and (head.issued is None or head.issuer is None):
        return []  # a copy without its number cell is kept only with its issuer and date
    return [head]


def read_header(segment: Segment) -> Header:
    """Read the header block, title, preamble and signature of ``segment``."""
    n = _line(segment, "number_line", segment.start)
    hs = _line(segment, "header_start", segment.start)
    tl = _line(segment, "type_line", n)
    src = segment.source
    head = Header(segment=segment, number=segment.number or "", doc_type=segment.doc_type or "")
    doc = document_of(segment)
    model = doc.header
    if model.issuer is not None:  # the issuing body, then the body it belongs to
        parent = [model.issuer_parent.value] if model.issuer_parent else []
        head.issuer = squash_spaces(" ".join([model.issuer.value, *parent]))
        head.issuer_line = model.issuer.line or hs
    elif not segment.meta.get("titled") and not segment.meta.get("listed"):
        head.issuer, head.issuer_line = _issuer(segment, hs, n)  # (a title or list entry: none)
    if model.date is not None:
        head.issued, head.date_line = model.date, model.date_line
        head.place = model.place.value if model.place else None
    elif isinstance(listed := segment.meta.get("listed"), str):  # "(799/VP-NC, ngày 14/3/2018)"
        head.issued, head.date_line = date.fromisoformat(listed), n
    else:
        _date_place(segment, n, head)
    if tl != n:
        if model.title is not None and model.title.line is not None:
            head.title = model.title.value.rstrip(".")
            head.title_lines = (model.title.line, model.span.end if model.span else tl)
        else:
            head.title, title_start, title_end = _block_after(segment, tl)
            head.title_lines = (title_start, title_end) if head.title else None
    for k in range(n, min(segment.end, n + 12) + 1):
        text = plain(src.line(k))
        if fold(text).startswith("v/v") and head.subject is None:
            head.subject, head.subject_line = text, k
        if fold(text).startswith("kinh gui"):
            head.addressees = _addressees(segment, k)
    head.links, head.proposals = links(doc)
    head.signer = _signer(segment) or _model_signer(doc)
    _mark_read(doc, head)
    return head


def _model_signer(doc: Document) -> Signer | None:
    """The signer of the model's signature block, where it prints a name."""
    sig = doc.signature
    if sig is None or sig.name is None:
        return None
    role = sig.role or re.sub(r"^(?:KT|TM|TL|TUQ|Q)\.\s*", "", sig.capacity or "")
    return Signer(name=sig.name, role=role, line=sig.span.end, role_line=sig.span.start)


def _mark_read(doc: Document, head: Header) -> None:
    """Tell the report of understanding which lines the header facts came from."""
    for _text, line in head.addressees:
        doc.mark_used(Span(line, line))
    if head.subject_line is not None:
        doc.mark_used(Span(head.subject_line, head.subject_line))
    if head.signer is not None:
        doc.mark_used(Span(head.signer.role_line, head.signer.line))
    elif doc.signature is not None:
        doc.mark_used(doc.signature.span)  # read, and found to name no signer


def _line(segment: Segment, key: str, default: int) -> int:
    """A line number the segmenter put in ``meta``."""
    value = segment.meta.get(key, default)
    return value if isinstance(value, int) else default


def _issuer(segment: Segment, hs: int, n: int) -> tuple[str | None, int]:
    """The issuing body from the lines above the number (child body first)."""
    parts: list[str] = []
    for k in range(hs, n + 1):
        text = plain(segment.source.line(k))
        low = folded(text)
        cut = [i for i in (low.find("cong hoa xa hoi"), low.find("doc lap -")) if i >= 0]
        party = re.search(r"\S+ cong san viet nam", low)
        if party:
            cut.append(party.start())
        number = re.search(r"\bs\S{0,2}\s*:?\s*\d+\s*[/-]", low)
        if number:  # the number line: only what stands before the number
            cut.append(number.start())
        text = text[: min(cut)].strip(" ,.-_") if cut else text
        if sum(c.isalpha() for c in text) >= 2:
            parts.append(text)
    if not parts:
        return None, hs
    return " ".join(reversed(parts)), hs


def _date_place(segment: Segment, n: int, head: Header) -> None:
    for k in range(max(segment.start, n - 2), min(segment.end, n + 6) + 1):
        line = plain(segment.source.line(k))
        number = re.search(r"\d+\s*[/-]\s*[A-Za-zĐđ][\w/\-]*", line) if k == n else None
        if number:  # "S6 139 - KH/TU Hai Duong, ngay …": the place follows the number
            line = line[number.end() :]
        low = folded(line)
        m = _DATE_PLACE.search(low)
        if not m:
            continue
        head.issued = parse_date(m.group("d"), m.group("m"), m.group("y"))
        place = line[m.start("place") : m.end("place")].strip()
        head.place = province_names().get(fold(place), place)
        head.date_line = k
        return


def _block_after(segment: Segment, k: int) -> tuple[str | None, int, int]:
    """The lines of text after line ``k`` (blank lines skipped), up to the next blank."""
    src, j = segment.source, k + 1
    while j <= segment.end and not src.line(j).strip():
        j += 1
    lines: list[str] = []
    first = j
    while j <= segment.end and src.line(j).strip():
        lines.append(plain(src.line(j)))
        j += 1
    text = squash_spaces(" ".join(lines)).rstrip(".") if lines else None
    return text, first, j - 1


def _addressees(segment: Segment, k: int) -> list[tuple[str, int]]:
    """``Kính gửi: A; B.`` and any ``- C;`` lines under it."""
    first = plain(segment.source.line(k)).strip(" |").split(":", 1)[-1]
    found = [(part.strip(" .;,"), k) for part in first.split(";") if part.strip(" .;,|")]
    j = k + 1
    while j <= segment.end and not plain(segment.source.line(j)).strip(" |"):
        j += 1  # "Kính gửi:" alone, its list after a blank line
    while j <= segment.end:
        text = plain(segment.source.line(j)).strip(" |")
        if not text.startswith("-"):
            break
        found.append((text.strip("- .;,"), j))
        j += 1
    return found


def _signer(segment: Segment) -> Signer | None:
    """The role and name of the signature block near ``Nơi nhận``, if a name is printed."""
    src = segment.source
    near = [k for k, t in segment.numbered() if fold(plain(t)).startswith("noi nhan")]
    lo, hi = (near[0] - 12, near[0] + 20) if near else (segment.end - 25, segment.end)
    role_lines: list[int] = []
    for k in range(max(segment.start, lo), min(segment.end, hi) + 1):
        text = plain(src.line(k))
        key = fold(text)
        if key.startswith("phu luc") or (role_lines and k > role_lines[-1] + 8):
            break
        if text.startswith("-"):
            continue
        if (_ROLE.match(key) or _CAPACITY.match(key)) and text.isupper() and len(key.split()) <= 6:
            role_lines.append(k)
        elif role_lines and PERSON_NAME.match(text) and not text.isupper():
            role = plain(src.line(role_lines[-1]))
            role = re.sub(r"^(?:KT|TM|TL|TUQ|Q)\.\s*", "", role)
            return Signer(name=text, role=role, line=k, role_line=role_lines[0])
    return None
