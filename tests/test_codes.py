"""Task codes sort in reading order, the same on every page and chart."""

from __future__ import annotations

from migkg.codes import code_key


def test_numbers_sort_as_numbers() -> None:
    assert sorted(["3.2.10", "3.2.9", "3.10", "3.2"], key=code_key) == [
        "3.2",
        "3.2.9",
        "3.2.10",
        "3.10",
    ]


def test_roman_numerals_sort_by_value() -> None:
    assert sorted(["IV.1", "II.4", "I.12", "IX", "V"], key=code_key) == [
        "I.12",
        "II.4",
        "IV.1",
        "V",
        "IX",
    ]


def test_lettered_items_sort_as_letters_after_numbers() -> None:
    assert sorted(["1.c", "1.a", "1.2", "1.b"], key=code_key) == ["1.2", "1.a", "1.b", "1.c"]
    assert sorted(["C", "A", "B", "D"], key=code_key) == ["A", "B", "C", "D"]


def test_codes_of_the_tc_series_come_last_and_none_is_a_code() -> None:
    assert sorted(["TC-1", "9", None], key=code_key) == [None, "9", "TC-1"]
