"""Assignments wherever the text makes them: forms read from short real snippets.

Expected bodies, roles and dates are written from reading each snippet; the source of each
is given beside it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from loaders import document_split, prose
from loaders.assignments import Charge, extract
from loaders.base import EmitContext, SourceText
from loaders.deadlines import find_dues, in_force
from loaders.gazetteer import Gazetteer
from loaders.officeholders import bodies_list, bodies_of
from loaders.report import BuildReport
from loaders.resolver import Resolver
from loaders.shorthand import expand
from migkg.namespaces import ID, MKG


def charges(text: str) -> list[Charge]:
    return extract(enumerate(text.strip().split("\n"), 1))


def roles(c: Charge) -> tuple[list[str], list[str], list[str]]:
    return (
        [m.text for m in c.lead],
        [m.text for m in c.cooperating],
        [m.text for m in c.responsible],
    )


# https://thuvienphapluat.vn/van-ban/doanh-nghiep/quyet-dinh-09-2011-qd-ubnd-quy-che-xet-cho-phep-su-dung-the-di-lai-123918.aspx
QUANG_NGAI_09_2011 = """
Điều 2. Quyết định này có hiệu lực
sau 10 ngày kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh;
Giám đốc Công an tỉnh; Giám đốc Sở Ngoại vụ; Thủ trưởng các Sở, ban ngành; Chủ
tịch UBND các huyện, thành phố và các doanh nghiệp, tổ
chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.
"""


def test_article_3_officeholders_stand_for_their_bodies() -> None:
    (c,) = charges(QUANG_NGAI_09_2011)
    assert c.form == "thi-hanh" and c.path == "D3"
    assert (c.start, c.end) == (3, 6)
    lead, coop, responsible = roles(c)
    assert lead == [] and coop == []
    # one body per officeholder named
    assert responsible == [
        "Văn phòng UBND tỉnh",
        "Công an tỉnh",
        "Sở Ngoại vụ",
        "các Sở, ban ngành",
        "UBND các huyện, thành phố và các doanh nghiệp, tổ chức, cá nhân có liên quan",
    ]
    assert c.due is None  # entry into force is not a deadline


def test_entry_into_force_ten_days_after_signature() -> None:
    # the decision is dated "Quảng Ngãi, ngày 04 tháng 5 năm 2011"
    text = "Điều 2. Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký."
    assert in_force(text, date(2011, 5, 4)) == (
        date(2011, 5, 14),
        "có hiệu lực sau 10 ngày kể từ ngày ký",
    )


# https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Quyet-dinh-13-2017-QD-UBND-Quy-che-Quan-ly-hoat-dong-cua-To-chuc-Phi-chinh-phu-Binh-Duong-352749.aspx
BINH_DUONG_13_2017 = """
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày
01 tháng 07 năm 2017.
Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc
các Sở, Thủ trưởng các Ban, ngành, cơ quan, đơn vị trực thuộc Ủy ban nhân dân tỉnh,
Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố và các cơ quan, tổ chức
có liên quan đến hoạt động phi chính phủ nước ngoài trên địa bàn tỉnh Bình
Dương chịu trách nhiệm thi hành Quyết định này./.
"""


def test_binh_duong_article_3_and_entry_into_force() -> None:
    (c,) = charges(BINH_DUONG_13_2017)
    # what follows "có liên quan" says what they deal with, it names no further body
    assert roles(c)[2] == [
        "Văn phòng Ủy ban nhân dân tỉnh",
        "các Sở",
        "các Ban, ngành, cơ quan, đơn vị trực thuộc Ủy ban nhân dân tỉnh",
        "Ủy ban nhân dân các huyện, thị xã, thành phố và các cơ quan, tổ chức có liên quan",
    ]
    lines = BINH_DUONG_13_2017.strip().split("\n")
    assert in_force(" ".join(lines[:2]), None) == (
        date(2017, 7, 1),
        "có hiệu lực thi hành kể từ ngày 01 tháng 07 năm 2017",
    )


# https://luatminhkhue.vn/cong-van-2257-vpcp-vx-kien-nghi-sua-lai-qd-28-2002-qd-bvhtt.aspx
VPCP_2257 = """
Bộ Văn hoá-Thông tin chủ trì, phối hợp với Bộ Ngoại Giao xem xét, xử lý và báo cáo Thủ tướng
Chính phủ trước ngày 20 tháng 5 năm 2003.
"""


def test_x_chu_tri_phoi_hop_voi_with_deadline() -> None:
    (c,) = charges(VPCP_2257)
    assert roles(c) == (["Bộ Văn hoá-Thông tin"], ["Bộ Ngoại Giao"], [])
    assert c.due is not None and c.due.when == date(2003, 5, 20)


# https://luatminhkhue.vn/cong-van--6722-vpcp-qhqt-de-an-tuyen-truyen-thu-tuong-chinh-phu-tham-chinh-thuc-o-xtray-lia.aspx
VPCP_6722 = """
1. Đồng ý với nội dung Đề án tuyên truyền Thủ tướng Chính phủ thăm chính thức Ô-xtrây-lia nêu
tại công văn trên của Bộ Ngoại giao.
2. Giao Bộ Ngoại giao chủ trì, phối hợp với các cơ quan liên quan thực hiện tốt Đề án tuyên
truyền nêu trên.
"""


def test_giao_x_chu_tri_in_a_numbered_item() -> None:
    (c,) = charges(VPCP_6722)
    assert c.form == "giao" and c.path == "2" and (c.start, c.end) == (3, 4)
    assert roles(c) == (["Bộ Ngoại giao"], ["các cơ quan liên quan"], [])


# https://luatminhkhue.vn/cong-van-2385-vpcp-qhqt-cua-van-phong-chinh-phu-ve-viec-bao-cao-tinh-hinh-thuc-hien-chi-thi-1737-ct-ttg.aspx
VPCP_2385 = """
Đồng ý với các kiến nghị của Bộ Ngoại giao tại văn bản và giao Bộ Ngoại giao thông báo tới các
Bộ, cơ quan liên quan biết và triển khai thực hiện.
"""


def test_giao_x_without_a_lead_role_is_responsible() -> None:
    (c,) = charges(VPCP_2385)
    assert roles(c) == ([], [], ["Bộ Ngoại giao"])


# https://backan.gov.vn/pages/ke-hoach-thoa-thuan-toan-cau-ve-di-cu-hop-phap-an--80d1.aspx
BAC_KAN_NEWS = """
Đồng thời tại kế hoạch, UBND tỉnh giao nhiệm cụ thể cho các đơn vị có liên quan, giao Văn phòng
Đoàn Đại biểu Quốc hội, Hội đồng nhân dân và Ủy ban nhân dân tỉnh là cơ quan đầu mối tham mưu,
tổng hợp cho Ủy ban nhân dân tỉnh chỉ đạo, theo dõi, kiểm tra, đôn đốc việc triển khai thực
hiện Kế hoạch./.
"""


def test_giao_x_la_co_quan_dau_moi_leads() -> None:
    # the sentence first gives the units concerned their tasks ("giao nhiệm cụ thể cho …")
    units, c = charges(BAC_KAN_NEWS)
    assert roles(units) == ([], [], ["các đơn vị có liên quan"])
    assert c.form == "dau-moi"
    assert roles(c)[0] == [
        "Văn phòng Đoàn Đại biểu Quốc hội, Hội đồng nhân dân và Ủy ban nhân dân tỉnh"
    ]


# https://hethongphapluat.com/cong-van-456-ubdt-dtts-nam-2021-ve-bao-cao-tinh-hinh-ket-qua-thuc-hien-quyet-dinh-1898-qd-ttg-giai-doan-2018-2021-do-uy-ban-dan-toc-ban-hanh.html
UBDT_456 = """
Căn cứ Quyết định số 1898/QĐ-TTg ngày 28/11/2017 của Thủ tướng Chính phủ phê duyệt Đề án, Ủy
ban Dân tộc đề nghị các bộ, ngành Trung ương và UBND các tỉnh/thành phố trực thuộc Trung ương
xây dựng báo cáo sơ kết về tình hình, kết quả tổ chức, triển khai thực hiện Đề án giai đoạn
2018-2021.
"""


def test_de_nghi_x_names_who_must_act() -> None:
    # a sentence of a letter that opens with "Căn cứ …," is no preamble line
    (c,) = charges(UBDT_456)
    assert c.form == "de-nghi"
    assert roles(c)[2] == [
        "các bộ, ngành Trung ương",
        "UBND các tỉnh/thành phố trực thuộc Trung ương",
    ]


PLAN_ITEMS = """
IV. TỔ CHỨC THỰC HIỆN
1. Sở Ngoại vụ
- Chủ trì, phối hợp với các Sở: Y tế, Công an, Tư pháp theo dõi, đôn đốc việc triển khai Kế hoạch.
- Tổng hợp, báo cáo Ủy ban nhân dân tỉnh.
2. Công an tỉnh: Phối hợp với Sở Ngoại vụ nắm tình hình người nước ngoài trên địa bàn tỉnh.
"""


def test_items_headed_by_a_body() -> None:
    # the form of section IV of the provincial plans implementing Decision 402, e.g.
    # https://hethongphapluat.vn/ke-hoach-65-kh-ubnd-nam-2020-ve-thuc-hien-ke-hoach-trien-khai-thoa-thuan-toan-cau-ve-di-cu-hop-phap-an-toan-va-trat-tu-cua-lien-hop-quoc-tren-dia-ban-tinh-ca-mau.html
    first, second = charges(PLAN_ITEMS)
    assert (first.path, first.start, first.end) == ("IV.1", 2, 4)
    assert roles(first) == (["Sở Ngoại vụ"], ["Sở Y tế, Công an tỉnh, Sở Tư pháp"], [])
    assert (second.path, second.start) == ("IV.2", 5)
    assert roles(second) == ([], ["Sở Ngoại vụ"], ["Công an tỉnh"])


@pytest.mark.parametrize(
    ("printed", "full"),
    [
        ("các Sở: Y tế, Công an, Ngoại vụ", "Sở Y tế, Công an tỉnh, Sở Ngoại vụ"),
        ("các Bộ: Quốc phòng, Công an", "Bộ Quốc phòng, Bộ Công an"),
        # https://luatminhkhue.vn/cong-van--3487-vpcp-qhqt--ky-thoa-thuan-hop-tac--co-quan-mat-tran-cua-lao.aspx
        (
            "Các Bộ: Ngoại giao, Tư pháp, Tài chính, Kế hoạch và Đầu tư, Nội vụ, Quốc phòng, "
            "Công an.",
            "Bộ Ngoại giao, Bộ Tư pháp, Bộ Tài chính, Bộ Kế hoạch và Đầu tư, Bộ Nội vụ, "
            "Bộ Quốc phòng, Bộ Công an.",
        ),
        # https://songv.langson.gov.vn/bm/print/21137
        (
            "đại diện các bộ, ngành: Công an, Lao động, Thương binh và Xã hội, Thông tin và "
            "Truyền thông, Tư pháp, Ủy ban dân tộc",
            # one ministry, written with its dash so that no comma cuts it
            "đại diện Bộ Công an, Bộ Lao động - Thương binh và Xã hội, Bộ Thông tin và Truyền "
            "thông, Bộ Tư pháp, Ủy ban dân tộc",
        ),
    ],
)
def test_shorthand_lists(printed: str, full: str) -> None:
    assert expand(printed) == full


@pytest.mark.parametrize(
    ("printed", "body"),
    [
        ("Giám đốc Công an tỉnh", "Công an tỉnh"),
        ("Chánh Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"),
        ("Thủ trưởng các sở, ban, ngành", "các sở, ban, ngành"),
        ("Chủ tịch UBND các huyện, thị xã, thành phố", "UBND các huyện, thị xã, thành phố"),
        # https://thuvienphapluat.vn/van-ban/bo-may-hanh-chinh/quyet-dinh-67-2011-qd-ttg-quy-che-quan-ly-thong-nhat-hoat-dong-doi-ngoai-132942.aspx
        (
            "Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Thủ trưởng cơ quan thuộc Chính phủ",
            "các bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ",
        ),
    ],
)
def test_officeholders(printed: str, body: str) -> None:
    assert bodies_of(printed) == body


@pytest.mark.parametrize(
    ("printed", "when", "month_day"),
    [
        ("hoàn thành trước ngày 25/5/2022", date(2022, 5, 25), None),
        ("(hoàn thành chậm nhất ngày 22/4/2020)", date(2020, 4, 22), None),
        ("báo cáo Thủ tướng Chính phủ trong tháng 4 năm 2004", date(2004, 4, 30), None),
        ("chậm nhất là ngày 30/6/2021", date(2021, 6, 30), None),
        ("về UBND tỉnh (qua Sở Ngoại vụ) trước ngày 15/12 hằng năm", None, (12, 15)),
        ("truoc ngay 15 thang 11 hang nam", None, (11, 15)),  # without diacritics (OCR)
    ],
)
def test_deadlines(printed: str, when: date | None, month_day: tuple | None) -> None:
    (due,) = find_dues(printed)
    assert (due.when, due.month_day) == (when, month_day)


def test_no_deadline_in_a_date_of_issue() -> None:
    assert find_dues("Căn cứ Công văn số 1378/BNG-LS ngày 20/4/2020 của Bộ Ngoại giao") == []


# The whole path: a provincial decision read, resolved in its province, written.
DECISION = """
ỦY BAN NHÂN DÂN
TỈNH KIÊN GIANG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 9/2020/QĐ-UBND
Kiên Giang, ngày 04 tháng 5 năm 2020
QUYẾT ĐỊNH
Về việc ban hành Quy chế
Điều 1. Ban hành kèm theo Quyết định này Quy chế.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh; Giám đốc Công an tỉnh; Giám đốc Sở Ngoại vụ chịu trách nhiệm
thi hành Quyết định này./.
"""


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.load())


def test_written_with_roles_in_the_document_province(resolver: Resolver) -> None:
    source = SourceText(Path("x.txt"), DECISION.strip().split("\n"))
    graph, report = Graph(), BuildReport()
    for seg in document_split.split(source, report):
        for fact in prose.parse(seg):
            fact.emit(EmitContext(graph, seg, resolver, report))
    task = ID["execution/9-2020-qd-ubnd/D3"]
    assert (task, RDF.type, MKG.ExecutionCharge) in graph
    assert set(graph.objects(task, MKG.responsibleAgency)) == {
        ID["agency/kien-giang-ppc-office"],
        ID["agency/kien-giang-police"],
        ID["agency/kien-giang-dofa"],
    }
    assert graph.value(task, MKG.assignedIn) == ID["instrument/9-2020-qd-ubnd"]
    assert graph.value(task, MKG.taskOf) is None  # executing the decision is no plan's task
    assert graph.value(task, MKG.sourceLineStart) == Literal(11, datatype=XSD.integer)
    instrument = ID["instrument/9-2020-qd-ubnd"]
    assert graph.value(instrument, MKG.inForceFrom) == Literal("2020-05-04", datatype=XSD.date)
    assert report.unresolved_mentions == []


def test_a_body_after_a_place_qualifier_is_kept() -> None:
    # "… trên địa bàn tỉnh" qualifies the firms; the persons and units after "và các" stay
    *_, last = bodies_list(
        "Chánh Văn phòng UBND tỉnh, Chủ tịch UBND các huyện, các tổ chức, doanh nghiệp trên "
        "địa bàn tỉnh và các cá nhân, đơn vị có liên quan"
    )
    assert last.endswith("doanh nghiệp và các cá nhân, đơn vị có liên quan")
    assert "địa bàn" not in last
