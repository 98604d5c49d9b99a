"""Finding the instruments a text names (conventions, protocols, laws, decisions).

``find_instruments(text)`` returns the mentions in order, each with a stable IRI:

- conventions, protocols and compacts of ``data/reference/conventions.csv`` get the
  IRI of their key (``Công ước số 87 năm 1948 … (ILO)`` → ``id:instrument/ilo-c087``;
  ``Nghị định thư bổ sung Công ước số 29`` → ``ilo-p029``, the protocol, not C29);
- a numbered document gets the slug of its number (``Chỉ thị số 20-CT/TW`` →
  ``id:instrument/20-ct-tw``, ``Bộ luật Hình sự số 100/2015/QH13`` → ``100-2015-qh13``);
- a law named without a number takes the number of the law in
  ``data/reference/instruments_vn.csv`` issued on the date printed beside it (the
  contract-workers law of 13/11/2020 → ``69-2020-qh14``); otherwise its IRI is the slug
  of its name as printed (a known law under its official name) followed by the year when
  one is printed: ``Luật Phòng, chống mua bán người 2011`` →
  ``luat-phong-chong-mua-ban-nguoi-2011``. A law with neither number nor year keeps the
  bare name slug: the same name covers successive laws, so it is not merged with one.

Where several readings overlap, the one that starts first and reaches furthest wins,
so the convention inside a protocol's name is not reported again.

``instrument_triples(mention)`` gives the triples a document states about an instrument
it names (type, labels, number, type of document, date). Conventions of the reference
data get only their type here: their labels and status are loaded with the reference
facts. The header loader adds these triples for every instrument a segment names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from data import REFERENCE_DIR
from loaders.bare_numbers import bare_numbered
from loaders.document_types import document_types
from loaders.tabular import read_csv
from migkg import iris
from migkg.namespaces import MKG
from migkg.text import fold, folded, nfc, normalize_dashes, squash_spaces


@dataclass(frozen=True)
class InstrumentMention:
    """One instrument named in a text: its IRI and the words that named it.

    ``start``/``end`` are character offsets in the text given (``text[start:end]``).
    ``kind`` is ``convention`` (a reference convention, protocol or compact),
    ``numbered`` (a document with its number) or ``law`` (a law named without one).
    """

    iri: URIRef
    text: str
    start: int
    end: int
    kind: str = "numbered"
    number: str | None = None
    doc_type: str | None = None
    name: str | None = None
    year: int | None = None
    issued: date | None = None

    @property
    def reference(self) -> bool:
        """True when the reference data describes the instrument."""
        return self.kind == "convention" or (
            self.number is not None and self.number in reference_instruments()
        )


# Known laws: folded pattern → (official name, English name).
LAW_NAMES: list[tuple[str, str, str]] = [
    (r"bo luat hinh su", "Bộ luật Hình sự", "Penal Code"),
    (r"luat phong,? chong mua ban nguoi", "Luật Phòng, chống mua bán người",
     "Law on Prevention and Combat of Human Trafficking"),
    (r"luat (?:nguoi lao dong|nguoi) viet nam di lam viec o nuoc ngoai theo hop dong",
     "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng",
     "Law on Vietnamese Workers Working Abroad under Contract"),
    (r"luat to chuc chinh phu", "Luật Tổ chức Chính phủ", "Law on Government Organisation"),
    (r"luat to chuc chinh quyen dia phuong", "Luật Tổ chức chính quyền địa phương",
     "Law on Local Government Organisation"),
    (r"luat ngan sach nha nuoc", "Luật Ngân sách nhà nước", "State Budget Law"),
]  # fmt: skip
_ANY_LAW = "(?:" + "|".join(p for p, _, _ in LAW_NAMES) + ")"

# Conventions, protocols and compacts: folded pattern → reference key.
_CONVENTIONS: list[tuple[str, str]] = [
    (r"nghi dinh thu[^;.]{0,40}?(?:dua|buon lau) nguoi di cu trai phep"
     r"(?:[^;.]{0,60}?duong hang khong)?(?:,? bo sung (?:cho )?cong uoc[^;.]{0,30}?"
     r"toi pham co to chuc xuyen quoc gia)?", "UNTOC-SOM"),
    (r"nghi dinh thu[^;.]{0,60}?(?:mua ban|buon ban) nguoi[^;.]{0,40}?phu nu va tre em"
     r"(?:,? bo sung (?:cho )?cong uoc[^;.]{0,30}?toi pham co to chuc xuyen quoc gia)?",
     "UNTOC-TIP"),
    (r"cong uoc (?:cua )?lien hop quoc (?:ve )?chong toi pham co to chuc xuyen quoc gia",
     "UNTOC"),
    (r"cong uoc[^;.]{0,30}?bao ve quyen[^;.]{0,20}?nguoi lao dong di cu"
     r"(?: va (?:cac thanh vien )?gia dinh(?: cua)? ho)?", "ICMW"),
    (r"cong uoc (?:nam )?1954 ve [^;.]{0,40}?khong quoc tich", "STATELESS-1954"),
    (r"cong uoc (?:nam )?1961 ve [^;.]{0,40}?khong quoc tich", "STATELESS-1961"),
    (r"(?:thoa thuan|hiep dinh) paris(?: ve bien doi khi hau)?", "PARIS"),
    (r"chuong trinh nghi su 2030(?: vi su phat trien ben vung)?", "AGENDA2030"),
    (r"thoa thuan toan cau ve di cu hop phap,? an toan va trat tu"
     r"(?: cua lien hop quoc)?(?: \(gcm\))?", "GCM"),
    (r"global compact for safe,? orderly and regular migration", "GCM"),
    (r"thoa thuan gcm", "GCM"),
    (r"thoa thuan toan cau ve nguoi ti nan(?: \(gcr\))?", "GCR"),
]  # fmt: skip
_ILO = re.compile(
    r"(?P<protocol>nghi dinh thu (?:nam (?P<pyear>\d{4}) )?(?:bo sung (?:cho )?)?(?:cua )?)?"
    r"cong uoc (?:co ban )?so (?P<no>\d{1,3})(?: nam (?P<year>\d{4}))?"
    r"(?P<ilo> cua (?:to chuc lao dong (?:the gioi|quoc te)(?: \(ilo\))?|ilo))?"
)
_UPPER_WORDS = {"GCM": "GCM", "GCR": "GCR", "ICMW": "ICMW"}

# A document number: serial, then a code of capitalised parts joined by / or -.
_PART = r"[A-ZĐƯ][A-Za-zĐđƯưƠơ&]{0,9}\d{0,2}"
# A saved page may space one side of a dash inside a symbol ("147/2007/QĐ- TTg"); a dash
# spaced on both sides is a separator ("số 65/KH-UBND - UBND tỉnh …"), not part of it.
_JOIN = r"(?:/|-| -|- )"
_CODE = rf"(?:\d{{4}}/{_PART}(?:{_JOIN}{_PART})*|{_PART}(?:{_JOIN}{_PART})+)"
# The dash after the serial may be spaced too ("Chỉ thị số 45- CT/TW").
_NUMBER = re.compile(rf"(?<![\w/.-])(?P<serial>\d{{1,5}})(?P<sep>/|- ?)(?P<code>{_CODE})(?![\w/])")
# A number whose code is one part (an old letter's "5403/YTDP"): read only after its kind.
_SHORT_NUMBER = re.compile(
    r"(?<![\w/.-])(?P<serial>\d{1,5})(?P<sep>/)(?P<code>[A-ZĐ][A-ZĐ]{1,9})(?![\w/-])"
)
# The words that may stand before a number, on folded text (OCR "s6", "s§" for "số").
_BEFORE_NUMBER = re.compile(
    r"(?P<type>(?:bo luat|luat)(?: (?!va\b|voi\b)[^\s\d,;.()/]+){0,10}?|"
    r"quyet dinh|nghi quyet|chi thi|ke hoach|nghi dinh|thong tu|cong van|van ban|to trinh|"
    r"thong bao|ket luan)\w?"
    r"\s+(?:(?:so|s\S{1,2})\s*:?\s*)?$"
)
_DATE_AFTER = re.compile(
    r"^,?\s*(?:ngay|ng\w{2})\s+(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})|"
    r"(?P<d2>\d{1,2})\s*thang (?P<m2>\d{1,2}) nam (?P<y2>\d{4}))"
)
_YEAR_AFTER = re.compile(r"^\s+(?:nam\s+)?(?P<y>(?:19|20)\d{2})\b")
# A law's name begins with a capital ("Luật Tổ chức …"), or in lower case when a saved page
# prints it so ("Luật tổ chức HĐND và UBND"), but "Luật sư" (a lawyer), "Luật gia" (a jurist,
# "Hội Luật gia Việt Nam") and "Luật pháp" (the law in general) are no law's name; "Bộ Luật"
# is printed with either case.
_GENERIC_LAW = re.compile(
    r"(?<![\w])(?P<law>(?:Bộ [lL]uật|Luật) (?!(?:sư|gia|pháp|số|này|đó|nào|trên|hiện|mới|và)\b)"
    r"(?:[A-ZĐÂĂÊÔƠƯ][^\s,;.()]*|[a-zđà-ỹ]+)(?: [^\s,;.()]+){0,8}?)"
    r"(?= (?:và|để|nhằm|theo quy định|ngày|năm|số|của|trong|với|tại|đã|được|về việc|hiện hành)"
    r"\b|[,;.()]|\s*$| (?:19|20)\d{2}\b|(?<=[a-zà-ỹđ])ngày \d)"
)


def parse_date(day: str, month: str, year: str) -> date | None:
    """A calendar date from printed parts, or None when the parts make no date."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def date_after(folded_tail: str) -> tuple[date | None, int]:
    """A date printed right after a name (``ngày 20/3/2020``) and the length it spans."""
    m = _DATE_AFTER.match(folded_tail)
    if not m:
        return None, 0
    if m.group("d"):
        return parse_date(m.group("d"), m.group("m"), m.group("y")), m.end()
    return parse_date(m.group("d2"), m.group("m2"), m.group("y2")), m.end()


@cache
def reference_conventions() -> frozenset[str]:
    """Keys of data/reference/conventions.csv."""
    rows = read_csv(REFERENCE_DIR / "conventions.csv", ("key",))
    return frozenset(row["key"] for _, row in rows)


@cache
def reference_instruments() -> dict[str, dict[str, str]]:
    """Rows of data/reference/instruments_vn.csv by number."""
    rows = read_csv(REFERENCE_DIR / "instruments_vn.csv", ("number",))
    return {row["number"]: row for _, row in rows}


def _reference_law(issued: date | None, official: str | None) -> str | None:
    """The number of the reference law named ``official`` and issued on ``issued``.

    The National Assembly passes several laws on one day, so the date alone does not say
    which: the law's English name (``LAW_NAMES``) must begin the reference row's title.
    """
    if issued is None or official is None:
        return None
    english = next((en for _p, name, en in LAW_NAMES if name == official), None)
    if english is None:
        return None
    for number, row in reference_instruments().items():
        if row["type_vi"] != "Luật" or row["date"] != issued.isoformat():
            continue
        if row["title_en"].casefold().startswith(english.casefold()):
            return number
    return None


def _type_from_code(code: str) -> str:
    return (
        document_types().from_code(code) or "Công văn"
    )  # a number with only an agency code is an official letter


def _numbered(text: str, low: str) -> list[InstrumentMention]:
    found = []
    matches = list(_NUMBER.finditer(text))
    for m in _SHORT_NUMBER.finditer(text):  # "Công văn 285/CCTTHC": its kind printed before
        if _BEFORE_NUMBER.search(low[max(0, m.start() - 60) : m.start()]):
            matches.append(m)
    for m in matches:
        number = f"{m.group('serial')}{m.group('sep').strip()}{m.group('code').replace(' ', '')}"
        start, doc_type, name = m.start(), _type_from_code(m.group("code")), None
        before = _BEFORE_NUMBER.search(low[max(0, m.start() - 60) : m.start()])
        if before:
            start = m.start() - (len(before.group(0)))
            words = text[start : start + len(before.group("type"))]
            key = fold(words)
            if key.startswith("bo luat"):
                doc_type, name = "Bộ luật", words if key != "bo luat" else None
            elif key.startswith("luat"):
                doc_type, name = "Luật", words if key != "luat" else None
            elif key != "van ban":  # "các văn bản số" says less than the code does
                doc_type = document_types().by_words.get(key, doc_type)
        issued, span = date_after(low[m.end() : m.end() + 40])
        found.append(
            InstrumentMention(
                iri=iris.instrument(number), text=text[start : m.end()], start=start,
                end=m.end(), kind="numbered", number=number, doc_type=doc_type, name=name,
                year=issued.year if issued else None, issued=issued,
            )
        )  # fmt: skip
    return found


def _conventions(text: str, low: str) -> list[InstrumentMention]:
    found = []
    for pattern, key in _CONVENTIONS:
        for m in re.finditer(pattern, low):
            found.append(_convention(text, m.start(), m.end(), key))
    for m in re.finditer(r"\b(GCM|GCR|ICMW)\b", text):
        found.append(_convention(text, m.start(), m.end(), _UPPER_WORDS[m.group(1)]))
    for m in _ILO.finditer(low):
        no = int(m.group("no"))
        key = f"ILO-{'P' if m.group('protocol') else 'C'}{no:03d}"
        context = low[m.end() : m.end() + 40]
        if not (m.group("ilo") or "ilo" in context or key in reference_conventions()):
            continue
        found.append(_convention(text, m.start(), m.end(), key))
    return found


def _convention(text: str, start: int, end: int, key: str) -> InstrumentMention:
    return InstrumentMention(
        iri=iris.instrument(key), text=text[start:end], start=start, end=end,
        kind="convention", number=key,
    )  # fmt: skip


# Abbreviations a law's name is printed with, spelt out for its IRI and label.
_LAW_ABBREVIATIONS = (("HĐND", "Hội đồng nhân dân"), ("UBND", "Ủy ban nhân dân"))


def _law(text: str, low: str, start: int, end: int, official: str | None) -> InstrumentMention:
    name = squash_spaces(text[start:end])
    for short, full in _LAW_ABBREVIATIONS:
        name = re.sub(rf"\b{short}\b", full, name)
    year: int | None = None
    issued, span = date_after(low[end : end + 40])
    if issued is not None:
        year = issued.year
        end += span
    else:
        ym = _YEAR_AFTER.match(low[end : end + 12])
        if ym:
            year, end = int(ym.group("y")), end + ym.end()
    number = _reference_law(issued, official)
    if number is not None:
        iri = iris.instrument(number)
    else:
        iri = iris.instrument(f"{official or name} {year}" if year else official or name)
    return InstrumentMention(
        iri=iri, text=text[start:end], start=start, end=end, kind="law", number=number,
        doc_type="Bộ luật" if fold(name).startswith("bo luat") else "Luật",
        name=official or name, year=year, issued=issued,
    )  # fmt: skip


def _laws(text: str, low: str) -> list[InstrumentMention]:
    found = []
    amending = re.compile(rf"luat sua doi,? bo sung mot so dieu cua {_ANY_LAW}(?: va {_ANY_LAW})?")
    for m in amending.finditer(low):
        found.append(_law(text, low, m.start(), m.end(), None))
    for pattern, official, _en in LAW_NAMES:
        for m in re.finditer(rf"(?<![a-z]){pattern}", low):
            found.append(_law(text, low, m.start(), m.end(), official))
    return found


# "… và Ủy ban nhân dân ngày …", "… của Hội đồng nhân dân, Ủy ban nhân dân ngày …": a law's
# name that goes on past "và" or "của" up to its date (which a saved page may glue to the
# name's last word: "Ủy ban nhân dânngày 26 …").
_LAW_NAME_GOES_ON = re.compile(
    r"^ (?:và|của) (?!(?:Bộ luật|Luật|Nghị|Quyết|Thông|Chỉ|Pháp|Hiến|Công|các|Quốc hội|"
    r"Chính phủ|Thủ tướng)\b)"
    r"(?:[^\s;.()]+ ){0,8}?[^\s;.()]*?(?=(?:ngày|năm) \d|do |số )"
)


def _generic_laws(text: str, low: str) -> list[InstrumentMention]:
    """Laws by a capitalised name of three words or more that no table row knows.

    A name joined by ``và`` and dated after it (``Luật Tổ chức Hội đồng nhân dân và Ủy ban
    nhân dân ngày 26 tháng 11 năm 2003``) is read whole.
    """
    found = []
    for m in _GENERIC_LAW.finditer(text):
        if len(m.group("law").split()) < 3:
            continue
        end = m.end()
        more = _LAW_NAME_GOES_ON.match(text[end:])
        if more:
            end += len(more.group(0).rstrip())
        found.append(_law(text, low, m.start(), end, None))
    return found


def find_instruments(text: str) -> list[InstrumentMention]:
    """Every instrument named in ``text``, in order of appearance, one per span.

    Overlapping readings are settled by taking the one that starts first, then the
    longest; a numbered reading of a law (``Bộ luật Hình sự số 100/2015/QH13``) wins
    over its bare name because it reaches further.
    """
    text = nfc(normalize_dashes(text))
    low = folded(text)
    numbered = _numbered(text, low) + bare_numbered(text, low)
    ranked = [(c, 0) for c in numbered + _conventions(text, low) + _laws(text, low)]
    ranked += [(c, 1) for c in _generic_laws(text, low)]
    ranked.sort(key=lambda cr: (cr[0].start, -(cr[0].end - cr[0].start), cr[1]))
    chosen: list[InstrumentMention] = []
    for c, _rank in ranked:
        if any(c.start < k.end and k.start < c.end for k in chosen):
            continue
        chosen.append(c)
    return chosen


def label_vi(mention: InstrumentMention) -> str:
    """``Quyết định 402/QĐ-TTg``; a law by name and year; a convention as printed."""
    if mention.kind == "numbered" and mention.number:
        head = mention.name or mention.doc_type or "Văn bản"
        return f"{head} {mention.number}"
    if mention.kind == "law":
        base = mention.name or squash_spaces(mention.text)
        return f"{base} {mention.year}" if mention.year else base
    return squash_spaces(mention.text)


def label_en(mention: InstrumentMention) -> str | None:
    """An English label where it can be stated plainly, else None."""
    if mention.kind == "numbered" and mention.number:
        if mention.name and fold(mention.name).startswith("bo luat hinh su"):
            return f"Penal Code {mention.number}"
        return (
            f"{document_types().english.get(mention.doc_type or '', 'Document')} {mention.number}"
        )
    if mention.kind == "law" and mention.name:
        key = fold(mention.name)
        year = f" ({mention.year})" if mention.year else ""
        for pattern, _official, en in LAW_NAMES:
            if re.fullmatch(pattern, key):
                return f"{en}{year}"
        if key.startswith("luat sua doi"):  # "Luật sửa đổi, bổ sung một số điều của A và B"
            amended = [en for p, _o, en in LAW_NAMES if re.search(p, key)]
            if amended:
                return f"Law amending the {' and the '.join(amended)}{year}"
    return None


def instrument_triples(mention: InstrumentMention) -> list[tuple[URIRef, URIRef, Literal | URIRef]]:
    """What a document states about an instrument it names, as triples.

    A reference convention gets its type only (its labels and status come with the
    reference facts); any other instrument gets its type, labels (``Quyết định
    1676/QĐ-TTg``@vi, and ``Decision 1676/QĐ-TTg``@en unless ``instruments_vn.csv``
    gives it one; a law by name and year), number,
    document type and the date printed beside it. The header loader writes these for
    every instrument named anywhere in a document segment, appendix rows included, so a
    task's ``mkg:refersTo`` always lands on a described resource.
    """
    s = mention.iri
    if mention.kind == "convention":
        cls = (
            MKG.Convention if mention.number not in {"GCM", "GCR", "AGENDA2030"} else MKG.Instrument
        )
        return [(s, RDF.type, cls)]
    triples: list[tuple[URIRef, URIRef, Literal | URIRef]] = [(s, RDF.type, MKG.Instrument)]
    triples.append((s, RDFS.label, Literal(label_vi(mention), lang="vi")))
    if mention.number:
        triples.append((s, MKG.number, Literal(mention.number)))
    # an instrument of instruments_vn.csv has its English label from the reference facts
    en = None if mention.reference else label_en(mention)
    if en:
        triples.append((s, RDFS.label, Literal(en, lang="en")))
    if mention.doc_type:
        triples.append((s, MKG.documentType, Literal(mention.doc_type, lang="vi")))
    if mention.issued:
        triples.append((s, MKG.dateIssued, Literal(mention.issued.isoformat(), datatype=XSD.date)))
    return triples
