"""News pages of the genre: the instruments they report, their charges, and events only
where a meeting is reported. Expected values are read from the pages named beside them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from loaders import news
from loaders.base import EmitContext, Segment, SourceText
from loaders.gazetteer import Gazetteer
from loaders.news_body import Paragraph
from loaders.news_instruments import ReportedInstrument, reported
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg.namespaces import ID, MKG


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.load())


def load(text: str, resolver: Resolver, province: str | None = None) -> tuple[Graph, list]:
    source = SourceText(Path("page.txt"), text.strip().split("\n"))
    meta: dict[str, object] = {"province": province} if province else {}
    seg = Segment(source=source, start=1, end=len(source.lines), kind="news", meta=meta)
    graph, report = Graph(), BuildReport()
    facts = news.parse(seg)
    for fact in facts:
        fact.emit(EmitContext(graph, seg, resolver, report))
    return graph, facts


# https://backan.gov.vn/pages/ke-hoach-thoa-thuan-toan-cau-ve-di-cu-hop-phap-an--80d1.aspx
BAC_KAN = """
Kế hoạch thỏa thuận toàn cầu về di cư hợp pháp, an toàn và trật tự của Liên hợp quốc
Ngày 8/7/2020, UBND tỉnh ban hành kế hoạch số 389/KH-UBND về việc triển khai thỏa thuận toàn cầu về di cư hợp pháp, an toàn và trật tự của Liên hợp quốc giai đoạn 2020 - 2030 trên địa bàn tỉnh.

Đồng thời tại kế hoạch, UBND tỉnh giao nhiệm cụ thể cho các đơn vị có liên quan, giao Văn phòng Đoàn Đại biểu Quốc hội, Hội đồng nhân dân và Ủy ban nhân dân tỉnh là cơ quan đầu mối tham mưu, tổng hợp cho Ủy ban nhân dân tỉnh chỉ đạo, theo dõi, kiểm tra, đôn đốc việc triển khai thực hiện Kế hoạch./.
"""  # noqa: E501


def test_a_page_reporting_a_plan_gives_the_plan_not_an_event(resolver: Resolver) -> None:
    graph, facts = load(BAC_KAN, resolver, province="Bắc Kạn")
    assert not any(isinstance(f, news.NewsEvent) for f in facts)
    assert list(graph.subjects(RDF.type, MKG.Event)) == []
    plan = ID["instrument/389-kh-ubnd"]
    assert graph.value(plan, MKG.number) == Literal("389/KH-UBND")
    assert str(graph.value(plan, MKG.documentType)) == "Kế hoạch"
    assert graph.value(plan, MKG.dateIssued) == Literal("2020-07-08", datatype=XSD.date)
    # "… về việc triển khai thỏa thuận toàn cầu về di cư …": the GCM
    assert (plan, MKG.implements, ID["instrument/gcm"]) in graph
    (found,) = [f for f in facts if isinstance(f, ReportedInstrument)]
    assert found.issuer == "UBND tỉnh"
    # whom it tasks: the units concerned, then the office as the focal point (a lead role)
    units, charge = found.charges
    assert [m.text for m in units.responsible] == ["các đơn vị có liên quan"]
    assert [m.text for m in charge.lead] == [
        "Văn phòng Đoàn Đại biểu Quốc hội, Hội đồng nhân dân và Ủy ban nhân dân tỉnh"
    ]
    task = ID["task/389-kh-ubnd/TC-news140ab620.2"]  # the page's code: crc32 of its name
    assert graph.value(task, MKG.taskOf) == ID["plan/389-kh-ubnd"]
    assert graph.value(task, MKG.sourceLineStart) == Literal(4, datatype=XSD.integer)
    # one office of three bodies: never read as the three bodies it serves
    assert graph.value(task, MKG.leadAgency) == ID["agency/bac-kan/van-phong-doan-dbqh-hdnd-ubnd"]


def test_plan_number_in_brackets_with_its_date() -> None:
    # https://vanphong.langson.gov.vn/en/node/61794
    text = (
        "UBND tỉnh triển khai Thỏa thuận toàn cầu về di cư hợp pháp, an toàn và trật tự của "
        "Liên hợp quốc (Kế hoạch số 130/KH-UBND, ngày 04/8/2020)."
    )
    page = SourceText(Path("page.txt"), ["", "", text])
    seg = Segment(source=page, start=1, end=3, kind="news")
    (found,) = reported(seg, [Paragraph(3, text)])
    assert isinstance(found, ReportedInstrument)
    assert found.mention.number == "130/KH-UBND"
    assert (found.issued or found.mention.issued) == date(2020, 8, 4)
    assert found.issuer == "UBND tỉnh"


# https://songv.langson.gov.vn/bm/print/21137
LANG_SON_EVENT = """
Ngày 30/11, tại Hà Nội, Bộ Ngoại giao phối hợp với Tổ chức Di cư quốc tế (IOM) đã tổ chức Hội nghị triển khai Thỏa thuận toàn cầu về Di cư hợp pháp, an toàn và trật tự (Thỏa thuận GCM).

Tham dự Hội nghị có ông Tô Anh Dũng, Thứ trưởng Bộ Ngoại giao, bà Park Mi-Hyung, Trưởng phái đoàn đại diện Tổ chức di cư quốc tế tại Việt Nam, đại diện các bộ, ngành: Công an, Lao động, Thương binh và Xã hội, Thông tin và Truyền thông, Tư pháp, Ủy ban dân tộc, Sở Ngoại vụ các tỉnh, thành phố khu vực phía Bắc và miền Trung, đại diện một số tổ chức quốc tế tại Việt Nam (Tổ chức Di cư quốc tế, Tổ chức Lao động quốc tế - ILO, Cơ quan Liên hợp quốc về bình đẳng giới và trao quyền cho phụ nữ...).
"""  # noqa: E501


def test_both_organise_and_the_listed_ministries_take_part(resolver: Resolver) -> None:
    graph, _ = load(LANG_SON_EVENT, resolver)
    (event,) = graph.subjects(RDF.type, MKG.Event)
    assert set(graph.objects(event, MKG.organiser)) == {ID["agency/mofa"], ID["agency/iom"]}
    participants = set(graph.objects(event, MKG.participant))
    for key in ("mps", "molisa", "mic", "moj", "cema", "ilo", "un-women"):
        assert ID[f"agency/{key}"] in participants, key


def test_a_page_with_no_meeting_and_no_instrument_yields_nothing(resolver: Resolver) -> None:
    # an article (full sentences) that reports neither a meeting nor an instrument
    text = (
        "Tình trạng di cư trái phép, mua bán người trên địa bàn tỉnh đã giảm đáng kể trong "
        "những năm gần đây nhờ công tác tuyên truyền.\n"
        "Người dân được nâng cao nhận thức về các rủi ro khi ra nước ngoài làm việc không "
        "qua các kênh chính thức."
    )
    graph, facts = load(text, resolver)
    assert facts == [] and len(graph) == 0


# https://vanphong.langson.gov.vn/en/node/61794
LANG_SON_PLAN = """
UBND tỉnh triển khai Thỏa thuận toàn cầu về di cư hợp pháp, an toàn và trật tự của Liên hợp quốc (Kế hoạch số 130/KH-UBND, ngày 04/8/2020).

Các sở, ban, ngành, UBND các huyện, thành phố chỉ đạo tổ chức tuyên truyền, phổ biến thông tin về Thỏa thuận toàn cầu về di cư hợp pháp, an toàn và trật tự của Liên hợp quốc (Thỏa thuận GCM) bằng các hình thức đa dạng.
"""  # noqa: E501


def test_a_page_retelling_a_plan_charges_the_collective_it_opens_with() -> None:
    source = SourceText(Path("page.txt"), LANG_SON_PLAN.strip().split("\n"))
    seg = Segment(source=source, start=1, end=len(source.lines), kind="news")
    (found,) = [f for f in news.parse(seg) if isinstance(f, ReportedInstrument)]
    (charge,) = found.charges
    assert [m.text for m in charge.responsible] == ["Các sở, ban, ngành, UBND các huyện, thành phố"]
    assert charge.lead == [] and charge.start == 3


def _reported_one(text: str) -> ReportedInstrument:
    lines = text.strip().split("\n")
    page = SourceText(Path("page.txt"), lines)
    seg = Segment(source=page, start=1, end=len(lines), kind="news")
    paragraphs = [Paragraph(k, line) for k, line in enumerate(lines, 1) if line.strip()]
    (found,) = [f for f in reported(seg, paragraphs) if isinstance(f, ReportedInstrument)]
    return found


def test_a_plan_implements_the_party_instruments_listed_with_the_first() -> None:
    # https://binhdinh.gov.vn/tin-tuc/thong-tin-chi-dao-dieu-hanh/ke-hoach-trien-khai-thuc-hien-nghi-quyet-so-169-nq-cp-ngay-31-12-2021-cua-chinh-phu.html
    text = (
        "Ngày 13/6/2022, UBND tỉnh ban hành Kế hoạch số 84/KH-UBND về việc triển khai thực "
        "hiện Nghị quyết số 169/NQ-CP ngày 31/12/2021 của Chính phủ ban hành Chương trình hành "
        "động của Chính phủ tiếp tục đẩy mạnh thực hiện Nghị quyết số 36-NQ/TW, Chỉ thị số "
        "45-CT/TW và Kết luận số 12-KL/TW của Bộ Chính trị về công tác người Việt Nam ở nước "
        "ngoài giai đoạn 2021 - 2026."
    )
    found = _reported_one(text)
    assert found.mention.number == "84/KH-UBND"
    assert [m.number for m in found.implements] == [
        "169/NQ-CP",
        "36-NQ/TW",
        "45-CT/TW",
        "12-KL/TW",
    ]


def test_a_plan_implements_what_the_opening_clause_makes_concrete() -> None:
    # https://songoaivu.quangnam.gov.vn/webcenter/portal/songoaivu/pages_tin-tuc/chi-tiet?dDocName=PORTAL463868
    text = (
        "Nhằm cụ thể hóa Nghị quyết số 169/NQ-CP ngày 31/12/2021 của Chính phủ ban hành "
        "Chương trình hành động của Chính phủ tiếp tục đẩy mạnh thực hiện Nghị quyết số "
        "36-NQ/TW, Chỉ thị số 45-CT/TW và Kết luận số 12-KL/TW của Bộ Chính trị về Công tác "
        "người Việt Nam ở nước ngoài giai đoạn 2021 – 2026, Ủy ban nhân dân tỉnh Quảng Nam đã "
        "ký ban hành Kế hoạch số 7868/KH-UBND ngày 28/11/2022 thực hiện trên địa bàn tỉnh."
    )
    found = _reported_one(text)
    assert found.mention.number == "7868/KH-UBND"
    assert "169/NQ-CP" in [m.number for m in found.implements]
    assert {"36-NQ/TW", "45-CT/TW", "12-KL/TW"} <= {m.number for m in found.implements}


def test_a_letter_refers_to_the_instruments_its_retold_content_cites(resolver: Resolver) -> None:
    # http://phapluatkhanhhoa.vn/tin-chi-tiet/id/9477/Ngan-chan-hoat-dong-dua-nguoi-Viet-Nam-ra-nuoc-ngoai-trai-phep
    text = (
        "Ngày 23/6/2020, Ủy ban nhân dân tỉnh Khánh Hòa đã ban hành Công văn số 6161/UBND-NC "
        "về việc thực hiện một số nhiệm vụ trọng tâm.\n"
        "Theo đó, Ủy ban nhân dân đề nghị các sở, ban, ngành tập trung thực hiện tốt một số "
        "nhiệm vụ trọng tâm như: tiếp tục tổ chức có hiệu quả Chỉ thị 48-CT/TW của Bộ Chính "
        "trị, Kết luận số 05-KL/TW của Ban Bí thư về việc tiếp tục đẩy mạnh thực hiện Chỉ thị "
        "số 48-CT/TW."
    )
    graph, _ = load(text, resolver, province="Khánh Hòa")
    letter = ID["instrument/6161-ubnd-nc"]
    cited = set(graph.objects(letter, MKG.refersTo))
    assert {ID["instrument/48-ct-tw"], ID["instrument/05-kl-tw"]} <= cited
    assert letter not in cited


# http://pbgdpl.phutho.gov.vn/huong-dan-nghiep-vu/bai-viet/cat/chi-dao-dieu-hanh-6461/id/ke-hoach-trien-khai-thuc-hien-cong-tac-nguoi-viet-nam-o-nuoc-ngoai-nam-2024-90565
PHU_THO = """
Kế hoạch triển khai thực hiện công tác người Việt Nam ở nước ngoài năm 2024

Nhằm tiếp tục đẩy mạnh triển khai thực hiện Nghị quyết số 36-NQ/TW,
Chỉ thị số 45- CT/TW, Kết luận số 12-KL/TW của Bộ Chính trị và Nghị quyết số 169/NQ-CP của Chính phủ về công tác người Việt Nam ở nước ngoài giai đoạn 2021 - 2026, nâng cao nhận thức và ý thức trách nhiệm của các cấp trong tình hình mới. Ngày 19/03/2024, UBND tỉnh ban hành Kế hoạch số
1033/UBND-KTTH triển khai thực hiện công tác người Việt Nam ở nước ngoài năm 2024.
"""  # noqa: E501


def test_a_sentence_broken_over_lines_and_its_purpose_give_the_plan(resolver: Resolver) -> None:
    graph, facts = load(PHU_THO, resolver, province="Phú Thọ")
    (found,) = [f for f in facts if isinstance(f, ReportedInstrument)]
    # the number on the line after "Kế hoạch số", the date the sentence opens with
    assert found.mention.number == "1033/UBND-KTTH"
    assert found.issued == date(2024, 3, 19)
    # what the sentence before says it is for; "45- CT/TW" as the page spaces it
    plan = ID["instrument/1033-ubnd-ktth"]
    implemented = set(graph.objects(plan, MKG.implements))
    for key in ("36-nq-tw", "45-ct-tw", "12-kl-tw", "169-nq-cp"):
        assert ID[f"instrument/{key}"] in implemented, key
    assert graph.value(ID["instrument/45-ct-tw"], MKG.number) == Literal("45-CT/TW")
