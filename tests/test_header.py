"""Document headers and legal bases; expected values read from the corpus documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from loaders import document_split, header, reading
from loaders.base import EmitContext, SourceText
from loaders.gazetteer import Gazetteer
from loaders.instruments import reference_instruments
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg.namespaces import ID, MKG


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.load())


def load(source: SourceText, resolver: Resolver) -> tuple[Graph, BuildReport]:
    """The header facts of every document in ``source``, as a graph."""
    graph, report = Graph(), BuildReport()
    for seg in document_split.split(source, report):
        for fact in header.parse(seg):
            fact.emit(EmitContext(graph, seg, resolver, report))
    return graph, report


@pytest.fixture(scope="module")
def graphs(corpus_dir: Path, resolver: Resolver) -> dict[str, tuple[Graph, BuildReport]]:
    out = {}
    for stem in ("000", "001", "002", "003", "004"):
        src = reading.read_source(next(corpus_dir.glob(f"{stem}_*.txt")))
        out[stem] = load(src, resolver)
    return out


def inst(slug: str) -> URIRef:
    return ID[f"instrument/{slug}"]


def agency(key: str) -> URIRef:
    return ID[f"agency/{key}"]


def day(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


def test_letter_1692(graphs: dict) -> None:
    g, _ = graphs["000"]
    doc = inst("1692-vp-vhxh")
    assert g.value(doc, MKG.number) == Literal("1692/VP-VHXH")
    assert g.value(doc, MKG.documentType) == Literal("Công văn", lang="vi")
    assert g.value(doc, MKG.dateIssued) == day("2020-03-26")
    assert g.value(doc, MKG.placeIssued) == Literal("Kiên Giang", lang="vi")
    assert set(g.objects(doc, MKG.issuedBy)) == {agency("kien-giang-ppc-office")}
    assert set(g.objects(doc, MKG.addressee)) == {agency("kien-giang-dofa")}
    assert str(g.value(doc, MKG.subject)).startswith(
        "V/v tham mưu thực hiện Kế hoạch triển khai Thỏa thuận toàn cầu về Di cư hợp pháp"
    )
    (signer,) = g.objects(doc, MKG.signedBy)
    assert g.value(signer, RDFS.label) == Literal("Huynh Vĩnh Lạc")
    assert g.value(signer, MKG.role) == Literal("CHÁNH VĂN PHÒNG", lang="vi")
    # it forwards Decision 402 and assigns its implementation
    assert (doc, MKG.refersTo, inst("402-qd-ttg")) in g
    assert (doc, MKG.implements, inst("402-qd-ttg")) in g
    assert g.value(doc, MKG.sourceLineStart) == Literal(1, datatype=XSD.integer)


def test_decision_402(graphs: dict) -> None:
    g, _ = graphs["000"]
    doc = inst("402-qd-ttg")
    assert g.value(doc, MKG.number) == Literal("402/QĐ-TTg")
    assert g.value(doc, MKG.documentType) == Literal("Quyết định", lang="vi")
    assert g.value(doc, MKG.dateIssued) == day("2020-03-20")
    assert g.value(doc, MKG.placeIssued) == Literal("Hà Nội", lang="vi")
    assert set(g.objects(doc, MKG.issuedBy)) == {agency("prime-minister")}
    assert str(g.value(doc, MKG.title)) == (
        "Ban hành Kế hoạch triển khai Thỏa thuận toàn cầu về Di cư hợp pháp, an toàn và "
        "trật tự của Liên hợp quốc"
    )
    assert (doc, RDFS.label, Literal("Quyết định 402/QĐ-TTg", lang="vi")) in g
    # its English label comes with the reference facts (instruments_vn.csv)
    assert not [x for x in g.objects(doc, RDFS.label) if x.language == "en"]
    # 402 as printed in this file carries no signature: none is guessed
    assert g.value(doc, MKG.signedBy) is None
    assert g.value(doc, MKG.sourceLineStart) == Literal(39, datatype=XSD.integer)


def test_bases_of_402(graphs: dict) -> None:
    g, _ = graphs["000"]
    doc = inst("402-qd-ttg")
    # "Căn cứ Luật tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Căn cứ Quyết định số
    # 1676/QĐ-TTg ngày 03 tháng 12 năm 2018 của Thủ tướng Chính phủ …"
    assert set(g.objects(doc, MKG.legalBasis)) == {
        inst("luat-to-chuc-chinh-phu-2015"),
        inst("1676-qd-ttg"),
    }
    assert g.value(inst("1676-qd-ttg"), MKG.dateIssued) == day("2018-12-03")
    assert g.value(inst("1676-qd-ttg"), MKG.number) == Literal("1676/QĐ-TTg")
    assert g.value(inst("1676-qd-ttg"), MKG.issuedBy) == agency("prime-minister")
    assert {inst("gcm"), inst("gcr")} <= set(g.objects(inst("1676-qd-ttg"), MKG.refersTo))
    assert g.value(inst("luat-to-chuc-chinh-phu-2015"), MKG.dateIssued) == day("2015-06-19")
    # "Xét đề nghị của Bộ Ngoại giao tại các văn bản số: 5165/TTr-BNG-LS ngày 31 tháng 12
    # năm 2019, 556/BNG-LS ngày 24 tháng 02 năm 2020, 898/BNG-LS ngày 16 tháng 3 năm 2020"
    assert set(g.objects(doc, MKG.proposedBy)) == {agency("mofa")}
    letters = {
        "5165-ttr-bng-ls": "2019-12-31",
        "556-bng-ls": "2020-02-24",
        "898-bng-ls": "2020-03-16",
    }
    for slug, issued in letters.items():
        assert (doc, MKG.refersTo, inst(slug)) in g
        assert g.value(inst(slug), MKG.dateIssued) == day(issued)
        assert g.value(inst(slug), MKG.issuedBy) == agency("mofa")


def test_plan_of_402(graphs: dict) -> None:
    g, _ = graphs["000"]
    plan = ID["plan/402-qd-ttg"]
    assert (plan, RDF.type, MKG.Plan) in g
    assert g.value(plan, MKG.adoptedBy) == inst("402-qd-ttg")
    assert (plan, MKG.implements, inst("gcm")) in g
    assert (inst("402-qd-ttg"), MKG.implements, inst("gcm")) in g
    assert (plan, RDFS.label, Literal(
        "Kế hoạch triển khai Thỏa thuận toàn cầu về Di cư hợp pháp, an toàn và trật tự của "
        "Liên hợp quốc", lang="vi")) in g  # fmt: skip


def test_garbled_appendix_subtitle_is_reported_not_made_an_instrument(graphs: dict) -> None:
    g, report = graphs["000"]
    assert (inst("40-l-qd-ttg"), None, None) not in g
    assert any(w.line == 203 and "40/L/QĐ-TTg" in w.message for w in report.warnings)


def test_resolution_225(graphs: dict) -> None:
    g, _ = graphs["002"]
    doc = inst("225-nq-cp")
    assert g.value(doc, MKG.number) == Literal("225/NQ-CP")
    assert g.value(doc, MKG.documentType) == Literal("Nghị quyết", lang="vi")
    assert g.value(doc, MKG.dateIssued) == day("2023-12-31")
    assert g.value(doc, MKG.placeIssued) == Literal("Hà Nội", lang="vi")
    assert set(g.objects(doc, MKG.issuedBy)) == {agency("government")}
    (signer,) = g.objects(doc, MKG.signedBy)
    assert g.value(signer, RDFS.label) == Literal("Trần Hồng Hà")
    assert g.value(signer, MKG.role) == Literal("PHÓ THỦ TƯỚNG", lang="vi")
    assert str(g.value(doc, MKG.title)).startswith(
        "Ban hành Kế hoạch triển khai thực hiện Chỉ thị số 20-CT/TW ngày 12 tháng 12 năm 2022"
    )
    plan = ID["plan/225-nq-cp"]
    assert g.value(plan, MKG.adoptedBy) == doc
    assert (plan, MKG.implements, inst("20-ct-tw")) in g
    assert (doc, MKG.implements, inst("20-ct-tw")) in g


def test_bases_of_225(graphs: dict) -> None:
    g, _ = graphs["002"]
    doc = inst("225-nq-cp")
    assert set(g.objects(doc, MKG.legalBasis)) == {
        inst("luat-to-chuc-chinh-phu-2015"),
        inst(
            "luat-sua-doi-bo-sung-mot-so-dieu-cua-luat-to-chuc-chinh-phu-va-"
            "luat-to-chuc-chinh-quyen-dia-phuong-2019"
        ),
        # the contract-workers law of 13 Nov 2020 is 69/2020/QH14 (reference data)
        inst("69-2020-qh14"),
        inst("20-ct-tw"),
    }
    assert g.value(inst("69-2020-qh14"), MKG.dateIssued) == day("2020-11-13")
    assert g.value(inst("20-ct-tw"), MKG.dateIssued) == day("2022-12-12")
    assert g.value(inst("20-ct-tw"), MKG.number) == Literal("20-CT/TW")
    assert g.value(inst("20-ct-tw"), MKG.issuedBy) == agency("party-secretariat")
    # "Theo đề nghị của Bộ trưởng Bộ Lao động - Thương binh và Xã hội."
    assert set(g.objects(doc, MKG.proposedBy)) == {agency("molisa")}


def test_ocr_plan_139(graphs: dict) -> None:
    g, _ = graphs["004"]
    plan = ID["plan/139-kh-tu"]
    assert (plan, RDF.type, MKG.Plan) in g
    assert (inst("139-kh-tu"), None, None) not in g  # the plan is the numbered document
    assert g.value(plan, MKG.number) == Literal("139-KH/TU")
    assert g.value(plan, MKG.documentType) == Literal("Kế hoạch", lang="vi")
    # "S6 139 - KH/TU Hai Duong, ngay 31 théng 3 ndm 2023"
    assert g.value(plan, MKG.dateIssued) == day("2023-03-31")
    assert g.value(plan, MKG.placeIssued) == Literal("Hải Dương", lang="vi")
    assert set(g.objects(plan, MKG.issuedBy)) == {agency("hai-duong-party-committee")}
    assert g.value(plan, MKG.signedBy) is None  # the file is cut off before any signature


def test_139_links_to_directives_20_and_16(graphs: dict) -> None:
    g, _ = graphs["004"]
    plan = ID["plan/139-kh-tu"]
    assert (plan, MKG.implements, inst("20-ct-tw")) in g
    assert (plan, MKG.refersTo, inst("16-ct-tw")) in g
    # "Chi thi s& 20-CT/TW, ngay 12/12/2022"; "Chi thi s6 16-CT/TW, ngdy 08/5/2012"
    assert g.value(inst("20-ct-tw"), MKG.dateIssued) == day("2022-12-12")
    assert g.value(inst("16-ct-tw"), MKG.dateIssued) == day("2012-05-08")
    # that 20 follows 16 is a reference fact, loaded with the reference data
    assert (inst("20-ct-tw"), MKG.precededBy, None) not in g
    assert (inst("20-ct-tw"), MKG.refersTo, inst("20-ct-tw")) not in g


@pytest.mark.parametrize("stem", ["001", "003"])
def test_news_pages_have_no_header(graphs: dict, stem: str) -> None:
    g, _ = graphs[stem]
    assert len(g) == 0


def test_every_instrument_has_provenance_and_labels(graphs: dict) -> None:
    for stem in ("000", "002", "004"):
        g, _ = graphs[stem]
        for node in set(g.subjects(RDF.type, MKG.Instrument)) | set(g.subjects(RDF.type, MKG.Plan)):
            assert g.value(node, MKG.sourceLineStart) is not None, node
            number = g.value(node, MKG.number)
            if number is not None:
                langs = {lbl.language for lbl in g.objects(node, RDFS.label)}
                # English labels of reference instruments come with the reference facts
                wanted = {"vi"} if str(number) in reference_instruments() else {"vi", "en"}
                assert wanted <= langs, node


def test_a_document_without_signature_or_bases(resolver: Resolver) -> None:
    lines = [
        "CHÍNH PHỦ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 9/NQ-CP",
        "Hà Nội, ngày 5 tháng 1 năm 2024",
        "NGHỊ QUYẾT",
        "",
        "Về một việc",
        "",
        "Điều 1. Nội dung.",
    ]
    g, report = load(SourceText(Path("x.txt"), lines), resolver)
    doc = inst("9-nq-cp")
    assert g.value(doc, MKG.dateIssued) == Literal(date(2024, 1, 5).isoformat(), datatype=XSD.date)
    assert g.value(doc, MKG.title) == Literal("Về một việc", lang="vi")
    assert g.value(doc, MKG.signedBy) is None
    assert g.value(doc, MKG.legalBasis) is None
    assert report.unresolved_mentions == []


# A letter signed on a minister's behalf by the head of a department: the office printed
# under "TL. BỘ TRƯỞNG" is the signer's role, not the minister's title above it.
_SIGNED_FOR = """\
BỘ NGOẠI GIAO
Số: 12/BNG-LS
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 05 tháng 5 năm 2013
V/v cấp hộ chiếu công vụ
Kính gửi: Các Bộ, cơ quan ngang Bộ
Bộ Ngoại giao đề nghị Quý Cơ quan cho biết ý kiến trước ngày 05/6/2013./.
Nơi nhận:
- Như trên;
- Lưu: VT, LS.
TL. BỘ TRƯỞNG
CỤC TRƯỞNG CỤC LÃNH SỰ
Nguyễn Văn An
"""


def test_the_signer_holds_the_office_printed_under_the_capacity() -> None:
    source = SourceText(Path("letter.txt"), _SIGNED_FOR.split("\n"))
    (seg,) = [s for s in document_split.split(source, BuildReport()) if s.kind == "instrument"]
    signer = header.read_header(seg).signer
    assert signer is not None
    assert (signer.name, signer.role) == ("Nguyễn Văn An", "CỤC TRƯỞNG CỤC LÃNH SỰ")
    assert (signer.role_line, signer.line) == (12, 14)
