"""Bodies charged by real documents of the genre, read through the pipeline and resolved in
the document's province (short snippets, their source address beside each)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from migkg.loaders import pipeline
from migkg.loaders.base import SourceText
from migkg.loaders.gazetteer import Gazetteer
from migkg.loaders.report import BuildReport
from migkg.loaders.resolver import Resolver
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
