"""SVG charts and the time data behind them, on the fixture (tests/data/mini.trig).

From the fixture: MOLISA leads 402 row 3.2.3 (2020–2023) and 225 row II.2 (2023–2030);
the collective cooperates on 3.2.3, 3.2.4 and 1.4; MOF joins II.2 only.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from expect import present
from rdflib import Dataset

from graph.embedded import EmbeddedStore
from migkg.namespaces import ID
from viz import charts
from viz.data import fetch
from viz.filters import NetworkFilter
from viz.metrics import agency_metrics
from viz.schedule import agency_timeline, deadlines_ahead

SVG = "{http://www.w3.org/2000/svg}"
MOLISA = str(ID["agency/molisa"])
COLL = str(ID["agency/related-ministries-agencies-localities"])


@pytest.fixture(scope="module")
def snap(data_dir: Path):
    ds = Dataset()
    ds.parse(data=(data_dir / "mini.trig").read_text(encoding="utf-8"), format="trig")
    st = EmbeddedStore(None)
    st.replace(ds)
    yield fetch(st)
    st.close()


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    return root


def attr(el: ET.Element, name: str) -> str:
    """An attribute the chart must draw on ``el``."""
    value = el.get(name)
    assert value is not None, (el.tag, name)
    return value


def groups(root: ET.Element, cls: str) -> dict[str, ET.Element]:
    return {attr(g, "data-iri"): g for g in root.iter(SVG + "g") if g.get("class") == cls}


def test_load_bars(snap) -> None:
    root = parse(charts.load_bars_svg(agency_metrics(snap), lang="en"))
    bars = groups(root, "bar")
    assert len(bars) == 9  # every agency named in the four tasks
    molisa = {r.get("class"): float(attr(r, "width")) for r in bars[MOLISA].iter(SVG + "rect")}
    coll = {r.get("class"): float(attr(r, "width")) for r in bars[COLL].iter(SVG + "rect")}
    # MOLISA leads two tasks and joins none; the collective joins three (the longest bar).
    assert molisa["joined"] == 0 and coll["led"] == 0
    assert molisa["led"] / coll["joined"] == pytest.approx(2 / 3, rel=1e-4)
    texts = [t.text for t in bars[MOLISA].iter(SVG + "text")]
    # A long label is cut on the bar and given whole in the tooltip.
    assert texts == ["Ministry of Labour, Invalids and Social Affai…", "2"]
    tip = present(bars[MOLISA].find(SVG + "title")).text
    assert tip == "Ministry of Labour, Invalids and Social Affairs: Leads 2, Joins 0"
    # The collective is drawn apart: dashed outline.
    assert all(r.get("stroke-dasharray") for r in bars[COLL].iter(SVG + "rect"))
    # Most loaded first.
    order = [g.get("data-iri") for g in root.iter(SVG + "g") if g.get("class") == "bar"]
    assert order[0] == COLL


def test_load_bars_link_only_to_the_site(snap) -> None:
    ms = agency_metrics(snap)
    root = parse(charts.load_bars_svg(ms, href=lambda iri: "/id/" + iri.split("/id/")[1]))
    links = [a.get("href") for a in root.iter(SVG + "a")]
    assert "/id/agency/molisa" in links
    root = parse(charts.load_bars_svg(ms, href=lambda iri: "javascript:alert(1)"))
    assert not list(root.iter(SVG + "a"))


def test_heatmap_counts_active_tasks(snap) -> None:
    root = parse(charts.load_heatmap_svg(agency_metrics(snap)))
    rows = groups(root, "row")

    def count(agency: str, year: int) -> int:
        for cell in rows[agency].iter(SVG + "g"):
            if cell.get("data-year") == str(year):
                return int(attr(cell, "data-count"))
        raise AssertionError(year)

    assert count(MOLISA, 2022) == 1 and count(MOLISA, 2023) == 2 and count(MOLISA, 2024) == 1
    assert count(str(ID["agency/mof"]), 2022) == 0 and count(str(ID["agency/mof"]), 2023) == 1
    assert count(COLL, 2020) == 3 and count(COLL, 2030) == 2
    headers = [t.text for t in root.findall(SVG + "text")]
    assert headers[0] == "2020" and headers[-1] == "2030"


def test_timeline_bars_span_the_years(snap) -> None:
    rows = agency_timeline(snap, MOLISA)
    assert [(r.code, r.start, r.end, r.role) for r in rows] == [
        ("3.2.3", 2020, 2023, "lead"),
        ("II.2", 2023, 2030, "lead"),
    ]
    root = parse(charts.timeline_svg(rows, agency_type="Ministry"))
    bars = {
        g.get("data-iri"): next(g.iter(SVG + "rect"))
        for g in root.iter(SVG + "g")
        if g.get("class") == "task"
    }
    short = float(attr(bars[str(ID["task/402-qd-ttg/3.2.3"])], "width")) + 2
    long = float(attr(bars[str(ID["task/225-nq-cp/II.2"])], "width")) + 2
    assert long / short == pytest.approx(8 / 4)  # eight years against four
    x0 = float(attr(bars[str(ID["task/402-qd-ttg/3.2.3"])], "x"))
    x1 = float(attr(bars[str(ID["task/225-nq-cp/II.2"])], "x"))
    assert x1 - x0 == pytest.approx(3 * short / 4)  # II.2 starts three years later


def test_timeline_of_a_cooperator(snap) -> None:
    rows = agency_timeline(snap, str(ID["agency/mofa"]))
    assert {(r.code, r.role) for r in rows} == {("1.4", "lead"), ("II.2", "cooperating")}


def test_deadlines_ahead(snap) -> None:
    ahead = deadlines_ahead(snap, date(2025, 6, 1))
    # 3.2.3 ended in 2023; 1.4 and 3.2.4 run to 2030; II.2 ("Hằng năm") falls due at the
    # end of each year, first on 31 December 2025.
    assert {r.code for r in ahead} == {"1.4", "3.2.4", "II.2"}
    due = {r.code: r.due for r in ahead}
    assert due == {
        "1.4": date(2030, 12, 31),
        "3.2.4": date(2030, 12, 31),
        "II.2": date(2025, 12, 31),
    }
    assert {r.code for r in deadlines_ahead(snap, date(2023, 6, 1))} == {
        "1.4",
        "3.2.3",
        "3.2.4",
        "II.2",
    }
    assert deadlines_ahead(snap, date(2031, 1, 1)) == []
    mine = deadlines_ahead(snap, date(2025, 6, 1), agency=MOLISA)
    assert [r.code for r in mine] == ["II.2"]
    assert mine[0].leads[0][0] == MOLISA and mine[0].plan_label == "225/NQ-CP"
    plan = NetworkFilter(plan=str(ID["plan/402-qd-ttg"]))
    assert len(deadlines_ahead(snap, date(2025, 6, 1), plan, limit=1)) == 1


def test_empty_charts_still_parse(snap) -> None:
    for svg in (
        charts.load_bars_svg([]),
        charts.load_heatmap_svg([]),
        charts.timeline_svg([]),
    ):
        root = parse(svg)
        assert [t.text for t in root.iter(SVG + "text")] == ["Không có dữ liệu"]


def test_no_style_attributes(snap) -> None:
    # A Content-Security-Policy without 'unsafe-inline' would drop style attributes.
    ms = agency_metrics(snap)
    for svg in (
        charts.load_bars_svg(ms),
        charts.load_heatmap_svg(ms),
        charts.timeline_svg(agency_timeline(snap, MOLISA)),
    ):
        assert all("style" not in el.attrib for el in parse(svg).iter())
