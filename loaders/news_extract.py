"""What a news article on a meeting states, read from its sentences.

Each function takes the article's sentences (see ``sentences``) and returns the
words as printed, with their line: the event's kind, date and organiser, the
attendance and the phrase naming who attended, the people and their roles, the
figures stated and the next steps. Nothing here resolves a name: that happens
when the facts are written, through the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from loaders.news_body import META_DATE, Paragraph


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article and the line it is printed on."""

    line: int
    text: str


@dataclass(frozen=True)
class Figure:
    """A number the article states: ``hơn 600.000 người đi làm việc …``."""

    value: int
    qualifier: str | None
    measure: str
    text: str
    line: int
    period_start: int | None = None
    period_end: int | None = None
    until_now: bool = False


@dataclass(frozen=True)
class Step:
    """A next step stated at the event, with the words naming who stated it."""

    label: str
    line: int
    speaker: str


# Kinds of meeting and the words that qualify them, with their English names.
KINDS_EN = {
    "hội nghị": "conference",
    "hội thảo": "workshop",
    "tọa đàm": "round table",
    "diễn đàn": "forum",
    "phiên họp": "meeting",
    "lớp tập huấn": "training course",
    "lớp bồi dưỡng": "training course",
}
QUALIFIERS_EN = {
    "sơ kết": "interim review",
    "tổng kết": "final review",
    "rà soát": "review",
    "đánh giá": "assessment",
    "tham vấn": "consultation",
    "tập huấn": "training",
    "quán triệt": "briefing",
}
_KIND = re.compile(
    r"(?P<kind>(?:" + "|".join(KINDS_EN) + r"))"
    r"(?:\s+(?P<qual>" + "|".join(QUALIFIERS_EN) + r")(?:\s+(?P<years>\d+)\s+năm)?)?",
    re.IGNORECASE,
)
_ORGANISED = re.compile(
    r"(?:^|,\s*)(?P<org>[^,]+?)\s+tổ chức\s+(?=" + _KIND.pattern + ")", re.IGNORECASE
)
_PURPOSE = re.compile(r"được tổ chức nhằm\s+(?P<purpose>[^,.;]+)")
_DAY = re.compile(r"\bNgày\s+(?P<d>\d{1,2})[/-](?P<m>\d{1,2})(?:[/-](?P<y>\d{4}))?")
# The year a sentence gives its event ("… năm 2022"), when its day is printed without one.
_YEAR_IN = re.compile(r"\bnăm\s+(?P<y>(?:19|20)\d{2})\b")
_ATTENDANCE = re.compile(
    r"(?P<text>(?:(?P<q>hơn|trên|khoảng|gần|tới)\s+)?(?P<n>\d{1,3}(?:\.\d{3})+|\d+)\s+đại biểu)"
    r"(?:\s+(?:đến\s+)?từ\s+(?P<who>.+?))?\.?$"
)
QUALIFIERS = {"hơn": "more than", "trên": "more than", "khoảng": "about", "gần": "almost"}
_FIGURE = re.compile(
    r"(?:(?P<q>hơn|trên|khoảng|gần)\s+)?(?P<n>\d{1,3}(?:\.\d{3})+)\s+"
    r"(?P<measure>(?:người|lao động|công dân|lượt người)[^.,;]*)"
)
_SINCE_NOW = re.compile(r"từ năm\s+(?P<start>\d{4})\s+đến nay")
_SPAN = re.compile(
    r"(?:giai đoạn|từ năm)\s+(?P<start>\d{4})\s*(?:-|–|đến(?: năm)?)\s*(?P<end>\d{4})"
)
_PRIORITIES = re.compile(
    r"^(?P<speaker>.+?)\s+(?:nhấn mạnh|nêu|đề ra|xác định)\s+[^,:]*?"
    r"(?:nhiệm vụ|ưu tiên|giải pháp)[^,:]*?(?:thời gian tới|giai đoạn tới|sắp tới)[^,:]*?"
    r"[,:]?\s*(?:gồm|bao gồm|là)[:\s]+(?P<list>.+?)\.?$"
)
_SUGGESTION = re.compile(
    r"(?:^|,\s*)(?P<speaker>[^,]+?)\s+(?:đề nghị|kiến nghị|đề xuất)\s+(?P<what>Việt Nam\s.+?)\.?$"
)
_PRESENTED = re.compile(
    r"\bdo\s+(?:lãnh đạo|đại diện)\s+(?P<org>[A-ZĐ][^,.;]*?)\s+(?:trình bày|báo cáo|chủ trì)"
)
_COORDINATOR = re.compile(r"(?P<org>[^,.;]+?)\s+là cơ quan điều phối")


def sentences(paragraphs: list[Paragraph]) -> list[Sentence]:
    """The article's sentences, page metadata (`` date 2025-12-19``) taken off."""
    out: list[Sentence] = []
    for p in paragraphs:
        text = META_DATE.sub("", p.text)
        start = 0
        for m in re.finditer(r"[.!?]['\"”’)]*\s+", text):
            nxt = text[m.end() : m.end() + 1]
            if nxt and (nxt.isupper() or nxt in '“"'):
                out.append(Sentence(p.line, text[start : m.end()].strip()))
                start = m.end()
        if text[start:].strip():
            out.append(Sentence(p.line, text[start:].strip()))
    return out


def event_kind(sents: list[Sentence]) -> tuple[str, str, str | None, Sentence | None]:
    """(kind as printed, the event's name, the organiser as printed, the sentence saying so).

    The sentence "X tổ chức Hội nghị …" names the organiser and the full name;
    without it the first meeting word of the article gives the kind.
    """
    for s in sents:
        m = _ORGANISED.search(s.text)
        if m:
            kind = _KIND.match(s.text, m.end())
            assert kind is not None
            name = s.text[m.end() :].rstrip(". ")
            org = re.sub(r"^Ngày\s+[\d/]+\s*", "", m.group("org")).strip()
            return _capital(kind.group(0)), name, organising_phrase(s.text, org), s
    for s in sents:
        kind = _KIND.search(s.text)
        if kind:
            label = _capital(kind.group(0))
            purpose = next(
                (_PURPOSE.search(x.text) for x in sents if _PURPOSE.search(x.text)), None
            )
            name = f"{label} {purpose.group('purpose').strip()}" if purpose else label
            return label, name, None, None
    return "Sự kiện", "Sự kiện", None, None


def reports_a_meeting(sents: list[Sentence]) -> bool:
    """Whether the article reports a meeting took place (its kind word with a verb of
    holding or attending), not only names one in passing."""
    held = re.compile(
        r"(?:tổ chức|diễn ra|khai mạc|chủ trì|tham dự|dự|phát biểu tại|được tổ chức)", re.I
    )
    return any(_KIND.search(s.text) and held.search(s.text) for s in sents)


def organisers(text: str) -> list[str]:
    """ "Bộ Ngoại giao phối hợp với Tổ chức Di cư quốc tế (IOM) đã" → both bodies; the
    partners after "phối hợp với" may be a list ("A phối hợp với B, C, D")."""
    text = re.sub(r"\s+(?:đã|đồng thời|cũng)$", "", text.strip())
    first, *partners = re.split(r"\s+(?:phối hợp với|phối hợp cùng|cùng với|cùng)\s+", text)
    out = [first.strip(" ,")]
    for part in partners:
        out += [p.strip(" ,") for p in split_top(part, ",")]
    return [p for p in out if p]


def organising_phrase(sentence: str, org: str) -> str:
    """The organiser phrase widened back over a list of partners the commas cut off:
    "…, A phối hợp với B, C, D tổ chức" gives "A phối hợp với B, C, D"."""
    at = sentence.find(org)
    head = sentence[:at]
    partner = head.rfind("phối hợp với")
    if at < 0 or partner < 0:
        return org
    start = head.rfind(",", 0, partner) + 1
    return sentence[start : at + len(org)].strip(" ,")


_ATTENDED = re.compile(r"^Tham dự(?: [^,]*?)? (?:có|gồm)\s+(?P<who>.+?)\.?$")


def attended_by(sents: list[Sentence]) -> tuple[str, int] | None:
    """The bodies a "Tham dự Hội nghị có …" sentence names, from its first "đại diện"."""
    for s in sents:
        m = _ATTENDED.search(s.text)
        if not m:
            continue
        who = m.group("who")
        first = re.search(r"(?:^|,\s*)(?=đại diện\s)", who)
        if first is None:
            return None
        return who[first.end() :], s.line
    return None


def kind_en(kind: str) -> str:
    """``Hội nghị sơ kết 5 năm`` → ``5-year interim review conference``."""
    m = _KIND.fullmatch(kind)
    if not m:
        return "event"
    words = [KINDS_EN[m.group("kind").lower()]]
    if m.group("qual"):
        words.insert(0, QUALIFIERS_EN[m.group("qual").lower()])
    if m.group("years"):
        words.insert(0, f"{m.group('years')}-year")
    return " ".join(words)


def event_date(
    paragraphs: list[Paragraph], sentence: Sentence | None, dateline: date | None = None
) -> tuple[date | None, str | None]:
    """The event's date where the page prints it, else (None, the words about its time).

    A day printed without its year (``Ngày 19/12``) takes the year of the page's own
    date only when that date is the same day; a date printed elsewhere in the article
    (the date a decision was signed) is not the event's.
    """
    page_date = dateline
    if paragraphs:
        m = META_DATE.match(paragraphs[0].text)
        if m:
            page_date = date.fromisoformat(m.group("iso"))
    if sentence is not None:
        m = _DAY.search(sentence.text)
        if m:
            d, mo = int(m.group("d")), int(m.group("m"))
            if m.group("y"):
                return date(int(m.group("y")), mo, d), None
            if page_date and (page_date.day, page_date.month) == (d, mo):
                return page_date, None
            year = _YEAR_IN.search(sentence.text)
            if year and page_date is None:
                try:
                    return date(int(year.group("y")), mo, d), None
                except ValueError:
                    pass
    for p in paragraphs:
        m = re.search(r"[^.]*\bnăm thứ \d+[^.]*\.", p.text)
        if m:
            return None, m.group(0).strip()
    return None, None


_DATELINE = re.compile(r"^\s*(?:\d{1,2}:\d{2},?\s*)?(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def dateline(lines: list[str]) -> date | None:
    """The page's own date printed alone on a line ("11:06, 29/06/2022"), if any."""
    for line in lines:
        m = _DATELINE.match(line)
        if m:
            try:
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return None
    return None


def attendance(sents: list[Sentence]) -> tuple[int, str, str | None, str | None, int] | None:
    """(number, words as printed, qualifier, the phrase naming who came, line)."""
    for s in sents:
        m = _ATTENDANCE.search(s.text)
        if m:
            value = int(m.group("n").replace(".", ""))
            qualifier = QUALIFIERS.get((m.group("q") or "").lower())
            return value, m.group("text"), qualifier, m.group("who"), s.line
    return None


def figures(paragraphs: list[Paragraph]) -> list[Figure]:
    """Counts of people the article states, with the period they cover where it says.

    A figure with no period of its own, in the same paragraph as one that has
    one ("Đồng thời …"), covers the same period.
    """
    out: list[Figure] = []
    for p in paragraphs:
        period: tuple[int | None, int | None, bool] = (None, None, False)
        for sentence in sentences([p]):
            since = _SINCE_NOW.search(sentence.text)
            span = _SPAN.search(sentence.text)
            if since:
                period = (int(since.group("start")), None, True)
            elif span:
                period = (int(span.group("start")), int(span.group("end")), False)
            for m in _FIGURE.finditer(sentence.text):
                out.append(
                    Figure(
                        value=int(m.group("n").replace(".", "")),
                        qualifier=QUALIFIERS.get((m.group("q") or "").lower()),
                        measure=m.group("measure").strip(),
                        text=m.group(0).strip(),
                        line=p.line,
                        period_start=period[0],
                        period_end=period[1],
                        until_now=period[2],
                    )
                )
    return out


def next_steps(sents: list[Sentence]) -> list[Step]:
    """Priorities listed for the time ahead, and what a speaker asked Viet Nam to do."""
    out: list[Step] = []
    for s in sents:
        m = _PRIORITIES.search(s.text)
        if m:
            for item in split_top(m.group("list"), ";"):
                label = item.strip().rstrip(".").strip()
                if label:
                    out.append(Step(label, s.line, m.group("speaker").strip()))
            continue
        m = _SUGGESTION.search(s.text)
        if m:
            out.append(Step(m.group("what").strip(), s.line, m.group("speaker").strip()))
    return out


def presenters(sents: list[Sentence]) -> list[tuple[str, int]]:
    """Bodies whose officials presented a report or spoke ("do lãnh đạo Cục Lãnh sự trình bày")."""
    out: list[tuple[str, int]] = []
    for s in sents:
        for m in _PRESENTED.finditer(s.text):
            out.append((m.group("org").strip(), s.line))
    return out


def coordinator(sents: list[Sentence]) -> tuple[str, int] | None:
    """The body the article names as coordinator of the plan ("X là cơ quan điều phối")."""
    for s in sents:
        m = _COORDINATOR.search(s.text)
        if m:
            org = re.split(r"\.\s+", m.group("org"))[-1].strip()
            return org, s.line
    return None


def split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside parentheses."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == sep and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
