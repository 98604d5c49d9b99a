"""Reporting duties of the two national plans; expected values read from the documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from loaders import duties, reading, segment
from loaders.base import EmitContext
from loaders.gazetteer import Gazetteer
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg.namespaces import ID, MKG


@pytest.fixture(scope="module")
def graphs(corpus_dir: Path) -> dict[str, tuple[Graph, BuildReport]]:
    resolver = Resolver(Gazetteer.load())
    out = {}
    for stem in ("000", "002", "004"):
        source = reading.read_source(next(corpus_dir.glob(f"{stem}_*.txt")))
        graph, report = Graph(), BuildReport()
        for seg in segment.split(source, report):
            for fact in duties.parse(seg):
                fact.emit(EmitContext(graph, seg, resolver, report))
        out[stem] = (graph, report)
    return out


def a(key: str) -> URIRef:
    return ID[f"agency/{key}"]


def duties_of(g: Graph, plan: str) -> list[Node]:
    return [d for d in g.subjects(MKG.dutyOf, ID[f"plan/{plan}"])]


def find(g: Graph, plan: str, reporter: str, to: str, recurrence: URIRef | None) -> Node:
    found = [
        d
        for d in duties_of(g, plan)
        if (d, MKG.reporter, a(reporter)) in g
        and (d, MKG.reportsTo, a(to)) in g
        and g.value(d, MKG.recurrence) == recurrence
    ]
    assert len(found) == 1, (reporter, to, recurrence, found)
    return found[0]


def test_402_semi_annual_data_to_mofa(graphs: dict) -> None:
    # III.1.i: "định kỳ 6 tháng cung cấp cho Bộ Ngoại giao số liệu liên quan đến di cư quốc tế"
    g, _ = graphs["000"]
    d = find(g, "402-qd-ttg", "relevant-bodies", "mofa", MKG.SemiAnnual)
    assert (d, RDF.type, MKG.ReportingDuty) in g
    assert g.value(d, MKG.reportContent) == Literal(
        "số liệu liên quan đến di cư quốc tế", lang="vi"
    )
    assert g.value(d, MKG.dueMonthDay) is None
    assert g.value(d, MKG.sourceLineStart) == Literal(163, datatype=XSD.integer)


def test_402_annual_report_to_mofa_before_15_november(graphs: dict) -> None:
    # III.1.i: "hàng năm gửi báo cáo việc thực hiện Kế hoạch cho Bộ Ngoại giao trước ngày
    # 15 tháng 11"
    g, _ = graphs["000"]
    d = find(g, "402-qd-ttg", "relevant-bodies", "mofa", MKG.Annual)
    assert g.value(d, MKG.dueMonthDay) == Literal("--11-15", datatype=XSD.gMonthDay)
    assert "thực hiện Kế hoạch" in str(g.value(d, MKG.reportContent))


def test_402_mofa_reports_to_the_prime_minister_every_year(graphs: dict) -> None:
    # III.1.a: "… và định kỳ hàng năm báo cáo Thủ tướng Chính phủ"; III.1.i says it again
    # ("để Bộ Ngoại giao tổng hợp, báo cáo Thủ tướng Chính phủ"): one duty
    g, _ = graphs["000"]
    d = find(g, "402-qd-ttg", "mofa", "prime-minister", MKG.Annual)
    assert g.value(d, MKG.fromSection) == Literal("III.1.a")
    assert len(duties_of(g, "402-qd-ttg")) == 3


def test_225_annual_report_to_molisa_before_15_november(graphs: dict) -> None:
    # III.4: "Các bộ, cơ quan, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương …;
    # định kỳ trước ngày 15 tháng 11 hằng năm, gửi báo cáo thực hiện Kế hoạch cho Bộ Lao
    # động - Thương binh và Xã hội để tổng hợp, báo cáo Thủ tướng Chính phủ."
    g, _ = graphs["002"]
    d = find(g, "225-nq-cp", "provincial-peoples-committees", "molisa", MKG.Annual)
    assert g.value(d, MKG.dueMonthDay) == Literal("--11-15", datatype=XSD.gMonthDay)
    summed = find(g, "225-nq-cp", "molisa", "prime-minister", MKG.Annual)
    assert g.value(summed, MKG.fromSection) == Literal("III.4")


def test_225_molisa_reports_to_the_government(graphs: dict) -> None:
    # III.2: "… định kỳ sơ kết, tổng kết, báo cáo Chính phủ kết quả thực hiện Kế hoạch này"
    g, _ = graphs["002"]
    d = find(g, "225-nq-cp", "molisa", "government", None)
    assert g.value(d, MKG.reportContent) == Literal("kết quả thực hiện Kế hoạch này", lang="vi")
    assert len(duties_of(g, "225-nq-cp")) == 3


def test_no_duties_without_an_organisation_section(graphs: dict) -> None:
    g, report = graphs["004"]
    assert len(g) == 0
    for stem in ("000", "002"):
        assert graphs[stem][1].unresolved_mentions == []
