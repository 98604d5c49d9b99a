"""Rules of the genre read from short snippets of real documents (source address beside each).

Each snippet is the part of a development-corpus document (tests/data/genre) that once was
misread; the expected values are read from the snippet itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from loaders import pipeline
from loaders.base import SourceText
from loaders.gazetteer import Gazetteer
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg.namespaces import ID, MKG


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.load())


def build(lines: list[str], resolver: Resolver) -> Graph:
    """The graph of one snippet, built alone as the pipeline builds a file."""
    return pipeline.load_source(SourceText(Path("snippet.txt"), lines), resolver, BuildReport())


def own(graph: Graph, number: str) -> URIRef:
    """The instrument carrying ``number``."""
    nodes = list(graph.subjects(MKG.number, Literal(number)))
    assert nodes, f"no instrument numbered {number}"
    return nodes[0]  # type: ignore[return-value]


# https://hethongphapluat.vn/ke-hoach-65-kh-ubnd-nam-2020-ve-thuc-hien-ke-hoach-trien-khai-thoa-thuan-toan-cau-ve-di-cu-hop-phap-an-toan-va-trat-tu-cua-lien-hop-quoc-tren-dia-ban-tinh-ca-mau.html
CA_MAU_65 = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH CÀ MAU",
    "-------",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    "Số: 65/KH-UBND",
    "Cà Mau, ngày 18 tháng 6 năm 2020",
    "KẾ HOẠCH",
    "TRIỂN KHAI, THỰC HIỆN KẾ HOẠCH CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ TRIỂN KHAI THỎA THUẬN TOÀN CẦU",
]


def test_a_provincial_issuer_is_named_and_placed_in_the_documents_own_graph(
    resolver: Resolver,
) -> None:
    graph = build(CA_MAU_65, resolver)
    issuer = graph.value(own(graph, "65/KH-UBND"), MKG.issuedBy)
    assert issuer == ID["agency/ca-mau/ubnd"]
    labels = {str(label) for label in graph.objects(issuer, RDFS.label)}
    assert "Ủy ban nhân dân tỉnh Cà Mau" in labels
    assert graph.value(issuer, MKG.province) is not None


# https://thuviennhadat.vn/vbpl/quyet-dinh-05-2010-qd-ubnd-chuc-nang-nhiem-vu-quyen-han-co-cau-to-chuc-so-ngoai-vu-tinh-an-giang-101694.html
# (cells of a saved page, each cut after its first word; the motto's dashes are en dashes)
AN_GIANG_05 = [
    "ỦY",
    "BAN NHÂN DÂN",
    "TỈNH AN GIANG",
    "-------",
    "|",
    "CỘNG",
    "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập – Tự do – Hạnh phúc",
    "--------------",
    "|",
    "Số:",
    "05/2010/QĐ-UBND",
    "|",
    "Long",
    "Xuyên, ngày 05 tháng 02 năm 2010",
    "|",
    "QUYẾT ĐỊNH",
    "BAN HÀNH QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ CẤU TỔ",
    "CHỨC CỦA SỞ NGOẠI VỤ TỈNH AN GIANG",
]


def test_a_motto_printed_with_en_dashes_still_marks_the_header(resolver: Resolver) -> None:
    graph = build(AN_GIANG_05, resolver)
    doc = own(graph, "05/2010/QĐ-UBND")
    assert str(graph.value(doc, MKG.documentType)) == "Quyết định"
    assert str(graph.value(doc, MKG.dateIssued)) == "2010-02-05"
    assert str(graph.value(doc, MKG.placeIssued)) == "Long Xuyên"
    assert graph.value(doc, MKG.issuedBy) == ID["agency/an-giang/ubnd"]


# A made-up header in the layout of a page that glues the rule under the issuer to the
# number cell and misreads "Số" as "Sớ".
GLUED_RULE = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH HẬU GIANG",
    "-------Sớ: 46/2012/QĐ-UBND",
    "",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "--------------Hậu Giang, ngày 12 tháng 12 năm 2012",
    "",
    "QUYẾT ĐỊNH",
    "BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ THỐNG NHẤT CÁC HOẠT ĐỘNG ĐỐI NGOẠI",
]


def test_a_number_glued_to_the_rule_above_it_is_read(resolver: Resolver) -> None:
    graph = build(GLUED_RULE, resolver)
    doc = own(graph, "46/2012/QĐ-UBND")
    assert str(graph.value(doc, MKG.dateIssued)) == "2012-12-12"
    assert graph.value(doc, MKG.issuedBy) == ID["agency/hau-giang/ubnd"]


def test_a_joint_circular_is_typed_by_its_title_or_its_code() -> None:
    from loaders.document_split import doc_type_of

    lines = ["Số: 02/2009/TTLT-BNG-BNV", "Hà Nội, ngày 27 tháng 05 năm 2009", "THÔNG TƯ LIÊN TỊCH"]
    source = SourceText(Path("x.txt"), lines)
    assert doc_type_of(source, 1, 3, "02/2009/TTLT-BNG-BNV") == ("Thông tư liên tịch", 3)
    assert doc_type_of(source, 1, 2, "02/2009/TTLT-BNG-BNV")[0] == "Thông tư liên tịch"


# https://thuviennhadat.vn/vbpl/ke-hoach-359-kh-ubnd-thuc-hien-27-nq-cp-cong-tac-doi-voi-nguoi-viet-nam-o-nuoc-ngoai-an-giang-2016-319097.html
AN_GIANG_359 = [
    "ỦY BAN NHÂN",
    "DÂN",
    "TỈNH AN GIANG",
    "--------",
    "|",
    "CỘNG HÒA XÃ",
    "HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    "|",
    "Số: 359/KH-UBND",
    "|",
    "An Giang, ngày",
    "06 tháng 7 năm 2016",
    "|",
    "KẾ HOẠCH",
    "THỰC HIỆN NGHỊ QUYẾT SỐ 27/NQ-CP NGÀY 05 THÁNG 4 NĂM 2016 CỦA",
    "CHÍNH PHỦ VỀ ĐẨY MẠNH THỰC HIỆN NGHỊ QUYẾT SỐ 36-NQ/TW CỦA BỘ CHÍNH TRỊ KHÓA IX",
]


def test_the_date_is_the_headers_not_the_one_the_title_cites(resolver: Resolver) -> None:
    graph = build(AN_GIANG_359, resolver)
    doc = own(graph, "359/KH-UBND")
    assert str(graph.value(doc, MKG.dateIssued)) == "2016-07-06"
    assert str(graph.value(doc, MKG.placeIssued)) == "An Giang"
    # "CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA VIỆT NAM" is the motto, not a body
    assert graph.value(doc, MKG.issuedBy) == ID["agency/an-giang/ubnd"]


# https://thuvienphapluat.vn/van-ban/Lao-dong-Tien-luong/Ke-hoach-68-KH-UBND-2020-thuc-hien-Chi-thi-lanh-dao-xay-dung-quan-he-lao-dong-hai-hoa-Son-La-439455.aspx
SON_LA_68 = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH SƠN LA",
    "-------",
    "|",
    "CỘNG",
    "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    "|",
    "Số: 68/KH-UBND",
    "|",
    "Sơn",
    "La, ngày 11 tháng 3",
    "năm 2020",
    "|",
    "KẾ HOẠCH",
]


def test_a_place_cut_before_a_date_split_over_two_lines_is_whole(resolver: Resolver) -> None:
    graph = build(SON_LA_68, resolver)
    doc = own(graph, "68/KH-UBND")
    assert str(graph.value(doc, MKG.placeIssued)) == "Sơn La"
    assert str(graph.value(doc, MKG.dateIssued)) == "2020-03-11"


def test_a_place_with_its_comma_on_the_line_above_the_date(resolver: Resolver) -> None:
    lines = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH THỪA THIÊN HUẾ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 1/QĐ-UBND",
        "Thừa Thiên Huế,",
        "ngày 31 tháng 8 năm 2023",
        "QUYẾT ĐỊNH",
    ]
    graph = build(lines, resolver)
    assert str(graph.value(own(graph, "1/QĐ-UBND"), MKG.placeIssued)) == "Thừa Thiên Huế"


def test_a_province_named_with_a_glued_dash_is_found() -> None:
    from loaders.document_split import province_in

    # https://caselaw.vn/van-ban-phap-luat/220602-quyet-dinh-so-3913-2006-qd-ubnd-ngay-31-10-2006-quy-che-ve-to-chuc-va-hoat-dong-cua-so-ngoai-vu-tinh-ba-ria-vung-tau-do-uy-ban-nhan-dan-tinh-ba-ria-vung-tau-ban-hanh
    assert province_in("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA-VŨNG TÀU") == "Bà Rịa - Vũng Tàu"
    assert province_in("UBND TỈNH BÀ RỊA - VŨNG TÀU") == "Bà Rịa - Vũng Tàu"


def test_a_joint_documents_issuers_are_each_ministry(resolver: Resolver) -> None:
    # https://thuvienphapluat.vn/van-ban/EN/Bo-may-hanh-chinh/02-2009-TTLT-BNG-BNV/92782/tieng-anh.aspx
    found = [r.key for r in resolver.resolve_cell("BỘ NGOẠI GIAO-BỘ NỘI VỤ")]
    assert found == ["mofa", "moha"]
    # a dash inside one ministry's name does not part it
    assert [r.key for r in resolver.resolve_cell("Bộ Lao động - Thương binh và Xã hội")] == [
        "molisa"
    ]


def links_of(graph: Graph, doc: URIRef, kind: str) -> set[str]:
    """The numbers of the instruments ``doc`` links to with property ``kind``."""
    return {str(n) for o in graph.objects(doc, MKG[kind]) for n in graph.objects(o, MKG.number)}


# https://thuvienphapluat.vn/van-ban/Van-hoa-Xa-hoi/Ke-hoach-170-KH-UBND-2023-thuc-hien-phong-chong-mai-dam-Nghe-An-560139.aspx?tab=3
NGHE_AN_170 = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH NGHỆ AN",
    "-------",
    "|",
    "CỘNG HÒA XÃ HỘI",
    "CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    "|",
    "Số: 170/KH-UBND",
    "|",
    "Nghệ An, ngày 20",
    "tháng 3 năm 2023",
    "|",
    "KẾ HOẠCH",
    "THỰC",
    "HIỆN PHÒNG, CHỐNG MẠI DÂM TRÊN ĐỊA BÀN TỈNH NGHỆ AN NĂM 2023",
    "Để tiếp tục thực hiện có hiệu quả Quyết định số",
    "1629/QĐ-TTg ngày 28/9/2021 của Thủ tướng Chính phủ phê duyệt Chương trình",
    "phòng, chống mại dâm giai đoạn 2021 - 2025 và Quyết định số 808/QĐ-LĐTBXH ngày",
    "05/9/2022 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội về việc ban hành Kế",
    "hoạch tổng thể thực hiện Chương trình phòng, chống mại dâm giai đoạn 2021 -",
    "2025, UBND tỉnh ban hành Kế hoạch thực hiện phòng, chống mại dâm năm 2023 trên",
    "địa bàn tỉnh như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
]


def test_de_tiep_tuc_thuc_hien_opens_a_preamble_that_implements(resolver: Resolver) -> None:
    graph = build(NGHE_AN_170, resolver)
    doc = own(graph, "170/KH-UBND")
    assert {"1629/QĐ-TTg", "808/QĐ-LĐTBXH"} <= links_of(graph, doc, "implements")


def test_a_plan_about_carrying_out_a_directive_implements_it(resolver: Resolver) -> None:
    lines = [*SON_LA_68, "VỀ VIỆC TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 37-CT/TW NGÀY 03/9/2019 CỦA BAN"]
    graph = build(lines, resolver)
    assert "37-CT/TW" in links_of(graph, own(graph, "68/KH-UBND"), "implements")


# https://luatminhkhue.vn/quyet-dinh-21-2013-qd-ubnd-quy-che-quan-ly-thong-nhat-hoat-dong-doi-ngoai-tren-dia-ban-tinh-vinh-phuc.aspx
VINH_PHUC_21 = [
    "UỶ BAN NHÂN DÂN",
    "TỈNH VĨNH PHÚC",
    "--------",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 21/2013/QĐ-UBND",
    "Vĩnh Phúc, ngày 28 tháng 8 năm 2013",
    "QUYẾT ĐỊNH",
    "BAN HÀNH QUY CHẾ QUẢN LÝ THỐNG NHẤT CÁC HOẠT ĐỘNG ĐỐI NGOẠI",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý thống nhất các hoạt động.",
    "Điều 2. Quyết định nàycó hiệu lực thi hành sau 10 ngày kể từ ngày ký; thay thế Quyết "
    "định số 19/2009/QĐ-UBND ngày 13 tháng 4 năm 2009 của UBND tỉnh.",
]


def test_this_decision_glued_to_the_next_word_still_replaces(resolver: Resolver) -> None:
    graph = build(VINH_PHUC_21, resolver)
    assert links_of(graph, own(graph, "21/2013/QĐ-UBND"), "replaces") == {"19/2009/QĐ-UBND"}


@pytest.mark.parametrize(
    ("clause", "name", "issued"),
    [
        # https://thuviennhadat.vn/vbpl/quyet-dinh-05-2010-qd-ubnd-chuc-nang-nhiem-vu-quyen-han-co-cau-to-chuc-so-ngoai-vu-tinh-an-giang-101694.html
        (
            "Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban "
            "nhân dân ngày 03 tháng 12 năm 2004;",
            "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân",
            "2004-12-03",
        ),
        # https://caselaw.vn/van-ban-phap-luat/220602-quyet-dinh-so-3913-2006-qd-ubnd-ngay-31-10-2006-quy-che-ve-to-chuc-va-hoat-dong-cua-so-ngoai-vu-tinh-ba-ria-vung-tau-do-uy-ban-nhan-dan-tinh-ba-ria-vung-tau-ban-hanh
        (
            "Căn cứ Luật tổ chức HĐND và UBND ngày 26/11/2003;",
            "Luật tổ chức Hội đồng nhân dân và Ủy ban nhân dân",
            "2003-11-26",
        ),
        # https://luatminhkhue.vn/quyet-dinh-21-2013-qd-ubnd-quy-che-quan-ly-thong-nhat-hoat-dong-doi-ngoai-tren-dia-ban-tinh-vinh-phuc.aspx
        (
            "Căn cứ Luật Tổ chức HĐND và UBND ngày 26tháng 11 năm 2003;",
            "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân",
            "2003-11-26",
        ),
        # https://thuvienphapluat.vn/van-ban/Lao-dong-Tien-luong/Quyet-dinh-2036-QD-UBND-2023-Quy-che-phoi-hop-quan-ly-nguoi-lao-dong-nuoc-ngoai-Hue-579179.aspx
        ("Căn cứ Bộ Luật Lao động ngày 20 tháng 11 năm 2019;", "Bộ Luật Lao động", "2019-11-20"),
    ],
)
def test_a_law_cited_by_its_title_and_date_is_read_whole(
    clause: str, name: str, issued: str
) -> None:
    from loaders.instruments import find_instruments

    (law,) = find_instruments(clause)
    assert (law.kind, law.name, str(law.issued)) == ("law", name, issued)


def test_a_lawyer_or_the_law_in_general_is_no_law() -> None:
    from loaders.instruments import find_instruments

    assert find_instruments("Đoàn Luật sư tỉnh phối hợp tuyên truyền Luật pháp quốc tế") == []


def proposers(graph: Graph, doc: URIRef) -> set[str]:
    """The Vietnamese labels of the bodies that proposed ``doc``."""
    return {
        str(label)
        for agency in graph.objects(doc, MKG.proposedBy)
        for label in graph.objects(agency, RDFS.label)
        if getattr(label, "language", None) == "vi"
    }


def test_each_paper_of_a_proposal_names_its_author(resolver: Resolver) -> None:
    # https://thuviennhadat.vn/vbpl/quyet-dinh-05-2010-qd-ubnd-chuc-nang-nhiem-vu-quyen-han-co-cau-to-chuc-so-ngoai-vu-tinh-an-giang-101694.html
    lines = [
        *AN_GIANG_05,
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
        "Xét đề nghị tại Công văn số 673/SNgV-VP ngày 15 tháng 12 năm 2009 của Sở Ngoại",
        "vụ và Tờ trình số 138/TTr-SNV ngày 26 tháng 01 năm 2010 của Giám đốc Sở Nội vụ",
        "tỉnh An Giang,",
        "QUYẾT ĐỊNH:",
    ]
    graph = build(lines, resolver)
    assert proposers(graph, own(graph, "05/2010/QĐ-UBND")) == {
        "Sở Ngoại vụ tỉnh An Giang",
        "Sở Nội vụ tỉnh An Giang",
    }


def test_a_proposal_glued_to_theo_and_an_officeholder_without_cua(resolver: Resolver) -> None:
    # https://text.123docz.net/document/10153457-qd-ubnd-hoatieu-vn.htm
    glued = [*GLUED_RULE, "Theođề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh,", "QUYẾT ĐỊNH:"]
    graph = build(glued, resolver)
    assert proposers(graph, own(graph, "46/2012/QĐ-UBND")) == {
        "Văn phòng Ủy ban nhân dân tỉnh Hậu Giang"
    }
    # a made-up preamble in the form of Bắc Giang's Quyết định 119/QĐ-UBND
    bare = [*GLUED_RULE, "Xét đề nghị Giám đốc Sở Tư pháp,", "QUYẾT ĐỊNH:"]
    graph = build(bare, resolver)
    assert proposers(graph, own(graph, "46/2012/QĐ-UBND")) == {"Sở Tư pháp tỉnh Hậu Giang"}


def test_a_date_carried_to_the_next_line_is_no_numbered_item(resolver: Resolver) -> None:
    # https://thuvienphapluat.vn/van-ban/Lao-dong-Tien-luong/Quyet-dinh-2036-QD-UBND-2023-Quy-che-phoi-hop-quan-ly-nguoi-lao-dong-nuoc-ngoai-Hue-579179.aspx
    lines = [
        *GLUED_RULE,
        "Căn cứ Bộ Luật Lao động ngày",
        "20 tháng 11 năm 2019;",
        "QUYẾT ĐỊNH:",
    ]
    graph = build(lines, resolver)
    bases = set(graph.objects(own(graph, "46/2012/QĐ-UBND"), MKG.legalBasis))
    assert {str(d) for b in bases for d in graph.objects(b, MKG.dateIssued)} == {"2019-11-20"}


# https://luatminhkhue.vn/cong-van-2385-vpcp-qhqt-cua-van-phong-chinh-phu-ve-viec-bao-cao-tinh-hinh-thuc-hien-chi-thi-1737-ct-ttg.aspx
# (copied without its number cell)
VPCP_UNNUMBERED = [
    "VĂN PHÒNG CHÍNH PHỦ",
    "-------",
    "V/v: Báo cáo tình hình thực hiện Chỉ thị 1737/CT-TTg",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    "Hà Nội, ngày 08 tháng 04 năm 2014",
    "",
    "Kính gửi: Bộ Ngoại giao.",
    "Xét đề nghị của Bộ Ngoại giao tại Báo cáo về tình hình thực hiện Chỉ thị 1737/CT-TTg.",
]


def test_a_copy_without_its_number_cell_is_still_a_document(resolver: Resolver) -> None:
    graph = build(VPCP_UNNUMBERED, resolver)
    doc = ID["instrument/cong-van-van-phong-chinh-phu-2014-04-08"]
    assert graph.value(doc, MKG.number) is None
    assert str(graph.value(doc, MKG.documentType)) == "Công văn"
    assert str(graph.value(doc, MKG.dateIssued)) == "2014-04-08"
    assert str(graph.value(doc, MKG.placeIssued)) == "Hà Nội"
    assert graph.value(doc, MKG.issuedBy) == ID["agency/government-office"]


def test_a_copy_without_number_nor_date_is_no_document(resolver: Resolver) -> None:
    graph = build([line for line in VPCP_UNNUMBERED if "ngày" not in line], resolver)
    assert not set(graph.subjects(MKG.documentType, Literal("Công văn", lang="vi")))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # https://vanbanphapluat.co/quyet-dinh-119-qd-ubnd-bo-sung-thu-tuc-hanh-chinh
        ("Căn cứ Công văn 285/CCTTHC ngày 08 tháng 9 năm 2009 của Tổ công tác", "285/CCTTHC"),
        # https://luatminhkhue.vn/cong-van-2620-vpcp-vx-tam-hoan-nhap-canh-vao-viet-nam-de-phong--chong-dich-sars.aspx
        ("xin gửi bản sao công văn số 5403/YTDP ngày 26 tháng 5 năm 2003", "5403/YTDP"),
    ],
)
def test_a_number_with_a_one_part_code_is_read_after_its_kind(text: str, number: str) -> None:
    from loaders.instruments import find_instruments

    assert [m.number for m in find_instruments(text)] == [number]


def test_a_one_part_code_without_its_kind_is_no_number() -> None:
    from loaders.instruments import find_instruments

    assert find_instruments("tỷ lệ 1/KV và 24/CA trong năm") == []


def test_an_article_that_opens_by_adding_to_an_instrument_amends_it(resolver: Resolver) -> None:
    # https://vanbanphapluat.co/quyet-dinh-119-qd-ubnd-bo-sung-thu-tuc-hanh-chinh
    lines = [
        *GLUED_RULE,
        "QUYẾT ĐỊNH:",
        "Điều 1. Bổ sung 04 thủ tục hành chính (TTHC) vào Bộ Thủ tục hành chính thuộc thẩm "
        "quyền giải quyết của Sở Thông tin và Truyền thông được công bố kèm theo Quyết định "
        "số 81/QĐ-UBND ngày 17/8/2009 của UBND tỉnh Bắc Giang.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    ]
    graph = build(lines, resolver)
    assert links_of(graph, own(graph, "46/2012/QĐ-UBND"), "amends") == {"81/QĐ-UBND"}


def test_an_article_that_names_an_instrument_otherwise_amends_nothing(resolver: Resolver) -> None:
    lines = [
        *GLUED_RULE,
        "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Quy định thực hiện Quyết định số 81/QĐ-UBND.",
    ]
    graph = build(lines, resolver)
    assert links_of(graph, own(graph, "46/2012/QĐ-UBND"), "amends") == set()


def test_a_date_glued_to_a_laws_last_word_ends_its_name() -> None:
    from loaders.instruments import find_instruments

    # https://text.123docz.net/document/10153457-qd-ubnd-hoatieu-vn.htm
    clause = "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dânngày 26 tháng 11 năm 2003;"
    (law,) = find_instruments(clause)
    assert (law.name, str(law.issued)) == (
        "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân",
        "2003-11-26",
    )


def test_the_author_of_an_appraisal_report_did_not_propose(resolver: Resolver) -> None:
    # https://thuvienphapluat.vn/van-ban/doanh-nghiep/quyet-dinh-09-2011-qd-ubnd-quy-che-xet-cho-phep-su-dung-the-di-lai-123918.aspx
    lines = [
        *GLUED_RULE,
        "Theo đề nghị của Giám đốc Sở Ngoại vụ tại Công văn số 23/SNgV-LSLTBC ngày",
        "20/01/2011 và Báo cáo thẩm định số 192/BC-STP ngày 22/02/2011 của Sở Tư pháp,",
        "QUYẾT ĐỊNH:",
    ]
    graph = build(lines, resolver)
    assert proposers(graph, own(graph, "46/2012/QĐ-UBND")) == {"Sở Ngoại vụ tỉnh Hậu Giang"}
