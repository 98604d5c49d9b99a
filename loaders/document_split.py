"""Splitting a source file into the documents it holds.

A Vietnamese administrative document opens with a header block: the issuing body,
the national motto (``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`` / ``Độc lập - Tự do -
Hạnh phúc``, or ``ĐẢNG CỘNG SẢN VIỆT NAM`` for Party documents) and the number line
``Số: 402/QĐ-TTg``. A new document starts at each number line that sits in such a
block and carries a number not already open; everything down to the next one (an
appendix, an attached plan) belongs to it. A file without a header is a news page.

OCR turns ``Số`` into ``S6``, ``S§``, ``Sé`` … and loses the accents of the motto,
so both are matched on folded text with those misreadings allowed.
"""

from __future__ import annotations

import re
from functools import cache

from data import REFERENCE_DIR
from loaders.base import Segment, SourceText
from loaders.document_types import document_types
from loaders.report import BuildReport
from loaders.restructuring import PROVINCES_CSV
from loaders.tabular import read_csv
from migkg.text import fold, normalize_dashes

# "Số: 402/QĐ-TTg", "Số: 1692 /VP-VHXH", "S6 139 - KH/TU", "Số: 13/2017/QĐ-UBND": the
# marker, the serial number, the year where the number carries one, then the code
# (letters, digits, / and -) which must hold a capital letter.
_NUMBER_LINE = re.compile(
    r"^[\s*#_|]*(?:-{3,}\s*)?S(?:ố|ô|o|ó|ò|ớ|ơ|6|§|&|é|è|0)\s*:?\s*"
    r"(?P<serial>\d{1,5})\s*(?P<sep>[/-])\s*(?P<year>(?:19|20)\d{2}\s*/\s*)?"
    r"(?P<code>[A-Za-zĐđƯư][A-Za-zĐđƯưƠơ&0-9/\-.]*)"
)
# Folded forms of the lines that make a header block (the motto, Party heading).
_MOTTO_KEYS = ("cong hoa xa hoi", "doc lap - tu do", "cong san viet nam")
# How far from the number line the motto or issuing body may be printed.
_BLOCK_REACH = 6


@cache
def province_names() -> dict[str, str]:
    """Province and city names (before and after 2025) by folded name, with diacritics."""
    names: dict[str, str] = {}
    columns = ("province_before", "province_after")
    for _line, row in read_csv(REFERENCE_DIR / PROVINCES_CSV, columns):
        for col in columns:
            name = row[col].removeprefix("Thành phố ").strip()
            names[fold(name)] = name
    return names


@cache
def _letter_keys() -> dict[str, str]:
    """Province names keyed by their folded letters alone ("ba ria vung tau"), so that a name
    printed with its dash glued or spaced ("BÀ RỊA-VŨNG TÀU") is found."""
    return {
        " ".join(re.sub(r"[^a-z ]+", " ", key).split()): name
        for key, name in province_names().items()
    }


def province_in(text: str) -> str | None:
    """The province an issuing body names (``UBND TỈNH KIÊN GIANG`` → ``Kiên Giang``)."""
    key = f" {re.sub(r'[^a-z ]+', ' ', fold(text))} "
    key = re.sub(r"\s+", " ", key)
    found = [(len(f), name) for f, name in _letter_keys().items() if f" {f} " in key]
    # the longest name wins: "Thừa Thiên Huế" holds "Huế", "Bà Rịa - Vũng Tàu" "Vũng Tàu"
    return max(found)[1] if found else None


def _plain(line: str) -> str:
    """A line without markdown marks and HTML tags, for looking at its words."""
    return re.sub(r"<[^>]+>|[*#_]", "", line).strip()


def normalise_number(serial: str, sep: str, code: str) -> str:
    """``1692``, ``/``, ``VP-VHXH`` → ``1692/VP-VHXH``; spaces dropped, dashes plain."""
    return f"{serial}{sep}{normalize_dashes(code).rstrip('.-/')}"


def find_number(line: str) -> tuple[str, str] | None:
    """The normalised number and the marker as printed, if ``line`` is a number line."""
    m = _NUMBER_LINE.match(normalize_dashes(line))
    if not m or not any(c.isupper() for c in m.group("code")):
        return None
    marker = line.strip(" *#_|-")[:2]
    year = re.sub(r"\s+", "", m.group("year") or "")
    return normalise_number(m.group("serial"), m.group("sep"), year + m.group("code")), marker


_MARKER_ALONE = re.compile(r"^[\s*#_|]*S(?:ố|ô|o|ó|ò|6|§|&|é|è|0)\s*:?[\s|]*$")


def _number_below(source: SourceText, n: int) -> tuple[str, str] | None:
    """``Số:`` alone on line ``n`` with the number on the next line (a saved page's cells)."""
    if not _MARKER_ALONE.match(source.line(n)) or n >= len(source.lines):
        return None
    marker = source.line(n).strip(" *#_|:")[:2]
    found = find_number(f"{marker}: {source.line(n + 1).strip(' |')}")
    return (found[0], marker) if found else None


def _is_motto(line: str) -> bool:
    key = fold(normalize_dashes(_plain(line)))  # "Độc lập – Tự do": any dash
    return any(k in key for k in _MOTTO_KEYS)


def _is_heading_line(line: str) -> bool:
    """Upper-case issuing-body lines (``UBND TỈNH KIÊN GIANG``, ``VĂN PHÒNG``)."""
    text = _plain(line)
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _in_header_block(source: SourceText, n: int) -> bool:
    lo, hi = max(1, n - _BLOCK_REACH), min(len(source.lines), n + _BLOCK_REACH)
    return any(_is_motto(source.line(k)) for k in range(lo, hi + 1))


def _block_start(source: SourceText, n: int, floor: int) -> int:
    """The first line of the header block whose number line is ``n`` (not above ``floor``)."""
    start = n
    k = n - 1
    while k >= max(floor, n - _BLOCK_REACH):
        text = _plain(source.line(k))
        if text and not (_is_motto(text) or _is_heading_line(text)):
            break
        if text:
            start = k
        k -= 1
    return start


def doc_type_of(source: SourceText, number_line: int, end: int, number: str) -> tuple[str, int]:
    """The document type and the line that states it (the number line when inferred).

    The title word (``QUYẾT ĐỊNH``, ``NGHỊ QUYẾT``, OCR ``KE HOACH``) printed alone on a
    line within a few lines below the number decides; failing that a letter with
    ``V/v`` and ``Kính gửi`` is a Công văn, and then the code letters decide.
    """
    for k in range(number_line + 1, min(end, number_line + 8) + 1):
        text = _plain(source.line(k)).strip(" |")
        key = fold(text).rstrip(". ")
        if key.endswith(":"):  # "QUYẾT ĐỊNH:" opens the articles; it is not the title
            continue
        titles = document_types().titles
        if key in titles:
            return titles[key], k
        spaced = {k.replace(" ", ""): v for k, v in titles.items()}
        if key.replace(" ", "") in spaced:  # an OCR's "K ÉT LUẬN"
            return spaced[key.replace(" ", "")], k
    window = [fold(source.line(k)) for k in range(number_line, min(end, number_line + 12) + 1)]
    if any(w.lstrip().startswith("v/v") for w in window) and any("kinh gui" in w for w in window):
        return "Công văn", number_line
    code = number.split("/", 1)[-1] if "/" in number else number
    coded = document_types().from_code(code)
    if coded is not None:
        return coded, number_line
    if any("kinh gui" in w for w in window):  # a letter with an agency code and no V/v
        return "Công văn", number_line
    return "Văn bản", number_line


def _header_end(source: SourceText, n: int, type_line: int, end: int) -> int:
    """The last line of the header block: the title under the type line, or ``Kính gửi``."""
    if type_line == n:  # a letter: down to its addressee line
        for k in range(n, min(end, n + 12) + 1):
            if fold(_plain(source.line(k))).startswith("kinh gui"):
                return k
        return n
    k = type_line + 1
    while k <= end and not source.line(k).strip():
        k += 1
    while k + 1 <= end and source.line(k + 1).strip():
        k += 1
    return min(k, end)


def _first_lines(source: SourceText, count: int) -> list[tuple[int, str]]:
    """The first ``count`` lines that hold text, unmarked, with their numbers."""
    return [(n, _plain(t)) for n, t in source.numbered() if _plain(t).strip(" -*|")][:count]


def _whole_file(
    source: SourceText,
    doc_type: str,
    *,
    number_line: int,
    header_start: int,
    type_line: int,
    number: str | None = None,
    **meta: object,
) -> Segment:
    """The whole file as one document read without a full header block (no number line
    in a motto block): its header lines as found, and ``meta`` saying how it was found."""
    end = len(source.lines)
    return Segment(
        source=source,
        start=1,
        end=end,
        kind="instrument",
        number=number,
        doc_type=doc_type,
        plan_number=number,
        meta={
            "number_line": number_line,
            "header_start": header_start,
            "type_line": type_line,
            "header_end": _header_end(source, number_line, type_line, end),
            "marker": None,
            "ocr": False,
            "province": None,
            "file_numbers": [number] if number else [],
            **meta,
        },
    )


def _unnumbered(source: SourceText) -> Segment | None:
    """A document whose header has a motto and an issuing body but no number line.

    Such a copy (a portal that dropped the number cell) is still a document, not a news
    page: one segment of kind ``instrument`` with no number, which the report flags.
    """
    texts = _first_lines(source, 12)
    motto = next((n for n, t in texts if _is_motto(t)), None)
    if motto is None or not any(n < motto and _is_heading_line(t) for n, t in texts):
        return None
    doc_type, type_line = doc_type_of(source, motto, len(source.lines), "")
    return _whole_file(
        source, doc_type, number_line=motto, header_start=texts[0][0], type_line=type_line
    )


# what opens a document's own text under its title: its bases, or what it carries out
_OPENING = re.compile(r"^(?:can cu|thuc hien|trien khai|de trien khai|xet de nghi)\b")


def _titled(source: SourceText) -> Segment | None:
    """A copy that starts at the title (``CHƯƠNG TRÌNH`` alone on the first line), above the
    bases (``Căn cứ …``) or what it carries out: a document with no header, not a page."""
    texts = _first_lines(source, 10)
    if not texts or fold(texts[0][1]).rstrip(". ") not in document_types().titles:
        return None
    if not _is_heading_line(texts[0][1]) or not any(_OPENING.match(fold(t)) for _, t in texts):
        return None
    first = texts[0][0]
    return _whole_file(
        source,
        document_types().titles[fold(texts[0][1]).rstrip(". ")],
        number_line=first,
        header_start=first,
        type_line=first,
        titled=True,
    )


# "Về việc người dân xuất cảnh … (799/VP-NC, ngày 14/3/2018)": a portal's list entry for a
# letter, its number and date in brackets after its subject
_LISTED = re.compile(
    r"^(?:V/v|Về việc)\b.*\((?P<serial>\d{1,5})\s*(?P<sep>/)\s*(?P<code>[A-ZĐ][\w\-/.]*)\s*,"
    r"\s*ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>(?:19|20)\d{2})\s*\)\s*$",
    re.IGNORECASE,
)


def _listed_letter(source: SourceText) -> Segment | None:
    """A letter a portal prints under its subject line with its number and date in brackets,
    then ``Kính gửi``: a document with that number and no header block."""
    texts = _first_lines(source, 12)
    for i, (n, text) in enumerate(texts):
        m = _LISTED.match(text)
        if m is None or not any(fold(t).startswith("kinh gui") for _, t in texts[i + 1 : i + 4]):
            continue
        number = normalise_number(m.group("serial"), m.group("sep"), m.group("code"))
        return _whole_file(
            source,
            "Công văn",
            number_line=n,
            header_start=n,
            type_line=n,
            number=number,
            listed=f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}",
        )
    return None


def split(source: SourceText, report: BuildReport) -> list[Segment]:
    """The documents in ``source``; a file with no document header is one news segment.

    Each document segment has ``kind`` ``instrument``, its normalised ``number``, its
    ``doc_type``, and ``plan_number`` equal to its number (the plan a decision or
    resolution adopts is named after it; a plan is its own number). ``meta`` holds
    ``number_line``, ``header_start``, ``header_end`` (the header block down to the title,
    or to ``Kính gửi`` in a letter), ``type_line``, ``marker`` (``Số`` as printed)
    ``ocr`` (True when the marker is an OCR misreading), ``province`` (the province the
    issuing body names, for a provincial document) and ``file_numbers`` (the numbers of
    every document in the file).
    """
    heads: list[tuple[int, str, str]] = []
    for n, line in source.numbered():
        found = find_number(line) or _number_below(source, n)
        if found is None or not _in_header_block(source, n):
            continue
        number, marker = found
        if heads and heads[-1][1] == number:
            continue  # the same document's number printed again (e.g. an attached plan)
        heads.append((n, number, marker))
    if not heads:
        unnumbered = _unnumbered(source) or _titled(source) or _listed_letter(source)
        if unnumbered is not None:
            return [unnumbered]
        return [Segment(source=source, start=1, end=len(source.lines), kind="news")]

    starts: list[int] = []
    for i, (n, _number, _marker) in enumerate(heads):
        floor = 1 if i == 0 else heads[i - 1][0] + 1
        starts.append(1 if i == 0 else _block_start(source, n, floor))
    segments: list[Segment] = []
    for i, (n, number, marker) in enumerate(heads):
        start = starts[i]
        end = starts[i + 1] - 1 if i + 1 < len(heads) else len(source.lines)
        while end > start and not source.line(end).strip():
            end -= 1
        doc_type, type_line = doc_type_of(source, n, end, number)
        header_start = start
        while header_start < n and not source.line(header_start).strip():
            header_start += 1
        ocr = marker != "Số"
        if ocr:
            report.warn(
                source.path, n, f"document {number} is an OCR text: matching ignores accents"
            )
        issuer = " ".join(source.line(k) for k in range(header_start, n + 1))
        header_end = _header_end(source, n, type_line, end)
        segments.append(
            Segment(
                source=source,
                start=start,
                end=end,
                kind="instrument",
                number=number,
                doc_type=doc_type,
                plan_number=number,
                meta={
                    "number_line": n,
                    "header_start": header_start,
                    "type_line": type_line,
                    "header_end": header_end,
                    "marker": marker,
                    "ocr": ocr,
                    "province": province_in(issuer),
                    "file_numbers": [h[1] for h in heads],
                },
            )
        )
    return segments
