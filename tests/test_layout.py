"""Placed text → lines: running heads dropped, columns read in order, wrapped lines joined."""

from __future__ import annotations

from loaders import layout
from loaders.lines import TextBuilder


def line(text: str, top: float, x0: float = 50.0, width: float | None = None) -> layout.TextLine:
    width = width if width is not None else 5.0 * len(text)
    return layout.TextLine([layout.Word(text, x0, x0 + width, top, top + 10)])


def page(*lines: layout.TextLine) -> layout.Page:
    return layout.Page(width=600, height=800, lines=list(lines))


def test_running_heads_and_page_numbers_are_dropped() -> None:
    pages = [
        page(
            line("CÔNG BÁO/Số 12/Ngày 5-5-2020", 20),
            line(f"Nội dung trang {n}", 300),
            line(f"Trang {n}/3", 780),
        )
        for n in (1, 2, 3)
    ]
    layout.drop_running_heads(pages)
    assert [[x.text for x in p.lines] for p in pages] == [
        ["Nội dung trang 1"],
        ["Nội dung trang 2"],
        ["Nội dung trang 3"],
    ]


def test_a_line_printed_once_in_the_margin_stays() -> None:
    pages = [page(line("ỦY BAN NHÂN DÂN", 20), line("Nội dung", 300)), page(line("Tiếp", 300))]
    layout.drop_running_heads(pages)
    assert [x.text for x in pages[0].lines] == ["ỦY BAN NHÂN DÂN", "Nội dung"]


def test_a_paragraph_wrapped_at_the_margin_is_one_line_an_item_starts_anew() -> None:
    head = "Giao Sở Ngoại vụ chủ trì, phối hợp với Công an tỉnh tại Tờ trình số 15/TTr-"
    pages = [
        page(
            line(head, 100, width=500.0),  # reaches the right margin
            line("CAT ngày 20 tháng 3 năm 2020.", 112),
            line("2. Sở Tư pháp hướng dẫn.", 124),
        )
    ]
    out = TextBuilder("pdf")
    layout.render(pages, out)
    assert out.lines == [
        "Giao Sở Ngoại vụ chủ trì, phối hợp với Công an tỉnh tại Tờ trình số 15/TTr-CAT "
        "ngày 20 tháng 3 năm 2020.",
        "2. Sở Tư pháp hướng dẫn.",
    ]


def test_a_table_row_cut_by_the_page_is_joined_and_the_header_not_repeated() -> None:
    header = ["STT", "Nội dung", "Cơ quan chủ trì"]
    before = [header, ["1", "Tập huấn cho", "Mặt trận Tổ"]]
    after = [header, ["", "cán bộ", "quốc Việt Nam"], ["2", "Rà soát", "Bộ Tư pháp"]]
    first = layout.Page(600, 800, tables=[layout.TableBlock(before, 50, 780)])
    second = layout.Page(600, 800, tables=[layout.TableBlock(after, 50, 200)])
    out = TextBuilder("pdf")
    layout.render([first, second], out)
    assert out.lines == [
        "STT\tNội dung\tCơ quan chủ trì",
        "1\tTập huấn cho cán bộ\tMặt trận Tổ quốc Việt Nam",
        "2\tRà soát\tBộ Tư pháp",
    ]
    assert len(out.tables) == 1
