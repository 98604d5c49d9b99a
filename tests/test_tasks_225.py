"""Resolution 225/NQ-CP (corpus file 002): every appendix task, as printed.

Expected values were read from the appendix of the document (file lines 168-212): four
Roman-numbered groups whose rows are numbered 1..n, the table header repeated at each
page break, row I.3 split across one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from appendix import appendix_graph
from expect import literal
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from loaders.report import BuildReport
from migkg import iris
from migkg.namespaces import MKG

PLAN = "225/NQ-CP"
FILE = Path(__file__).resolve().parent.parent / "corpus" / "002_cdf9dff2b193bbc4.txt"
SIZES = {"I": 3, "II": 6, "III": 10, "IV": 5}
TASKS = [f"{g}.{i}" for g, n in SIZES.items() for i in range(1, n + 1)]


@pytest.fixture(scope="module")
def built() -> tuple[Graph, BuildReport]:
    return appendix_graph(FILE, PLAN)


@pytest.fixture(scope="module")
def graph(built) -> Graph:
    return built[0]


def task(code: str) -> URIRef:
    return iris.task(PLAN, code)


def agency(key: str) -> URIRef:
    return iris.agency(key)


def years(graph: Graph, code: str) -> tuple[int | None, int | None]:
    start = graph.value(task(code), MKG.startYear)
    end = graph.value(task(code), MKG.endYear)
    return (
        None if start is None else literal(start).toPython(),
        None if end is None else literal(end).toPython(),
    )


def test_24_tasks_in_four_roman_groups(graph):
    assert len(TASKS) == 24
    tasks = {str(graph.value(t, MKG.code)) for t in graph.subjects(RDF.type, MKG.Task)}
    groups = {str(graph.value(t, MKG.code)) for t in graph.subjects(RDF.type, MKG.TaskGroup)}
    assert tasks == set(TASKS)
    assert groups == {"I", "II", "III", "IV"}
    assert str(task("II.4")) == "https://w3id.org/migkg/id/task/225-nq-cp/II.4"


def test_rows_hang_under_their_group(graph):
    for code in TASKS:
        group = code.split(".")[0]
        assert graph.value(task(code), MKG.parentTask) == task(group)
    for group in SIZES:
        assert graph.value(task(group), MKG.parentTask) is None
        assert (iris.plan(PLAN), MKG.hasTask, task(group)) in graph


def test_group_labels_without_marks(graph):
    assert graph.value(task("IV"), RDFS.label) == Literal(
        "Tăng cường công tác thanh tra, kiểm tra, giám sát", lang="vi"
    )
    label = str(graph.value(task("I"), RDFS.label))
    assert label.startswith("Tuyên truyền, nâng cao nhận thức")
    assert "<b>" not in label and "</b>" not in label


def test_i_3_spans_the_page_break(graph):
    t = task("I.3")
    assert set(graph.objects(t, MKG.leadAgency)) == {agency("mic")}
    # "Bộ Lao động – Thương binh và" + (header repeated) + "Xã hội, các Bộ, ngành liên quan"
    assert set(graph.objects(t, MKG.cooperatingAgency)) == {
        agency("molisa"),
        agency("relevant-bodies"),
    }
    label = str(graph.value(t, RDFS.label))
    assert label.startswith(
        "Thông tin đầy đủ, chính xác về thị trường lao động ở nước ngoài, trong đó tập trung "
        "vào các thị trường có điều kiện làm việc tốt"
    )
    assert label.endswith("phù hợp với thị trường lao động ngoài nước và sau khi về nước.")
    assert graph.value(t, MKG.expectedOutput) == Literal(
        "Văn bản chỉ đạo; các chương trình truyền thông, phóng sự, sản phẩm truyền thông",
        lang="vi",
    )
    assert graph.value(t, MKG.sourceLineStart).toPython() == 172
    assert graph.value(t, MKG.sourceLineEnd).toPython() == 175
    assert (t, PROV.wasDerivedFrom, iris.document("002_cdf9dff2b193bbc4")) in graph


def test_iv_3_continues_after_the_repeated_header(graph):
    label = str(graph.value(task("IV.3"), RDFS.label))
    assert "nhạy cảm để chống phá Đảng và Nhà nước; nghiên cứu cơ chế" in label
    assert graph.value(task("IV.3"), MKG.sourceLineEnd).toPython() == 210


# code → (lead keys, cooperating keys), read from the cells of each row
AGENCIES = {
    "I.1": ({"relevant-bodies", "provincial-peoples-committees"}, {"molisa"}),
    "I.2": ({"molisa"}, {"moj", "mofa", "provincial-peoples-committees"}),
    "II.2": ({"molisa"}, {"mofa", "mof"}),
    "II.3": ({"molisa"}, {"mof", "mofa", "mod", "cema", "provincial-peoples-committees"}),
    "III.1": ({"moha"}, {"molisa"}),
    "III.3": ({"provincial-peoples-committees"}, {"molisa", "mpi", "mofa"}),
    "III.5": ({"molisa"}, {"mofa", "moet", "moh", "relevant-bodies"}),
    "III.6": ({"mofa"}, {"molisa"}),  # "Bộ Lao động – Thương binh và xã hội"
    "III.9": ({"molisa"}, {"most", "mic"}),
    "IV.2": ({"mps"}, {"molisa", "mofa", "provincial-peoples-committees"}),
    "IV.5": ({"molisa"}, {"relevant-bodies", "provincial-peoples-committees"}),
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


# rows printed "Hàng năm" or "Hằng năm": annual over the plan's period, the span of the
# years the table states (2023 in "Giai đoạn 2023-2030" … 2030)
ANNUAL = ["I.1", "I.2", "I.3", "II.1", "II.2", "III.4", "III.6", "III.9", "IV.1", "IV.2", "IV.5"]


@pytest.mark.parametrize("code", ANNUAL)
def test_annual_rows_take_the_plan_period(graph, code):
    t = task(code)
    assert str(graph.value(t, MKG.timeframeText)) in {"Hàng năm", "Hằng năm"}
    assert graph.value(t, MKG.recurrence) == MKG.Annual
    assert years(graph, code) == (2023, 2030)
    assert graph.value(t, MKG.periodFromPlan) == Literal(True)


@pytest.mark.parametrize("code", ["II.5", "III.10", "IV.3"])
def test_continuous_rows_take_the_plan_period(graph, code):
    assert graph.value(task(code), MKG.timeframeText) == Literal("Thường xuyên")
    assert graph.value(task(code), MKG.recurrence) == MKG.Continuous
    assert years(graph, code) == (2023, 2030)
    assert graph.value(task(code), MKG.periodFromPlan) == Literal(True)


@pytest.mark.parametrize(
    ("code", "text", "start", "end"),
    [
        ("II.3", "Giai đoạn 2023-2030", 2023, 2030),
        ("III.1", "Giai đoạn 2025-2030", 2025, 2030),
        ("III.2", "2025-2030", 2025, 2030),
        ("III.5", "Giai đoạn 2023-2025", 2023, 2025),
        ("IV.4", "Giai đoạn 2023-2030", 2023, 2030),
    ],
)
def test_stated_periods(graph, code, text, start, end):
    assert graph.value(task(code), MKG.timeframeText) == Literal(text)
    assert years(graph, code) == (start, end)
    assert graph.value(task(code), MKG.periodFromPlan) is None


def test_iii_5_closes_before_the_plan_and_is_one_off(graph):
    assert graph.value(task("III.5"), MKG.recurrence) == MKG.OneOff


def test_outputs(graph):
    assert graph.value(task("III.1"), MKG.expectedOutput) == Literal(
        "Văn bản pháp luật theo thẩm quyền", lang="vi"
    )
    assert graph.value(task("IV.5"), MKG.expectedOutput) == Literal(
        "Báo cáo kết quả triển khai Kế hoạch", lang="vi"
    )


def test_header_repeats_and_titles_are_not_rows(graph):
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert not any(label.startswith(("STT", "Nhiệm vụ", "CÁC NHIỆM VỤ")) for label in labels)
    assert not any("Kèm theo Kế hoạch" in label for label in labels)
