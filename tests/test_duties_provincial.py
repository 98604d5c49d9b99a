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
