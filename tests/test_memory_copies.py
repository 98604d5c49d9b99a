"""How many query workers hold the graph in memory (``memory_copies``), and the answers
that come back from a worker in one message or in pieces.

Over an on-disk store of tests/data/mini.trig (about 140 quads).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pyoxigraph as ox
import pytest

from graph.embedded import EmbeddedStore
from graph.execute import Job
from graph.runner import Runner, Seen, TimeLimit, Timings
from graph.worker import CHUNK

pytestmark = pytest.mark.slow


def modes(runner: Runner) -> list[str]:
    """The mode each idle worker was started in, from its command line."""
    found = []
    for pid in runner.worker_pids():
        argv = psutil.Process(pid).cmdline()
        found.append(argv[argv.index("graph.worker") + 2])
    return sorted(found)


def until(condition, seconds: float = 60.0) -> None:
    """Poll ``condition`` until it holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


@pytest.fixture()
def runner(mini_store_dir: Path) -> Iterator[Runner]:
    r = Runner(EmbeddedStore(mini_store_dir, read_only=True), workers=2, light_workers=1)
    yield r
    r.close()


def test_one_worker_holds_the_graph_by_default_the_others_read_it_on_disk(
    runner: Runner,
) -> None:
    until(lambda: len(runner.worker_pids()) == 3)
    assert modes(runner) == ["memory", "read", "read"]
    assert runner.heavy is not None and runner.heavy.memory_slots == 1
    assert runner.light is not None and runner.light.memory_slots == 0


def test_a_query_goes_to_the_worker_holding_the_graph_first(runner: Runner) -> None:
    until(lambda: len(runner.worker_pids()) == 3)
    assert runner.heavy is not None
    for _ in range(3):
        taken = runner.heavy._take(time.monotonic() + 10)
        try:
            assert taken.mode == "memory"
        finally:
            runner.heavy._give_back(taken)


@pytest.mark.parametrize(
    ("copies", "expected"),
    [(0, ["read", "read", "read"]), (3, ["memory", "memory", "memory"])],
)
def test_the_number_of_copies_is_a_setting(
    mini_store_dir: Path, copies: int, expected: list[str]
) -> None:
    r = Runner.from_settings(
        EmbeddedStore(mini_store_dir, read_only=True),
        {"workers": 2, "light_workers": 1, "memory_copies": copies},
    )
    try:
        until(lambda: len(r.worker_pids()) == 3)
        assert modes(r) == expected
    finally:
        r.close()


def test_query_memory_off_means_no_copy(mini_store_dir: Path) -> None:
    r = Runner.from_settings(
        EmbeddedStore(mini_store_dir, read_only=True),
        {"workers": 1, "light_workers": 1, "query_memory": False, "memory_copies": 2},
    )
    try:
        until(lambda: len(r.worker_pids()) == 2)
        assert modes(r) == ["read", "read"]
    finally:
        r.close()


def test_short_and_long_answers_arrive_whole(runner: Runner, mini_store_dir: Path) -> None:
    # A short answer comes in the worker's one message; a long one (past CHUNK) in pieces.
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    short = runner.run(Job(text + " LIMIT 2")).read()
    assert len(json.loads(short)["results"]["bindings"]) == 2
    # Every quad repeated until the answer is several pieces long.
    repeats = CHUNK // 1000
    numbers = " ".join(map(str, range(repeats)))
    many = f"SELECT * WHERE {{ ?s ?p ?o . VALUES ?n {{ {numbers} }} }} ORDER BY ?n ?s ?p ?o"
    answer = runner.run(Job(many, solutions="tsv", max_rows=10**7))
    assert answer.chunks is not None  # spooled, not held whole
    body = answer.read()
    assert len(body) > CHUNK
    store = ox.Store.read_only(str(mini_store_dir))
    direct = store.query(many, use_default_graph_as_union=True)
    assert isinstance(direct, ox.QuerySolutions)
    assert body == direct.serialize(format=ox.QueryResultsFormat.TSV)


def test_a_query_seen_to_pass_the_light_lanes_limit_goes_heavy(runner: Runner) -> None:
    quick = Job("ASK { ?s ?p ?o }")
    # Not seen yet: the guess from the text decides.
    assert runner.lane_for(quick, looks_light=lambda text: False) == "heavy"
    assert runner.lane_for(quick, looks_light=lambda text: True) == "light"
    runner.run(quick, lane="light")
    seen = runner.timings.get(quick)
    assert seen is not None and len(seen.light) == 1 and not seen.heavy
    assert runner.lane_for(quick, looks_light=lambda text: False) == "light"
    # A text the light lane stopped at its limit goes to the heavy lane, whatever it
    # looks like and however fast it ran there before.
    runner.timings.put(quick, "light", runner.light_timeout, stopped=True)
    assert runner.lane_for(quick, looks_light=lambda text: True) == "heavy"


def test_a_quick_query_is_tried_in_the_light_lane_and_kept_where_faster(
    runner: Runner,
) -> None:
    quick = Job("ASK { ?s ?p ?o }")
    until(lambda: len(runner.worker_pids()) == 3)  # a worker's start is not the query's
    runner.run(quick, lane="heavy")
    seen = runner.timings.get(quick)
    assert seen is not None and len(seen.heavy) == 1 and not seen.light
    # Answered in milliseconds in the heavy lane: tried in the light lane,
    assert runner.lane_for(quick, looks_light=lambda text: False) == "light"
    runner.run(quick, lane="light")
    seen = runner.timings.get(quick)
    assert seen is not None and len(seen.light) == 1
    # twice in each lane before they are compared (a first run may find caches cold),
    runner.timings = Timings()
    runner.timings.put(quick, "heavy", 0.009)
    runner.timings.put(quick, "light", 0.004)
    assert runner.lane_for(quick, looks_light=lambda text: True) == "light"
    runner.timings.put(quick, "light", 0.003)
    assert runner.lane_for(quick, looks_light=lambda text: True) == "heavy"
    # then kept in the lane whose best of its last three runs is the faster.
    runner.timings.put(quick, "heavy", 0.002)
    assert runner.lane_for(quick, looks_light=lambda text: True) == "heavy"
    runner.timings.put(quick, "light", 0.001)
    assert runner.lane_for(quick, looks_light=lambda text: False) == "light"
    # A query that took long in the heavy lane is not tried in the light lane.
    slow = Job("ASK { ?s ?p ?o . ?o ?q ?r }")
    runner.timings.put(slow, "heavy", runner.light_timeout / 4)
    assert runner.lane_for(slow, looks_light=lambda text: True) == "heavy"


def test_a_query_stopped_at_the_time_limit_is_remembered_as_slow(runner: Runner) -> None:
    endless = Job(
        "SELECT (COUNT(*) AS ?n) WHERE "
        "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }"
    )
    with pytest.raises(TimeLimit):
        runner.run(endless, runner.light_timeout + 0.5, lane="light")
    assert runner.lane_for(endless, looks_light=lambda text: True) == "heavy"


def test_the_last_three_times_of_each_lane_are_kept_and_a_stop_stays() -> None:
    timings, job = Timings(), Job("ASK { ?s ?p ?o }")
    for seconds in (0.004, 0.001, 0.003, 0.002):
        timings.put(job, "heavy", seconds)
    assert timings.get(job) == Seen(heavy=(0.001, 0.003, 0.002))
    timings.put(job, "light", 2.0, stopped=True)
    timings.put(job, "light", 0.5)
    assert timings.get(job) == Seen(light=(2.0, 0.5), heavy=(0.001, 0.003, 0.002), stopped=True)


def test_only_the_most_recent_texts_are_remembered() -> None:
    timings = Timings(size=2)
    jobs = [Job(f"ASK {{ ?s ?p {n} }}") for n in range(3)]
    for job in jobs:
        timings.put(job, "heavy", 0.01)
    assert timings.get(jobs[0]) is None
    assert timings.get(jobs[2]) == Seen(heavy=(0.01,))


def test_a_short_answer_is_sent_with_its_length(mini_store_dir: Path) -> None:
    from webapp import create_app

    store = EmbeddedStore(mini_store_dir, read_only=True)
    app = create_app({"TESTING": True, "MIGKG_STORE": store, "max_rows": 2})
    try:
        client = app.test_client()
        r = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
        assert r.status_code == 200 and r.get_json()["boolean"] is True
        assert r.headers["Content-Length"] == str(len(r.data))
        # Capped by the rows: the note goes in the body, and the length counts it.
        r = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
        data = r.get_json()
        assert len(data["results"]["bindings"]) == 2
        assert data["migkg"] == {"truncated": True, "maxRows": 2}
        assert r.headers["Content-Length"] == str(len(r.data))
    finally:
        from webapp.db import get_runner

        with app.app_context():
            get_runner().close()
        store.close()


def test_a_long_text_is_remembered_by_its_digest() -> None:
    timings = Timings(size=4)
    text = "ASK { ?s ?p ?o } # " + "x" * 100_000
    timings.put(Job(text), "light", 2.0)
    assert timings.get(Job(text)) == Seen(light=(2.0,))
    # another dataset is another job
    assert timings.get(Job(text, default_graphs=("https://example.org/g",))) is None
    assert all(len(key) < 64 for key in timings._seen)
