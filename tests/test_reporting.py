"""Reporting duties stated in prose, with the intermediary; read from real snippets."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from loaders import document_split, duties
from loaders.base import EmitContext, SourceText
from loaders.gazetteer import Gazetteer
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg.namespaces import ID, MKG


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.load())


def read(text: str) -> list[duties.Duty]:
    source = SourceText(Path("x.txt"), text.strip().split("\n"))
    out: list[duties.Duty] = []
    for seg in document_split.split(source, BuildReport()):
        out += [d for d in duties.parse(seg) if isinstance(d, duties.Duty)]
    return out


# https://hethongphapluat.com/cong-van-456-ubdt-dtts-nam-2021-ve-bao-cao-tinh-hinh-ket-qua-thuc-hien-quyet-dinh-1898-qd-ttg-giai-doan-2018-2021-do-uy-ban-dan-toc-ban-hanh.html
UBDT_456 = """
ỦY BAN DÂN TỘC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 456/UBDT-DTTS
V/v báo cáo tình hình, kết quả triển khai thực hiện Quyết định số 1898/QĐ-TTg
Hà Nội, ngày 23 tháng 4 năm 2021
Kính gửi: …
Căn cứ Quyết định số 1898/QĐ-TTg ngày 28/11/2017 của Thủ tướng Chính phủ phê duyệt Đề án
“Hỗ trợ hoạt động bình đẳng giới vùng dân tộc thiểu số giai đoạn 2018-2025”, Ủy ban Dân tộc
và các bộ, ngành, địa phương đã tổ chức triển khai Đề án trong thời gian qua. Để có cơ sở
đánh giá tình hình, kết quả tổ chức triển khai thực hiện các mục tiêu, nhiệm vụ được Thủ
tướng Chính phủ phê duyệt, Ủy ban Dân tộc đề nghị các bộ, ngành Trung ương và UBND các
tỉnh/thành phố trực thuộc Trung ương xây dựng báo cáo sơ kết về tình hình, kết quả tổ chức,
triển khai thực hiện Đề án giai đoạn 2018-2021.

Báo cáo sơ kết đánh giá tình hình, kết quả tổ chức triển khai thực hiện Đề án gửi về Ủy ban
Dân tộc trước ngày 15 tháng 5 năm 2021 (file mềm gửi qua địa chỉ email) để tổng hợp báo cáo
Thủ tướng Chính phủ theo quy định.
"""


def test_a_letter_asks_for_a_report_by_a_date() -> None:
    (duty,) = read(UBDT_456)
    assert duty.reporter == [
        "các bộ, ngành Trung ương",
        "UBND các tỉnh/thành phố trực thuộc Trung ương",
    ]
    assert duty.reports_to == "Ủy ban Dân tộc"
    assert (duty.due, duty.due_year) == ((5, 15), 2021)
    assert duty.recurrence == "OneOff"
    assert (duty.start, duty.end) == (16, 18)


# The reporting sentence of the provincial plans implementing Decision 402, as the plans
# of their organisation sections print it (e.g. Bà Rịa - Vũng Tàu 120/KH-UBND,
# https://ls1.hethongphapluat.com/ke-hoach-120-kh-ubnd-nam-2020-ve-thuc-hien-thoa-thuan-toan-cau-ve-di-cu-hop-phap-an-toan-va-trat-tu-cua-lien-hop-quoc-tren-dia-ban-tinh-ba-ria-vung-tau.html)
PLAN = """
ỦY BAN NHÂN DÂN
TỈNH KIÊN GIANG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 77/KH-UBND
Kiên Giang, ngày 10 tháng 6 năm 2020
KẾ HOẠCH
Triển khai Thỏa thuận toàn cầu về Di cư hợp pháp, an toàn và trật tự
IV. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành tỉnh căn cứ nhiệm vụ được giao xây dựng kế hoạch thực hiện; báo cáo
kết quả về UBND tỉnh (qua Sở Ngoại vụ) trước ngày 15/12 hằng năm.
"""


def test_report_through_an_intermediary(resolver: Resolver) -> None:
    (duty,) = read(PLAN)
    assert duty.reports_to == "UBND tỉnh" and duty.via == "Sở Ngoại vụ"
    assert duty.recurrence == "Annual" and duty.due == (12, 15) and duty.due_year is None
    source = SourceText(Path("x.txt"), PLAN.strip().split("\n"))
    graph, report = Graph(), BuildReport()
    for seg in document_split.split(source, report):
        for fact in duties.parse(seg):
            fact.emit(EmitContext(graph, seg, resolver, report))
    (node,) = graph.subjects(RDF.type, MKG.ReportingDuty)
    assert graph.value(node, MKG.reportsTo) == ID["agency/kien-giang-ppc"]
    assert graph.value(node, MKG.reportsVia) == ID["agency/kien-giang-dofa"]
    # "Các sở, ban, ngành tỉnh" of a Kiên Giang plan: the departments of that province
    assert graph.value(node, MKG.reporter) == ID["agency/kien-giang/cac-so-ban-nganh"]
    assert graph.value(node, MKG.dueMonthDay) == Literal("--12-15", datatype=XSD.gMonthDay)
    assert graph.value(node, MKG.recurrence) == MKG.Annual
