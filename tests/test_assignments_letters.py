"""More forms of the genre, read from short real snippets (addresses beside each)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from loaders import duties, news
from loaders.assignments import Charge, extract
from loaders.base import EmitContext, Segment, SourceText
from loaders.gazetteer import Gazetteer
from loaders.news_instruments import PageCharges, ReportedInstrument
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg.namespaces import ID, MKG


def charges(text: str) -> list[Charge]:
    return extract(enumerate(text.strip().split("\n"), 1))


def roles(c: Charge) -> tuple[list[str], list[str], list[str]]:
    return (
        [m.text for m in c.lead],
        [m.text for m in c.cooperating],
        [m.text for m in c.responsible],
    )


def page(text: str) -> Segment:
    source = SourceText(Path("page.txt"), text.strip().split("\n"))
    return Segment(source=source, start=1, end=len(source.lines), kind="news")


# https://luatminhkhue.vn/cong-van-2615-vpcp-qhqt-trien-khai-ket-qua-hoi-nghi-khu-vuc-cap-bo-truong-lan-thu-ii-ve-nan-buon-ban-nguoi-va-toi-pham-xuyen-quoc-gia-lien-quan.aspx
def test_giao_x_lam_dau_moi_leads() -> None:
    (c,) = charges(
        "Đồng ý việc ta tiếp tục tham gia tiến trình Bali, Giao Bộ Ngoại giao làm đầu mối "
        "của phía Việt Nam để điều phối các hoạt động liên quan đến vấn đề di cư."
    )
    assert roles(c) == (["Bộ Ngoại giao"], [], [])


# https://baobinhphuoc.com.vn/news/9/45807/han-che-tinh-trang-lao-dong-cu-tru-bat-hop-phap
def test_yeu_cau_x_is_responsible() -> None:
    (c,) = charges(
        "Theo đó, Chủ tịch UBND tỉnh yêu cầu UBND các huyện, thị xã và các doanh nghiệp xuất "
        "khẩu lao động, đặc biệt là xuất khẩu lao động sang Hàn Quốc tăng cường công tác "
        "tuyên truyền."
    )
    # two bodies joined by "và"
    assert roles(c)[2] == ["UBND các huyện, thị xã", "các doanh nghiệp xuất khẩu lao động"]


# http://www.langson.gov.vn/ubnd/node/43229 (Công văn 799/VP-NC of the Lạng Sơn office)
LANG_SON_799 = """
1. Giao Sở Lao động - Thương binh và Xã hội:

- Chủ trì, phối hợp với các cơ quan liên quan trao đổi với phía Trung Quốc triển khai hiệu quả Thỏa thuận hợp tác quản lý lao động qua biên giới.

- Phối hợp với UBND các huyện, thành phố chỉ đạo UBND các xã, phường, thị trấn tích cực tuyên truyền sâu rộng cho người dân.

2. Giao Bộ Chỉ huy Bộ đội Biên phòng tỉnh tiếp tục chỉ đạo các đồn Biên phòng phối hợp với các đơn vị Công an Biên phòng Quảng Tây tăng cường kiểm soát chặt chẽ
"""  # noqa: E501


def test_giao_x_heading_over_dashes() -> None:
    first, second = charges(LANG_SON_799)
    assert (first.start, first.end) == (1, 5)
    assert roles(first) == (
        ["Sở Lao động - Thương binh và Xã hội"],
        ["các cơ quan liên quan", "UBND các huyện, thành phố"],
        [],
    )
    assert roles(second)[2] == ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]


# https://quangnam.gov.vn/tham-muu-phoi-hop-to-chuc-trai-he-viet-nam-2022-19841.html
QUANG_NAM = """
UBND tỉnh ban hành công văn 2933 ngày 11/5/2022 về việc tham mưu phối hợp tổ chức “Trại hè Việt Nam 2022”.
Theo đó, UBND tỉnh giao Sở Ngoại vụ chủ trì liên hệ với Ủy ban Nhà nước về người Việt Nam ở nước ngoài và phối hợp với các cơ quan, đơn vị, địa phương liên quan của tỉnh xây dựng chương trình, các hoạt động cụ thể của “Trại hè Việt Nam 2022” diễn ra trên địa bàn tỉnh và đề xuất giao nhiệm vụ cho các ngành, địa phương để phối hợp, hỗ trợ chương trình “Trại hè Việt Nam 2022” theo đề nghị; báo cáo UBND tỉnh (trước ngày 25/5/2022) để theo dõi, chỉ đạo.
"""  # noqa: E501


def test_a_due_in_the_next_clause_and_the_report_it_asks_for() -> None:
    facts = news.parse(page(QUANG_NAM))
    (held,) = [f for f in facts if isinstance(f, PageCharges)]
    (c,) = held.charges
    assert roles(c)[0] == ["Sở Ngoại vụ"]
    assert roles(c)[1] == ["các cơ quan, đơn vị, địa phương liên quan của tỉnh"]
    assert c.due is not None and c.due.when == date(2022, 5, 25)
    (duty,) = [f for f in facts if isinstance(f, duties.Duty)]
    assert duty.reporter == ["Sở Ngoại vụ"] and duty.reports_to == "UBND tỉnh"
    assert (duty.due, duty.due_year) == ((5, 25), 2022)
    # the page numbers no document: its charges are a plan named after the page
    assert not any(isinstance(f, ReportedInstrument) for f in facts)


# https://snv.binhdinh.gov.vn/vi/news/cong-tac-ton-giao/bao-dam-nep-song-van-minh-an-toan-tiet-kiem-trong-cac-hoat-dong-tin-nguong-ton-giao-dip-tet-nguyen-dan-giap-thin-va-le-hoi-xuan-2024-993.html
def test_de_nghi_officeholders_one_body_each() -> None:
    (c,) = charges(
        "Theo đó, Chủ tịch UBND tỉnh đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Thủ trưởng "
        "các sở, ban, ngành, đoàn thể tỉnh, Chủ tịch UBND các huyện, thị xã, thành phố triển "
        "khai thực hiện và báo cáo Chủ tịch UBND tỉnh (qua Sở Nội vụ) nếu có vấn đề phát sinh "
        "vượt thẩm quyền."
    )
    assert roles(c)[2] == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "các sở, ban, ngành, đoàn thể tỉnh",
        "UBND các huyện, thị xã, thành phố",
    ]


# https://baothanhhoa.vn/thoi-su/nang-cao-nhan-thuc-ve-di-cu-hop-phap-an-toan-trat-tu-phong-chong-xuat-canh-trai-phep/172993.htm
THANH_HOA = """
Ngày 17-11, tại huyện Quảng Xương, Sở Ngoại vụ tổ chức hội nghị tập huấn triển khai công tác bảo hộ công dân thực hiện thỏa thuận toàn cầu về di cư hợp pháp, an toàn và trật tự của Liên Hiệp quốc năm 2022.

Giảng viên Ban Tuyên giáo Tỉnh ủy, Công an tỉnh, Sở Lao động, Thương binh và Xã hội, Sở Ngoại vụ trực tiếp truyền đạt các chuyên đề về di cư an toàn.
"""  # noqa: E501


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.load())


def test_a_training_with_the_year_its_sentence_gives(resolver: Resolver) -> None:
    seg = page(THANH_HOA)
    facts = news.parse(seg)
    # "Ban Tuyên giáo" assigns nothing: "giáo" is not the verb "giao"
    assert not any(isinstance(f, PageCharges) for f in facts)
    (event,) = [f for f in facts if isinstance(f, news.NewsEvent)]
    assert event.when == date(2022, 11, 17)
    assert event.kind.lower() == "hội nghị tập huấn"
    graph = Graph()
    for fact in facts:
        fact.emit(EmitContext(graph, seg, resolver, BuildReport()))
    (node,) = graph.subjects(RDF.type, MKG.Event)
    kinds = {str(k) for k in graph.objects(node, MKG.eventKind)}
    assert "training conference" in kinds


# https://baokhanhhoa.vn/chinh-tri/202206/hoi-nghi-ve-cong-tac-nguoi-viet-nam-o-nuoc-ngoai-8255837/
KHANH_HOA = """
11:06, 29/06/2022

Hội nghị về công tác người Việt Nam ở nước ngoài

Ngày 29-6, tại Hà Nội, Ban Cán sự Đảng Bộ Ngoại giao phối hợp với Ban Dân vận Trung ương, Ban Tuyên giáo Trung ương, Ủy ban MTTQ Việt Nam tổ chức hội nghị quán triệt và triển khai Kết luận số 12 ngày 12-8-2021 của Bộ Chính trị về công tác người Việt Nam ở nước ngoài trong tình hình mới.
"""  # noqa: E501


def test_partners_listed_after_phoi_hop_voi_all_organise() -> None:
    facts = news.parse(page(KHANH_HOA))
    (event,) = [f for f in facts if isinstance(f, news.NewsEvent)]
    # the page's dateline gives the year of "Ngày 29-6"
    assert event.when == date(2022, 6, 29)
    assert event.organiser is not None and event.organiser[0] == "Ban Cán sự Đảng Bộ Ngoại giao"
    assert [o for o, _ in event.co_organisers] == [
        "Ban Dân vận Trung ương",
        "Ban Tuyên giáo Trung ương",
        "Ủy ban MTTQ Việt Nam",
    ]


def test_page_charges_are_a_plan_named_after_the_page(resolver: Resolver) -> None:
    seg = page(QUANG_NAM)
    graph = Graph()
    for fact in news.parse(seg):
        fact.emit(EmitContext(graph, seg, resolver, BuildReport()))
    plan = ID["plan/news-page"]
    assert (plan, RDF.type, MKG.Plan) in graph
    assert graph.value(ID["task/news-page/TC-1"], MKG.taskOf) == plan


# https://luatminhkhue.vn/cong-van-2620-vpcp-vx-tam-hoan-nhap-canh-vao-viet-nam-de-phong--chong-dich-sars.aspx
VPCP_2620 = """
Kính gửi:

- Bộ Ngoại giao
- Bộ Công an
- Bộ Lao động-Thương binh và Xã hội

Thực hiện ý kiến chỉ đạo của Phó Thủ tướn Phạm Gia Khiêm, Văn Phòng Chính Phủ xin gửi bản sao công văn số 5403/YTDP ngày 26 tháng 5 năm 2003 của Bộ Y tế gửi Quý Bộ để nghiên cứu và có ý kiến về đề nghị của Bộ Y tế tại công văn nêu trên.

Ý kiến bằng văn bản xin gửi về Văn Phòng Chính Phủ trước ngày 01 tháng 6 năm 2003 để tổng hợp, trình Thủ tướng Chính phủ xem xét và quyết định./.
"""  # noqa: E501


def test_a_letter_asks_its_addressees_by_a_date() -> None:
    (c,) = charges(VPCP_2620)
    assert c.form == "quy"
    assert roles(c)[2] == ["Bộ Ngoại giao", "Bộ Công an", "Bộ Lao động-Thương binh và Xã hội"]
    assert c.due is not None and c.due.when == date(2003, 6, 1)


# The wording "giao nhiệm vụ cụ thể cho X" and a second "giao" after a comma in one sentence
# (https://backan.gov.vn/pages/ke-hoach-thoa-thuan-toan-cau-ve-di-cu-hop-phap-an--80d1.aspx
# prints the first without "vụ": "giao nhiệm cụ thể cho các đơn vị có liên quan").
@pytest.mark.parametrize("words", ["nhiệm vụ cụ thể", "nhiệm cụ thể", "nhiệm vụ"])
def test_giao_nhiem_vu_cu_the_cho_then_giao_x_la_dau_moi(words: str) -> None:
    first, second = charges(
        f"Đồng thời, UBND tỉnh giao {words} cho các đơn vị có liên quan, giao Sở Ngoại vụ "
        "là cơ quan đầu mối tham mưu, tổng hợp cho UBND tỉnh."
    )
    assert roles(first) == ([], [], ["các đơn vị có liên quan"])
    assert roles(second) == (["Sở Ngoại vụ"], [], [])


def test_a_comma_before_giao_ends_a_lead_clause_with_its_cooperating_bodies() -> None:
    first, second = charges(
        "Giao Sở Tư pháp chủ trì, phối hợp với Công an tỉnh rà soát văn bản, giao Sở Nội vụ "
        "theo dõi việc thực hiện."
    )
    assert roles(first) == (["Sở Tư pháp"], ["Công an tỉnh"], [])
    assert roles(second) == ([], [], ["Sở Nội vụ"])
