"""Assignments in prose; expected agencies and dates read from the documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from loaders import prose, reading, segment
from loaders.base import EmitContext, SourceText
from loaders.gazetteer import Gazetteer
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg.namespaces import ID, MKG


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.load())


def load(source: SourceText, resolver: Resolver) -> tuple[Graph, BuildReport]:
    graph, report = Graph(), BuildReport()
    for seg in segment.split(source, report):
        for fact in prose.parse(seg):
            fact.emit(EmitContext(graph, seg, resolver, report))
    return graph, report


@pytest.fixture(scope="module")
def graphs(corpus_dir: Path, resolver: Resolver) -> dict[str, tuple[Graph, BuildReport]]:
    return {
        stem: load(reading.read_source(next(corpus_dir.glob(f"{stem}_*.txt"))), resolver)
        for stem in ("000", "002", "004")
    }


def a(key: str) -> URIRef:
    return ID[f"agency/{key}"]


def task(plan: str, code: str) -> URIRef:
    return ID[f"task/{plan}/{code}"]


def leads(g: Graph, t: URIRef) -> set[Node]:
    return set(g.objects(t, MKG.leadAgency))


def coops(g: Graph, t: URIRef) -> set[Node]:
    return set(g.objects(t, MKG.cooperatingAgency))


def test_kien_giang_assignment(graphs: dict) -> None:
    g, report = graphs["000"]
    t = task("1692-vp-vhxh", "TC-1")
    assert (t, RDF.type, MKG.Assignment) in g
    assert g.value(t, MKG.code) == Literal("TC-1")
    # "Giao Sở Ngoại vụ chủ trì, phối hợp với Công an tỉnh, Sở Tư pháp, Bộ Chỉ huy Bộ đội
    # Biên phòng tỉnh, BCH Quân sự tỉnh, Sở Lao động - Thương binh và Xã hội, Sở Thông tin
    # và Truyền thông và các ngành có liên quan tham mưu …"
    assert leads(g, t) == {a("kien-giang-dofa")}
    assert coops(g, t) == {
        a("kien-giang-police"),
        a("kien-giang-doj"),
        a("kien-giang-border-guard"),
        a("kien-giang-military-command"),
        a("kien-giang-dolisa"),
        a("kien-giang-dic"),
        a("relevant-bodies"),
    }
    # "(hoàn thành chậm nhất ngày 22/4/2020)"
    assert g.value(t, MKG.deadline) == Literal("2020-04-22", datatype=XSD.date)
    assert g.value(t, MKG.recurrence) == MKG.OneOff
    assert g.value(t, MKG.startYear) == Literal(2020, datatype=XSD.integer)
    assert g.value(t, MKG.endYear) == Literal(2020, datatype=XSD.integer)
    assert g.value(t, MKG.sourceLineStart) == Literal(20, datatype=XSD.integer)
    plan = ID["plan/1692-vp-vhxh"]
    assert g.value(t, MKG.taskOf) == plan
    assert g.value(plan, MKG.adoptedBy) == ID["instrument/1692-vp-vhxh"]
    assert (plan, MKG.implements, ID["instrument/402-qd-ttg"]) in g
    # the plan is named after the letter's subject ("V/v tham mưu thực hiện Kế hoạch …")
    (vi,) = [lbl for lbl in g.objects(plan, RDFS.label) if lbl.language == "vi"]
    assert str(vi).startswith("Tham mưu thực hiện Kế hoạch triển khai")
    assert (t, MKG.refersTo, ID["instrument/402-qd-ttg"]) in g
    assert report.unresolved_mentions == []


@pytest.mark.parametrize(
    ("code", "lead", "cooperating"),
    [
        ("TC-III.1.a", {"mofa"}, {"mpi"}),  # "… phối hợp với Bộ Kế hoạch và Đầu tư trong việc …"
        ("TC-III.1.b", {"mps"}, {"relevant-bodies"}),
        ("TC-III.1.c", {"moj"}, set()),
        ("TC-III.1.d", {"mod"}, {"relevant-bodies"}),
        ("TC-III.1.e", {"molisa"}, {"relevant-bodies"}),
        ("TC-III.1.g", {"mic"}, {"mofa", "relevant-bodies"}),
        ("TC-III.1.h", {"provincial-peoples-committees"}, set()),
        ("TC-III.1.i", {"relevant-bodies"}, set()),
        # "… các bộ, cơ quan, địa phương, tổ chức có liên quan chủ động thông báo, trao đổi
        # để Bộ Ngoại giao nghiên cứu, tổng hợp báo cáo Thủ tướng Chính phủ …"
        ("TC-III.4", {"mofa"}, {"relevant-bodies"}),
    ],
)
def test_section_iii_of_402(graphs: dict, code: str, lead: set, cooperating: set) -> None:
    g, _ = graphs["000"]
    t = task("402-qd-ttg", code)
    assert (t, RDF.type, MKG.Assignment) in g
    assert leads(g, t) == {a(k) for k in lead}
    assert coops(g, t) == {a(k) for k in cooperating}
    assert g.value(t, MKG.fromSection) == Literal(code.removeprefix("TC-"))
    # no printed deadline: the plan's period (its table states 2020-2030)
    assert g.value(t, MKG.startYear) == Literal(2020, datatype=XSD.integer)
    assert g.value(t, MKG.endYear) == Literal(2030, datatype=XSD.integer)
    assert g.value(t, MKG.periodFromPlan) == Literal(True)


def test_section_iii_of_402_codes(graphs: dict) -> None:
    g, _ = graphs["000"]
    codes = {str(g.value(t, MKG.code)) for t in g.subjects(MKG.taskOf, ID["plan/402-qd-ttg"])}
    # a) … e), g) h) i) (no f) in the Vietnamese alphabet), 2 (the mass organisations), 4;
    # 3 is about funding: no one is assigned
    letters = "abcdeghi"
    assert codes == {f"TC-III.1.{x}" for x in letters} | {"TC-III.2", "TC-III.4"}


def test_mass_organisations_requested_by_402(graphs: dict) -> None:
    g, _ = graphs["000"]
    t = task("402-qd-ttg", "TC-III.2")
    assert {a("vff"), a("vgcl"), a("hcyu"), a("vwu")} <= leads(g, t)
    assert a("business-community") in leads(g, t)


def test_bullets_stay_in_their_item(graphs: dict) -> None:
    g, _ = graphs["000"]
    label = str(g.value(task("402-qd-ttg", "TC-III.1.a"), RDFS.label))
    assert label.startswith("Bộ Ngoại giao chủ trì thực hiện các nội dung chính sau:")
    assert "Thành lập Nhóm Công tác liên ngành về triển khai Thỏa thuận GCM." in label
    # e) is broken over a page break: "hoàn thiện chính" / "sách, pháp luật về lao động di cư"
    label_e = str(g.value(task("402-qd-ttg", "TC-III.1.e"), RDFS.label))
    assert "hoàn thiện chính sách, pháp luật về lao động di cư" in label_e


@pytest.mark.parametrize(
    ("code", "lead", "cooperating"),
    [
        ("TC-III.1", {"ministries-and-agencies"}, set()),
        # "- Phối hợp với Ban Tuyên giáo Trung ương và các cơ quan liên quan …"
        ("TC-III.2", {"molisa"}, {"cpec", "relevant-bodies"}),
        ("TC-III.3", {"provincial-peoples-committees"}, set()),
        ("TC-III.5", {"vff", "socio-political-organisations"}, set()),
        ("TC-III.6", {"molisa"}, {"relevant-bodies"}),
    ],
)
def test_organisation_of_225(graphs: dict, code: str, lead: set, cooperating: set) -> None:
    g, _ = graphs["002"]
    t = task("225-nq-cp", code)
    assert leads(g, t) == {a(k) for k in lead}
    assert coops(g, t) == {a(k) for k in cooperating}
    assert g.value(t, MKG.startYear) == Literal(2023, datatype=XSD.integer)


def test_225_item_4_ministries_and_provinces_report(graphs: dict) -> None:
    g, _ = graphs["002"]
    t = task("225-nq-cp", "TC-III.4")
    assert a("provincial-peoples-committees") in leads(g, t)
    codes = {str(g.value(x, MKG.code)) for x in g.subjects(MKG.taskOf, ID["plan/225-nq-cp"])}
    assert codes == {f"TC-III.{n}" for n in range(1, 7)}


def test_139_section_ii_headings(graphs: dict) -> None:
    g, report = graphs["004"]
    plan = ID["plan/139-kh-tu"]
    groups = {str(g.value(t, MKG.code)): t for t in g.subjects(RDF.type, MKG.TaskGroup)}
    assert set(groups) == {"II", "II.1", "II.2", "II.3", "II.4"}
    for t in groups.values():
        assert g.value(t, MKG.taskOf) == plan
    # line 48: " II. NHIEM VU VA GIAI PHAP THU'C HIEN'" (Nhiệm vụ và giải pháp thực hiện)
    assert g.value(groups["II"], MKG.sourceLineStart) == Literal(48, datatype=XSD.integer)
    assert str(g.value(groups["II"], SKOS.altLabel)).startswith("nhiem vu va giai phap")
    for code in ("II.1", "II.2", "II.3", "II.4"):
        assert g.value(groups[code], MKG.parentTask) == groups["II"]
    # headings as printed (OCR), lines 50-51, 68-69, 102-104, 135-136
    spans = {c: (int(g.value(t, MKG.sourceLineStart)), int(g.value(t, MKG.sourceLineEnd)))
             for c, t in groups.items() if c != "II"}  # fmt: skip
    assert spans == {"II.1": (50, 51), "II.2": (68, 69), "II.3": (102, 104), "II.4": (135, 136)}
    assert str(g.value(groups["II.1"], RDFS.label)).startswith("Ting cwdng sw linh dao")
    # the repair reads "Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy, tổ chức đảng …"
    assert str(g.value(groups["II.1"], SKOS.altLabel)).startswith(
        "tang cuong su lanh dao, chi dao cua cac cap uy, to chuc dang"
    )
    assert "thanh tra, kiem tra, giam sat, xu ly vi pham" in str(
        g.value(groups["II.4"], SKOS.altLabel)
    )
    assert "nang cao hieu qua cong tac quan ly nha nuoc" in str(
        g.value(groups["II.3"], SKOS.altLabel)
    )
    assert any(w.line == 139 and "II.4" in w.message for w in report.warnings)


def test_an_item_that_names_no_one_is_no_assignment(resolver: Resolver) -> None:
    lines = [
        "CHÍNH PHỦ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 9/NQ-CP",
        "NGHỊ QUYẾT",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Kinh phí thực hiện được bảo đảm từ ngân sách nhà nước.",
        "2. Bộ Tư pháp chủ trì, phối hợp với Bộ Công an rà soát văn bản.",
        "Điều 2. Hiệu lực.",
    ]
    g, report = load(SourceText(Path("x.txt"), lines), resolver)
    codes = {str(c) for c in g.objects(None, MKG.code)}
    assert codes == {"TC-III.2"}
    t = task("9-nq-cp", "TC-III.2")
    assert leads(g, t) == {a("moj")}
    assert coops(g, t) == {a("mps")}
    assert report.unresolved_mentions == []
