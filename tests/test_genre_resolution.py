"""Bodies charged by real documents of the genre, read through the pipeline and resolved in
the document's province (short snippets, their source address beside each)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from loaders import page_province, pipeline
from loaders.base import SourceText
from loaders.concerned import bodies, concerned
from loaders.gazetteer import Gazetteer
from loaders.officeholders import bodies_of
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg.namespaces import ID, MKG


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def build(text: str, gazetteer: Gazetteer, name: str = "snippet.txt") -> Graph:
    source = SourceText(Path(name), text.strip().split("\n"))
    return pipeline.load_source(source, Resolver(gazetteer), BuildReport())


def charged(graph: Graph) -> set[URIRef]:
    props = (MKG.responsibleAgency, MKG.leadAgency, MKG.cooperatingAgency)
    return {o for p in props for o in graph.objects(None, p) if isinstance(o, URIRef)}


# https://thuvienphapluat.vn/van-ban/doanh-nghiep/quyet-dinh-09-2011-qd-ubnd-quy-che-xet-cho-phep-su-dung-the-di-lai-123918.aspx
QUANG_NGAI_09 = """
ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 09/2011/QĐ-UBND
Quảng Ngãi, ngày 04 tháng 5 năm 2011
QUYẾT ĐỊNH
BAN HÀNH QUY CHẾ XÉT, CHO PHÉP SỬ DỤNG THẺ ĐI LẠI CỦA DOANH NHÂN APEC
ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế xét, cho phép sử dụng thẻ đi lại.
Điều 2. Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh;
Giám đốc Công an tỉnh; Giám đốc Sở Ngoại vụ; Thủ trưởng các Sở, ban ngành; Chủ
tịch UBND các huyện, thành phố và các doanh nghiệp, tổ
chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.
"""


def test_a_document_graph_describes_the_provincial_bodies_it_charges(
    gazetteer: Gazetteer,
) -> None:
    graph = build(QUANG_NGAI_09, gazetteer)
    police = ID["agency/quang-ngai/cong-an"]
    assert police in charged(graph)
    # the graph reads alone: the generated body's label and province travel with it
    labels = {str(label) for label in graph.objects(police, RDFS.label)}
    assert "Công an tỉnh Quảng Ngãi" in labels
    assert set(graph.objects(police, MKG.province)) == {ID["province/quang-ngai"]}


# http://phapluatkhanhhoa.vn/tin-chi-tiet/id/9477/Ngan-chan-hoat-dong-dua-nguoi-Viet-Nam-ra-nuoc-ngoai-trai-phep
def test_a_page_is_placed_in_the_province_its_acting_committee_is_named_with() -> None:
    line = (
        "ngày 23/6/2020, Ủy ban nhân dân tỉnh Khánh Hòa đã ban hành Công văn số 6161/UBND-NC "
        "về việc thực hiện một số nhiệm vụ trọng tâm"
    )
    assert page_province.province_of_page([line], None) == "Khánh Hòa"
    # "UBND tỉnh" with no name, then a province named elsewhere: nothing placed by the text
    assert page_province.named_in_text(["UBND tỉnh ban hành kế hoạch; tỉnh Lạng Sơn"]) is None


# http://tcnmttn.edu.vn/index.php/thong-tin-viec-lam/74-phong-ngua-ngan-chan-nguoi-bi-lua-xuat-khau-lao-dong-trai-phep
def test_a_committee_named_without_tinh() -> None:
    line = "imgres(QNO) - Ngày 13.3, Phó Chủ tịch UBND Quảng Nam Huỳnh Khánh Toàn có công văn"
    assert page_province.named_in_text([line]) == "Quảng Nam"


@pytest.mark.parametrize(
    ("url", "province"),
    [
        ("https://vanphong.langson.gov.vn/en/node/61794", "Lạng Sơn"),
        ("https://baobinhphuoc.com.vn/news/9/45807/han-che", "Bình Phước"),
        ("http://phapluatkhanhhoa.vn/tin-chi-tiet/id/9477/", "Khánh Hòa"),
        ("https://baoquocte.vn/so-ket-5-nam", None),
        ("https://thuvienphapluat.vn/van-ban/", None),
        ("not an address", None),
    ],
)
def test_a_provincial_portal_names_its_province_in_its_host(url: str, province: str | None) -> None:
    assert page_province.named_in_address(url) == province


# https://vanphong.langson.gov.vn/en/node/61794
LANG_SON_NEWS = """
Kế hoạch triển khai Thỏa thuận toàn cầu về di cư hợp pháp, an toàn và trật tự của Liên hợp quốc
UBND tỉnh triển khai Thỏa thuận toàn cầu về di cư hợp pháp, an toàn và trật tự của Liên hợp quốc (Kế hoạch số 130/KH-UBND, ngày 04/8/2020).
Các sở, ban, ngành, UBND các huyện, thành phố chỉ đạo tổ chức tuyên truyền, phổ biến thông tin về Thỏa thuận toàn cầu về di cư hợp pháp.
"""  # noqa: E501


def test_a_portal_news_item_places_its_bare_collectives_in_the_portal_province(
    gazetteer: Gazetteer,
) -> None:
    source = SourceText(Path("page.txt"), LANG_SON_NEWS.strip().split("\n"))
    source.meta["source_url"] = "https://vanphong.langson.gov.vn/en/node/61794"
    graph = pipeline.load_source(source, Resolver(gazetteer), BuildReport())
    assert {
        ID["agency/lang-son/cac-so-ban-nganh"],
        ID["agency/lang-son/ubnd-cap-huyen"],
    } <= charged(graph)


def names_of(graph: Graph, agency: URIRef) -> set[str]:
    return {str(label) for label in graph.objects(agency, SKOS.altLabel)}


def test_the_bodies_concerned_of_a_provincial_decision_are_the_province_s(
    gazetteer: Gazetteer,
) -> None:
    graph = build(QUANG_NGAI_09, gazetteer)
    concerned = ID["agency/quang-ngai/co-quan-to-chuc-lien-quan"]
    bodies = charged(graph)
    assert concerned in bodies
    assert ID["agency/quang-ngai/ubnd-cap-huyen"] in bodies
    # not the nation's collectives: "các doanh nghiệp" and "tổ chức, cá nhân" are one body
    assert ID["agency/relevant-bodies"] not in bodies
    assert ID["agency/business-community"] not in bodies
    assert "các doanh nghiệp, tổ chức, cá nhân có liên quan" in names_of(graph, concerned)
    assert set(graph.objects(concerned, MKG.province)) == {ID["province/quang-ngai"]}


# https://luatminhkhue.vn/quyet-dinh-21-2013-qd-ubnd-quy-che-quan-ly-thong-nhat-hoat-dong-doi-ngoai-tren-dia-ban-tinh-vinh-phuc.aspx
VINH_PHUC_21 = """
ỦY BAN NHÂN DÂN
TỈNH VĨNH PHÚC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 21/2013/QĐ-UBND
Vĩnh Yên, ngày 08 tháng 10 năm 2013
QUYẾT ĐỊNH
BAN HÀNH QUY CHẾ QUẢN LÝ THỐNG NHẤT HOẠT ĐỘNG ĐỐI NGOẠI
QUYẾT ĐỊNH:
Điều 3. Chánh Văn phòngUBND tỉnh, Giám đốc Sở Ngoại vụ, Thủ trưởng các sở, ban, ngành, đoàn thể, Chỉhuy Trưởng lực lượng vũ trang tỉnh, Chủ tịch UBND cấp huyện, thị, thành phố vàcác tổ chức, cá nhân liên quan chịu trách nhiệm thi hành Quyết định này./.
"""  # noqa: E501


def test_a_group_joined_by_va_cac_is_read_apart(gazetteer: Gazetteer) -> None:
    graph = build(VINH_PHUC_21, gazetteer)
    concerned = ID["agency/vinh-phuc/co-quan-to-chuc-lien-quan"]
    assert concerned in charged(graph)
    assert "các tổ chức, cá nhân liên quan" in names_of(graph, concerned)


def test_a_national_document_keeps_the_national_collective(gazetteer: Gazetteer) -> None:
    resolver = Resolver(gazetteer)
    named, _ = bodies(resolver, "các cơ quan, tổ chức có liên quan", None)
    assert [n.key for n in named] == ["relevant-bodies"]
    named, _ = bodies(resolver, "các cơ quan, tổ chức có liên quan", "Bình Dương")
    assert [n.key for n in named] == ["binh-duong/co-quan-to-chuc-lien-quan"]


# https://thuvienphapluat.vn/van-ban/Lao-dong-Tien-luong/Quyet-dinh-2036-QD-UBND-2023-Quy-che-phoi-hop-quan-ly-nguoi-lao-dong-nuoc-ngoai-Hue-579179.aspx
HUE_2036 = """
ỦY BAN NHÂN DÂN
TỈNH THỪA THIÊN HUẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 2036/QĐ-UBND
Thừa Thiên Huế, ngày 31 tháng 8 năm 2023
QUYẾT ĐỊNH
BAN HÀNH QUY CHẾ PHỐI HỢP TRONG CÔNG TÁC QUẢN LÝ NGƯỜI LAO ĐỘNG NƯỚC NGOÀI
QUYẾT ĐỊNH:
Điều 2.
Quyết định này có hiệu lực từ ngày ký.
Điều 3.
Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở,
ban, ngành thuộc Ủy ban nhân dân tỉnh; Giám đốc Công an tỉnh; Chỉ huy trưởng Bộ
Chỉ huy Bộ đội Biên phòng tỉnh; Trưởng ban Ban Quản lý Khu Kinh tế, công nghiệp
tỉnh; Chủ tịch Ủy ban nhân dân các huyện, thị xã và thành phố Huế; Thủ trưởng
các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./.
"""


def test_a_long_article_3_list_charges_every_body_of_a_province_renamed_since(
    gazetteer: Gazetteer,
) -> None:
    graph = build(HUE_2036, gazetteer)
    bodies_ = charged(graph)
    police = ID["agency/hue/cong-an"]
    assert {police, ID["agency/hue/van-phong-ubnd"], ID["agency/hue/ubnd-cap-huyen"]} <= bodies_
    # the province was "tỉnh Thừa Thiên Huế" when the decision was signed
    labels = {str(x) for x in graph.objects(police, SKOS.altLabel)}
    assert "Công an tỉnh Thừa Thiên Huế" in labels


# http://tcnmttn.edu.vn/index.php/thong-tin-viec-lam/74-phong-ngua-ngan-chan-nguoi-bi-lua-xuat-khau-lao-dong-trai-phep
QUANG_NAM_NEWS = (
    "imgres(QNO) - Ngày 13.3, Phó Chủ tịch UBND Quảng Nam Huỳnh Khánh Toàn có công văn yêu cầu "
    "Sở Lao động – Thương binh và Xã hội chủ trì, phối hợp với Đài PTTH Quảng Nam, Báo Quảng "
    "Nam, các ngành liên quan tăng cường công tác tuyên truyền để người dân nắm rõ âm mưu."
)


def test_a_vice_chair_asks_and_the_province_s_broadcaster_and_newspaper_cooperate(
    gazetteer: Gazetteer,
) -> None:
    graph = build(QUANG_NAM_NEWS, gazetteer)
    leads = set(graph.objects(None, MKG.leadAgency))
    cooperating = set(graph.objects(None, MKG.cooperatingAgency))
    assert leads == {ID["agency/quang-nam/so-lao-dong-thuong-binh-va-xa-hoi"]}
    assert {
        ID["agency/quang-nam/dai-phat-thanh-va-truyen-hinh"],
        ID["agency/quang-nam/bao-dang-bo"],
        ID["agency/quang-nam/co-quan-to-chuc-lien-quan"],
    } == cooperating


# http://phapluatkhanhhoa.vn/tin-chi-tiet/id/9477/Ngan-chan-hoat-dong-dua-nguoi-Viet-Nam-ra-nuoc-ngoai-trai-phep
def test_the_province_s_procuracy_and_court_are_bodies_of_the_gazetteer(
    gazetteer: Gazetteer,
) -> None:
    resolver = Resolver(gazetteer)
    assert resolver.resolve("Viện Kiểm sát nhân dân tỉnh", province="Khánh Hòa").key == (
        "khanh-hoa/vien-kiem-sat-nhan-dan"
    )
    assert resolver.resolve("Tòa án nhân dân tỉnh", province="Khánh Hòa").key == (
        "khanh-hoa/toa-an-nhan-dan"
    )


# https://vanban123.vn/Cong-van/cong-van-so-1691-vpcp-qhqt-ngay-08-04-2004-cua-van-phong-chinh-phu-ve-viec-phan-anh-cua-bao-chi-ve-viec-cap-ho-chieu-thi-thuc-257806
VPCP_1691 = """
VĂN PHÒNG CHÍNH PHỦ | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 1691/VPCP-QHQT | Hà Nội, ngày 08 tháng 4 năm 2004 |
Kính gửi:
| - Bộ Ngoại giao, |
Yêu cầu Bộ Ngoại giao và Bộ Công an kiểm tra ngay thực trạng công tác cấp hộ chiếu và thị thực của các cơ quan chức năng của Việt Nam ở trong và ngoài nước, đề xuất biện pháp chấn chỉnh công tác này và báo cáo Thủ tướng Chính phủ trong tháng 4 năm 2004.
"""  # noqa: E501


def test_a_report_due_within_a_month_is_made_to_the_body_named_before_the_month(
    gazetteer: Gazetteer,
) -> None:
    graph = build(VPCP_1691, gazetteer)
    duties = set(graph.subjects(MKG.reporter))
    assert duties
    for duty in duties:
        assert set(graph.objects(duty, MKG.reportsTo)) == {ID["agency/prime-minister"]}


# https://luatminhkhue.vn/cong-van-2620-vpcp-vx-tam-hoan-nhap-canh-vao-viet-nam-de-phong--chong-dich-sars.aspx
VPCP_2620 = """
VĂN PHÒNG CHÍNH PHỦ
********

CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
********

Số: 2620/VPCP-VX
V/v tạm hoãn nhập cảnh vào VN để phòng, chống dịch SARS

Hà Nội, ngày 28 tháng 5 năm 2003

Kính gửi:

- Bộ Ngoại giao
- Bộ Công an
- Bộ Lao động-Thương binh và Xã hội

Thực hiện ý kiến chỉ đạo của Phó Thủ tướn Phạm Gia Khiêm, Văn Phòng Chính Phủ xin gửi bản sao công văn số 5403/YTDP ngày 26 tháng 5 năm 2003 của Bộ Y tế gửi Quý Bộ để nghiên cứu và có ý kiến về đề nghị của Bộ Y tế tại công văn nêu trên.

Ý kiến bằng văn bản xin gửi về Văn Phòng Chính Phủ trước ngày 01 tháng 6 năm 2003 để tổng hợp, trình Thủ tướng Chính phủ xem xét và quyết định./.
"""  # noqa: E501


def test_addressees_asked_for_an_opinion_are_consulted_not_charged(
    gazetteer: Gazetteer,
) -> None:
    graph = build(VPCP_2620, gazetteer)
    assert charged(graph) == set()
    assert ID["agency/mofa"] in set(graph.objects(None, MKG.consultedAgency))
    # the reply is still due by its date
    assert {str(d) for d in graph.objects(None, MKG.deadline)} == {"2003-06-01"}


# http://www.vietnamplus.vn/vn-dang-cai-hoi-nghi-bo-truong-lao-dong-asem/78851.vnp
ASEM_NEWS = """
Thủ tướng giao Bộ Ngoại giao phối hợp với Bộ Lao động-Thương binh và Xã hội cân nhắc, chọn thời điểm thích hợp để thông báo quyết định của Việt Nam với các nước thành viên ASEM.

Bộ Lao động-Thương binh và Xã hội chịu trách nhiệm chủ trì việc xây dựng đề án tổ chức hội nghị nêu trên, báo cáo xin ý kiến Thủ tướng Chính phủ trong quý 2 năm 2011./.
"""  # noqa: E501


def test_a_body_s_name_stops_at_can_nhac_and_chiu_trach_nhiem(gazetteer: Gazetteer) -> None:
    graph = build(ASEM_NEWS, gazetteer)
    molisa = ID["agency/molisa"]
    assert molisa in set(graph.objects(None, MKG.cooperatingAgency))
    assert molisa in set(graph.objects(None, MKG.leadAgency))


def test_a_head_s_title_does_not_double_the_word_of_the_body() -> None:
    # HUE_2036: "Trưởng ban Ban Quản lý Khu Kinh tế, công nghiệp tỉnh"
    assert bodies_of("Trưởng ban Ban Quản lý Khu Kinh tế, công nghiệp tỉnh") == (
        "Ban Quản lý Khu Kinh tế, công nghiệp tỉnh"
    )
    assert bodies_of("Trưởng ban Tuyên giáo Tỉnh ủy") == "Ban Tuyên giáo Tỉnh ủy"


def test_a_body_named_longer_than_the_gazetteer_keeps_the_document_s_words(
    gazetteer: Gazetteer,
) -> None:
    graph = build(HUE_2036, gazetteer)
    board = ID["agency/hue/ban-quan-ly-khu-kinh-te"]
    assert board in charged(graph)
    assert "Ban Quản lý Khu Kinh tế, công nghiệp tỉnh" in names_of(graph, board)


def test_a_sector_named_by_its_kind_alone_is_not_taken_for_the_bodies_concerned(
    gazetteer: Gazetteer,
) -> None:
    resolver = Resolver(gazetteer)
    # QUANG_NAM_NEWS: "các ngành liên quan" are the province's bodies concerned
    assert concerned(resolver, None, "các ngành liên quan", "Quảng Nam") == (
        "quang-nam/co-quan-to-chuc-lien-quan"
    )
    # a sector with no "liên quan" names something else
    assert concerned(resolver, None, "ngành du lịch", "Quảng Nam") is None
