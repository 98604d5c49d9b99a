"""Phases of every appendix row of Decision 402 (file 000) and Resolution 225 (file 002).

Each row's cell is quoted from the corpus; the phases expected are what the cell prints:
a window is an implementation phase; "…; định kỳ rà soát … cho đến 2030" after a window
that ends earlier is a review phase from the next year to 2030 ("hàng năm": annual; no
frequency: none); a review clause with no later year runs alongside the window. A window
closing before the plan's period ends, or followed by a review, is one piece of work
(``OneOff``, the reading documented in loaders/phases.py). Year-less cells take the plan's
period (2020-2030 for 402, 2023-2030 for 225).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from appendix import appendix_graph
from expect import literal
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

from loaders.phases import Phase
from migkg import iris
from migkg.namespaces import MKG

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
IMPL, REV = "implementation", "review"
C, A, ONE = "Continuous", "Annual", "OneOff"

# cell as printed → phases (kind, start, end, recurrence)
CELLS_402: dict[str, list[tuple[str, int, int, str | None]]] = {
    "Thường xuyên trong thời gian triển khai Thỏa thuận GCM": [(IMPL, 2020, 2030, C)],
    "2020-2030": [(IMPL, 2020, 2030, None)],
    "2020-2022": [(IMPL, 2020, 2022, ONE)],
    "2020-2023": [(IMPL, 2020, 2023, ONE)],
    "2020-2025": [(IMPL, 2020, 2025, ONE)],
    "Định kỳ 2 năm/lần, bắt đầu từ năm 2020 đến 2030": [(IMPL, 2020, 2030, "Biennial")],
    "Định kỳ 05 năm/lần, bắt đầu từ năm 2020 đến 2030": [(IMPL, 2020, 2030, "EveryFiveYears")],
    "2020-2024; định kỳ rà soát, cập nhật cho đến 2030": [
        (IMPL, 2020, 2024, ONE), (REV, 2025, 2030, None)],
    "2020-2022; định kỳ rà soát, cập nhật cho đến 2030": [
        (IMPL, 2020, 2022, ONE), (REV, 2023, 2030, None)],
    "2020-2025; định kỳ rà soát, hàng năm cho đến 2030": [
        (IMPL, 2020, 2025, ONE), (REV, 2026, 2030, A)],
    "2020-2025; định kỳ rà soát hàng năm cho đến 2030": [
        (IMPL, 2020, 2025, ONE), (REV, 2026, 2030, A)],
    "2020-2025; định kỳ rà soát và báo cáo hàng năm cho đến 2030": [
        (IMPL, 2020, 2025, ONE), (REV, 2026, 2030, A)],
    "2020-2022; định kỳ rà soát hàng năm cho đến 2030": [
        (IMPL, 2020, 2022, ONE), (REV, 2023, 2030, A)],
    "2020-2030; định kỳ rà soát hàng năm cho đến 2030": [
        (IMPL, 2020, 2030, None), (REV, 2020, 2030, A)],
    "2020-2030; định kỳ rà soát hàng năm": [(IMPL, 2020, 2030, None), (REV, 2020, 2030, A)],
    "2020-2030, định kỳ rà soát hàng năm": [(IMPL, 2020, 2030, None), (REV, 2020, 2030, A)],
    "2020-2025; định kỳ rà soát cho đến 2030": [
        (IMPL, 2020, 2025, ONE), (REV, 2026, 2030, None)],
    "Thường xuyên trong giai đoạn 2020-2030": [(IMPL, 2020, 2030, C)],
}  # fmt: skip

# row code → its timeframe cell, as printed in file 000
ROWS_402 = {
    **dict.fromkeys(
        ["1.1", "1.2", "1.5"], "Thường xuyên trong thời gian triển khai Thỏa thuận GCM"),
    **dict.fromkeys(
        "1.3 1.4 1.6 1.7 1.8 2.1 2.2 3.2.4 3.2.6 3.3.7 3.4 3.5.2 3.5.6".split(), "2020-2030"),
    **dict.fromkeys(["2.3", "3.2.2", "3.5.1"], "2020-2022"),
    "2.4": "Định kỳ 2 năm/lần, bắt đầu từ năm 2020 đến 2030",
    "2.5": "2020-2024; định kỳ rà soát, cập nhật cho đến 2030",
    "2.6": "2020-2022; định kỳ rà soát, cập nhật cho đến 2030",
    "3.1": "Định kỳ 05 năm/lần, bắt đầu từ năm 2020 đến 2030",
    **dict.fromkeys(["3.2.1", "3.2.5", "3.3.13", "4.4"], "2020-2025"),
    "3.2.3": "2020-2023",
    "3.3.1": "2020-2025; định kỳ rà soát, hàng năm cho đến 2030",
    **dict.fromkeys(
        "3.3.2 3.3.8 3.3.9 3.3.10 3.3.11 3.3.12".split(),
        "2020-2025; định kỳ rà soát hàng năm cho đến 2030"),
    "3.3.3": "2020-2025; định kỳ rà soát và báo cáo hàng năm cho đến 2030",
    **dict.fromkeys(["3.3.4", "3.3.6"], "2020-2022; định kỳ rà soát hàng năm cho đến 2030"),
    "3.3.5": "2020-2030; định kỳ rà soát hàng năm cho đến 2030",
    "3.3.14": "2020-2030; định kỳ rà soát hàng năm",
    **dict.fromkeys(["3.3.15", "3.3.17"], "2020-2030, định kỳ rà soát hàng năm"),
    "3.3.16": "2020-2025; định kỳ rà soát cho đến 2030",
    **dict.fromkeys(
        "3.5.3 3.5.4 3.5.5 4.1 4.2 4.3 4.5 4.6 4.7 5.1 5.2 5.2.1 5.2.2 5.2.3 5.2.4 5.2.5 5.3 5.4"
        .split(), "Thường xuyên trong giai đoạn 2020-2030"),
}  # fmt: skip

CELLS_225 = {
    "Hàng năm": [(IMPL, 2023, 2030, A)],
    "Hằng năm": [(IMPL, 2023, 2030, A)],
    "Giai đoạn 2023-2030": [(IMPL, 2023, 2030, None)],
    "Thường xuyên": [(IMPL, 2023, 2030, C)],
    "Giai đoạn 2025-2030": [(IMPL, 2025, 2030, None)],
    "2025-2030": [(IMPL, 2025, 2030, None)],
    "Giai đoạn 2023-2025": [(IMPL, 2023, 2025, ONE)],
}

# row code → its timeframe cell, as printed in file 002
ROWS_225 = {
    **dict.fromkeys("I.1 I.2 I.3 III.4 III.9 IV.1 IV.2".split(), "Hàng năm"),
    **dict.fromkeys("II.1 II.2 III.6 IV.5".split(), "Hằng năm"),
    **dict.fromkeys("II.3 II.4 II.6 III.3 III.8 IV.4".split(), "Giai đoạn 2023-2030"),
    **dict.fromkeys("II.5 III.10 IV.3".split(), "Thường xuyên"),
    **dict.fromkeys(["III.1", "III.7"], "Giai đoạn 2025-2030"),
    "III.2": "2025-2030",
    "III.5": "Giai đoạn 2023-2025",
}


@pytest.fixture(scope="module")
def g402() -> Graph:
    return appendix_graph(CORPUS / "000_2ea71573e8b386bf.txt", "402/QĐ-TTg")[0]


@pytest.fixture(scope="module")
def g225() -> Graph:
    return appendix_graph(CORPUS / "002_cdf9dff2b193bbc4.txt", "225/NQ-CP")[0]


def phases_of(graph: Graph, task) -> list[tuple]:
    found = []
    for node in graph.objects(task, MKG.hasPhase):
        assert (node, RDF.type, MKG.Phase) in graph
        rec = graph.value(node, MKG.recurrence)
        found.append(
            (
                str(graph.value(node, MKG.phaseKind)),
                int(literal(graph.value(node, MKG.startYear))),
                int(literal(graph.value(node, MKG.endYear))),
                str(rec).rsplit("#", 1)[-1] if rec is not None else None,
            )
        )
    return sorted(found, key=lambda p: (p[1], p[0]))


def year(graph: Graph, task, prop) -> int:
    return int(graph.value(task, prop))


@pytest.mark.parametrize(("code", "cell"), sorted(ROWS_402.items()))
def test_phases_of_each_row_of_402(g402: Graph, code: str, cell: str) -> None:
    task = iris.task("402/QĐ-TTg", code)
    assert str(g402.value(task, MKG.timeframeText)) == cell
    expected = sorted(CELLS_402[cell], key=lambda p: (p[1], p[0]))
    assert phases_of(g402, task) == expected
    # the task spans all its phases
    assert year(g402, task, MKG.startYear) == min(p[1] for p in expected)
    assert year(g402, task, MKG.endYear) == max(p[2] for p in expected)


@pytest.mark.parametrize(("code", "cell"), sorted(ROWS_225.items()))
def test_phases_of_each_row_of_225(g225: Graph, code: str, cell: str) -> None:
    task = iris.task("225/NQ-CP", code)
    assert str(g225.value(task, MKG.timeframeText)) == cell
    assert phases_of(g225, task) == CELLS_225[cell]


def test_every_row_with_a_timeframe_is_covered(g402: Graph, g225: Graph) -> None:
    for graph, rows in ((g402, ROWS_402), (g225, ROWS_225)):
        tasks = {t for t in graph.subjects(MKG.timeframeText, None) if (t, MKG.code, None) in graph}
        assert {str(graph.value(t, MKG.code)) for t in tasks} == set(rows)


def test_the_annual_review_of_3_3_9_falls_due_each_year_to_2030(g402: Graph) -> None:
    task = iris.task("402/QĐ-TTg", "3.3.9")
    review = next(
        n for n in g402.objects(task, MKG.hasPhase) if str(g402.value(n, MKG.phaseKind)) == REV
    )
    assert str(g402.value(review, MKG.rrule)) == "FREQ=YEARLY;UNTIL=20301231"
    assert (review, RDFS.label, Literal("rà soát 2026–2030", lang="vi")) in g402
    assert (review, RDFS.label, Literal("review 2026–2030", lang="en")) in g402
    due = sorted(literal(d).toPython() for d in g402.objects(review, MKG.dueOn))
    assert due == [date(y, 12, 31) for y in range(2026, 2031)]
    assert (review, MKG.startDate, Literal(date(2026, 1, 1), datatype=XSD.date)) in g402
    assert (review, MKG.endDate, Literal(date(2030, 12, 31), datatype=XSD.date)) in g402


def test_biennial_2_4_falls_due_every_other_year(g402: Graph) -> None:
    task = iris.task("402/QĐ-TTg", "2.4")
    (phase,) = g402.objects(task, MKG.hasPhase)
    assert str(g402.value(phase, MKG.rrule)) == "FREQ=YEARLY;INTERVAL=2;UNTIL=20301231"
    due = sorted(literal(d).toPython() for d in g402.objects(phase, MKG.dueOn))
    assert due == [date(y, 12, 31) for y in (2020, 2022, 2024, 2026, 2028, 2030)]


def test_a_continuous_phase_falls_due_only_at_its_end() -> None:
    phase = Phase(IMPL, "Thường xuyên", 2023, 2030, C)
    assert phase.rrule() is None
    assert phase.due_dates() == [date(2030, 12, 31)]


def test_a_semi_annual_report_on_a_printed_day() -> None:
    # "Định kỳ 6 tháng … trước ngày 15/6 và 15/12" read as a day of the year and every six months
    phase = Phase("reporting", "", 2024, 2025, "SemiAnnual", month_day=(6, 15))
    assert phase.rrule() == "FREQ=MONTHLY;INTERVAL=6;UNTIL=20251231"
    assert date(2024, 6, 15) in phase.due_dates()
    assert date(2024, 12, 15) in phase.due_dates()
    assert date(2025, 12, 15) in phase.due_dates()
