"""The table reader on small synthetic tables: header, page breaks, groups, bad rows."""

from __future__ import annotations

from pathlib import Path

from expect import present
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from loaders import registry, table
from loaders.base import EmitContext, Segment, SourceText
from loaders.gazetteer import Gazetteer
from loaders.report import BuildReport
from loaders.resolver import Resolver
from loaders.tasks import TableIssue, Task
from migkg import iris
from migkg.namespaces import MKG

H402 = "STT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tKết quả dự kiến\tThời gian hoàn thành dự kiến"  # noqa: E501
H225 = "STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tKết quả\tThời gian"


def segment(lines: list[str], plan: str | None = "99/QĐ-TTg") -> Segment:
    source = SourceText(path=Path("synthetic.txt"), lines=lines)
    return Segment(
        source=source, start=1, end=len(lines), kind="instrument", number=plan, plan_number=plan
    )


def tasks(facts: list) -> dict[str, Task]:
    return {f.code: f for f in facts if isinstance(f, Task)}


def issues(facts: list) -> list[TableIssue]:
    return [f for f in facts if isinstance(f, TableIssue)]


def emit(seg: Segment, facts: list) -> tuple[Graph, BuildReport]:
    graph, report = Graph(), BuildReport()
    ctx = EmitContext(graph=graph, segment=seg, resolver=Resolver(Gazetteer.load()), report=report)
    for fact in facts:
        fact.emit(ctx)
    return graph, report


def test_registered_for_instrument_segments():
    loader = registry.get("table")
    assert "instrument" in loader.KINDS
    assert loader.parse is table.parse


def test_header_found_by_names_in_any_order():
    h = table.read_header(H402.split("\t"), 7)
    assert h is not None
    assert h.columns == {
        "code": 0,
        "content": 1,
        "lead": 2,
        "cooperating": 3,
        "output": 4,
        "time": 5,
    }
    shuffled = "STT\tNhiệm vụ\tThời gian\tCơ quan chủ trì\tKết quả\tCơ quan phối hợp".split("\t")
    h = table.read_header(shuffled, 1)
    assert h is not None
    assert (h.columns["time"], h.columns["lead"], h.columns["cooperating"]) == (2, 3, 5)
    # bold and accent-less headers are headers too
    assert table.read_header("**STT**\t**Nhiem vu**\tCo quan chu tri\tThoi gian".split("\t"), 1)


def test_not_a_header():
    assert table.read_header("1\tNội dung\tBộ Ngoại giao\t2020-2030".split("\t"), 1) is None
    # no lead-agency column: not a task table
    assert table.read_header("STT\tNội dung\tGhi chú\tThời gian".split("\t"), 1) is None


def test_title_lines_are_not_rows_and_a_prose_line_ends_the_table():
    lines = [
        "Phụ lục",
        "MỘT SỐ NHIỆM VỤ CỤ THỂ",
        "(Ban hành kèm theo Quyết định số 99/QĐ-TTg ngày 1 tháng 1 năm 2020)",
        "",
        H402,
        "1\tNhóm một\t\t\t\t",
        "1.1\tViệc một\tBộ Ngoại giao\tBộ Tư pháp\tBáo cáo\t2020-2025",
        "",
        "Nơi nhận:",
        "2\tKhông phải hàng của bảng\tBộ Y tế\t\t\t2020",
    ]
    facts = table.parse(segment(lines))
    assert sorted(tasks(facts)) == ["1", "1.1"]
    assert issues(facts) == []


def test_continuation_after_page_break_and_repeated_header():
    lines = [
        H225,  # 1
        "<b>I. Nhóm thứ nhất</b>\t\t\t\t\t",  # 2
        "1\tThông tin đầy đủ về thị trường có\tBộ Thông tin và Truyền thông\tBộ Lao động – Thương binh và\tVăn bản chỉ đạo\tHàng năm",  # noqa: E501
        "",  # 4
        H225,  # 5: the header again after the page break
        "\tđiều kiện làm việc tốt.\t\tXã hội, các Bộ, ngành liên quan\tphóng sự\t",  # 6
        "2\tViệc thứ hai\tBộ Công an\tBộ Ngoại giao\tBáo cáo\tGiai đoạn 2023-2030",  # 7
        "<b>II. Nhóm thứ hai</b>\t\t\t\t\t",  # 8
        "1\tViệc thứ ba\tBộ Tư pháp\t\tBáo cáo\t2025-2030",  # 9
    ]
    got = tasks(table.parse(segment(lines, "225/NQ-CP")))
    assert list(got) == ["I", "I.1", "I.2", "II", "II.1"]
    one = got["I.1"]
    assert one.label == "Thông tin đầy đủ về thị trường có điều kiện làm việc tốt."
    assert one.cooperating == "Bộ Lao động – Thương binh và Xã hội, các Bộ, ngành liên quan"
    assert one.output == "Văn bản chỉ đạo phóng sự"
    assert (one.start, one.end) == (3, 6)
    assert one.timeframe is not None and one.timeframe.text == "Hàng năm"
    assert got["I"].is_group and got["I"].label == "Nhóm thứ nhất"
    assert (got["I"].start, got["I"].end) == (2, 2)
    assert got["I.1"].parent_code == "I"
    assert got["II.1"].parent_code == "II"
    assert got["II"].parent_code is None
    # the plan's period is the span of the years stated (2023-2030): "Hàng năm" takes it
    tf = present(got["I.1"].timeframe)
    assert (tf.start_year, tf.end_year, tf.from_plan) == (2023, 2030, True)


def test_numeric_groups_codes_as_printed_and_parents_by_prefix():
    lines = [
        H402,
        "3\tNhóm ba\t\t\t\t",
        "3.2\tNhóm con\t\t\t\t",
        "",
        "3.2.3\tViệc\tBộ Tư pháp\tBộ Công an\tTờ trình\t2020-2023",
        "4.\tNhóm bốn\t\t\t\t",
        "4.1\tViệc\tBộ Ngoại giao\t\tBáo cáo\t2020-2030",
        "5.2\tViệc có con\tCác bộ, cơ quan, địa phương liên quan\t\tBáo cáo\tThường xuyên",
        "5.2.1\tViệc con\tBộ Công an\t\tBáo cáo\t2020-2030",
    ]
    got = tasks(table.parse(segment(lines)))
    assert list(got) == ["3", "3.2", "3.2.3", "4", "4.1", "5.2", "5.2.1"]
    assert got["3.2.3"].parent_code == "3.2"
    assert got["3.2"].parent_code == "3"
    assert got["4.1"].parent_code == "4"
    assert got["5.2.1"].parent_code == "5.2"
    assert got["5.2"].parent_code is None  # no row "5" printed
    assert [c for c, t in got.items() if t.is_group] == ["3", "3.2", "4"]
    assert got["5.2"].is_group is False


def test_marks_removed_from_cells():
    lines = [
        "## " + H225,
        "1\t**Việc   in đậm**\t<b>Bộ Ngoại giao</b>\t\t# Báo cáo\t**Hằng năm**",
    ]
    got = tasks(table.parse(segment(lines)))
    assert got["1"].label == "Việc in đậm"
    assert got["1"].lead == "Bộ Ngoại giao"
    assert got["1"].output == "Báo cáo"
    assert present(got["1"].timeframe).text == "Hằng năm"


def test_row_with_missing_column_is_reported_with_its_line_not_shifted():
    lines = [
        H402,  # 1
        "1\tNhóm\t\t\t\t",  # 2
        "1.1\tViệc đủ cột\tBộ Ngoại giao\tBộ Tư pháp\tBáo cáo\t2020-2025",  # 3
        "1.2\tViệc thiếu cột\tBộ Ngoại giao\tBáo cáo\t2020-2030",  # 4: 5 cells of 6
        "1.3\tViệc sau\tBộ Công an\tBộ Tư pháp\tBáo cáo\t2020-2030",  # 5
    ]
    seg = segment(lines)
    facts = table.parse(seg)
    assert sorted(tasks(facts)) == ["1", "1.1", "1.3"]
    assert tasks(facts)["1.3"].lead == "Bộ Công an"
    _graph, report = emit(seg, issues(facts))
    assert [(i.file, i.line) for i in report.skipped] == [("synthetic.txt", 4)]
    assert "5 of the header's 6 columns" in report.skipped[0].message


def test_short_row_completed_by_its_continuation_is_kept():
    lines = [
        H402,
        "1.1\tViệc bị ngắt\tBộ Ngoại giao",
        "",
        "\ttrang sau\t\tBộ Tư pháp\tBáo cáo\t2020-2030",
    ]
    facts = table.parse(segment(lines))
    assert issues(facts) == []
    got = tasks(facts)["1.1"]
    assert (got.label, got.cooperating, got.start, got.end) == (
        "Việc bị ngắt trang sau",
        "Bộ Tư pháp",
        2,
        4,
    )


def test_row_without_code_and_orphan_continuation_are_reported():
    lines = [H402, "\tmồ côi\t\t\t\t", "x\tViệc\tBộ Ngoại giao\t\t\t2020-2030"]
    facts = table.parse(segment(lines))
    assert tasks(facts) == {}
    assert [i.line for i in issues(facts)] == [2, 3]


def test_table_in_a_document_without_number_is_reported():
    facts = table.parse(segment([H402, "1.1\tViệc\tBộ Ngoại giao\t\t\t2020-2030"], plan=None))
    assert tasks(facts) == {}
    assert [i.line for i in issues(facts)] == [1]


def test_emit_writes_task_group_plan_and_provenance():
    lines = [H402, "1\tNhóm\t\t\t\t", "1.1\tViệc một\tBộ Ngoại giao\t\tBáo cáo\tkhông rõ"]
    seg = segment(lines)
    graph, report = emit(seg, table.parse(seg))
    plan = iris.plan("99/QĐ-TTg")
    group, task = iris.task("99/QĐ-TTg", "1"), iris.task("99/QĐ-TTg", "1.1")
    assert (plan, RDF.type, MKG.Plan) in graph
    assert (group, RDF.type, MKG.TaskGroup) in graph
    assert (task, RDF.type, MKG.Task) in graph
    assert (task, MKG.parentTask, group) in graph
    assert (plan, MKG.hasTask, task) in graph and (task, MKG.taskOf, plan) in graph
    assert (task, RDFS.label, Literal("Việc một", lang="vi")) in graph
    assert (task, MKG.expectedOutput, Literal("Báo cáo", lang="vi")) in graph
    assert (task, MKG.sourceLineStart, Literal(3)) in graph
    # an unparseable timeframe: text kept, no years, a warning with file and line
    assert (task, MKG.timeframeText, Literal("không rõ")) in graph
    assert graph.value(task, MKG.startYear) is None
    assert [(w.file, w.line) for w in report.warnings if "timeframe" in w.message] == [
        ("synthetic.txt", 3)
    ]


def test_group_row_with_trimmed_tabs_is_a_group():
    lines = [H402, "2\tNhóm hai", "2.1\tViệc\tBộ Ngoại giao\t\tBáo cáo\t2020-2030"]
    facts = table.parse(segment(lines))
    assert issues(facts) == []
    got = tasks(facts)
    assert got["2"].is_group and got["2.1"].parent_code == "2"


def test_year_less_rows_in_a_table_without_years_are_reported():
    lines = [H225, "1\tViệc\tBộ Ngoại giao\t\tBáo cáo\tHằng năm"]
    seg = segment(lines)
    graph, report = emit(seg, table.parse(seg))
    t = iris.task("99/QĐ-TTg", "1")
    assert graph.value(t, MKG.recurrence) == MKG.Annual
    assert graph.value(t, MKG.startYear) is None
    assert graph.value(t, MKG.periodFromPlan) is None
    assert [(w.line, "names no years" in w.message) for w in report.warnings] == [(2, True)]


def test_marks_on_a_continuation_piece_are_removed_too():
    lines = [H225, "1\t**Phần đầu**\tBộ Ngoại giao\t\t\tHằng năm", "", "\t**phần sau**\t\t\t\t"]
    assert tasks(table.parse(segment(lines)))["1"].label == "Phần đầu phần sau"
