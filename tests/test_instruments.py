"""Instrument mentions in task texts; expected IRIs read from Decision 402's appendix."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib.namespace import RDF

from loaders import reading
from loaders.instrument_labels import instrument_triples
from loaders.instruments import find_instruments
from migkg.namespaces import ID, MKG

ROWS_402 = {  # appendix row code → line of 000 where its text starts (and its continuation)
    "3.2.1": (232,),
    "3.2.3": (234,),
    "3.2.4": (235,),
    "3.2.5": (236,),
    "3.2.6": (237, 239),
    "3.5.1": (267,),
    "3.5.2": (268,),
}


def _row_text(corpus_dir: Path, code: str) -> str:
    src = reading.read_source(next(corpus_dir.glob("000_*.txt")))
    # column 2 holds the task text, on the row's line and on its continuation line
    return " ".join(src.line(n).split("\t")[1] for n in ROWS_402[code])


def _keys(text: str) -> list[str]:
    return [str(m.iri).removeprefix(str(ID["instrument/"])) for m in find_instruments(text)]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        # "Luật Phòng, chống mua bán người 2011 … Bộ luật Hình sự số 100/2015/QH13 và Luật số
        # 12/2017/QH14 sửa đổi bổ sung một số điều của Bộ luật Hình sự số 100/2015/QH13"
        ("3.2.1", ["luat-phong-chong-mua-ban-nguoi-2011", "100-2015-qh13", "12-2017-qh14",
                   "100-2015-qh13"]),
        # "Công ước cơ bản số 87 năm 1948 … Công ước số 105 năm 1957 của ILO"
        ("3.2.3", ["ilo-c087", "ilo-c105"]),
        # the smuggling protocol, whose name includes the UNTOC it supplements
        ("3.2.4", ["untoc-som"]),
        # "Công ước năm 1954 về vị thế người không quốc tịch, Công ước năm 1961 về giảm …"
        ("3.2.5", ["stateless-1954", "stateless-1961"]),
        # the 1990 convention, ILO C97, C143, C181, and the Protocol to C29 (not C29 itself)
        ("3.2.6", ["icmw", "ilo-c097", "ilo-c143", "ilo-c181", "ilo-p029"]),
        ("3.5.1", ["agenda2030"]),
        ("3.5.2", ["paris"]),
    ],
)  # fmt: skip
def test_rows_of_402(corpus_dir: Path, code: str, expected: list[str]) -> None:
    assert _keys(_row_text(corpus_dir, code)) == expected


def test_spans_point_at_the_words() -> None:
    text = "Nghiên cứu gia nhập Công ước số 105 năm 1957 của ILO về Xóa bỏ lao động cưỡng bức."
    (m,) = find_instruments(text)
    assert text[m.start : m.end] == m.text
    assert m.text.startswith("Công ước số 105")


def test_the_protocol_to_c29_is_not_c29() -> None:
    keys = _keys("Nghị định thư bổ sung Công ước số 29 năm 1930 của ILO về lao động cưỡng bức.")
    assert keys == ["ilo-p029"]


def test_untoc_named_as_such() -> None:
    keys = _keys("Công ước Liên hợp quốc về chống tội phạm có tổ chức xuyên quốc gia")
    assert keys == ["untoc"]


def test_numbered_documents_with_dates() -> None:
    text = (
        "Căn cứ Quyết định số 1676/QĐ-TTg ngày 03 tháng 12 năm 2018 của Thủ tướng Chính phủ; "
        "Chỉ thị số 20-CT/TW ngày 12 tháng 12 năm 2022 của Ban Bí thư"
    )
    first, second = find_instruments(text)
    assert (first.number, first.doc_type, first.issued) == (
        "1676/QĐ-TTg",
        "Quyết định",
        date(2018, 12, 3),
    )
    assert (second.number, second.doc_type, second.issued) == (
        "20-CT/TW",
        "Chỉ thị",
        date(2022, 12, 12),
    )


def test_ocr_directives_are_found_without_accents() -> None:
    text = "trong 10 nim thyc hién Chi thi s6 16-CT/TW, ngdy 08/5/2012 ctia Ban Bi thu"
    (m,) = find_instruments(text)
    assert m.iri == ID["instrument/16-ct-tw"]
    assert m.issued == date(2012, 5, 8)


def test_contract_workers_law_of_2020_takes_its_reference_number() -> None:
    # Resolution 225: "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng
    # ngày 13 tháng 11 năm 2020" is 69/2020/QH14 (data/reference/instruments_vn.csv)
    text = (
        "Căn cứ Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng "
        "ngày 13 tháng 11 năm 2020;"
    )
    (m,) = find_instruments(text)
    assert m.iri == ID["instrument/69-2020-qh14"]


@pytest.mark.parametrize(
    "text",
    [
        "Nghiên cứu, đề xuất ký kết hoặc gia nhập điều ước quốc tế, ký kết thỏa thuận quốc tế "
        "về hợp tác trong lĩnh vực lao động.",
        "Rà soát hệ thống pháp luật Việt Nam và pháp luật nước ngoài; Luật pháp quốc tế",
        "Tờ trình Chính phủ về dự án Luật",
        "Điều 3 - Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ",
        "2020-2025; định kỳ rà soát hàng năm cho đến 2030; ngày 20/3/2020",
        "Công ước quốc tế và các cam kết quốc tế về di cư",
        "",
    ],
)
def test_texts_that_name_no_instrument(text: str) -> None:
    assert find_instruments(text) == []


def test_no_two_mentions_share_a_span() -> None:
    text = "Thỏa thuận toàn cầu về Di cư hợp pháp, an toàn và trật tự (GCM) và Thỏa thuận GCM"
    found = find_instruments(text)
    assert _keys(text) == ["gcm", "gcm"]
    assert found[0].end <= found[1].start


def test_triples_of_a_law_the_reference_data_does_not_know() -> None:
    (m,) = find_instruments("Căn cứ Luật tổ chức Chính phủ ngày 19 tháng 6 năm 2015;")
    triples = {(p, str(o)) for _s, p, o in instrument_triples(m)}
    assert (MKG.dateIssued, "2015-06-19") in triples
    assert (MKG.documentType, "Luật") in triples
    assert m.iri == ID["instrument/luat-to-chuc-chinh-phu-2015"]


def test_reference_conventions_get_only_their_type() -> None:
    (m,) = find_instruments("Công ước số 105 năm 1957 của ILO")
    assert instrument_triples(m) == [(ID["instrument/ilo-c105"], RDF.type, MKG.Convention)]
