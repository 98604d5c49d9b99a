"""The header block of a document (Nghị định 30/2020/NĐ-CP, Phụ lục I) read into a ``Header``.

The block is printed in two columns: on the left the issuing body (under the body it
belongs to) and the number; on the right the national motto (or the Party heading) and the
place and date. A text copy puts the columns one after the other, side by side on one line,
or joined by ``|`` (pages saved from legal portals) or tabs; so every header line is cut
into cells first and each cell is read for what it is. The body's name may run over two
lines in either order (``ỦY BAN NHÂN DÂN`` / ``TỈNH CÀ MAU``); a date may be split over two
lines; the title may run on into the body. OCR text without diacritics is read on folded
text, with the OCR's misreadings of ``Số`` and ``ngày`` allowed.
"""

from __future__ import annotations

import re

from loaders.base import Segment
from loaders.document import Header, Span, Stated
from loaders.document_types import document_types
from loaders.instruments import parse_date
from loaders.segment import find_number, province_in, province_names
from migkg.text import fold, folded, squash_spaces

_MARKS = re.compile(r"<[^>]+>|\*\*|__|^#+\s*|^\s*\*|\*\s*$|\[\^?\d+\]|\^\d+")
# A person's name printed alone on a line (a signer): two to five capitalised words.
PERSON_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][^\s\d,;:.()]*(?: [A-ZĐÀ-Ỹ][^\s\d,;:.()]*){1,4}$")
# A rule (``-------``) glued to the next cell ("TỈNH HẬU GIANG" / "-------Số: 46/…") cuts too.
_CELL_CUT = re.compile(r"\s*(?:\||\t| {3,}|-{3,})\s*")
_STATE_MOTTO = re.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–—]\s*tu do")
# The motto broken over lines by a saved page: "CỘNG" / "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
# "CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA VIỆT NAM": a head or a tail of it, cut between words.
_MOTTO_WORDS = "cong hoa xa hoi chu nghia viet nam".split()
_MOTTO_PIECES = frozenset(
    [" ".join(_MOTTO_WORDS[:i]) for i in range(1, len(_MOTTO_WORDS))]
    + [" ".join(_MOTTO_WORDS[i:]) for i in range(1, len(_MOTTO_WORDS) - 2)]
)

_PARTY = re.compile(r"\S{2,5}\s+cong san viet nam")
_DATE = re.compile(
    r"(?:(?P<place>[a-z][a-z .'-]{1,40}?)\s*,\s*)?ng\S{1,3}\s+(?P<d>\d{1,2})\s+th\S{1,4}\s+"
    r"(?P<m>\d{1,2})\s+n\S{1,3}\s+(?P<y>\d{4})"
)
_DATE_BLANK = re.compile(r"ng\S{1,3}\s+(?:\.{2,}|…|_+|\s)*th\S{1,4}\s+(?:\d{1,2}\s+)?n\S{1,3}")
# The two halves of a body name that a header may print on two lines.
_BODY_HEAD = re.compile(r"^(?:uy ban nhan dan|hoi dong nhan dan|ubnd|hdnd|ban chap hanh|dang bo)$")
_PLACE_ONLY = re.compile(r"^(?:tinh|thanh pho|tp\.?|huyen|thi xa|quan|xa|phuong)\s+\S.*$")
_CONTINUES = re.compile(r"(?:\s-|\svà|\sva|,)$")
# The words a body's name begins with; a header line that begins with none goes on the
# name above it ("BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN" / "NÔNG THÔN", "UBND TỈNH" / "KIÊN GIANG").
_BODY_START = re.compile(
    r"^(?:uy ban|ubnd|hoi dong|hdnd|so|bo|ban|van phong|cuc|chi cuc|vu|tong cuc|phong|"
    r"trung tam|tinh uy|thanh uy|huyen uy|thi uy|quan uy|dang bo|dang uy|cong an|"
    r"bo chi huy|bch|thanh tra|doan|mat tran|chinh phu|thu tuong|quoc hoi|toa an|vien|"
    r"kiem toan|ngan hang|hoi|lien doan|tong lien doan|truong|benh vien|hoc vien|dai hoc|"
    r"bao hiem|kho bac|cong ty|tong cong ty|dai su quan|tong lanh su|lanh su|chu tich|"
    r"dang cong san|tinh|thanh pho|tp)\b"
)
# Bodies of the central state and Party: printed in Hà Nội, belonging to no province.
_NATIONAL = re.compile(
    r"^(?:chinh phu|thu tuong|quoc hoi|uy ban thuong vu quoc hoi|bo |van phong chinh phu|"
    r"van phong trung uong|ban bi thu|bo chinh tri|ban chap hanh trung uong|"
    r"toa an nhan dan toi cao|vien kiem sat nhan dan toi cao|kiem toan nha nuoc|"
    r"ngan hang nha nuoc|uy ban trung uong|"
    r"ban .* trung uong|tong cuc|cuc )"
)
_TITLE_END = re.compile(
    r"^(?:kinh gui|dieu \d|[ivx]{1,4}\s*[.\-]|\d{1,2}\s*\.|phan\s|chuong\s|"
    r"quyet dinh\s*:|quyet nghi\s*:)"
)
# The bases' first words end a title unless printed in capitals as part of it
# ("THỰC HIỆN NGHỊ QUYẾT SỐ 27/NQ-CP …" is a title).
_BASIS_START = re.compile(r"^(?:can cu|thuc hien|theo de nghi|xet de nghi)")


def plain(line: str) -> str:
    """A line without markdown marks, tags or footnote markers, spaces squashed."""
    return squash_spaces(_MARKS.sub("", line.strip()))


def cells(line: str) -> list[str]:
    """The cells of a header line: cut at ``|``, tabs or wide gaps; marks removed."""
    return [c for c in (plain(p) for p in _CELL_CUT.split(line.strip(" |"))) if c]


def read(segment: Segment, meta: dict[str, str] | None = None) -> Header:
    """The header of one document segment (number, issuer, place, date, type, title)."""
    src = segment.source
    head = Header()
    n = _meta_line(segment, "number_line", segment.start)
    hs = _meta_line(segment, "header_start", segment.start)
    tl = _meta_line(segment, "type_line", n)
    if segment.number:
        head.number = Stated(segment.number, n)
        head.serial, head.year, head.symbol = split_number(segment.number)
    window = range(_top(segment, hs, n), min(segment.end, n + 8) + 1)
    issuer_cells: list[tuple[int, str]] = []
    motto_line: int | None = None
    for k in window:
        row = cells(src.line(k))
        if motto_line is None and row and all(_motto_only(c) for c in row):
            motto_line = k  # the motto on a line of its own: the issuer's lines are above
        for cell in row:
            low = folded(cell)
            if _STATE_MOTTO.search(low) or _motto_piece(low):
                head.motto = head.motto or "state"
                found_motto = _STATE_MOTTO.search(low)
                cell = cell[: found_motto.start()].strip(" -,") if found_motto else ""
                low = folded(cell)
            party = _PARTY.search(low)
            if party:
                head.motto = "party"
                cell = (cell[: party.start()] + " " + cell[party.end() :]).strip(" -,")
                low = folded(cell)
            if k <= n and cell:
                found = find_number(cell)
                at = re.search(r"\bs\S{0,2}\s*:?\s*\d+\s*[/-]", low)
                if found or (k == n and at):
                    cell = cell[: at.start()].strip(" -,") if at else ""
                after_motto = motto_line is not None and k > motto_line and issuer_cells
                if cell and _is_body_text(cell) and not after_motto:
                    issuer_cells.append((k, cell))
    _issuer(head, issuer_cells)
    _date_place(head, segment, hs, n, tl)
    doc_type = segment.doc_type or None
    if doc_type:
        head.doc_type = Stated(doc_type, tl, "text" if tl != n else "inferred")
    last = max(n, head.date_line or n)
    if tl != n:
        head.title = _title(segment, tl)
        last = max(last, _title_end(segment, tl))
    else:
        head.title, title_end = _subject(segment, hs) or _bare_title(segment, last)
        last = max(last, title_end)
    _complete_issuer(head, segment, last)
    _province(head, meta or {})
    # the block starts at its first line read (a saved page's banner above it is not header)
    firsts = [s.line for s in (head.issuer_parent, head.issuer) if s is not None and s.line]
    head.span = Span(min([*firsts, n]), last)
    return head


def _motto_piece(low: str) -> bool:
    """A folded cell that is a head or a tail of the motto's first line."""
    return " ".join(low.split()) in _MOTTO_PIECES


def _motto_only(cell: str) -> bool:
    """A cell that holds the motto (or a piece of it) and nothing before it."""
    low = folded(cell)
    found = _STATE_MOTTO.search(low)
    return bool(_motto_piece(low) or (found and not cell[: found.start()].strip(" -,")))


def _top(segment: Segment, hs: int, n: int) -> int:
    """The first line of the header block: up from the number line over the issuer's and
    the motto's lines, stopping at running text (a saved page's banner or metadata)."""
    top = n
    for k in range(n - 1, hs - 1, -1):
        text = plain(segment.source.line(k)).strip(" |-*_.")
        if not any(c.isalpha() for c in text):
            continue
        low = folded(text)
        header_like = (
            _is_body_text(text)
            or _STATE_MOTTO.search(low)
            or _PARTY.search(low)
            or low.startswith(("v/v", "ve viec"))
        )
        if not header_like:
            break
        top = k
    return top


def split_number(number: str) -> tuple[str | None, int | None, str | None]:
    """``13/2017/QĐ-UBND`` → (``13``, 2017, ``QĐ-UBND``); ``139-KH/TU`` → (``139``, None, …)."""
    m = re.match(r"^(\d+)[/-](?:((?:19|20)\d{2})/)?(.+)$", number)
    if not m:
        return None, None, None
    return m.group(1), int(m.group(2)) if m.group(2) else None, m.group(3)


def _meta_line(segment: Segment, key: str, default: int) -> int:
    value = segment.meta.get(key, default)
    return value if isinstance(value, int) else default


def _is_body_text(cell: str) -> bool:
    """An upper-case line of words (a body's name), not a date, a number or a title."""
    letters = [c for c in cell if c.isalpha()]
    if len(letters) < 2:
        return False
    low = fold(cell)
    if re.search(r"\bngay\b.*\bnam\b|\bng\S{1,3} \d", low) or low in document_types().titles:
        return False
    return sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _issuer(head: Header, found: list[tuple[int, str]]) -> None:
    """The issuing body and the body above it from the left column's lines.

    Halves of one name printed on two lines are joined first (``ỦY BAN NHÂN DÂN`` +
    ``TỈNH CÀ MAU`` in either order; a line ending in ``-`` or ``VÀ``); of the names left,
    the last is the issuer and the one before it its parent.
    """
    names: list[tuple[int, str]] = []
    for k, cell in found:
        key = fold(cell).strip(" .")
        if names:
            pk, prev = names[-1]
            pkey = fold(prev).strip(" .")
            if (
                (_BODY_HEAD.match(pkey) and _PLACE_ONLY.match(key))
                or (len(pkey.split()) == 1 and len(pkey) <= 3)  # "ỦY" / "BAN NHÂN DÂN"
                or _CONTINUES.search(prev)
                or key.startswith(("va ", "- "))
                or not (_BODY_START.match(key) or _PLACE_ONLY.match(key))
            ):
                names[-1] = (pk, squash_spaces(f"{prev} {cell}"))
                continue
            if _PLACE_ONLY.match(pkey) and _BODY_HEAD.match(key):
                names[-1] = (pk, squash_spaces(f"{cell} {prev}"))
                continue
        names.append((k, cell))
    if not names:
        return
    k, issuer = names[-1]
    head.issuer = Stated(issuer, k)
    if len(names) > 1:
        pk, parent = names[-2]
        head.issuer_parent = Stated(parent, pk)


def _date_place(head: Header, segment: Segment, hs: int, n: int, tl: int) -> None:
    """Place and date of issue, from a line or two joined (a date split across lines).

    The place and date stand above the kind and title (Nghị định 30/2020/NĐ-CP, Phụ lục I):
    they are looked for there first, so that the date of an instrument the title cites
    ("THỰC HIỆN NGHỊ QUYẾT SỐ 27/NQ-CP NGÀY 05 THÁNG 4 NĂM 2016") is not taken for the
    document's own. A copy that starts at its title prints no date line: a date there is
    the cited instrument's."""
    if segment.meta.get("titled"):
        return
    last = min(segment.end, n + 8)
    if n < tl <= last and _date_in(head, segment, hs, tl - 1):
        return
    _date_in(head, segment, hs, last)


def _date_in(head: Header, segment: Segment, hs: int, last: int) -> bool:
    """Place and date from the lines ``hs`` … ``last``; False when none holds a date."""
    src = segment.source
    lines = list(range(max(segment.start, hs), last + 1))
    for k in lines:  # a date on one line
        for text in _date_cells(src.line(k)):
            before = (
                _place_piece(src.line(k - 1))
                if k > 1 and text == _date_cells(src.line(k))[0]
                else ""
            )
            if _take_date(head, f"{before} {text}".strip(), k - 1 if before else k, k):
                return True
    for a, b in zip(lines, lines[1:], strict=False):  # a date split over two lines
        first, second = _date_cells(src.line(a)), _date_cells(src.line(b))
        if not (first and second):
            continue
        before = _place_piece(src.line(a - 1)) if a > 1 else ""  # "Sơn" / "La, ngày 11 …"
        text = f"{before} {first[-1]} {second[0]}".strip()
        if _take_date(head, text, a - 1 if before else a, b):
            return True
    for k in lines:  # no date printed (a draft, "ngày … tháng … năm"): the place alone
        if _DATE_BLANK.search(folded(plain(src.line(k)))):
            head.place = head.place or _place_of(src.line(k), k)
    return False


def _take_date(head: Header, text: str, place_line: int, date_line: int) -> bool:
    """Read the place and date of ``text`` into ``head``; False when it holds no date."""
    m = _DATE.search(folded(text))
    if not m:
        return False
    head.date = parse_date(m.group("d"), m.group("m"), m.group("y"))
    head.date_line = date_line
    if m.group("place"):
        place = text[m.start("place") : m.end("place")].strip()
        place = re.sub(r"^(?:TP\.?|Thành phố|Tp\.?)\s*", "", place).strip() or place
        head.place = Stated(province_names().get(fold(place), place), place_line)
    return head.date is not None


def _place_piece(line: str) -> str:
    """A place name's first word left alone on the line above (``Tam`` / ``Kỳ, ngày …``),
    or the whole name with its comma (``Thừa Thiên Huế,`` / ``ngày 31 tháng 8 …``)."""
    text = plain(line).strip(" |")
    if re.fullmatch(r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]+", text):
        return text
    word = r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]+"
    return text if re.fullmatch(rf"{word}(?: {word}){{0,3}}\s*,", text) else ""


def _date_cells(line: str) -> list[str]:
    """The cells of a line, a number and what stands before it cut off."""
    out: list[str] = []
    for cell in cells(line):
        number = re.search(r"\d+\s*[/-]\s*(?:\d{4}\s*/\s*)?[A-Za-zĐđ][\w/\-]*", cell)
        out.append(cell[number.end() :].strip() if number and fold(cell).startswith("s") else cell)
    return [c for c in out if c]


def _place_of(line: str, k: int) -> Stated | None:
    m = re.match(r"^\s*([^,\d]{2,40}),\s*ng", plain(line))
    return Stated(m.group(1).strip(), k) if m else None


def _title_end(segment: Segment, tl: int) -> int:
    """The last line of the title under the type line (down to a blank or the body)."""
    src, k = segment.source, tl + 1
    while k <= segment.end and not src.line(k).strip():
        k += 1
    last = tl
    lower_seen = False
    upper_only = True
    while k <= segment.end and src.line(k).strip() and k <= tl + 8:
        text = plain(src.line(k)).strip(" |")
        key = fold(text)
        basis = _BASIS_START.match(key) and not text.isupper()
        if basis and last == tl and key.startswith("thuc hien"):
            basis = False  # "KẾ HOẠCH" / "Thực hiện Chỉ thị số …": the first line is the title
        if _TITLE_END.match(key) or basis:
            break
        if lower_seen and text[:1].isupper() and not text.isupper():
            break  # "về …" ended the title; a capitalised sentence opens the body
        if last > tl and upper_only and text[:1].isupper() and not text.isupper():
            break  # a title in capitals ended; "Để tiếp tục thực hiện …" opens the body
        upper_only = upper_only and text.isupper()
        lower_seen = lower_seen or text[:1].islower()
        if last > tl and text.isupper() and _is_authority(key) and len(key.split()) <= 10:
            break  # the enacting body's line right under the title (no blank line between)
        last = k
        k += 1
    return last


def _title(segment: Segment, tl: int) -> Stated | None:
    """The title (trích yếu) under the type line, stopping where the body begins."""
    end = _title_end(segment, tl)
    if end == tl:
        return None
    src = segment.source
    first = next(k for k in range(tl + 1, end + 1) if src.line(k).strip())
    text = squash_spaces(" ".join(plain(src.line(k)) for k in range(first, end + 1)))
    return Stated(text.rstrip("."), first) if text else None


def _subject(segment: Segment, n: int) -> tuple[Stated, int] | None:
    """A letter's trích yếu: ``V/v …`` under its number, with the lines that continue it."""
    src = segment.source
    for k in range(n, min(segment.end, n + 10) + 1):
        if fold(plain(src.line(k))).startswith("kinh gui"):
            return None  # the subject stands above the addressees
        for cell in cells(src.line(k)):
            if fold(cell).startswith(("v/v", "ve viec")):
                text, j = cell, k + 1
                while (
                    j <= min(segment.end, k + 3)
                    and src.line(j).strip()
                    and not _ends_subject(src.line(j))
                ):
                    text, j = f"{text} {plain(src.line(j))}", j + 1
                return Stated(squash_spaces(text).rstrip("."), k), j - 1
    return None


def _bare_title(segment: Segment, after: int) -> tuple[Stated | None, int]:
    """An upper-case title printed with no type line above it (a portal's copy)."""
    src, k = segment.source, after + 1
    while k <= segment.end and not plain(src.line(k)).strip(" |-"):
        k += 1
    parts: list[str] = []
    first = k
    while k <= segment.end:
        text = plain(src.line(k)).strip(" |")
        key = fold(text)
        if not text or not text.isupper() or len(key.split()) < 3 or _is_authority(key):
            break
        if _TITLE_END.match(key) or _STATE_MOTTO.search(key):
            break
        parts.append(text)
        k += 1
    if not parts:
        return None, after
    return Stated(squash_spaces(" ".join(parts)).rstrip("."), first), k - 1


def _is_authority(key: str) -> bool:
    """The line naming the body that enacts (``ỦY BAN NHÂN DÂN TỈNH …``, ``CHỦ TỊCH …``)."""
    return bool(
        re.match(r"^(?:uy ban nhan dan|chu tich|thu tuong|bo truong|chinh phu|hoi dong)", key)
    )


def _complete_issuer(head: Header, segment: Segment, last: int) -> None:
    """A bare ``ỦY BAN NHÂN DÂN`` completed from the line under the title that names the
    enacting body in full (``ỦY BAN NHÂN DÂN TỈNH CÀ MAU``)."""
    if head.issuer is None or head.issuer_parent is not None:
        return
    bare = fold(head.issuer.value).strip(" .")
    if not _BODY_HEAD.match(bare):
        return
    src = segment.source
    for k in range(last + 1, min(segment.end, last + 4) + 1):
        text = plain(src.line(k)).strip(" |")
        key = fold(text)
        if key.startswith(bare + " ") and province_in(text):
            head.issuer = Stated(text, head.issuer.line)
            return


def _ends_subject(line: str) -> bool:
    key = fold(plain(line))
    return bool(_DATE.search(key) or key.startswith("kinh gui") or _STATE_MOTTO.search(key))


def _province(head: Header, meta: dict[str, str]) -> None:
    """The document's province: its issuer's, then a place that is a province, then a manifest."""
    for stated in (head.issuer, head.issuer_parent):
        if stated is not None:
            name = province_in(stated.value)
            if name:
                head.province = Stated(name, stated.line, "inferred")
                return
    national = any(
        s is not None and _NATIONAL.match(fold(s.value)) for s in (head.issuer_parent, head.issuer)
    )
    if not national and head.place is not None and fold(head.place.value) in province_names():
        head.province = Stated(province_names()[fold(head.place.value)], head.place.line)
        return
    if meta.get("province"):
        head.province = Stated(meta["province"], None, "manifest")
