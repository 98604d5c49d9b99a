"""The runner's worker pool under faults: workers killed idle and busy, a query that needs
more memory than a worker may have, a query that crashes its worker. After each, the
next query is answered and the pool's counts are whole.

Over an on-disk store of tests/data/mini.trig (about 140 quads).
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from graph.embedded import EmbeddedStore
from graph.execute import Job
from graph.pool import WorkerPool
from graph.runner import QueryStopped, Runner
from graph.worker_handle import Worker, WorkerGone
from migkg.errors import MigkgError, QueryError, Unavailable

pytestmark = pytest.mark.slow

ASK = Job("ASK { ?s ?p ?o }")
# Four unconstrained patterns: ~4·10^8 rows; ordered, they must all be held at once.
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?d ?g ?j ?c ?l"
ENDLESS = (
    "SELECT (COUNT(*) AS ?n) WHERE "
    "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }"
)
MEMORY_MB = 1200  # opening the store takes about 0.5 GB of address space


@pytest.fixture()
def runner(mini_store_dir: Path) -> Iterator[Runner]:
    r = Runner(
        EmbeddedStore(mini_store_dir, read_only=True),
        workers=2,
        light_workers=1,
        timeout=60,
        memory_mb=MEMORY_MB,
    )
    yield r
    r.close()


def workers() -> list[psutil.Process]:
    """This process's query workers."""
    return [
        p
        for p in psutil.Process().children()
        if "graph.worker" in " ".join(p.cmdline()) and p.status() != psutil.STATUS_ZOMBIE
    ]


def until(condition, seconds: float = 60.0) -> None:
    """Poll ``condition`` until it holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def warmed(runner: Runner) -> bool:
    """Whether all three workers are idle; if not, the lanes are asked to start those
    missing (a start that failed is tried again, as a query would)."""
    if len(runner.worker_pids()) == 3:
        return True
    for pool in (runner.light, runner.heavy):
        assert pool is not None
        pool.warm()
    return False


def answered(runner: Runner, lane: str = "heavy") -> bool:
    return json.loads(runner.run(ASK, lane=lane).read())["boolean"] is True


def whole(runner: Runner) -> bool:
    """No place taken or lost in either pool's counts."""
    return all(
        pool._busy == 0 and 0 <= pool._live <= pool.size
        for pool in (runner.light, runner.heavy)
        if pool is not None
    )


def test_every_idle_worker_killed_the_next_query_is_answered(runner: Runner) -> None:
    until(lambda: warmed(runner))  # both lanes started
    for pid in runner.worker_pids():
        os.kill(pid, signal.SIGKILL)
    assert answered(runner) and answered(runner, "site") and answered(runner, "light")
    assert whole(runner)
    # the dead were replaced without a query asking: the lanes fill up again
    until(lambda: len(runner.worker_pids()) == 3)


def test_a_job_a_worker_died_before_reading_is_free_to_go_elsewhere(
    mini_store_dir: Path,
) -> None:
    def ask_dying(job: Job, taken: bool) -> BaseException:
        worker = Worker(mini_store_dir, "read")
        try:
            worker.wait_ready(60)
            if not taken:
                os.kill(worker.proc.pid, signal.SIGSTOP)  # it cannot read the job
            outcome: list[BaseException] = []
            # Known sent, so that an empty pipe means read, not yet written.
            sent = threading.Event()
            send = worker._out.send

            def send_and_say(obj: object) -> None:
                send(obj)
                sent.set()

            worker._out.send = send_and_say  # type: ignore[method-assign]

            def ask() -> None:
                try:
                    worker.ask(job, 60)
                except BaseException as exc:  # noqa: BLE001 - handed to the test
                    outcome.append(exc)

            thread = threading.Thread(target=ask)
            thread.start()
            until(lambda: sent.is_set() and worker._taken() == taken)
            os.kill(worker.proc.pid, signal.SIGKILL)
            thread.join(60)
            assert len(outcome) == 1
            return outcome[0]
        finally:
            worker.kill()

    # Sent, still unread in the pipe: the pool may give it to another worker.
    assert isinstance(ask_dying(ASK, taken=False), WorkerGone)
    # Read, then the worker died running it: the query's own end, said as such.
    stopped = ask_dying(Job(ENDLESS), taken=True)
    assert isinstance(stopped, QueryStopped) and "killed" in stopped.message


def test_a_worker_that_does_not_read_its_job_is_given_up(
    mini_store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Worker, "TAKE_WITHIN", 0.5)
    worker = Worker(mini_store_dir, "read")
    try:
        worker.wait_ready(60)
        os.kill(worker.proc.pid, signal.SIGSTOP)  # hangs: alive, but reads nothing
        started = time.monotonic()
        with pytest.raises(WorkerGone):  # the job is free to go to another worker
            worker.ask(ASK, 60)
        assert time.monotonic() - started < 30  # long before the query's own limit
        assert worker.proc.poll() is not None  # and the hung worker is ended
    finally:
        worker.kill()


def test_every_worker_killed_while_one_is_busy(runner: Runner) -> None:
    until(lambda: warmed(runner))
    outcome: list[BaseException | None] = []

    def slow() -> None:
        try:
            runner.run(Job(ENDLESS), 60)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome.append(exc)

    thread = threading.Thread(target=slow)
    thread.start()
    assert runner.heavy is not None
    until(lambda: runner.heavy is not None and runner.heavy._busy == 1)
    for proc in workers():
        proc.kill()
    thread.join(60)
    assert len(outcome) == 1 and isinstance(outcome[0], QueryStopped)
    assert outcome[0].status == 503 and "killed" in outcome[0].message
    assert answered(runner) and answered(runner, "site")
    assert whole(runner)


def test_a_query_past_the_worker_memory_limit_is_stopped_alone(runner: Runner) -> None:
    with pytest.raises(MigkgError) as info:
        runner.run(Job(HUNGRY), 60)
    assert info.value.status == 503 and "memory" in info.value.message
    assert answered(runner) and whole(runner)
    for proc in workers():  # no worker holds more than its limit
        assert proc.memory_info().vms <= MEMORY_MB * 1024 * 1024


def test_a_query_that_crashes_its_worker_is_reported_and_the_next_answered(
    runner: Runner,
) -> None:
    # nested 3,000 deep: the parser overflows its stack (the endpoint's guard stops it first)
    with pytest.raises(QueryStopped) as info:
        runner.run(Job("SELECT * WHERE " + "{" * 3000 + "}" * 3000), 60)
    assert "crashed" in info.value.message
    assert answered(runner) and whole(runner)


def test_a_pool_that_is_shutting_down_is_unavailable_not_a_bad_query(mini_store_dir: Path) -> None:
    pool = WorkerPool(mini_store_dir, size=1)
    pool.close()
    with pytest.raises(Unavailable) as info:
        pool.run(Job("ASK { }"), 5)
    assert info.value.status == 503 and "shutting down" in info.value.message
    assert not isinstance(info.value, QueryError)


def test_a_texts_lane_guess_is_read_once_and_a_long_text_each_time() -> None:
    from graph.runner import Guesses

    read: list[str] = []

    def looks_light(text: str) -> bool:
        read.append(text)
        return text.startswith("ASK")

    guesses = Guesses(size=2, longest=50)
    assert guesses.get(looks_light, "ASK {}") and guesses.get(looks_light, "ASK {}")
    assert not guesses.get(looks_light, "SELECT * {}")
    assert read == ["ASK {}", "SELECT * {}"]
    # another guess function is asked for itself
    assert not guesses.get(lambda text: False, "ASK {}")
    # the oldest is forgotten past ``size``; a text past ``longest`` is not kept
    assert guesses.get(looks_light, "ASK {}") and read[-1] == "ASK {}"
    long = "ASK { " + "?s ?p ?o . " * 10 + "}"
    guesses.get(looks_light, long)
    guesses.get(looks_light, long)
    assert read.count(long) == 2


def test_a_worker_starts_with_few_malloc_arenas(
    mini_store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Arenas reserve address space, which the worker's memory limit counts.
    def arenas() -> bytes | None:
        worker = Worker(mini_store_dir, "read")
        try:
            worker.wait_ready(60)
            env = Path(f"/proc/{worker.proc.pid}/environ").read_bytes().split(b"\0")
        finally:
            worker.kill()
        return next((v for v in env if v.startswith(b"MALLOC_ARENA_MAX=")), None)

    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert arenas() == b"MALLOC_ARENA_MAX=2"
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")  # one asked for is kept
    assert arenas() == b"MALLOC_ARENA_MAX=4"
