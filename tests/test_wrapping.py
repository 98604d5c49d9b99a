"""A number, date or document symbol that a printed line wraps keeps its whole value.

The printed cases are those a PDF printed from a web page lost before: "272/TTr-CAT-XNC"
read as "272/TTr-CAT", "322/SNgV-LSBG" gone, dates cut in two. Each is printed by Chromium
in a justified paragraph whose first line ends inside the value.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from filemakers import print_pdf, wrapped_html

from loaders.reading import read_source
from loaders.wrapping import glue, join, mend_symbols

# (the first line ends with …, the next line starts with …, the whole value)
CASES = [
    (
        "Xét đề nghị của Giám đốc Công an tỉnh tại Tờ trình số 272/TTr-CAT-",
        "XNC ngày 05 tháng 3 năm 2021 về việc cấp thị thực.",
        "272/TTr-CAT-XNC",
    ),
    (
        "Theo đề nghị của Sở Ngoại vụ tại Công văn số 322/SNgV-",
        "LSBG ngày 12/5/2020 về công tác lãnh sự.",
        "322/SNgV-LSBG",
    ),
    (
        "Căn cứ Quyết định số 402/QĐ-TTg ngày 20 tháng 3",
        "năm 2020 của Thủ tướng Chính phủ ban hành Kế hoạch.",
        "ngày 20 tháng 3 năm 2020",
    ),
    (
        "Báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 15 tháng",
        "12 hằng năm (qua Sở Ngoại vụ) để tổng hợp.",
        "trước ngày 15 tháng 12 hằng năm",
    ),
]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("wrapped")
    page = folder / "letter.html"
    page.write_text(wrapped_html([(head, rest) for head, rest, _ in CASES]), encoding="utf-8")
    pdf = print_pdf(page, folder / "letter.pdf")
    with pdfplumber.open(pdf) as doc:
        raw = doc.pages[0].extract_text().splitlines()
    return pdf, raw


@pytest.mark.parametrize(("head", "rest", "value"), CASES, ids=[c[2] for c in CASES])
def test_the_printer_wrapped_inside_the_value(printed, head: str, rest: str, value: str) -> None:
    """The test proves something only if the printed line really breaks inside the value."""
    _pdf, raw = printed
    assert not any(value in line for line in raw)
    assert any(line.strip() and value.startswith(_tail(line, value)) for line in raw)


def _tail(line: str, value: str) -> str:
    """The longest end of ``line`` that begins ``value`` (empty when there is none)."""
    for k in range(len(value) - 1, 0, -1):
        if line.rstrip().endswith(value[:k]):
            return value[:k]
    return "\x00"


@pytest.mark.parametrize(("head", "rest", "value"), CASES, ids=[c[2] for c in CASES])
def test_the_reader_gives_the_whole_value(printed, head: str, rest: str, value: str) -> None:
    pdf, _raw = printed
    source = read_source(pdf)
    assert any(value in line for line in source.lines), source.lines
    assert any(line.endswith(rest) for line in source.lines)


def test_glue_keeps_numbers_dates_and_symbols_whole() -> None:
    assert join(["số 272/TTr-", "CAT-XNC"]) == "số 272/TTr-CAT-XNC"
    assert join(["ngày 20/", "3/2020"]) == "ngày 20/3/2020"
    assert join(["hơn 600.", "000 lao động"]) == "hơn 600.000 lao động"
    assert join(["giai đoạn 2025-", "2030"]) == "giai đoạn 2025-2030"
    assert join(["Bộ Lao động -", "Thương binh và Xã hội"]) == "Bộ Lao động - Thương binh và Xã hội"
    assert join(["ngày 20 tháng 3", "năm 2020"]) == "ngày 20 tháng 3 năm 2020"
    assert glue("trong năm 2020.", "100 người") == " "
    assert mend_symbols("số 13/2017/QĐ- UBND ngày") == "số 13/2017/QĐ-UBND ngày"
    assert mend_symbols("kinh tế - xã hội") == "kinh tế - xã hội"


def test_the_browsers_margins_are_not_the_document(printed) -> None:
    """Chromium prints the date, the page title, the address and 1/1 in the margins."""
    pdf, raw = printed
    assert raw[0].startswith(tuple("0123456789")) and raw[-1].startswith("file://")
    source = read_source(pdf)
    assert source.meta["title"] == "Tờ trình"
    assert len(source.lines) == len(CASES)
    assert not any("file://" in line or line == "Tờ trình" for line in source.lines)
