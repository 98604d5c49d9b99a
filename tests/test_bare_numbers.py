"""Instruments cited without their symbol, and a page's plan that prints no number."""

from __future__ import annotations

from loaders.instruments import find_instruments
from loaders.news_instruments import PagePlan, unnumbered_plan


def test_a_decision_cited_by_serial_and_issuer_is_the_reference_one() -> None:
    found = find_instruments("thực hiện Quyết định số 402 của Thủ tướng Chính phủ về di cư")
    assert [(m.number, m.doc_type) for m in found] == [("402/QĐ-TTg", "Quyết định")]
    dated = find_instruments("Quyết định số 1676 ngày 03/12/2018 của Thủ tướng Chính phủ")
    assert [m.number for m in dated] == ["1676/QĐ-TTg"]
    # no reference instrument of that serial, type and issuer: nothing is guessed
    assert find_instruments("Nghị quyết số 169 của Chính phủ") == []
    assert find_instruments("Quyết định số 402 của Bộ Công an") == []


def test_a_page_reporting_a_plan_without_its_number_links_it_to_what_it_carries_out() -> None:
    lines = [
        (1, "Thành phố triển khai kế hoạch thực hiện Quyết định số 402 của Thủ tướng Chính "
            "phủ ban hành kế hoạch triển khai thoả thuận toàn cầu về di cư"),
    ]  # fmt: skip
    (plan,) = unnumbered_plan(lines)
    assert isinstance(plan, PagePlan) and [m.number for m in plan.implements] == ["402/QĐ-TTg"]
    assert unnumbered_plan([(1, "Thành phố tổ chức hội nghị về di cư an toàn.")]) == []


def test_a_jurists_association_names_no_law() -> None:
    text = "văn bản số 137-CV/HLGVN của Hội Luật gia Việt Nam gửi Văn phòng Chính phủ"
    assert [m.number for m in find_instruments(text)] == ["137-CV/HLGVN"]
