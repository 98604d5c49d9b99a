"""Decision 402/QĐ-TTg (corpus file 000): every appendix task, as printed.

Expected values were read from the appendix of the document (file lines 205-298):
codes, groups, agencies, outputs, timeframes and the lines each row occupies.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from appendix import appendix_graph
from expect import literal
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from loaders.report import BuildReport
from migkg import iris
from migkg.namespaces import MKG

PLAN = "402/QĐ-TTg"
FILE = Path(__file__).resolve().parent.parent / "corpus" / "000_2ea71573e8b386bf.txt"

GROUPS = ["1", "2", "3", "3.2", "3.3", "3.5", "4", "5"]
TASKS = (
    [f"1.{i}" for i in range(1, 9)]
    + [f"2.{i}" for i in range(1, 7)]
    + ["3.1"]
    + [f"3.2.{i}" for i in range(1, 7)]
    + [f"3.3.{i}" for i in range(1, 18)]
    + ["3.4"]
    + [f"3.5.{i}" for i in range(1, 7)]
    + [f"4.{i}" for i in range(1, 8)]
    + ["5.1", "5.2"]
    + [f"5.2.{i}" for i in range(1, 6)]
    + ["5.3", "5.4"]
)


@pytest.fixture(scope="module")
def built() -> tuple[Graph, BuildReport]:
    return appendix_graph(FILE, PLAN, start=44)


@pytest.fixture(scope="module")
def graph(built) -> Graph:
    return built[0]


def task(code: str) -> URIRef:
    return iris.task(PLAN, code)


def agency(key: str) -> URIRef:
    return iris.agency(key)


def codes(graph: Graph, cls: URIRef) -> set[str]:
    return {str(graph.value(t, MKG.code)) for t in graph.subjects(RDF.type, cls)}


def year(graph: Graph, code: str, prop: URIRef) -> int | None:
    value = graph.value(task(code), prop)
    return None if value is None else literal(value).toPython()


def test_61_tasks_and_8_groups_with_the_printed_codes(graph):
    assert len(TASKS) == 61
    assert codes(graph, MKG.Task) == set(TASKS)
    assert codes(graph, MKG.TaskGroup) == set(GROUPS)
    assert not set(graph.subjects(RDF.type, MKG.Task)) & set(
        graph.subjects(RDF.type, MKG.TaskGroup)
    )


def test_every_row_belongs_to_the_plan(graph):
    plan = iris.plan(PLAN)
    assert plan == URIRef("https://w3id.org/migkg/id/plan/402-qd-ttg")
    assert (plan, RDF.type, MKG.Plan) in graph
    for code in TASKS + GROUPS:
        assert (task(code), MKG.taskOf, plan) in graph
        assert (plan, MKG.hasTask, task(code)) in graph
    assert str(task("3.2.3")) == "https://w3id.org/migkg/id/task/402-qd-ttg/3.2.3"


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        ("3.2.3", "3.2"),
        ("3.2", "3"),
        ("3.3.17", "3.3"),
        ("3.5.6", "3.5"),
        ("5.2.1", "5.2"),
        ("5.2.5", "5.2"),
        ("5.2", "5"),
        ("4.1", "4"),  # group printed "4."
        ("1.8", "1"),
        ("3.4", "3"),
    ],
)
def test_parents_by_printed_code(graph, child, parent):
    assert graph.value(task(child), MKG.parentTask) == task(parent)


def test_top_groups_have_no_parent(graph):
    for code in ("1", "2", "3", "4", "5"):
        assert graph.value(task(code), MKG.parentTask) is None


def test_row_with_agencies_and_children_stays_a_task(graph):
    assert (task("5.2"), RDF.type, MKG.Task) in graph
    assert (task("5.2"), RDF.type, MKG.TaskGroup) not in graph
    assert (task("5.2"), MKG.leadAgency, agency("relevant-bodies")) in graph


def test_group_labels(graph):
    assert graph.value(task("4"), RDFS.label) == Literal(
        "Công tác nghiên cứu, dự báo về tình hình di cư, chủ trương, chính sách của các quốc gia "
        "và vùng lãnh thổ về di cư",
        lang="vi",
    )
    assert graph.value(task("4"), MKG.code) == Literal("4")
    assert graph.value(task("3.2"), MKG.leadAgency) is None


# code → (lead keys, cooperating keys), read from the cells of each row
AGENCIES = {
    "1.1": ({"mofa"}, {"relevant-bodies", "vff", "vwu", "vcci"}),
    "1.3": ({"mic"}, {"mofa", "relevant-bodies", "vff"}),  # "Mặt trận Tổ" / "quốc Việt Nam"
    "1.4": ({"mic", "mofa", "vff", "vwu", "cema"}, {"relevant-bodies"}),
    "1.8": ({"vff"}, {"socio-political-organisations"}),
    "2.1": (
        {"relevant-bodies", "provincial-peoples-committees", "overseas-missions"},
        {"mofa"},
    ),
    "2.3": ({"mpi"}, {"mofa", "relevant-bodies"}),
    "3.1": ({"mofa"}, {"moj", "mps", "molisa", "moet", "relevant-bodies"}),
    "3.2.3": ({"molisa"}, {"relevant-bodies"}),
    "3.3.5": (
        {"mps"},
        {"mofa", "molisa", "moet", "provincial-peoples-committees", "relevant-bodies"},
    ),
    "3.3.17": (
        {"vwu"},
        {"relevant-bodies", "socio-political-organisations", "socio-professional-organisations"},
    ),
    "3.5.2": ({"monre", "mard"}, {"relevant-bodies"}),
    "3.5.3": ({"molisa"}, {"relevant-bodies", "vss"}),
    "3.5.4": ({"cema"}, {"vff", "relevant-bodies", "socio-political-organisations"}),
    "4.6": ({"mofa"}, {"relevant-bodies", "overseas-missions"}),
    "5.2.2": ({"molisa", "moet", "provincial-peoples-committees"}, {"relevant-bodies"}),
    "5.2.5": ({"vss"}, {"relevant-bodies"}),
}


@pytest.mark.parametrize("code", sorted(AGENCIES))
def test_lead_and_cooperating_agencies(graph, code):
    lead, coop = AGENCIES[code]
    assert set(graph.objects(task(code), MKG.leadAgency)) == {agency(k) for k in lead}
    assert set(graph.objects(task(code), MKG.cooperatingAgency)) == {agency(k) for k in coop}


def test_every_task_has_a_lead_and_no_mention_is_left_unresolved(built):
    graph, report = built
    for code in TASKS:
        assert graph.value(task(code), MKG.leadAgency) is not None, code
    assert [str(i) for i in report.unresolved_mentions] == []


def test_labels_joined_across_the_page_break(graph):
    label = str(graph.value(task("1.3"), RDFS.label))
    assert label.startswith("Hướng dẫn thực hiện các chương trình phát thanh truyền hình")
    assert label.endswith("các rủi ro trong quá trình di cư; quyền và lợi ích của người di cư...).")
    assert graph.value(task("3.2.6"), RDFS.label).endswith(
        "về xúc tiến bình đẳng cơ may và đối xử đối với người lao động di cư; Công ước số 181 "
        "năm 1997 của ILO về các cơ quan dịch vụ việc làm tư nhân; Nghị định thư bổ sung "
        "Công ước số 29 năm 1930 của ILO về lao động cưỡng bức."
    )
    assert graph.value(task("3.2.3"), RDFS.label) == Literal(
        "Nghiên cứu gia nhập Công ước cơ bản số 87 năm 1948 của Tổ chức Lao động thế giới (ILO) "
        "về Quyền tự do hiệp hội và Công ước số 105 năm 1957 của ILO về Xóa bỏ lao động "
        "cưỡng bức.",
        lang="vi",
    )


@pytest.mark.parametrize(
    ("code", "output"),
    [
        ("1.3", "Các bài viết, bài nói, bài phỏm"),
        ("1.8", "Hoạt động tuyên truyền"),
        ("2.4", "Án phẩm hồ sơ di cư Việt Nam"),
        ("3.1", "Báo cáo rà soát pháp luật"),
        ("3.2.3", "Tờ trình phê chuẩn công ước quốc tế"),
        ("3.3.9", "Báo cáo Trình Thủ tướng Chính phủ"),
        ("3.4", "Báo cáo kết quả thực hiện Kế hoạch này"),
        ("3.5.4", "Báo cáo /Đề án trình cấp có thẩm quyền"),
        ("4.2", "Báo cáo trình Thủ tướng Chính phủ"),
    ],
)
def test_expected_outputs(graph, code, output):
    assert graph.value(task(code), MKG.expectedOutput) == Literal(output, lang="vi")


def test_biennial_2_4(graph):
    t = task("2.4")
    assert graph.value(t, MKG.timeframeText) == Literal(
        "Định kỳ 2 năm/lần, bắt đầu từ năm 2020 đến 2030"
    )
    assert (year(graph, "2.4", MKG.startYear), year(graph, "2.4", MKG.endYear)) == (2020, 2030)
    assert graph.value(t, MKG.recurrence) == MKG.Biennial


def test_every_five_years_3_1(graph):
    assert graph.value(task("3.1"), MKG.recurrence) == MKG.EveryFiveYears
    assert (year(graph, "3.1", MKG.startYear), year(graph, "3.1", MKG.endYear)) == (2020, 2030)


def test_2_5_window_then_review_update_until_2030(graph):
    # "2020-2024; định kỳ rà soát, cập nhật cho đến 2030": no frequency for the review
    t = task("2.5")
    assert graph.value(t, MKG.timeframeText) == Literal(
        "2020-2024; định kỳ rà soát, cập nhật cho đến 2030"
    )
    # the task spans its phases: implementation 2020-2024, then the review to 2030
    assert (year(graph, "2.5", MKG.startYear), year(graph, "2.5", MKG.endYear)) == (2020, 2030)
    assert year(graph, "2.5", MKG.reviewUntilYear) == 2030
    assert graph.value(t, MKG.reviewRecurrence) is None


def test_annual_review_across_page_break_3_3_9(graph):
    t = task("3.3.9")
    assert graph.value(t, MKG.timeframeText) == Literal(
        "2020-2025; định kỳ rà soát hàng năm cho đến 2030"
    )
    assert graph.value(t, MKG.reviewRecurrence) == MKG.Annual
    assert year(graph, "3.3.9", MKG.reviewUntilYear) == 2030
    # the review runs to 2030, so the task does too (it is no longer a one-off ending 2025)
    assert year(graph, "3.3.9", MKG.endYear) == 2030
    assert graph.value(t, MKG.recurrence) is None


def test_3_3_14_review_without_until_year(graph):
    assert graph.value(task("3.3.14"), MKG.timeframeText) == Literal(
        "2020-2030; định kỳ rà soát hàng năm"
    )
    assert graph.value(task("3.3.14"), MKG.reviewRecurrence) == MKG.Annual
    assert graph.value(task("3.3.14"), MKG.reviewUntilYear) is None


def test_continuous_during_the_gcm_takes_the_plan_period(graph):
    # 1.1, 1.2, 1.5: "Thường xuyên trong thời gian triển khai Thỏa thuận GCM"; the table's
    # years span 2020-2030
    for code in ("1.1", "1.2", "1.5"):
        t = task(code)
        assert graph.value(t, MKG.recurrence) == MKG.Continuous
        assert (year(graph, code, MKG.startYear), year(graph, code, MKG.endYear)) == (2020, 2030)
        assert graph.value(t, MKG.periodFromPlan) == Literal(True)


def test_continuous_with_its_own_period_is_not_from_plan(graph):
    assert graph.value(task("4.1"), MKG.recurrence) == MKG.Continuous
    assert graph.value(task("4.1"), MKG.periodFromPlan) is None
    assert year(graph, "4.1", MKG.startYear) == 2020


def test_window_before_plan_end_is_one_off(graph):
    assert graph.value(task("3.2.3"), MKG.recurrence) == MKG.OneOff
    assert (year(graph, "3.2.3", MKG.startYear), year(graph, "3.2.3", MKG.endYear)) == (
        2020,
        2023,
    )
    assert graph.value(task("2.3"), MKG.recurrence) == MKG.OneOff  # 2020-2022
    assert graph.value(task("1.4"), MKG.recurrence) is None  # 2020-2030: no frequency given


def test_years_are_integers(graph):
    assert graph.value(task("2.3"), MKG.endYear) == Literal(2022, datatype=XSD.integer)


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("1.1", 207, 207),
        ("1.3", 209, 211),
        ("1.8", 216, 218),
        ("2.4", 223, 225),
        ("3.2.1", 232, 232),
        ("3.2.6", 237, 239),
        ("3.3.9", 250, 252),
        ("4.", 275, 275),
        ("5.2.2", 291, 293),
        ("5.4", 298, 298),
    ],
)
def test_provenance_line_spans(graph, code, start, end):
    t = task(code.rstrip("."))
    doc = iris.document("000_2ea71573e8b386bf")
    assert (t, PROV.wasDerivedFrom, doc) in graph
    assert graph.value(t, MKG.sourceLineStart).toPython() == start
    assert graph.value(t, MKG.sourceLineEnd).toPython() == end


def test_conventions_named_in_3_2_3(graph):
    refs = set(graph.objects(task("3.2.3"), MKG.refersTo))
    assert {iris.instrument("ILO-C087"), iris.instrument("ILO-C105")} <= refs
    mentions = set(graph.subjects(MKG.mentionedIn, task("3.2.3")))
    resolved = {graph.value(m, MKG.resolvedTo) for m in mentions}
    assert resolved == refs
    for m in mentions:
        assert (m, RDF.type, MKG.Mention) in graph
        assert graph.value(m, MKG.sourceLineStart).toPython() == 234
