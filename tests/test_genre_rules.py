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
