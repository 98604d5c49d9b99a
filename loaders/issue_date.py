"""The place and date of issue printed in a header (``Hà Nội, ngày 20 tháng 3 năm 2020``).

They may be split over two lines (``Tam`` / ``Kỳ, ngày …``; ``ngày 31 tháng 8`` / ``năm
2020``), share a line with the number (``Số: 12/KH-UBND | Cà Mau, ngày …``), or be left
blank in a draft (``ngày … tháng … năm``: the place alone). OCR text without diacritics is
read on folded text.
"""

from __future__ import annotations

import re

from loaders.base import Segment
from loaders.document import Header, Stated
from loaders.document_split import province_names
from loaders.instruments import parse_date
from loaders.line_text import cells, plain
from migkg.text import fold, folded

DATE = re.compile(
    r"(?:(?P<place>[a-z][a-z .'-]{1,40}?)\s*,\s*)?ng\S{1,3}\s+(?P<d>\d{1,2})\s+th\S{1,4}\s+"
    r"(?P<m>\d{1,2})\s+n\S{1,3}\s+(?P<y>\d{4})"
)
_DATE_BLANK = re.compile(r"ng\S{1,3}\s+(?:\.{2,}|…|_+|\s)*th\S{1,4}\s+(?:\d{1,2}\s+)?n\S{1,3}")


def date_place(head: Header, segment: Segment, hs: int, n: int, tl: int) -> None:
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
    m = DATE.search(folded(text))
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
