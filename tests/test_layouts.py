"""Header layouts of real documents of the genre, read into the document model.

Each file of tests/data/layouts is the opening of a public official document as a legal portal or a
provincial site prints it (source address beside it); expected values are read from it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders import parse
from loaders.base import SourceText
from loaders.document import Document
from loaders.report import BuildReport
from migkg.text import nfc

LAYOUTS = Path(__file__).resolve().parent / "data" / "layouts"


def read(path: Path) -> list[Document]:
    """The documents of a snippet file, its lines as a reader would hand them over."""
    lines = nfc(path.read_text(encoding="utf-8")).splitlines()
    return parse.parse(SourceText(path, lines), BuildReport())


# https://hethongphapluat.vn/ke-hoach-65-kh-ubnd-nam-2020-ve-thuc-hien-ke-hoach-trien-khai-thoa-thuan-toan-cau-ve-di-cu-hop-phap-an-toan-va-trat-tu-cua-lien-hop-quoc-tren-dia-ban-tinh-ca-mau.html
CA_MAU_65 = LAYOUTS / "ca_mau_65_kh_ubnd.txt"


def test_issuer_on_two_lines_and_a_text_cut_off() -> None:
    (doc,) = read(CA_MAU_65)
    h = doc.header
    assert h.issuer and h.province and h.number and h.doc_type and h.place and h.title
    assert (h.issuer.value, h.issuer.line) == ("ỦY BAN NHÂN DÂN TỈNH CÀ MAU", 3)
    assert h.province.value == "Cà Mau"
    assert (h.number.value, h.symbol, h.doc_type.value) == ("65/KH-UBND", "KH-UBND", "Kế hoạch")
    assert h.date == dt.date(2020, 6, 18) and h.place.value == "Cà Mau"
    assert h.title.value.startswith("TRIỂN KHAI, THỰC HIỆN KẾ HOẠCH CỦA THỦ TƯỚNG")
    (basis,) = [n for n in doc.body.children if n.kind == "basis"]
    assert basis.span.start == 21
    assert [n.label for n in doc.body.find("part")] == ["I"]
    # the page stops in the middle of a word: kept, marked and warned
    assert doc.truncated and any("stops before" in m for _l, m in doc.warnings)


# https://thuvienphapluat.vn/van-ban/Quyen-dan-su/Ke-hoach-167-KH-UBND-2020-trien-khai-Thoa-thuan-toan-cau-ve-Di-cu-hop-phap-an-toan-tinh-Ha-Tinh-454645.aspx?tab=7
HA_TINH_167 = LAYOUTS / "ha_tinh_167_kh_ubnd.txt"


def test_cells_on_their_own_lines_and_a_date_split_over_two() -> None:
    (doc,) = read(HA_TINH_167)
    h = doc.header
    # the motto broken over two lines is not taken for the issuer
    assert h.issuer and h.number and h.place and h.title
    assert h.issuer.value == "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" and h.issuer_parent is None
    assert h.motto == "state"
    assert h.number.value == "167/KH-UBND"
    assert (h.date, h.date_line, h.place.value) == (dt.date(2020, 5, 11), 13, "Hà Tĩnh")
    assert h.title.value.endswith("LIÊN HỢP QUỐC (GCM) TRÊN ĐỊA BÀN TỈNH HÀ TĨNH")
    (basis,) = [n for n in doc.body.children if n.kind == "basis"]
    assert (basis.span.start, basis.span.end) == (18, 24)
    part = next(doc.body.find("part"))
    item = part.children[0]
    assert (item.kind, item.label) == ("item", "1")
    assert item.children[0].kind == "dash" and item.children[0].span == parse.Span(27, 29)


# https://ls1.hethongphapluat.com/quyet-dinh-06-2014-qd-ubnd-ve-quy-che-quan-ly-thong-nhat-hoat-dong-doi-ngoai-tren-dia-ban-tinh-ca-mau.html
CA_MAU_06 = LAYOUTS / "ca_mau_06_2014_qd_ubnd.txt"


def test_cells_joined_by_bars_and_a_number_with_its_year() -> None:
    (doc,) = read(CA_MAU_06)
    h = doc.header
    assert h.number and h.doc_type and h.issuer and h.province and h.place and h.title
    assert (h.number.value, h.serial, h.year, h.symbol) == (
        "06/2014/QĐ-UBND",
        "06",
        2014,
        "QĐ-UBND",
    )
    assert h.doc_type.value == "Quyết định"  # no type line: the symbol says it
    # the bare "ỦY BAN NHÂN DÂN" of the header completed by the enacting line under the title
    assert h.issuer.value == "ỦY BAN NHÂN DÂN TỈNH CÀ MAU" and h.province.value == "Cà Mau"
    assert h.date == dt.date(2014, 3, 21) and h.place.value == "Cà Mau"
    assert h.title.value.startswith("BAN HÀNH QUY CHẾ QUẢN LÝ THỐNG NHẤT")
    assert [n.span.start for n in doc.body.children if n.kind == "basis"] == [5, 6, 7]
    assert [a.label for a in doc.body.find("article")] == ["Điều 1", "Điều 2", "Điều 3"]
    assert doc.signature is not None and doc.signature.capacity == "TM. ỦY BAN NHÂN DÂN"
    assert not doc.truncated


# https://thuviennhadat.vn/vbpl/quyet-dinh-14-2007-qd-ubnd-chuc-nang-nhiem-vu-so-nong-nghiep-quang-nam-187520.html
QUANG_NAM_14 = LAYOUTS / "quang_nam_14_2007_qd_ubnd.txt"


def test_words_broken_over_lines_in_every_header_cell() -> None:
    (doc,) = read(QUANG_NAM_14)
    h = doc.header
    assert h.issuer and h.province and h.number and h.place and h.doc_type and h.title
    assert h.issuer.value == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM" and h.province.value == "Quảng Nam"
    assert (h.number.value, h.year) == ("14/2007/QĐ-UBND", 2007)
    # the city, not the province, is the place: "Tam" / "Kỳ, ngày 19 tháng 6 năm 2007"
    assert (h.place.value, h.date) == ("Tam Kỳ", dt.date(2007, 6, 19))
    assert (h.doc_type.value, h.doc_type.line) == ("Quyết định", 17)
    assert h.title.value == (
        "BAN HÀNH QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ CẤU TỔ CHỨC CỦA SỞ NÔNG "
        "NGHIỆP & PTNT TỈNH QUẢNG NAM"
    )
    bases = [n for n in doc.body.children if n.kind == "basis"]
    assert [(b.span.start, b.span.end) for b in bases] == [(21, 22), (23, 25)]
    (article,) = doc.body.find("article")
    assert article.span == parse.Span(27, 29)


# https://vanbanphapluat.co/quyet-dinh-431-2009-qd-ubnd-to-chuc-tiep-cong-dan-cua-cac-co-quan-nn-phu-yen
PHU_YEN_431 = LAYOUTS / "phu_yen_431_2009_qd_ubnd.txt"


def test_a_city_for_place_keeps_the_issuers_province() -> None:
    (doc,) = read(PHU_YEN_431)
    h = doc.header
    assert h.place and h.province and h.issuer
    assert h.place.value == "Tuy Hòa" and h.province.value == "Phú Yên"
    assert h.issuer.value == "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN"
    assert h.date == dt.date(2009, 3, 19) and h.year == 2009


# https://vanban123.vn/Cong-van/cong-van-so-1691-vpcp-qhqt-ngay-08-04-2004-cua-van-phong-chinh-phu-ve-viec-phan-anh-cua-bao-chi-ve-viec-cap-ho-chieu-thi-thuc-257806
VPCP_1691 = LAYOUTS / "vpcp_1691_vpcp_qhqt.txt"


def test_a_national_letter_without_a_subject_line() -> None:
    (doc,) = read(VPCP_1691)
    h = doc.header
    assert h.issuer and h.number and h.doc_type and h.place
    assert h.issuer.value == "VĂN PHÒNG CHÍNH PHỦ" and h.province is None
    # an agency code and "Kính gửi": an official letter
    assert (h.number.value, h.doc_type.value) == ("1691/VPCP-QHQT", "Công văn")
    assert h.date == dt.date(2004, 4, 8) and h.place.value == "Hà Nội"
    assert doc.signature is not None and doc.signature.role == "BỘ TRƯỞNG"
    assert not doc.truncated


# https://luatminhkhue.vn/cong-van-2592-vpcp-qhqt-bao-cao-tinh-hinh-thuc-hien-chi-thi-1737-ct-ttg.aspx
VPCP_2592_END = LAYOUTS / "vpcp_2592_vpcp_qhqt.txt"


def test_a_letters_subject_recipients_and_signature() -> None:
    (doc,) = read(VPCP_2592_END)
    h = doc.header
    assert h.title
    assert h.title.value == "V/v báo cáo tình hình thực hiện Chỉ thị 1737/CT-TTg"
    assert h.date == dt.date(2013, 4, 2)
    assert [r.value for r in doc.recipients][:2] == ["Như trên", "TTg CP, các Phó Thủ tướng"]
    assert len(doc.recipients) == 4
    sig = doc.signature
    assert sig is not None
    assert (sig.capacity, sig.role, sig.name) == (
        "KT. BỘ TRƯỞNG, CHỦ NHIỆM",
        "PHÓ CHỦ NHIỆM",
        "Nguyễn Văn Tùng",
    )
    assert doc.parts_missing == [] and doc.warnings == []


# https://text.123docz.net/document/12849335-221-bs-sao-kl-ve-xd-ket-cau-ha-tang-pdf.htm
HUE_445 = LAYOUTS / "hue_445_kl_tu.txt"


def test_a_party_document_with_an_ocr_spaced_type() -> None:
    (doc,) = read(HUE_445)
    h = doc.header
    assert h.issuer and h.number and h.doc_type and h.place and h.province and h.title
    assert h.motto == "party" and h.issuer.value == "TỈNH ỦY THỪA THIÊN HUẾ"
    # "Số 445-KL/TƯ": a Party number whose symbol ends in Ư
    assert (h.number.value, h.serial, h.symbol) == ("445-KL/TƯ", "445", "KL/TƯ")
    assert (h.doc_type.value, h.doc_type.line) == ("Kết luận", 6)  # "K ÉT LUẬN"
    assert h.date == dt.date(2022, 5, 13) and h.place.value == "Thừa Thiên Huế"
    # the unit the reference table names Huế (a city of the central government since 2025)
    assert h.province.value == "Huế"
    # the title ends where a capitalised sentence opens the body
    assert h.title.value.endswith("về xây dựng hệ thống kết cấu hạ tầng đồng bộ đến năm 2025, "
                                  "định hướng đến năm 2030")  # fmt: skip
    assert doc.body.children[0].span.start == 11


def test_issuer_halves_in_either_order() -> None:
    from loaders.document import Header
    from loaders.header_block import _issuer

    for lines in (["ỦY BAN NHÂN DÂN", "TỈNH CÀ MAU"], ["TỈNH CÀ MAU", "ỦY BAN NHÂN DÂN"]):
        head = Header()
        _issuer(head, list(enumerate(lines, start=1)))
        assert head.issuer
        assert head.issuer.value == "ỦY BAN NHÂN DÂN TỈNH CÀ MAU" and head.issuer_parent is None
    head = Header()
    _issuer(head, [(3, "UBND TỈNH KIÊN GIANG"), (4, "VĂN PHÒNG")])
    assert head.issuer and head.issuer_parent
    assert (head.issuer.value, head.issuer_parent.value) == ("VĂN PHÒNG", "UBND TỈNH KIÊN GIANG")


# https://luatminhkhue.vn/cong-van-2385-vpcp-qhqt-cua-van-phong-chinh-phu-ve-viec-bao-cao-tinh-hinh-thuc-hien-chi-thi-1737-ct-ttg.aspx
VPCP_2385 = LAYOUTS / "vpcp_2385_no_number.txt"


def test_a_letter_whose_copy_lost_its_number_is_a_document_flagged() -> None:
    (doc,) = read(VPCP_2385)
    h = doc.header
    assert doc.kind == "instrument" and h.number is None
    assert h.issuer and h.title
    assert h.issuer.value == "VĂN PHÒNG CHÍNH PHỦ" and h.date == dt.date(2014, 4, 8)
    assert h.title.value == "V/v: Báo cáo tình hình thực hiện Chỉ thị 1737/CT-TTg"
    assert doc.signature is not None and doc.signature.name == "Nguyễn Văn Tùng"
    assert [line for line, m in doc.warnings if "no number" in m] == [1]
    assert doc.parts_missing == ["number"]


def test_the_report_lists_what_a_reader_should_check() -> None:
    from loaders import pipeline
    from loaders.gazetteer import Gazetteer
    from loaders.resolver import Resolver

    report = BuildReport()
    for path in (VPCP_2385, HA_TINH_167):
        lines = nfc(path.read_text(encoding="utf-8")).splitlines()
        pipeline.load_source(SourceText(path, lines), Resolver(Gazetteer.load()), report)
    unnumbered, plan = report.documents
    assert unnumbered["number"] is None and unnumbered["parts_missing"] == ["number"]
    assert any("no number" in w["message"] for w in unnumbered["warnings"])
    # the plan: header and bases read; the text stops before the signature; Sở Ngoại vụ
    # of its proposal clause is placed in Hà Tĩnh or listed for a reader
    assert plan["number"] == "167/KH-UBND" and plan["province"] == "Hà Tĩnh"
    assert plan["truncated"] and "signature" in plan["parts_missing"]
    assert 0.5 < plan["coverage"] < 1.0
    lines = report.document_lines()
    assert lines[1].startswith("ha_tinh_167_kh_ubnd.txt 167/KH-UBND Kế hoạch: ")
    assert "missing signature, recipients" in lines[1] and "text cut off" in lines[1]


@pytest.mark.parametrize(
    ("line", "number", "parts"),
    [
        ("Số: 13/2017/QĐ-UBND", "13/2017/QĐ-UBND", ("13", 2017, "QĐ-UBND")),
        (
            "Số: 03/2008/TTLT-BCA-BQP-BNG-BLĐTBXH",
            "03/2008/TTLT-BCA-BQP-BNG-BLĐTBXH",
            ("03", 2008, "TTLT-BCA-BQP-BNG-BLĐTBXH"),
        ),
        ("Số 139-KH/TU", "139-KH/TU", ("139", None, "KH/TU")),
        ("| Số: 1691/VPCP-QHQT | Hà Nội, ngày 08 tháng 4 năm 2004 |", "1691/VPCP-QHQT", None),
    ],
)
def test_numbers_with_and_without_a_year(line: str, number: str, parts: tuple | None) -> None:
    from loaders.header_block import split_number
    from loaders.segment import find_number

    found = find_number(line)
    assert found is not None and found[0] == number
    if parts is not None:
        assert split_number(number) == parts


def test_ocr_confidence_travels_with_header_values() -> None:
    lines = nfc(CA_MAU_65.read_text(encoding="utf-8")).splitlines()
    source = SourceText(CA_MAU_65, lines, reader="ocr", confidence={11: 0.62, 13: 0.9})
    (doc,) = parse.parse(source, BuildReport())
    assert doc.header.number and doc.header.place and doc.header.issuer
    assert (doc.header.number.confidence, doc.header.number.origin) == (0.62, "ocr")
    assert doc.header.place.confidence == 0.9
    assert doc.header.issuer.confidence is None  # line 3 was not OCR'd


def test_issuer_glued_to_the_motto_over_two_lines() -> None:
    # the two columns of the header flattened line by line, as in the copy of Decision 402
    # in the shipped corpus (line 39), here with the issuer's second line beside the motto's
    from loaders.base import Segment

    lines = [
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH BÀ RỊA - VŨNG TÀU Độc lập - Tự do - Hạnh phúc",
        "Số: 120/KH-UBND Bà Rịa - Vũng Tàu, ngày 09 tháng 9 năm 2020",
        "KẾ HOẠCH",
    ]
    source = SourceText(Path("glued.txt"), lines)
    (doc,) = parse.parse(source, BuildReport())
    h = doc.header
    assert h.issuer and h.province and h.place and h.doc_type
    assert h.issuer.value == "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU"
    assert h.province.value == "Bà Rịa - Vũng Tàu" and h.place.value == "Bà Rịa - Vũng Tàu"
    assert h.date == dt.date(2020, 9, 9) and h.doc_type.value == "Kế hoạch"
    assert isinstance(doc.segment, Segment)


# https://thuvienphapluat.vn/van-ban/doanh-nghiep/quyet-dinh-09-2011-qd-ubnd-quy-che-xet-cho-phep-su-dung-the-di-lai-123918.aspx
QUANG_NGAI_09 = LAYOUTS / "quang_ngai_09_2011_qd_ubnd.txt"


def test_a_signature_in_cells_and_the_annexed_regulation() -> None:
    (doc,) = read(QUANG_NGAI_09)
    h = doc.header
    assert h.place and h.province and h.title
    assert (h.place.value, h.province.value) == ("Quảng Ngãi", "Quảng Ngãi")  # "Quảng" / "Ngãi, …"
    assert h.title.value.endswith("DOANH NHÂN APEC THUỘC TỈNH QUẢNG NGÃI")
    sig = doc.signature
    assert sig is not None
    assert (sig.capacity, sig.role, sig.name) == (
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Xuân Huế",
    )
    assert sig.span == parse.Span(41, 44)
    assert [a.label for a in doc.body.find("article")] == ["Điều 1", "Điều 2", "Điều 3"]
    # Điều 3 runs over its four lines
    assert list(doc.body.find("article"))[2].span == parse.Span(36, 39)
    assert not doc.truncated


# https://ls1.hethongphapluat.com/ke-hoach-359-kh-ubnd-nam-2016-thuc-hien-nghi-quyet-27-nq-cp-ve-day-manh-thuc-hien-nghi-quyet-36-nq-tw-ve-cong-tac-doi-voi-nguoi-viet-nam-o-nuoc-ngoai-giai-doan-2016-2020-cua-tinh-an-giang.html
AN_GIANG_359 = LAYOUTS / "an_giang_359_kh_ubnd.txt"


def test_a_title_in_capitals_that_begins_like_a_basis() -> None:
    (doc,) = read(AN_GIANG_359)
    h = doc.header
    assert h.title
    assert h.title.value.startswith("THỰC HIỆN NGHỊ QUYẾT SỐ 27/NQ-CP NGÀY 05 THÁNG 4 NĂM 2016")
    assert h.span == parse.Span(5, 21)  # from "ỦY BAN NHÂN DÂN", under the page's banner
    (part,) = doc.body.children
    assert (part.kind, part.label, part.span.start) == ("part", "I", 23)  # "I- MỤC TIÊU"
    from loaders.links import links

    found, _proposals = links(doc)
    # the title implements 27/NQ-CP; 36-NQ/TW is what 27 is about, not implemented here
    assert [(lk.kind, lk.target.number) for lk in found if lk.subject is None] == [
        ("implements", "27/NQ-CP")
    ]


# https://thuvienphapluat.vn/van-ban/Quyen-dan-su/Quyet-dinh-402-QD-TTg-2020-trien-khai-Thoa-thuan-toan-cau-Di-cu-hop-phap-cua-Lien-hop-quoc-438083.aspx?ac=emails
TVPL_402 = LAYOUTS / "tvpl_402_qd_ttg_page.txt"


def test_a_saved_portal_page_with_its_metadata_above_the_header() -> None:
    (doc,) = read(TVPL_402)
    h = doc.header
    # "Số hiệu: 402/QĐ-TTg Loại văn bản: …" above the header is the portal's, not a number line
    assert h.number and h.issuer and h.doc_type
    assert (h.number.value, h.number.line) == ("402/QĐ-TTg", 20)
    assert h.issuer.value == "THỦ TƯỚNG CHÍNH PHỦ" and h.issuer_parent is None
    assert h.span == parse.Span(13, 28) and h.province is None
    assert h.date == dt.date(2020, 3, 20) and h.doc_type.value == "Quyết định"
    assert [n.span.start for n in doc.body.children if n.kind == "basis"] == [32, 34, 36]


# https://phapluatcongdong.vn/van-ban/quyet-dinh-93-2005-qd-ubnd-ban-hanh-tinh-dong-thap-nam-2005-p358253.htm
DONG_THAP_93 = LAYOUTS / "dong_thap_93_2005_qd_ubnd.txt"


def test_a_portal_metadata_table_and_a_town_for_place() -> None:
    (doc,) = read(DONG_THAP_93)
    h = doc.header
    # "Số hiệu: | 93/2005/QĐ-UBND |" in the portal's table is not the number line (10 is)
    assert h.number and h.issuer and h.province and h.place
    assert (h.number.value, h.number.line) == ("93/2005/QĐ-UBND", 10)
    assert h.issuer.value == "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP" and h.province.value == "Đồng Tháp"
    assert h.place.value == "Thị xã Cao Lãnh" and h.date == dt.date(2005, 9, 27)
    # "QUYẾT ĐỊNH" in capitals without its colon still ends the bases
    kinds = [(n.kind, n.span.start) for n in doc.body.children]
    assert kinds[-3:] == [("basis", 17), ("paragraph", 18), ("article", 19)]


def test_a_header_without_diacritics_as_an_ocr_reads_it() -> None:
    # the opening of plan 65/KH-UBND of Cà Mau with its diacritics stripped, as OCR gives them
    import unicodedata

    def strip(line: str) -> str:
        marks = "".join(
            c for c in unicodedata.normalize("NFD", line) if not unicodedata.combining(c)
        )
        return marks.replace("Đ", "D").replace("đ", "d")

    lines = [strip(t) for t in nfc(CA_MAU_65.read_text(encoding="utf-8")).splitlines()]
    (doc,) = parse.parse(SourceText(CA_MAU_65, lines), BuildReport())
    h = doc.header
    assert h.issuer and h.province and h.number and h.doc_type and h.place
    assert h.issuer.value == "UY BAN NHAN DAN TINH CA MAU" and h.province.value == "Cà Mau"
    assert (h.number.value, h.doc_type.value) == ("65/KH-UBND", "Kế hoạch")
    assert h.date == dt.date(2020, 6, 18) and h.place.value == "Cà Mau"
    assert [n.kind for n in doc.body.children] == ["basis", "paragraph", "part"]


def test_a_body_name_broken_where_no_word_marks_it() -> None:
    from loaders.document import Header
    from loaders.header_block import _issuer

    head = Header()
    _issuer(head, [(1, "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN"), (2, "NÔNG THÔN")])
    assert head.issuer
    assert head.issuer.value == "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"
    assert head.issuer_parent is None
    head = Header()
    _issuer(head, [(1, "UBND TỈNH"), (2, "KIÊN GIANG"), (3, "SỞ NGOẠI VỤ")])
    assert head.issuer and head.issuer_parent
    assert (head.issuer.value, head.issuer_parent.value) == ("SỞ NGOẠI VỤ", "UBND TỈNH KIÊN GIANG")
