"""The canned-query catalogue: headers, parameters, rendering, the CLI (on the fixture)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal

from graph.embedded import EmbeddedStore
from migkg.errors import MigkgError, ParameterError
from migkg.namespaces import ID
from queries import catalogue as cat

REQUIRED = {
    "coordination_load",
    "agency_tasks",
    "tasks_active_in_year",
    "tasks_overdue",
    "convention_tasks",
    "conventions_under_study",
    "agency_pairs",
    "collective_only_cooperators",
    "reporting_duties",
    "instrument_chain",
    "province_assignments",
    "tasks_without_timeframe",
    "instruments_cited_by_both",
    "event_participants",
    "figures_with_source",
}


@pytest.fixture(scope="module")
def mini_store(data_dir: Path) -> EmbeddedStore:
    ds = Dataset()
    ds.parse(data=(data_dir / "mini.trig").read_text(encoding="utf-8"), format="trig")
    store = EmbeddedStore(None)
    store.replace(ds)
    return store


def test_catalogue_has_every_analyst_question() -> None:
    names = {q.name for q in cat.catalogue()}
    assert REQUIRED <= names


@pytest.mark.parametrize("query", cat.catalogue(), ids=lambda q: q.name)
def test_every_query_has_bilingual_titles_and_runs(query: cat.CannedQuery, mini_store) -> None:
    assert query.title_en and query.title_vi and query.description
    assert query.title_vi != query.title_en
    result = mini_store.select(query.render())
    assert result.variables


def test_render_fills_values_line() -> None:
    q = cat.get("coordination_load")
    text = q.render({"year": "2024", "plan": "402-qd-ttg"})
    assert 'VALUES (?year ?at ?plan) { ("2024"^^' in text
    assert "<https://w3id.org/migkg/id/plan/402-qd-ttg>" in text
    full = {"year": "2024", "at": "2024-06-01", "plan": "402-qd-ttg"}
    assert "UNDEF" not in q.render(full)
    assert "(UNDEF UNDEF UNDEF)" in q.render()


def test_unknown_parameter_is_named() -> None:
    with pytest.raises(ParameterError, match="no parameter colour"):
        cat.get("coordination_load").render({"colour": "red"})


def test_bad_parameter_value_is_named() -> None:
    with pytest.raises(ParameterError, match="parameter 'year'"):
        cat.get("coordination_load").render({"year": "soon"})


def test_header_and_values_line_must_agree() -> None:
    text = '# title: t\n# title@vi: t\n# description: d\n# param: a integer "" x\nSELECT * {}\n'
    with pytest.raises(MigkgError, match="VALUES line"):
        cat.parse("broken", text)


def test_coordination_load_in_2024_on_fixture(mini_store) -> None:
    # In the fixture 3.2.3 runs 2020-2023, so in 2024 MOLISA leads only II.2 of Resolution 225,
    # and MOFA leads 1.4 and cooperates on II.2.
    rows = mini_store.select(cat.get("coordination_load").render({"year": "2024"})).dicts()
    by_agency = {r["agency"]: r for r in rows}
    molisa, mofa = by_agency[ID["agency/molisa"]], by_agency[ID["agency/mofa"]]
    assert (int(molisa["led_tasks"]), int(molisa["joined_tasks"])) == (1, 0)
    assert (int(mofa["led_tasks"]), int(mofa["joined_tasks"])) == (1, 1)
    every_year = mini_store.select(cat.get("coordination_load").render()).dicts()
    molisa_all = next(r for r in every_year if r["agency"] == ID["agency/molisa"])
    assert int(molisa_all["led_tasks"]) == 2


def test_convention_tasks_on_fixture(mini_store) -> None:
    rows = mini_store.select(cat.get("convention_tasks").render()).dicts()
    pairs = {(str(r["code"]), r["convention"]) for r in rows}
    assert pairs == {
        ("3.2.3", ID["instrument/ilo-c087"]),
        ("3.2.3", ID["instrument/ilo-c105"]),
        ("3.2.4", ID["instrument/untoc-som"]),
    }
    c105 = next(r for r in rows if r["convention"] == ID["instrument/ilo-c105"])
    assert c105["status"] == Literal("ratified")


def test_overdue_at_a_date_on_fixture(mini_store) -> None:
    rows = mini_store.select(cat.get("tasks_overdue").render({"at": "2024-06-01"})).dicts()
    assert [str(r["code"]) for r in rows] == ["3.2.3"]
    assert mini_store.select(cat.get("tasks_overdue").render({"at": "2023-06-01"})).rows == []


def _built_mini(tmp_path: Path, data_dir: Path) -> Path:
    ds = Dataset()
    ds.parse(data=(data_dir / "mini.trig").read_text(encoding="utf-8"), format="trig")
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    store.replace(ds)
    store.close()
    return path


def _migkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "migkg", *args], capture_output=True, text=True)


def test_cli_lists_and_runs_queries(tmp_path: Path, data_dir: Path) -> None:
    path = _built_mini(tmp_path, data_dir)
    listed = _migkg("query", "--list")
    assert listed.returncode == 0
    assert "coordination_load" in listed.stdout and "--param year" in listed.stdout
    out = _migkg(
        "query",
        "agency_tasks",
        "--param",
        "agency=molisa",
        "--format",
        "csv",
        "--store-path",
        str(path),
    )
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert {(r["role"], r["code"]) for r in rows} == {("lead", "3.2.3"), ("lead", "II.2")}
    js = _migkg(
        "query",
        "agency_tasks",
        "--param",
        "agency=mofa",
        "--format",
        "json",
        "--store-path",
        str(path),
    )
    data = json.loads(js.stdout)
    assert {(d["role"], d["code"]) for d in data} == {("lead", "1.4"), ("cooperating", "II.2")}
    table = _migkg("query", "agency_tasks", "--store-path", str(path))
    assert "id:plan/402-qd-ttg" in table.stdout and "rows" in table.stdout.splitlines()[-1]


def test_cli_bad_param_is_one_line(tmp_path: Path, data_dir: Path) -> None:
    path = _built_mini(tmp_path, data_dir)
    out = _migkg("query", "coordination_load", "--param", "year", "--store-path", str(path))
    assert out.returncode == 1
    assert out.stderr.strip().count("\n") == 0 and "NAME=VALUE" in out.stderr
    out = _migkg("query", "no_such_query", "--store-path", str(path))
    assert out.returncode == 1 and "no_such_query" in out.stderr
