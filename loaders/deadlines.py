"""Dates by which something is due, and the day a document enters into force.

``find_dues(text)`` reads the deadline phrases of a sentence, on its accent-folded form
so that an OCR text reads the same:

- "trước ngày 25/5/2022", "chậm nhất ngày 22/4/2020", "chậm nhất là ngày …", "hoàn
  thành trước 30/6/2021", "trước ngày 20 tháng 5 năm 2003": that day;
- "trong tháng 4 năm 2004", "trong tháng 4/2004": the last day of that month;
- "trong quý II năm 2022": the last day of that quarter;
- "trước ngày 15/12 hằng năm", "trước ngày 15 tháng 11": a day of every year (month and
  day only), as recurring reports are due.

``in_force(text, issued)`` reads "có hiệu lực (thi hành) (kể) từ ngày ký (ban hành)" (the
document's own date), "… kể từ ngày 01 tháng 7 năm 2017" (that date) and "… sau 10 ngày
kể từ ngày ký" (ten days after its date). Entry into force is not a deadline.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from migkg.text import fold

# A day: "25/5/2022", "25-5-2022", "25.5.2022", "ngày 20 tháng 5 năm 2003", or without year.
_DAY = (
    r"(?:ngay\s+)?(?P<d>\d{1,2})\s*(?:[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>\d{4}))?"
    r"|\s+thang\s+(?P<m2>\d{1,2})(?:\s*,?\s+nam\s+(?P<y2>\d{4}))?)"
)
_BY = re.compile(
    r"(?:(?:hoan thanh|xong|gui|nop|bao cao)\s+)?"
    r"(?:cham nhat(?:\s+la)?(?:\s+vao)?(?:\s+truoc)?|truoc|han chot(?:\s+la)?|den)\s+" + _DAY
)
_MONTH = re.compile(r"\btrong\s+thang\s+(?P<m>\d{1,2})\s*(?:/|nam)\s*(?P<y>\d{4})")
_QUARTER = re.compile(r"\btrong\s+quy\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*(?P<y>\d{4})")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_FORCE = re.compile(
    r"co hieu luc(?:\s+thi hanh)?\s+(?:(?:ke\s+)?tu\s+ngay\s+ky|"
    r"sau\s+(?P<n>\d+)\s*(?:\([^)]*\)\s*)?ngay\s*,?\s*(?:ke\s+)?tu\s+ngay\s+ky|"
    r"(?:ke\s+)?tu\s+" + _DAY + r")"
)


@dataclass(frozen=True)
class Due:
    """A deadline as printed: a date, or a day of every year (``month_day``)."""

    text: str
    start: int
    end: int
    when: date | None = None
    month_day: tuple[int, int] | None = None  # (month, day)


def find_dues(text: str) -> list[Due]:
    """The deadlines ``text`` states, in order."""
    key = fold(text)
    out: list[Due] = []
    for m in _BY.finditer(key):
        d, mo, y = int(m.group("d")), m.group("m") or m.group("m2"), m.group("y") or m.group("y2")
        if mo is None:
            continue
        when = _date(int(y), int(mo), d) if y else None
        md = (int(mo), d) if not y and 1 <= int(mo) <= 12 and 1 <= d <= 31 else None
        if when or md:
            out.append(Due(text[m.start() : m.end()], m.start(), m.end(), when, md))
    for m in _MONTH.finditer(key):
        mo, y = int(m.group("m")), int(m.group("y"))
        if 1 <= mo <= 12:
            last = calendar.monthrange(y, mo)[1]
            out.append(Due(text[m.start() : m.end()], m.start(), m.end(), date(y, mo, last)))
    for m in _QUARTER.finditer(key):
        q, y = _QUARTERS[m.group("q")], int(m.group("y"))
        last = calendar.monthrange(y, 3 * q)[1]
        out.append(Due(text[m.start() : m.end()], m.start(), m.end(), date(y, 3 * q, last)))
    return sorted(out, key=lambda due: due.start)


def in_force(text: str, issued: date | None) -> tuple[date | None, str] | None:
    """(the day ``text`` says the document takes effect, the words), or None.

    The date is None where it hangs on the document's own date and that is unknown.
    """
    key = fold(text)
    m = _FORCE.search(key)
    if not m:
        return None
    words = text[m.start() : m.end()]
    if m.group("d"):
        mo, y = m.group("m") or m.group("m2"), m.group("y") or m.group("y2")
        if not (mo and y):
            return None
        return _date(int(y), int(mo), int(m.group("d"))), words
    if issued is None:
        return None, words
    days = int(m.group("n")) if m.group("n") else 0
    return issued + timedelta(days=days), words


def _date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None
