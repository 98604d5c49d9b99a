"""Timeframe cells of appendix tables → years, recurrence, review period, deadline.

``parse(text)`` reads one cell as printed; ``with_plan_period(tf, period)`` then fills
what the cell leaves to its plan. Matching is done on the accent-folded text, so a cell
that lost its diacritics (OCR) reads the same.

Forms read (as printed in the corpus, and their obvious neighbours):

- a window ``2020-2030``, ``Giai đoạn 2023-2030``, ``từ năm 2020 đến 2030``, one year
  ``năm 2025``;
- ``Thường xuyên`` (continuous), alone, ``trong giai đoạn 2020-2030`` or ``trong thời
  gian triển khai …`` (the plan's period);
- ``Hàng năm`` / ``Hằng năm`` (annual), with or without a window;
- ``Định kỳ N năm/lần, bắt đầu từ năm 2020 đến 2030`` (N = 1, 2, 5) and ``Định kỳ 6
  tháng/lần``;
- any of these followed by a review clause: ``…; định kỳ rà soát hàng năm cho đến
  2030``, with a comma instead of the semicolon, ``rà soát, hàng năm``, ``rà soát và
  báo cáo hàng năm``, ``rà soát, cập nhật``, with or without ``cho đến <year>``;
- a deadline ``hoàn thành chậm nhất ngày 22/4/2020`` (or ``trước ngày …``, or ``ngày 22
  tháng 4 năm 2020``): one-off, due that day.

The plan's period. A row that names no years ("Hằng năm", "Thường xuyên", "Thường
xuyên trong thời gian triển khai Thỏa thuận GCM") takes its plan's period and says so
(``from_plan``). The plan's period is the span of the years its own table states: the
earliest start year and the latest end, review-until or deadline year over every row
that gives years (``plan_period``). Decision 402's table so spans 2020-2030 and
Resolution 225's 2023-2030. The prose of a plan seldom names its period in a form that
can be read reliably, while the table's years are the ones the plan commits to. A table
that states no year at all gives no period, and its year-less rows get no years.

Recurrence. Each form that states a frequency maps to its concept (``Continuous``,
``Annual``, ``Biennial``, ``EveryFiveYears``, ``SemiAnnual``; a deadline is ``OneOff``).
A bare window states none: when it closes before the plan's period ends it is a piece of
work to be finished by then and is read as ``OneOff`` (the column is the expected
completion time: a reading of this module, not a word of the cell); a window that runs to
the end of the plan, or that a review clause follows, is left without a recurrence (its
phases, ``loaders/phases.py``, carry the implementation and the review apart). A review
clause gives ``review_recurrence`` (``Annual`` for "hàng năm"; none when it says only
"định kỳ", periodically) and ``review_until`` (only when a year is printed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from migkg.text import match_key

# Concept names of mkg:RecurrenceScheme.
ONE_OFF = "OneOff"
CONTINUOUS = "Continuous"
SEMI_ANNUAL = "SemiAnnual"
ANNUAL = "Annual"
BIENNIAL = "Biennial"
EVERY_FIVE_YEARS = "EveryFiveYears"

_EVERY_N_YEARS = {1: ANNUAL, 2: BIENNIAL, 5: EVERY_FIVE_YEARS}


@dataclass(frozen=True)
class Timeframe:
    """One timeframe cell, read. ``parsed`` is False when the text was not understood."""

    text: str
    start_year: int | None = None
    end_year: int | None = None
    recurrence: str | None = None
    review_recurrence: str | None = None
    review_until: int | None = None
    deadline: date | None = None
    from_plan: bool = False
    parsed: bool = True
    # True for a bare window ("2020-2025"): its recurrence depends on the plan's period.
    window_only: bool = False
    # A review clause was printed; ``review_only`` when it is the whole cell.
    has_review: bool = False
    review_only: bool = False

    @property
    def needs_plan_period(self) -> bool:
        """The cell named no years and should take its plan's period."""
        return self.parsed and self.start_year is None and self.deadline is None


_Y = r"(\d{4})"
_RANGE = rf"{_Y} ?- ?{_Y}"
_FROM_TO = rf"(?:bat dau )?tu (?:nam )?{_Y},? den (?:nam )?{_Y}"
_WINDOW = rf"(?:(?:trong )?giai doan |nam )?(?:{_RANGE}|{_FROM_TO})"

_REVIEW = re.compile(
    r"(?P<head>.*?)[;,.]? ?(?:dinh ky )?ra soat"
    r"(?:,? (?:va )?(?:cap nhat|bao cao))*"
    r"(?:,? (?P<freq>hang nam|moi nam|(?P<n>\d+) nam ?/ ?lan))?"
    r"(?:,? (?:cho )?den (?:het )?(?:nam )?(?P<until>\d{4}))?\.?"
)
_DEADLINE_NUM = re.compile(r"(?:.* )?ngay (\d{1,2}) ?/ ?(\d{1,2}) ?/ ?(\d{4})\.?")
_DEADLINE_WORDS = re.compile(r"(?:.* )?ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})\.?")
_DEADLINE_LEAD = re.compile(r"(?:hoan thanh )?(?:cham nhat|truoc|trong) ngay|hoan thanh ngay")
_WINDOW_ONLY = re.compile(_WINDOW)
_SINGLE_YEAR = re.compile(rf"(?:nam )?{_Y}")
_CONTINUOUS = re.compile(r"thuong xuyen(?: (?P<rest>.*))?")
_ANNUAL = re.compile(rf"(?:dinh ky )?(?:hang|moi) nam(?:,? (?P<rest>{_WINDOW}))?")
_PERIODIC = re.compile(r"dinh ky (?P<n>\d+) (?P<unit>nam|thang) ?/ ?lan(?:,? (?P<rest>.*))?")


def parse(text: str) -> Timeframe:
    """Read one timeframe cell as printed; see the module docstring for the forms."""
    key = match_key(text).strip(" .;,()")
    if not key:
        return Timeframe(text=text, parsed=False)
    deadline = _deadline(key)
    if deadline is not None:
        return Timeframe(text=text, end_year=deadline.year, deadline=deadline, recurrence=ONE_OFF)
    review = _REVIEW.fullmatch(key)
    if review is None:
        return _main(text, key) or Timeframe(text=text, parsed=False)
    review_recurrence = None
    if review.group("freq"):
        n = review.group("n")
        review_recurrence = _EVERY_N_YEARS.get(int(n)) if n else ANNUAL
        if review_recurrence is None:
            return Timeframe(text=text, parsed=False)
    head = review.group("head").strip(" ;,")
    # A review clause alone ("Định kỳ rà soát hàng năm") is the task itself.
    main = _main(text, head) if head else Timeframe(text=text, recurrence=review_recurrence)
    if main is None:
        return Timeframe(text=text, parsed=False)
    until = review.group("until")
    return replace(
        main,
        review_recurrence=review_recurrence,
        review_until=int(until) if until else None,
        has_review=True,
        review_only=not head,
    )


def _deadline(key: str) -> date | None:
    if not _DEADLINE_LEAD.search(key) and not key.startswith("ngay"):
        return None
    m = _DEADLINE_NUM.fullmatch(key) or _DEADLINE_WORDS.fullmatch(key)
    if m is None:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _window(rest: str) -> tuple[int, int] | None:
    m = _WINDOW_ONLY.fullmatch(rest)
    if m is None:
        return None
    years = [int(g) for g in m.groups() if g]
    return years[0], years[1]


def _main(text: str, key: str) -> Timeframe | None:
    """The part before any review clause."""
    window = _window(key)
    if window is not None:
        if window[0] > window[1]:
            return None
        return Timeframe(text=text, start_year=window[0], end_year=window[1], window_only=True)
    single = _SINGLE_YEAR.fullmatch(key)
    if single:
        year = int(single.group(1))
        return Timeframe(text=text, start_year=year, end_year=year, window_only=True)
    m = _CONTINUOUS.fullmatch(key)
    if m:
        return _with_rest(text, CONTINUOUS, m.group("rest"))
    m = _ANNUAL.fullmatch(key)
    if m:
        return _with_rest(text, ANNUAL, m.group("rest"))
    m = _PERIODIC.fullmatch(key)
    if m:
        n = int(m.group("n"))
        if m.group("unit") == "thang":
            recurrence = SEMI_ANNUAL if n == 6 else None
        else:
            recurrence = _EVERY_N_YEARS.get(n)
        if recurrence is None:
            return None
        return _with_rest(text, recurrence, m.group("rest"))
    return None


def _with_rest(text: str, recurrence: str, rest: str | None) -> Timeframe | None:
    """A frequency followed by nothing, a window, or "during the plan's implementation"."""
    if not rest:
        return Timeframe(text=text, recurrence=recurrence)
    window = _window(rest)
    if window is not None:
        return Timeframe(text=text, start_year=window[0], end_year=window[1], recurrence=recurrence)
    # "trong thời gian triển khai Thỏa thuận GCM", "trong thời gian thực hiện Kế hoạch"
    if re.fullmatch(r"trong (?:suot )?thoi gian (?:trien khai|thuc hien)(?: .*)?", rest):
        return Timeframe(text=text, recurrence=recurrence)
    return None


def plan_period(timeframes: list[Timeframe]) -> tuple[int, int] | None:
    """The span of the years a plan's table states (see the module docstring)."""
    starts: list[int] = []
    ends: list[int] = []
    for tf in timeframes:
        if not tf.parsed or tf.from_plan:
            continue
        if tf.start_year is not None:
            starts.append(tf.start_year)
        ends.extend(y for y in (tf.end_year, tf.review_until) if y is not None)
        if tf.deadline is not None:
            starts.append(tf.deadline.year)
    if not starts or not ends:
        return None
    return min(starts), max(ends)


def with_plan_period(tf: Timeframe, period: tuple[int, int] | None) -> Timeframe:
    """Fill what ``tf`` leaves to its plan: the period, and a bare window's recurrence."""
    if period is None or not tf.parsed:
        return tf
    if tf.needs_plan_period:
        return replace(tf, start_year=period[0], end_year=period[1], from_plan=True)
    if tf.window_only and tf.recurrence is None and tf.end_year is not None:
        if tf.end_year < period[1] and not tf.has_review:
            return replace(tf, recurrence=ONE_OFF)
    return tf
