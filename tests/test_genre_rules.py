"""Rules of the genre read from short snippets of real documents (source address beside each).

Each snippet is the part of a development-corpus document (tests/data/genre) that once was
misread; the expected values are read from the snippet itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from migkg.loaders import pipeline
from migkg.loaders.base import SourceText
from migkg.loaders.gazetteer import Gazetteer
from migkg.loaders.report import BuildReport
from migkg.loaders.resolver import Resolver
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
    from migkg.loaders.segment import doc_type_of

    lines = ["Số: 02/2009/TTLT-BNG-BNV", "Hà Nội, ngày 27 tháng 05 năm 2009", "THÔNG TƯ LIÊN TỊCH"]
    source = SourceText(Path("x.txt"), lines)
    assert doc_type_of(source, 1, 3, "02/2009/TTLT-BNG-BNV") == ("Thông tư liên tịch", 3)
    assert doc_type_of(source, 1, 2, "02/2009/TTLT-BNG-BNV")[0] == "Thông tư liên tịch"
