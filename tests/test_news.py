"""News pages 001 and 003: the event, its people, figures and next steps, and no page noise.

Expected values are read from corpus/001_c4ab6684abae2230.txt and
corpus/003_5b15abab045aece6.txt (line numbers as an editor shows them).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from expect import lang_of
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from loaders import news, registry
from loaders.base import EmitContext, Segment
from loaders.gazetteer import Gazetteer
from loaders.news_body import article
from loaders.reading import read_source
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg import iris
from migkg.namespaces import ID, MKG

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PAGE_2021 = CORPUS / "001_c4ab6684abae2230.txt"
PAGE_2025 = CORPUS / "003_5b15abab045aece6.txt"

EVENT_2025 = ID["event/2025-12-19/hoi-nghi-so-ket-5-nam-402-qd-ttg"]
EVENT_2021 = ID["event/undated/001-c4ab6684abae2230/hoi-nghi-402-qd-ttg"]
PLAN_402 = ID["plan/402-qd-ttg"]


def agency(key: str) -> URIRef:
    return iris.agency(key)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.load())


def load(path: Path, resolver: Resolver) -> tuple[Graph, BuildReport]:
    """The news loader over the whole file as one news segment."""
    source = read_source(path)
    segment = Segment(source=source, start=1, end=len(source.lines), kind="news")
    graph, report = Graph(), BuildReport()
    ctx = EmitContext(graph=graph, segment=segment, resolver=resolver, report=report)
    for fact in news.parse(segment):
        fact.emit(ctx)
    return graph, report


@pytest.fixture(scope="module")
def g2025(resolver: Resolver) -> tuple[Graph, BuildReport]:
    return load(PAGE_2025, resolver)


@pytest.fixture(scope="module")
def g2021(resolver: Resolver) -> tuple[Graph, BuildReport]:
    return load(PAGE_2021, resolver)


def one(graph: Graph, s: Node, p: URIRef) -> Node:
    values = list(graph.objects(s, p))
    assert len(values) == 1, (s, p, values)
    return values[0]


def person_named(graph: Graph, name: str) -> Node:
    found = [
        s for s in graph.subjects(RDFS.label, Literal(name)) if (s, RDF.type, MKG.Person) in graph
    ]
    assert len(found) == 1, (name, found)
    return found[0]


def test_registered_for_news_segments() -> None:
    assert registry.get("news").KINDS == ("news",)


# --- 003: the five-year review of 19 Dec 2025 -------------------------------------------


def test_2025_event_kind_date_organiser(g2025: tuple[Graph, BuildReport]) -> None:
    g, _ = g2025
    assert list(g.subjects(RDF.type, MKG.Event)) == [EVENT_2025]
    # line 1: " date 2025-12-19 Ngày 19/12, Bộ Ngoại giao tổ chức Hội nghị sơ kết 5 năm …"
    assert one(g, EVENT_2025, MKG.eventDate) == Literal("2025-12-19", datatype=XSD.date)
    assert Literal("Hội nghị sơ kết 5 năm", lang="vi") in set(g.objects(EVENT_2025, MKG.eventKind))
    assert any(lang_of(o) == "en" for o in g.objects(EVENT_2025, MKG.eventKind))
    assert one(g, EVENT_2025, MKG.organiser) == agency("mofa")
    assert one(g, EVENT_2025, MKG.reviews) == PLAN_402
    label = str(next(o for o in g.objects(EVENT_2025, RDFS.label) if lang_of(o) == "vi"))
    assert label.startswith("Hội nghị sơ kết 5 năm thực hiện Kế hoạch triển khai Thỏa thuận")


def test_2025_attendance(g2025: tuple[Graph, BuildReport]) -> None:
    g, _ = g2025
    # line 31: "Hội nghị có sự tham dự của khoảng 100 đại biểu …"
    assert one(g, EVENT_2025, MKG.attendance) == Literal(100, datatype=XSD.integer)
    assert str(one(g, EVENT_2025, MKG.attendanceText)) == "khoảng 100 đại biểu"
    assert str(one(g, EVENT_2025, MKG.qualifier)) == "about"


def test_2025_participating_bodies(g2025: tuple[Graph, BuildReport]) -> None:
    g, report = g2025
    participants = set(g.objects(EVENT_2025, MKG.participant))
    # line 31: ministries by short name (Công an, Quốc phòng, Nội vụ, Tư pháp, Y tế,
    # Giáo dục và Đào tạo, Tài chính), the Women's Union, IOM, ILO, GIZ
    for key in ("mps", "mod", "moha", "moj", "moh", "moet", "mof", "vwu", "iom", "ilo", "giz"):
        assert agency(key) in participants, key
    # line 17: "Báo cáo tổng kết 5 năm do lãnh đạo Cục Lãnh sự trình bày"
    assert agency("mofa-consular-department") in participants
    assert report.unresolved_mentions == []


def test_mentions_are_recorded_in_the_event(g2025: tuple[Graph, BuildReport]) -> None:
    g, _ = g2025
    mentions = list(g.subjects(RDF.type, MKG.Mention))
    assert mentions
    for m in mentions:
        assert one(g, m, MKG.mentionedIn) == EVENT_2025
        assert one(g, m, PROV.wasDerivedFrom) == iris.document("003_5b15abab045aece6")
    texts = {str(one(g, m, MKG.mentionText)): m for m in mentions}
    assert one(g, texts["Hội Liên hiệp Phụ nữ Việt Nam"], MKG.resolvedTo) == agency("vwu")
    assert one(g, texts["Quyết định số 402/QĐ-TTg"], MKG.resolvedTo) == ID["instrument/402-qd-ttg"]


def test_2025_localities_as_a_collective_with_their_number(
    g2025: tuple[Graph, BuildReport],
) -> None:
    g, _ = g2025
    collectives = [
        p for p in g.objects(EVENT_2025, MKG.participant) if (p, RDF.type, MKG.CollectiveActor) in g
    ]
    assert len(collectives) == 1
    node = collectives[0]
    assert Literal("31 địa phương", lang="vi") in set(g.objects(node, RDFS.label))
    assert one(g, node, RDF.value) == Literal(31, datatype=XSD.integer)
    assert any(lang_of(label) == "en" for label in g.objects(node, RDFS.label))


def test_2025_people_with_roles(g2025: tuple[Graph, BuildReport]) -> None:
    g, _ = g2025
    hang = person_named(g, "Lê Thị Thu Hằng")
    assert str(one(g, hang, MKG.role)) == "Thứ trưởng Bộ Ngoại giao"
    assert one(g, hang, MKG.memberOf) == agency("mofa")
    rinas = person_named(g, "Kendra Rinas")
    assert str(one(g, rinas, MKG.role)).startswith("Trưởng Phái đoàn Tổ chức Di cư quốc tế")
    assert one(g, rinas, MKG.memberOf) == agency("iom")
    participants = set(g.objects(EVENT_2025, MKG.participant))
    assert {hang, rinas} <= participants
    assert len(list(g.subjects(RDF.type, MKG.Person))) == 2


def figure(g: Graph, value: int) -> Node:
    found = [
        s
        for s in g.subjects(MKG.value, Literal(value, datatype=XSD.integer))
        if (s, RDF.type, MKG.Observation) in g
    ]
    assert len(found) == 1, value
    return found[0]


@pytest.mark.parametrize(
    ("value", "measure"),
    [
        (600000, "người đi làm việc ở nước ngoài theo hợp đồng"),
        (300000, "lao động nước ngoài được cấp giấy phép làm việc tại Việt Nam"),
    ],
)
def test_2025_figures(g2025: tuple[Graph, BuildReport], value: int, measure: str) -> None:
    g, _ = g2025
    # line 11: "từ năm 2020 đến nay, Việt Nam đã có hơn 600.000 người … hơn 300.000 lao động …"
    obs = figure(g, value)
    assert Literal(measure, lang="vi") in set(g.objects(obs, MKG.measure))
    assert any(lang_of(m) == "en" for m in g.objects(obs, MKG.measure))
    assert str(one(g, obs, MKG.qualifier)) == "more than"
    assert one(g, obs, MKG.periodStart) == Literal(2020, datatype=XSD.integer)
    # "đến nay" at an event of 19 Dec 2025
    assert one(g, obs, MKG.periodEnd) == Literal(2025, datatype=XSD.integer)
    assert one(g, obs, MKG.statedAt) == EVENT_2025
    assert one(g, obs, PROV.wasDerivedFrom) == iris.document("003_5b15abab045aece6")
    assert one(g, obs, MKG.sourceLineStart) == Literal(11, datatype=XSD.integer)
    assert len(list(g.subjects(RDF.type, MKG.Observation))) == 2


def steps(g: Graph) -> dict[str, Node]:
    return {str(one(g, s, RDFS.label)): s for s in g.subjects(RDF.type, MKG.NextStep)}


def test_2025_next_steps_of_the_deputy_minister(g2025: tuple[Graph, BuildReport]) -> None:
    g, _ = g2025
    found = steps(g)
    # line 27 lists seven tasks after "gồm", separated by ";"; line 25 has IOM's suggestion
    assert len(found) == 8
    amend = found[
        "sửa đổi, bổ sung Quyết định số 402/QĐ-TTg ngày 20/3/2020 của Thủ tướng Chính phủ"
    ]
    assert set(g.objects(amend, MKG.concerns)) == {ID["instrument/402-qd-ttg"]}
    database = found["hoàn thành xây dựng Cơ sở dữ liệu về di cư"]
    hang = person_named(g, "Lê Thị Thu Hằng")
    for step in (amend, database):
        assert one(g, step, MKG.statedAt) == EVENT_2025
        assert {hang, agency("mofa")} == set(g.objects(step, MKG.proposedBy))
        assert one(g, step, MKG.sourceLineStart) == Literal(27, datatype=XSD.integer)


def test_2025_champion_country_suggestion_of_iom(g2025: tuple[Graph, BuildReport]) -> None:
    g, _ = g2025
    (label, step) = next((k, v) for k, v in steps(g).items() if "Quốc gia đi đầu" in k)
    assert "IMRF" in label and "5/2026" in label
    assert set(g.objects(step, MKG.concerns)) == {ID["instrument/gcm"]}
    assert set(g.objects(step, MKG.proposedBy)) == {person_named(g, "Kendra Rinas"), agency("iom")}


def test_2025_provenance(g2025: tuple[Graph, BuildReport]) -> None:
    g, _ = g2025
    assert one(g, EVENT_2025, PROV.wasDerivedFrom) == iris.document("003_5b15abab045aece6")
    assert one(g, EVENT_2025, MKG.sourceLineStart) == Literal(1, datatype=XSD.integer)
    assert one(g, EVENT_2025, MKG.sourceLineEnd) == Literal(31, datatype=XSD.integer)


# --- 001: the 2021 conference (the page prints no date) ----------------------------------


def test_2021_event_without_a_printed_date(g2021: tuple[Graph, BuildReport]) -> None:
    g, _ = g2021
    assert list(g.subjects(RDF.type, MKG.Event)) == [EVENT_2021]
    assert list(g.objects(EVENT_2021, MKG.eventDate)) == []
    # line 14: "… thế giới đang bước vào năm thứ 2 chống lại đại dịch COVID-19 …"
    notes = [str(n) for n in g.objects(EVENT_2021, SKOS.note)]
    assert any("năm thứ 2" in n and "COVID-19" in n for n in notes)
    assert Literal("Hội nghị", lang="vi") in set(g.objects(EVENT_2021, MKG.eventKind))
    # line 5: "Quyết định số 402/QĐ-TTg ban hành Kế hoạch …"; the conference reviews it
    assert one(g, EVENT_2021, MKG.reviews) == PLAN_402


def test_2021_organiser_from_the_opening_and_the_coordinator(
    g2021: tuple[Graph, BuildReport],
) -> None:
    g, _ = g2021
    # line 6: MOFA's Deputy Minister opened it; line 16: MOFA coordinates the plan
    assert one(g, EVENT_2021, MKG.organiser) == agency("mofa")
    notes = [str(n) for n in g.objects(EVENT_2021, SKOS.note) if lang_of(n) == "en"]
    assert any("opened" in n and "coordinator" in n for n in notes)


def test_2021_attendance_and_bodies(g2021: tuple[Graph, BuildReport]) -> None:
    g, report = g2021
    # line 4: "hơn 110 đại biểu … (Tổ chức Di cư quốc tế, Tổ chức Lao động quốc tế,
    # Cơ quan Liên hợp quốc về bình đẳng giới và trao quyền cho phụ nữ...)"
    assert one(g, EVENT_2021, MKG.attendance) == Literal(110, datatype=XSD.integer)
    assert str(one(g, EVENT_2021, MKG.attendanceText)) == "hơn 110 đại biểu"
    assert str(one(g, EVENT_2021, MKG.qualifier)) == "more than"
    participants = set(g.objects(EVENT_2021, MKG.participant))
    assert {agency("iom"), agency("ilo"), agency("un-women"), agency("mofa")} <= participants
    collective = [p for p in participants if (p, RDF.type, MKG.CollectiveActor) in g]
    assert len(collective) == 1
    label = str(next(o for o in g.objects(collective[0], RDFS.label) if lang_of(o) == "vi"))
    assert label == "các bộ, cơ quan, địa phương (khu vực phía Bắc và miền Trung)"
    assert report.unresolved_mentions == []


def test_2021_people_with_roles(g2021: tuple[Graph, BuildReport]) -> None:
    g, _ = g2021
    dung = person_named(g, "Tô Anh Dũng")
    assert str(one(g, dung, MKG.role)) == "Thứ trưởng Bộ Ngoại giao"
    assert one(g, dung, MKG.memberOf) == agency("mofa")
    park = person_named(g, "Park Mi-Hyung")
    assert str(one(g, park, MKG.role)) == "Trưởng Đại diện Phái đoàn IOM tại Việt Nam"
    assert one(g, park, MKG.memberOf) == agency("iom")
    assert len(list(g.subjects(RDF.type, MKG.Person))) == 2


def test_2021_states_no_figures_and_no_next_steps(g2021: tuple[Graph, BuildReport]) -> None:
    g, _ = g2021
    assert list(g.subjects(RDF.type, MKG.Observation)) == []
    assert list(g.subjects(RDF.type, MKG.NextStep)) == []


NOISE = [
    "Rước xá lợi Phật",
    "Ngày Yoga quốc tế",
    "Tin bài liên quan",
    "Đọc nhiều",
    "Multimedia",
    "Nikkei",
    "Toàn cảnh hội nghị",
    "phát biểu tại hội nghị",
    "Bắc Bling",
    "Hormuz",
    "Vinhomes",
    "[Video]",
    "thoidai.com.vn",
    "Bờ cõi biển đảo",
]


@pytest.mark.parametrize("noise", NOISE)
def test_2021_page_noise_is_not_data(g2021: tuple[Graph, BuildReport], noise: str) -> None:
    g, _ = g2021
    for s, p, o in g:
        for term in (s, p, o):
            assert noise.lower() not in str(term).lower(), (s, p, o)


def test_2021_nothing_comes_from_outside_the_article(g2021: tuple[Graph, BuildReport]) -> None:
    g, _ = g2021
    # the article runs from line 4 to line 16; lines 17-101 are teasers and headline lists
    lines = [int(str(o)) for o in g.objects(None, MKG.sourceLineStart)]
    lines += [int(str(o)) for o in g.objects(None, MKG.sourceLineEnd)]
    assert lines and min(lines) >= 4 and max(lines) <= 16


def test_article_found_by_content() -> None:
    source = read_source(PAGE_2021)
    segment = Segment(source=source, start=1, end=len(source.lines), kind="news")
    paragraphs = article(segment)
    # the paragraphs of the article; not the title (1), teasers (2, 3), captions (8, 13)
    assert [p.line for p in paragraphs] == [4, 5, 6, 9, 10, 11, 14, 15, 16]
    assert paragraphs[-1].text.endswith(
        "Bộ Ngoại giao là cơ quan điều phối triển khai Kế hoạch này."
    )


def test_article_found_wherever_it_sits(tmp_path: Path, resolver: Resolver) -> None:
    """The same article after a different page's menus and before other headlines."""
    original = read_source(PAGE_2021).lines
    page = [
        "Trang chủ",
        "Thời sự",
        "Kinh tế",
        "Mặt trận Tổ quốc Việt Nam xác định nhiệm vụ trọng tâm sau khi bộ máy mới đi vào hoạt động",
        "",
        *original[3:16],
        "Tin cùng chuyên mục",
        "Rước xá lợi Phật: Nhịp cầu văn hóa, tâm linh Việt Nam - Ấn Độ",
        "1.000 người tham gia đồng diễn Ngày Yoga quốc tế 2025 tại Hà Nội",
    ]
    path = tmp_path / "page.txt"
    path.write_text("\n".join(page) + "\n", encoding="utf-8")
    g, _ = load(path, resolver)
    events = list(g.subjects(RDF.type, MKG.Event))
    assert len(events) == 1
    assert one(g, events[0], MKG.sourceLineStart) == Literal(6, datatype=XSD.integer)
    assert one(g, events[0], MKG.sourceLineEnd) == Literal(18, datatype=XSD.integer)
    assert not any("Yoga" in str(o) or "Mặt trận" in str(o) for o in g.objects())


def test_rebuild_gives_the_same_graph(resolver: Resolver) -> None:
    first, _ = load(PAGE_2025, resolver)
    second, _ = load(PAGE_2025, resolver)
    assert set(first) == set(second)
    assert len(first) > 50


def test_page_without_an_article_yields_nothing(tmp_path: Path, resolver: Resolver) -> None:
    path = tmp_path / "menu.txt"
    path.write_text("Tin bài liên quan\nĐọc nhiều\n\nMultimedia\n[Video] Một video\n", "utf-8")
    g, report = load(path, resolver)
    assert len(g) == 0
    assert report.unresolved_mentions == []
