"""Reporting duties in the organisation section of a provincial plan, as such plans word them.

The plan below is written by hand in the form provincial plans take (a body alone on its
item line, its duties on the next); the expected duties are read from it.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from loaders import duties, segment
from loaders.base import EmitContext, SourceText
from loaders.gazetteer import Gazetteer
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg.namespaces import MKG

PLAN = """ỦY BAN NHÂN DÂN
TỈNH CÀ MAU
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 99/KH-UBND
Cà Mau, ngày 18 tháng 6 năm 2020

KẾ HOẠCH
Triển khai Thỏa thuận toàn cầu về di cư trên địa bàn tỉnh

I. MỤC ĐÍCH, YÊU CẦU
1. Tuyên truyền về di cư an toàn.
II. TỔ CHỨC THỰC HIỆN
1. Sở Ngoại vụ
Là cơ quan đầu mối, theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp, báo cáo Ủy ban nhân \
dân tỉnh và Bộ Ngoại giao trước ngày 15 tháng 12 hằng năm.
2. Công an tỉnh
Chủ trì nắm tình hình xuất cảnh trái phép; định kỳ 6 tháng báo cáo kết quả về Ủy ban nhân dân \
tỉnh (qua Sở Ngoại vụ).
"""


def test_a_body_alone_on_its_item_line_owes_the_reports_below_it() -> None:
    source = SourceText(Path("plan.txt"), PLAN.splitlines())
    graph, report, resolver = Graph(), BuildReport(), Resolver(Gazetteer.load())
    for seg in segment.split(source, report):
        for fact in duties.parse(seg):
            fact.emit(EmitContext(graph, seg, resolver, report))
    read = {}
    for duty in graph.subjects(MKG.reporter, None):
        who = {str(a).rsplit("/", 1)[-1] for a in graph.objects(duty, MKG.reporter)}
        to = {str(a).rsplit("/", 1)[-1] for a in graph.objects(duty, MKG.reportsTo)}
        via = {str(a).rsplit("/", 1)[-1] for a in graph.objects(duty, MKG.reportsVia)}
        rec = {str(r).rsplit("#", 1)[-1] for r in graph.objects(duty, MKG.recurrence)}
        due = {str(d) for d in graph.objects(duty, MKG.dueMonthDay)}
        read[frozenset(who)] = (to, via, rec, due)
    # "Sở Ngoại vụ / Là cơ quan đầu mối …; tổng hợp, báo cáo UBND tỉnh và Bộ Ngoại giao trước
    # ngày 15 tháng 12 hằng năm"
    assert read[frozenset({"so-ngoai-vu"})] == ({"ubnd", "mofa"}, set(), {"Annual"}, {"--12-15"})
    # "định kỳ 6 tháng báo cáo kết quả về UBND tỉnh (qua Sở Ngoại vụ)"
    assert read[frozenset({"cong-an"})] == ({"ubnd"}, {"so-ngoai-vu"}, {"SemiAnnual"}, set())
    assert len(read) == 2


LETTER = """ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 500/UBND-NC
V/v tăng cường phòng, chống xuất cảnh trái phép
Lạng Sơn, ngày 10 tháng 3 năm 2024

Kính gửi:
- Công an tỉnh;
- Sở Lao động - Thương binh và Xã hội;
- UBND các huyện, thành phố.

Chủ tịch UBND tỉnh có ý kiến như sau:
1. Giao Sở Lao động - Thương binh và Xã hội hướng dẫn doanh nghiệp; định kỳ hằng quý báo cáo \
UBND tỉnh tình hình người lao động đi làm việc ở nước ngoài.
2. UBND các huyện, thành phố tăng cường tuyên truyền. Kết quả thực hiện báo cáo Chủ tịch UBND \
tỉnh (qua Công an tỉnh) trước ngày 15/12/2024.
"""


def test_a_letters_items_name_who_reports_what_to_whom() -> None:
    source = SourceText(Path("letter.txt"), LETTER.splitlines())
    graph, report, resolver = Graph(), BuildReport(), Resolver(Gazetteer.load())
    for seg in segment.split(source, report):
        for fact in duties.parse(seg):
            fact.emit(EmitContext(graph, seg, resolver, report))
    read = {}
    for duty in graph.subjects(MKG.reporter, None):
        who = {str(a).rsplit("/", 1)[-1] for a in graph.objects(duty, MKG.reporter)}
        to = {str(a).rsplit("/", 1)[-1] for a in graph.objects(duty, MKG.reportsTo)}
        via = {str(a).rsplit("/", 1)[-1] for a in graph.objects(duty, MKG.reportsVia)}
        due = {str(d) for d in graph.objects(duty, MKG.dueDate)}
        read[frozenset(who)] = (to, via, due)
    # "báo cáo UBND tỉnh tình hình …": the report's subject is no part of the body's name
    assert read[frozenset({"so-lao-dong-thuong-binh-va-xa-hoi"})] == ({"ubnd"}, set(), set())
    # an item that opens with its body: "Kết quả thực hiện báo cáo Chủ tịch UBND tỉnh (qua
    # Công an tỉnh) trước ngày 15/12/2024"; the chairman stands for the committee
    assert read[frozenset({"ubnd-cap-huyen"})] == ({"ubnd"}, {"cong-an"}, {"2024-12-15"})
    assert len(read) == 2
