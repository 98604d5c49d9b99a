"""Per-client shares of the endpoint: queries running at once, query seconds a minute."""

from __future__ import annotations

import threading
import time

import pytest

from webapp.admission import Admission, TooManyRequests


def test_running_share_per_client() -> None:
    gate = Admission(per_client=1, seconds_per_minute=1000, retry_after=10)
    with gate.enter("a", heavy=True):
        with pytest.raises(TooManyRequests) as info:
            with gate.enter("a", heavy=True):
                pass
        assert info.value.status == 429 and info.value.retry_after == 10
        with gate.enter("b", heavy=True):  # another client is not held back
            pass
        with gate.enter("a", heavy=False):  # light queries are always let in
            pass
    with gate.enter("a", heavy=True):  # its first query ended: room again
        pass


def test_time_share_per_client() -> None:
    gate = Admission(per_client=5, seconds_per_minute=0.2, retry_after=10)
    with gate.enter("a", heavy=True):
        time.sleep(0.25)  # the query's own run time, used up
    with pytest.raises(TooManyRequests) as info:
        with gate.enter("a", heavy=True):
            pass
    assert 1 <= info.value.retry_after <= 60 and "query time" in info.value.message
    with gate.enter("b", heavy=True):
        pass


def test_counts_are_whole_after_failures() -> None:
    gate = Admission(per_client=2, seconds_per_minute=1000, retry_after=1)

    def failing() -> None:
        with gate.enter("a", heavy=True):
            raise RuntimeError("the query failed")

    threads = [
        threading.Thread(target=lambda: pytest.raises(RuntimeError, failing)) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gate._running == {}


def test_429_on_the_endpoint_with_retry_after(site_store) -> None:
    from webapp import create_app

    app = create_app({"TESTING": True, "MIGKG_STORE": site_store, "client_seconds": 0.001})
    client = app.test_client()
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
    assert client.get("/sparql", query_string={"query": heavy}).status_code == 200
    r = client.get("/sparql", query_string={"query": heavy})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert "query time" in r.get_json()["message"]
    # a light query is still answered
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_time_used_leaves_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # A clock moved by hand: three queries of 0.1 s, ten seconds apart.
    clock = [1000.0]
    monkeypatch.setattr("webapp.admission.time.monotonic", lambda: clock[0])
    gate = Admission(per_client=5, seconds_per_minute=0.25, retry_after=10)
    for _ in range(3):
        with gate.enter("a", heavy=True):
            clock[0] += 0.1
        clock[0] += 10.0
    with pytest.raises(TooManyRequests) as info:  # 0.3 s used in the last minute
        with gate.enter("a", heavy=True):
            pass
    # Asked at 1030.3; the first use (ended at 1000.1) leaves the window at 1060.1.
    assert info.value.retry_after == 30
    assert "used 0.3 s" in info.value.message
    clock[0] = 1060.5  # the first use gone: 0.2 s left, under the share
    with gate.enter("a", heavy=True):
        clock[0] += 0.06
    with pytest.raises(TooManyRequests):  # 0.26 s: over again
        with gate.enter("a", heavy=True):
            pass
    clock[0] += 120.0  # every use gone
    with gate.enter("a", heavy=True):
        pass
    assert gate._total == {"a": pytest.approx(0.0)}
