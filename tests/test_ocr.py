"""Reading OCR text (plan 139-KH/TU): misread markers, folded matching, repair."""

from __future__ import annotations

import re

import pytest

from loaders import document_split, ocr
from loaders.instruments import find_instruments
from migkg.text import fold


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("S6 139 - KH/TU Hai Duong, ngay 31 théng 3 ndm 2023", "139-KH/TU"),
        ("S§ 12-KH/TU", "12-KH/TU"),
        ("Sé: 7/QĐ-UBND", "7/QĐ-UBND"),
    ],
)
def test_misread_number_markers(line: str, number: str) -> None:
    found = document_split.find_number(line)
    assert found is not None and found[0] == number


@pytest.mark.parametrize(
    "text", ["Thyc hién Chi thi", "thye hién Chi thi", "thực hiện Chỉ thị", "Thurc hién"]
)
def test_thuc_hien_as_read(text: str) -> None:
    assert re.match(ocr.THUC_HIEN, fold(text))


def test_directive_markers_as_read() -> None:
    # lines 6, 10, 18, 35, 44, 53 of file 004 print "số" as s§, s&, s§, s6, s6, sb
    for printed in ("s§", "s&", "s6", "sb"):
        (m,) = find_instruments(f"Chi thi {printed} 20-CT/TW")
        assert m.number == "20-CT/TW"


def test_repair_keeps_unknown_words_and_punctuation() -> None:
    assert ocr.repair("Ting cwdng sw linh dao, chi dao") == "tang cuong su lanh dao, chi dao"
    assert ocr.repair("xyzzy qwerty.") == "xyzzy qwerty."
    # "lao ding" is "lao động", while "ding" alone ("đảng" misread) is left to context
    assert ocr.repair("ngudi lao ding Viét Nam") == "nguoi lao dong viet nam"


def test_roman_heading_with_ocr_marks() -> None:
    m = ocr.ROMAN_HEADING.match("II. NHIEM VU VA GIAI PHAP THU'C HIEN'")
    assert m is not None and m.group("roman") == "II"
    assert ocr.ROMAN_HEADING.match("V/v tham mưu") is None
