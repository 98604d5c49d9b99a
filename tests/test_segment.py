"""Splitting corpus files into their documents (expected values read from the files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders import reading, segment
from loaders.base import SourceText
from loaders.report import BuildReport


def _split(corpus_dir: Path, stem: str) -> list:
    path = next(corpus_dir.glob(f"{stem}_*.txt"))
    return segment.split(reading.read_source(path), BuildReport())


def test_file_000_holds_the_letter_and_the_decision(corpus_dir: Path) -> None:
    letter, decision = _split(corpus_dir, "000")
    # the letter: from the top to the signer "Huynh Vĩnh Lạc" (line 37)
    assert (letter.kind, letter.number, letter.plan_number) == (
        "instrument",
        "1692/VP-VHXH",
        "1692/VP-VHXH",
    )
    assert (letter.start, letter.end) == (1, 37)
    assert letter.doc_type == "Công văn"
    assert letter.meta["number_line"] == 5
    # header: "UBND TỈNH KIÊN GIANG" (3) down to "Kính gửi: Sở Ngoại vụ." (14)
    assert (letter.meta["header_start"], letter.meta["header_end"]) == (3, 14)
    # the decision: from "THỦ TƯỚNG CHÍNH PHỦ" (line 39) to the last appendix row (5.4)
    assert (decision.number, decision.plan_number) == ("402/QĐ-TTg", "402/QĐ-TTg")
    assert decision.start == 39
    assert decision.meta["number_line"] == 42
    # header: line 39 down to the title's last line "Di cư hợp pháp, an toàn … quốc." (49)
    assert (decision.meta["header_start"], decision.meta["header_end"]) == (39, 49)
    assert decision.doc_type == "Quyết định"
    last = decision.source.line(decision.end)
    assert decision.end == 298
    assert last.startswith("5.4\tThu hút")


def test_garbled_appendix_subtitle_is_not_a_new_document(corpus_dir: Path) -> None:
    # line 203 prints "Quyết định số 40/L/QĐ-TTg ngày 10 tháng 3 năm 2020": still 402's appendix
    segs = _split(corpus_dir, "000")
    assert [s.number for s in segs] == ["1692/VP-VHXH", "402/QĐ-TTg"]
    assert segs[1].start < 203 < segs[1].end


def test_resolution_225_is_one_document_with_its_plan_and_appendix(corpus_dir: Path) -> None:
    (seg,) = _split(corpus_dir, "002")
    assert (seg.number, seg.doc_type, seg.plan_number) == ("225/NQ-CP", "Nghị quyết", "225/NQ-CP")
    assert seg.start == 1
    # the attached KẾ HOẠCH (line 59) and the appendix's last row IV.5 (line 212) belong to it
    assert seg.end == 212
    assert seg.source.line(seg.end).startswith("5\tTổng hợp tình hình")
    assert seg.meta["number_line"] == 8


def test_ocr_plan_139(corpus_dir: Path) -> None:
    (seg,) = _split(corpus_dir, "004")
    assert (seg.number, seg.doc_type, seg.plan_number) == ("139-KH/TU", "Kế hoạch", "139-KH/TU")
    assert seg.meta["ocr"] is True
    assert seg.meta["number_line"] == 3
    assert seg.meta["province"] == "Hải Dương"  # "TiNH UY HAI DUONG"
    assert (seg.meta["header_start"], seg.meta["header_end"]) == (1, 8)  # title ends line 8


@pytest.mark.parametrize("stem", ["001", "003"])
def test_news_pages_are_one_news_segment(corpus_dir: Path, stem: str) -> None:
    (seg,) = _split(corpus_dir, stem)
    assert seg.kind == "news"
    assert seg.number is None
    assert (seg.start, seg.end) == (1, len(seg.source.lines))


def test_number_normalisation() -> None:
    assert segment.find_number("Số: 1692 /VP-VHXH") == ("1692/VP-VHXH", "Số")
    assert segment.find_number("S6 139 - KH/TU Hai Duong, ngay 31") == ("139-KH/TU", "S6")
    assert segment.find_number("**Số: 225/NQ-CP**") == ("225/NQ-CP", "Số")
    assert segment.find_number("Số lượng lao động tăng") is None
    assert segment.find_number("Số 5 - các bộ") is None


def test_a_number_line_outside_a_header_block_does_not_split() -> None:
    lines = ["CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 1/NQ-CP", "NGHỊ QUYẾT"]
    lines += ["nội dung"] * 10 + ["Số: 7/QĐ-TTg là số của văn bản khác"]
    segs = segment.split(SourceText(Path("x.txt"), lines), BuildReport())
    assert [(s.number, s.start, s.end) for s in segs] == [("1/NQ-CP", 1, 15)]


def test_a_letter_listed_under_its_subject_and_a_copy_from_its_title() -> None:
    # a portal's entry "Về việc … (799/VP-NC, ngày 14/3/2018)" over "Kính gửi:" is a letter
    listed = SourceText(
        Path("listed.txt"),
        ["Tin tức", "Về việc người dân xuất cảnh làm thuê (799/VP-NC, ngày 14/3/2018)", "",
         "Kính gửi:", "- Sở Lao động - Thương binh và Xã hội;", "Thực hiện ý kiến …"],
    )  # fmt: skip
    (letter,) = segment.split(listed, BuildReport())
    assert (letter.kind, letter.number, letter.doc_type) == ("instrument", "799/VP-NC", "Công văn")
    assert (letter.meta["number_line"], letter.meta["listed"]) == (2, "2018-03-14")
    # the same line without the addressees under it is a page's headline
    headline = SourceText(Path("news.txt"), listed.lines[:2] + ["UBND tỉnh vừa có công văn …"])
    assert [s.kind for s in segment.split(headline, BuildReport())] == ["news"]
    # a copy that starts at "CHƯƠNG TRÌNH" above its bases is a document with no header
    titled = SourceText(
        Path("titled.txt"),
        ["CHƯƠNG TRÌNH", "TRIỂN KHAI THỰC HIỆN KẾ HOẠCH SỐ 7-KH/TU", "Căn cứ Kế hoạch số …"],
    )
    (programme,) = segment.split(titled, BuildReport())
    assert (programme.kind, programme.number, programme.doc_type) == (
        "instrument",
        None,
        "Chương trình",
    )
    assert programme.meta["titled"] is True
    # a news page whose first line is a bare type word but that states no basis stays a page
    page = SourceText(Path("page.txt"), ["KẾ HOẠCH", "Tỉnh vừa ban hành kế hoạch mới."])
    assert [s.kind for s in segment.split(page, BuildReport())] == ["news"]
