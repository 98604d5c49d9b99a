"""Timeframe cells: every form printed in the appendix tables of 402 and 225.

Expected values are read from the cells themselves: the years they print, the frequency
they name, and (for year-less cells) the plan's period, which is the span of the years
the plan's table states: 2020-2030 for Decision 402, 2023-2030 for Resolution 225.

One value is not printed: ``OneOff`` (``ONE`` below) for a bare window that closes before
its plan's period ends ("2020-2022" in a 2020-2030 plan) is the module's documented reading
of such a cell (the column is the expected completion time). A window followed by a review
clause is not a one-off: the task goes on under review, so the recurrence is left empty
and the phases (tests/test_phases.py) say what each period is.
"""

from __future__ import annotations

from datetime import date

import pytest

from loaders.timeframe import Timeframe, parse, plan_period, with_plan_period

P402 = (2020, 2030)
P225 = (2023, 2030)

# Concept names, short so each case fits on one line.
C, A, ONE = "Continuous", "Annual", "OneOff"
GCM = "Thường xuyên trong thời gian triển khai Thỏa thuận GCM"
UPD = "định kỳ rà soát, cập nhật cho đến 2030"
BI = "Định kỳ 2 năm/lần, bắt đầu từ năm 2020 đến 2030"
FIVE = "Định kỳ 05 năm/lần, bắt đầu từ năm 2020 đến 2030"

# fmt: off
# text, plan period, start, end, recurrence, review recurrence, review until, from plan
CASES = [
    # Decision 402 (file 000, appendix)
    (GCM, P402, 2020, 2030, C, None, None, True),
    ("2020-2030", P402, 2020, 2030, None, None, None, False),
    ("2020-2022", P402, 2020, 2022, ONE, None, None, False),
    ("2020-2023", P402, 2020, 2023, ONE, None, None, False),
    ("2020-2025", P402, 2020, 2025, ONE, None, None, False),
    (BI, P402, 2020, 2030, "Biennial", None, None, False),
    (FIVE, P402, 2020, 2030, "EveryFiveYears", None, None, False),
    (f"2020-2024; {UPD}", P402, 2020, 2024, None, None, 2030, False),
    (f"2020-2022; {UPD}", P402, 2020, 2022, None, None, 2030, False),
    ("2020-2025; định kỳ rà soát, hàng năm cho đến 2030", P402, 2020, 2025, None, A, 2030, False),
    ("2020-2025; định kỳ rà soát hàng năm cho đến 2030", P402, 2020, 2025, None, A, 2030, False),
    ("2020-2025; định kỳ rà soát và báo cáo hàng năm cho đến 2030", P402, 2020, 2025, None, A, 2030,
     False),
    ("2020-2022; định kỳ rà soát hàng năm cho đến 2030", P402, 2020, 2022, None, A, 2030, False),
    ("2020-2030; định kỳ rà soát hàng năm cho đến 2030", P402, 2020, 2030, None, A, 2030, False),
    ("2020-2030; định kỳ rà soát hàng năm", P402, 2020, 2030, None, A, None, False),
    ("2020-2030, định kỳ rà soát hàng năm", P402, 2020, 2030, None, A, None, False),
    ("2020-2025; định kỳ rà soát cho đến 2030", P402, 2020, 2025, None, None, 2030, False),
    ("Thường xuyên trong giai đoạn 2020-2030", P402, 2020, 2030, C, None, None, False),
    # Resolution 225 (file 002, appendix)
    ("Hàng năm", P225, 2023, 2030, A, None, None, True),
    ("Hằng năm", P225, 2023, 2030, A, None, None, True),
    ("Thường xuyên", P225, 2023, 2030, C, None, None, True),
    ("Giai đoạn 2023-2030", P225, 2023, 2030, None, None, None, False),
    ("Giai đoạn 2025-2030", P225, 2025, 2030, None, None, None, False),
    ("Giai đoạn 2023-2025", P225, 2023, 2025, ONE, None, None, False),
    ("2025-2030", P225, 2025, 2030, None, None, None, False),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "period", "start", "end", "recurrence", "review", "until", "from_plan"), CASES
)
def test_corpus_timeframes(text, period, start, end, recurrence, review, until, from_plan):
    tf = with_plan_period(parse(text), period)
    assert tf.parsed
    assert tf.text == text
    assert (tf.start_year, tf.end_year) == (start, end)
    assert tf.recurrence == recurrence
    assert tf.review_recurrence == review
    assert tf.review_until == until
    assert tf.from_plan is from_plan
    assert tf.deadline is None


@pytest.mark.parametrize(
    "text",
    [
        "hoàn thành chậm nhất ngày 22/4/2020",
        "(hoàn thành chậm nhất ngày 22/4/2020)",
        "trước ngày 22 tháng 4 năm 2020",
        "hoan thanh cham nhat ngay 22/4/2020",  # the same, diacritics lost
    ],
)
def test_deadline_is_one_off_on_that_day(text):
    tf = with_plan_period(parse(text), P402)
    assert tf.parsed
    assert tf.deadline == date(2020, 4, 22)
    assert tf.recurrence == "OneOff"
    assert tf.end_year == 2020
    assert tf.from_plan is False


def test_without_diacritics_reads_the_same():
    plain = with_plan_period(parse("Dinh ky 2 nam/lan, bat dau tu nam 2020 den 2030"), P402)
    assert (plain.start_year, plain.end_year, plain.recurrence) == (2020, 2030, "Biennial")
    assert with_plan_period(parse("Hang nam"), P225).recurrence == "Annual"


def test_en_dash_range():
    tf = parse("2020–2025")
    assert (tf.start_year, tf.end_year) == (2020, 2025)


@pytest.mark.parametrize(
    "text", ["Sau khi có ý kiến của Thủ tướng", "Quý IV", "2030-2020", "ngày 31/2/2020", " "]
)
def test_unparseable_keeps_text_and_has_no_years(text):
    tf = with_plan_period(parse(text), P402)
    assert tf.parsed is False
    assert tf.text == text
    assert (tf.start_year, tf.end_year, tf.recurrence, tf.deadline) == (None, None, None, None)
    assert tf.from_plan is False


def test_plan_period_is_the_span_of_stated_years():
    cells = ["Hằng năm", "Giai đoạn 2023-2030", "2025-2030", "Giai đoạn 2023-2025", "???"]
    assert plan_period([parse(c) for c in cells]) == (2023, 2030)
    # a review-until year counts as a year the table states
    assert plan_period([parse("2020-2024; định kỳ rà soát, cập nhật cho đến 2030")]) == (
        2020,
        2030,
    )


def test_no_stated_year_means_no_period_and_no_years():
    cells = [parse("Hằng năm"), parse("Thường xuyên")]
    assert plan_period(cells) is None
    tf = with_plan_period(cells[0], None)
    assert (tf.start_year, tf.end_year, tf.from_plan) == (None, None, False)
    assert tf.recurrence == "Annual"


def test_timeframe_is_a_value():
    assert parse("2020-2030") == Timeframe(
        text="2020-2030", start_year=2020, end_year=2030, window_only=True
    )
