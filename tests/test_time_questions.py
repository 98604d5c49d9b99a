"""Each time question gives one answer wherever it is asked: the CLI, the canned query, the
home page, the charts page and the network metrics (all on the shipped corpus).

The expected sets themselves are checked against the documents in test_queries_corpus.py
and test_phases.py; here the answers of every place are compared with each other, at the
dates of the acceptance: 2026-12-02 and the year 2027.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from expect import present

from graph.embedded import EmbeddedStore
from queries import questions
from queries.catalogue import get
from viz.data import fetch
from viz.filters import NetworkFilter
from viz.metrics import agency_metrics

pytestmark = pytest.mark.slow
AT = "2026-12-02"
# rows 2.5, 2.6 and 3.3.x of 402 whose cell names a review until 2030
REVIEWED = {"2.5", "2.6"} | {f"3.3.{n}" for n in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 16)}
P402 = "https://w3id.org/migkg/id/plan/402-qd-ttg"


@pytest.fixture(scope="module")
def store(corpus_store_dir: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(corpus_store_dir, read_only=True)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: EmbeddedStore):
    from webapp import create_app

    app = create_app({"TESTING": True, "MIGKG_STORE": store, "MIGKG_TODAY": AT})
    return app.test_client()


def cli(store_dir: Path, name: str, **params: str) -> list[dict[str, str | None]]:
    args = [sys.executable, "-m", "migkg", "query", name, "--format", "json"]
    args += ["--store-path", str(store_dir)]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    done = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def canned(store: EmbeddedStore, name: str, **params: str) -> list[dict[str, str | None]]:
    rows = store.select(get(name).render(params)).dicts()
    return [{k: None if v is None else str(v) for k, v in r.items()} for r in rows]


def tasks_of(rows: list[dict]) -> set[str]:
    return {str(r["task"]) for r in rows}


def table(html: str, ident: str) -> str:
    start = html.index(f'id="{ident}"')
    return html[start : html.index("</table>", start)]


def test_overdue_at_a_date_cli_canned_and_calendar_page(
    store: EmbeddedStore, corpus_store_dir: Path, client
) -> None:
    by_cli = cli(corpus_store_dir, "tasks_overdue", at=AT)
    by_query = canned(store, "tasks_overdue", at=AT)
    assert by_cli == by_query
    page = table(client.get(f"/calendar?from={AT}").get_data(as_text=True), "overdue-table")
    shown = re.findall(r'href="/id/(task/[^"]+)"', page)
    assert sorted(shown) == sorted(present(r["task"]).split("/id/", 1)[1] for r in by_query)
    codes = {r["code"] for r in by_query if r["plan"] == P402}
    assert not codes & REVIEWED
    assert "4.4" in codes  # 2020-2025, no review


def test_active_in_a_year_cli_canned_and_network_filter(
    store: EmbeddedStore, corpus_store_dir: Path
) -> None:
    by_cli = cli(corpus_store_dir, "tasks_active_in_year", year="2027")
    by_query = canned(store, "tasks_active_in_year", year="2027")
    assert by_cli == by_query
    assert {r["code"] for r in by_query if r["plan"] == P402} >= REVIEWED
    snap = fetch(store)
    kept = {t.iri for t in NetworkFilter(year=2027).tasks(snap)}
    # the network draws the tasks that name an agency: the same ones, no more, no fewer
    assert kept == tasks_of(by_query) & set(snap.tasks)
    assert {t.iri for t in snap.tasks.values() if 2027 in t.years} == kept


def test_due_between_cli_canned_home_and_charts(
    store: EmbeddedStore, corpus_store_dir: Path, client
) -> None:
    by_cli = cli(corpus_store_dir, "tasks_due_between", **{"from": AT})
    assert by_cli == canned(store, "tasks_due_between", **{"from": AT})
    first = questions.next_due(store, date.fromisoformat(AT))
    nxt = {item: row["due"].toPython() for item, row in first.items()}
    assert nxt and min(nxt.values()) >= date.fromisoformat(AT)
    order = sorted(nxt.items(), key=lambda kv: kv[1])
    home = table(client.get("/").get_data(as_text=True), "deadlines-ahead")
    home_rows = re.findall(
        r'<td class="nowrap">(\d{4}-\d\d-\d\d)</td>\s*<td><a[^>]*href="([^"]+)"', home
    )
    assert home_rows, "the home page shows what falls due"
    for due, href in home_rows:
        item = next(i for i in nxt if i.endswith(href.split("/id/", 1)[1]))
        assert nxt[item].isoformat() == due
    assert home_rows[0][0] == order[0][1].isoformat()
    charts = table(client.get("/charts").get_data(as_text=True), "chart-deadline-table")
    chart_rows = re.findall(
        r'<td class="nowrap">(\d{4}-\d\d-\d\d)</td>\s*<td><a class="task-code" href="([^"]+)"',
        charts,
    )
    assert chart_rows, "the charts page shows what falls due"
    for due, href in chart_rows:
        item = next(i for i in nxt if i.endswith(href.split("/id/", 1)[1]))
        assert nxt[item].isoformat() == due


@pytest.mark.parametrize("params", [{}, {"year": "2027"}, {"at": AT}])
def test_coordination_load_cli_canned_and_network_metrics(
    store: EmbeddedStore, corpus_store_dir: Path, params: dict[str, str]
) -> None:
    by_cli = cli(corpus_store_dir, "coordination_load", **params)
    assert by_cli == canned(store, "coordination_load", **params)
    figures = {
        r["agency"]: (int(present(r["led_tasks"])), int(present(r["joined_tasks"]))) for r in by_cli
    }
    year = int(params["year"]) if "year" in params else None
    if "at" in params:
        year = date.fromisoformat(params["at"]).year
    metrics = {m.iri: (m.led, m.joined) for m in agency_metrics(store, NetworkFilter(year=year))}
    assert metrics == figures


def test_coordination_load_on_the_home_page(store: EmbeddedStore, client) -> None:
    home = table(client.get("/").get_data(as_text=True), "most-loaded")
    shown = re.findall(r'<tr><td><a href="/id/([^"]+)">[^<]*</a></td>(.*?)</tr>', home)
    figures = questions.coordination_load(store)
    assert len(shown) == min(10, len(figures))
    for (path, cells), row in zip(shown, figures, strict=False):
        assert str(row["agency"]).endswith(path)
        numbers = [int(n) for n in re.findall(r">(\d+)<", cells)]
        assert numbers == [int(row["led_tasks"]), int(row["joined_tasks"]), int(row["all_tasks"])]
