"""The document model of the shipped documents (expected values read from the files)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from expect import present

from loaders import parse, pipeline, reading
from loaders.document import Document
from loaders.gazetteer import Gazetteer
from loaders.report import BuildReport
from loaders.resolver import Resolver


def _docs(corpus_dir: Path, stem: str) -> list[Document]:
    path = next(corpus_dir.glob(f"{stem}_*.txt"))
    return parse.parse(reading.read_source(path), BuildReport())


def test_the_letter_of_file_000(corpus_dir: Path) -> None:
    letter, _decision = _docs(corpus_dir, "000")
    h = letter.header
    assert h.motto == "state"
    # "UBND TỈNH KIÊN GIANG" (3) over "VĂN PHÒNG" (4), "Số: 1692 /VP-VHXH" (5)
    assert (
        h.issuer
        and h.issuer_parent
        and h.number
        and h.place
        and h.province
        and h.doc_type
        and h.title
    )
    assert (h.issuer.value, h.issuer.line) == ("VĂN PHÒNG", 4)
    assert (h.issuer_parent.value, h.issuer_parent.line) == ("UBND TỈNH KIÊN GIANG", 3)
    assert (h.number.value, h.serial, h.year, h.symbol) == ("1692/VP-VHXH", "1692", None, "VP-VHXH")
    # "Kiên Giang, ngày 26 tháng 3 năm 2020" (10)
    assert (h.date, h.date_line, h.place.value) == (dt.date(2020, 3, 26), 10, "Kiên Giang")
    assert h.province.value == "Kiên Giang"
    assert h.doc_type.value == "Công văn"
    assert h.title.value.startswith("V/v tham mưu thực hiện Kế hoạch")
    # "CHÁNH VĂN PHÒNG" (33) … "Huynh Vĩnh Lạc" (37); five recipients under "Nơi nhận:"
    assert letter.signature is not None
    assert (letter.signature.role, letter.signature.name) == ("CHÁNH VĂN PHÒNG", "Huynh Vĩnh Lạc")
    assert letter.signature.span.end == 37
    assert [r.value for r in letter.recipients][:2] == ["Như trên", "CT và các PCT UBND tỉnh"]
    assert not letter.truncated and letter.warnings == []


def test_the_decision_402_body_tree(corpus_dir: Path) -> None:
    _letter, decision = _docs(corpus_dir, "000")
    h = decision.header
    assert h.issuer and h.doc_type and h.place and h.title
    assert h.issuer.value == "THỦ TƯỚNG CHÍNH PHỦ" and h.issuer_parent is None
    assert (h.doc_type.value, h.doc_type.line) == ("Quyết định", 46)
    assert h.date == dt.date(2020, 3, 20) and h.place.value == "Hà Nội"
    assert h.province is None  # a national body: Hà Nội is where it sits, not its province
    assert h.title.value.endswith("Di cư hợp pháp, an toàn và trật tự của Liên hợp quốc")
    bases = [n for n in decision.body.children if n.kind == "basis"]
    # "Căn cứ Luật …" (53), "Căn cứ Quyết định số 1676 …" (55), "Xét đề nghị …" (57)
    assert [b.span.start for b in bases] == [53, 55, 57]
    articles = list(decision.body.find("article"))
    assert [a.label for a in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    # Điều 1 holds the plan: parts I., II., III. with their items and points
    parts = [n for n in articles[0].children if n.kind == "part"]
    assert [p.label for p in parts] == ["I", "II", "III"]
    first_item = parts[0].children[0]
    assert (first_item.kind, first_item.label, first_item.text) == ("item", "1", "1. Mục đích")
    assert [p.label for p in first_item.children] == ["a", "b", "c"]
    assert any(n.kind == "table" for n in decision.body.walk())
    assert len(decision.recipients) == 12


def test_the_resolution_225_signature_and_bases(corpus_dir: Path) -> None:
    (resolution,) = _docs(corpus_dir, "002")
    h = resolution.header
    assert h.issuer and h.number
    assert h.issuer.value == "CHÍNH PHỦ" and h.number.value == "225/NQ-CP"
    assert h.date == dt.date(2023, 12, 31)
    assert len([n for n in resolution.body.children if n.kind == "basis"]) == 4
    sig = resolution.signature
    assert sig is not None
    # "TM. CHÍNH PHỦ" / "KT. THỦ TƯỚNG" / "PHÓ THỦ TƯỚNG" / "Trần Hồng Hà"
    assert (sig.capacity, sig.role, sig.name) == (
        "TM. CHÍNH PHỦ KT. THỦ TƯỚNG",
        "PHÓ THỦ TƯỚNG",
        "Trần Hồng Hà",
    )


def test_the_ocr_party_plan_is_read_and_marked_cut_off(corpus_dir: Path) -> None:
    (plan,) = _docs(corpus_dir, "004")
    h = plan.header
    assert h.motto == "party"  # "PANG CONG SAN VIET NAM", OCR for ĐẢNG CỘNG SẢN VIỆT NAM
    assert h.number and h.place and h.province and h.doc_type
    assert (h.number.value, h.serial, h.symbol) == ("139-KH/TU", "139", "KH/TU")
    assert h.date == dt.date(2023, 3, 31) and h.place.value == "Hải Dương"
    assert h.province.value == "Hải Dương"
    assert h.doc_type.value == "Kế hoạch"
    # the OCR text ends in section II.4 with no signature: kept, and said so
    assert plan.truncated
    assert any("stops before the signature" in m for _line, m in plan.warnings)
    assert "signature" in plan.parts_missing


def test_news_pages_are_documents_without_a_header(corpus_dir: Path) -> None:
    (page,) = _docs(corpus_dir, "003")
    assert page.kind == "news" and page.header.number is None and page.parts_missing == []


def test_the_pipeline_reports_coverage_per_document(corpus_dir: Path) -> None:
    report = BuildReport()
    path = next(corpus_dir.glob("000_*.txt"))
    pipeline.load_source(reading.read_source(path), Resolver(Gazetteer.load()), report)
    numbers = [d["number"] for d in report.documents]
    assert numbers == ["1692/VP-VHXH", "402/QĐ-TTg"]
    for entry in report.documents:
        assert 0.3 < entry["coverage"] <= 1.0
        assert entry["facts"] > 0 and not entry["no_reportable_fact"]
    lines = report.document_lines()
    assert lines[0].startswith(f"{path.name} 1692/VP-VHXH Công văn: ")
    assert "% of lines read" in lines[0]
    assert report.to_dict()["documents"] == report.documents


def test_tables_and_manifest_facts_reach_the_model() -> None:
    from loaders.base import SourceText
    from loaders.document import Cell, Row, Span, Table

    lines = [
        "Trang tin",
        "",
        "Nội dung\tCơ quan chủ trì",
        "Tuyên truyền\tSở Ngoại vụ",
    ]
    table = Table(
        rows=[
            Row([Cell("Nội dung", 3), Cell("Cơ quan chủ trì", 3)], Span(3, 3)),
            Row([Cell("Tuyên truyền", 4), Cell("Sở Ngoại vụ", 4)], Span(4, 4)),
        ],
        span=Span(3, 4),
        reader="docx",
    )
    meta = {"date": "2020-07-09", "province": "Bắc Kạn", "title": "Kế hoạch"}
    source = SourceText(Path("page.docx"), lines, reader="docx", tables=[table], meta=meta)
    (page,) = parse.parse(source, BuildReport())
    (node,) = page.body.find("table")
    assert node.table is table and node.span == Span(3, 4)
    assert page.header.date == dt.date(2020, 7, 9)
    assert page.header.province
    assert (page.header.province.value, page.header.province.origin) == ("Bắc Kạn", "manifest")


def test_a_news_page_with_nothing_read_is_listed_as_such(corpus_dir: Path) -> None:
    from rdflib import Graph

    from loaders import understanding

    path = next(corpus_dir.glob("003_*.txt"))
    report = BuildReport()
    (page,) = parse.parse(reading.read_source(path), report)
    understanding.record(page, Graph(), report, [])
    (entry,) = report.documents
    assert entry["kind"] == "news" and entry["facts"] == 0 and entry["no_reportable_fact"]
    assert entry["coverage"] == 0.0
    assert report.document_lines() == [f"{path.name} news: 0% of lines read; no reportable fact"]


def test_a_title_that_begins_with_thuc_hien_under_the_type_line() -> None:
    # the header of plan 139-KH/TU (corpus file 004) with its diacritics restored
    from loaders.base import SourceText

    lines = [
        "TỈNH ỦY HẢI DƯƠNG",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 139-KH/TU",
        "Hải Dương, ngày 31 tháng 3 năm 2023",
        "",
        "KẾ HOẠCH",
        "thực hiện Chỉ thị số 20-CT/TW của Ban Bí thư về tăng cường",
        "sự lãnh đạo của Đảng",
        "",
        "Thực hiện Chỉ thị số 20-CT/TW, ngày 12/12/2022 của Ban Bí thư …; Ban Thường vụ Tỉnh ủy "
        "ban hành Kế hoạch triển khai thực hiện như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
    ]
    for first in (lines[6], lines[6].capitalize()):
        (plan,) = parse.parse(
            SourceText(Path("x.txt"), [*lines[:6], first, *lines[7:]]), BuildReport()
        )
        assert plan.header.title and plan.header.province
        assert plan.header.title.value.endswith("về tăng cường sự lãnh đạo của Đảng")
        assert plan.header.motto == "party" and plan.header.province.value == "Hải Dương"
        assert [(n.kind, n.span.start) for n in plan.body.children] == [("basis", 10), ("part", 11)]


def test_a_banner_in_capitals_above_the_page_text_is_not_an_issuer() -> None:
    from loaders.base import SourceText

    lines = [
        "VĂN BẢN PHÁP LUẬT",
        "Tra cứu văn bản theo số hiệu",
        "",
        "THỦ TƯỚNG CHÍNH PHỦ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 402/QĐ-TTg",
        "Hà Nội, ngày 20 tháng 03 năm 2020",
        "QUYẾT ĐỊNH",
    ]
    (doc,) = parse.parse(SourceText(Path("page.txt"), lines), BuildReport())
    assert doc.header.issuer
    assert doc.header.issuer.value == "THỦ TƯỚNG CHÍNH PHỦ" and doc.header.issuer_parent is None
    assert present(doc.header.span).start == 4


def test_a_two_column_header_table_as_the_docx_reader_renders_it() -> None:
    # the header of plan 65/KH-UBND of Cà Mau as a Word table: one row a line, cells by tabs
    from loaders.base import SourceText

    lines = [
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH CÀ MAU\tĐộc lập - Tự do - Hạnh phúc",
        "Số: 65/KH-UBND\tCà Mau, ngày 18 tháng 6 năm 2020",
        "",
        "KẾ HOẠCH",
        "TRIỂN KHAI, THỰC HIỆN KẾ HOẠCH CỦA THỦ TƯỚNG CHÍNH PHỦ",
        "",
        "Thực hiện Quyết định số 402/QĐ-TTg ngày 20/3/2020 của Thủ tướng Chính phủ;",
        "I. MỤC ĐÍCH, YÊU CẦU",
    ]
    (doc,) = parse.parse(SourceText(Path("plan.docx"), lines, reader="docx"), BuildReport())
    h = doc.header
    assert h.issuer and h.number and h.place
    assert h.issuer.value == "ỦY BAN NHÂN DÂN TỈNH CÀ MAU" and h.issuer_parent is None
    assert (h.number.value, h.date, h.place.value) == ("65/KH-UBND", dt.date(2020, 6, 18), "Cà Mau")
    assert [(n.kind, n.span.start) for n in doc.body.children] == [("basis", 8), ("part", 9)]
