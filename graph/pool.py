"""Query worker processes, and a pool that keeps them alive.

Neither pyoxigraph nor rdflib can cancel a running query, so queries on the on-disk store
run in worker processes (graph/worker.py), each holding the store open read-only. A
query that passes its limit has its worker killed; a worker that dies for any other
reason (killed by the system for its memory, crashed), busy or idle, is replaced at once,
and the query it was running is answered 503 with the reason. A query sent to a worker
that had died while idle is sent again to another, as it never started.

A worker either copies the store into memory, where joins run several times faster, or
reads it on disk. A copy costs as much memory as the graph takes there (about 400 MB at
10^6 quads), and a copy is not shared between processes (reading the graph writes the
reference counts of what it reads, so forked copies part at the first large query):
only ``memory_slots`` workers hold one; the others read the store on disk, and a query
goes to an idle worker holding a copy first.

Updates run in a short-lived read-write worker while queries wait; the workers opened
before it are then replaced, as they are whenever the store folder changes (a rebuild
swapped in by ``migkg build``).
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from graph.execute import Job
from graph.results import Answer
from graph.worker_handle import QueryStopped, Worker, WorkerGone, generation
from migkg.errors import MigkgError, Unavailable

__all__ = ["QueryStopped", "Worker", "WorkerPool", "generation"]


class WorkerPool:
    """Up to ``size`` read-only workers over the store at ``path``.

    Counters are changed only under the lock and in ``finally`` blocks, so no failure
    leaks a place; a watcher thread replaces a worker that dies while idle.
    """

    START_TIMEOUT = 60.0
    WAIT = 15.0  # the least time a query waits for a worker before "busy"

    def __init__(
        self,
        path: str | Path,
        size: int = 2,
        *,
        deny_network: bool = True,
        memory: bool = False,
        memory_mb: int = 0,
        nice: int = 0,
        name: str = "query",
        memory_slots: int | None = None,
    ):
        self.path = Path(path).resolve()
        self.nice = nice
        self.size = size
        self.deny_network = deny_network
        self.memory_mb = memory_mb
        # How many workers copy the store into memory ("memory" mode); the others read it
        # on disk ("read").
        self.memory_slots = (size if memory else 0) if memory_slots is None else memory_slots
        self._in_memory = 0  # live workers (idle, busy, starting) holding a copy
        self._cond = threading.Condition()
        self._idle: list[Worker] = []
        self._started: set[Worker] = set()  # idle and busy, once ready
        self._live = 0  # idle, busy and starting
        self._busy = 0
        self._waiting = 0
        self._writing = False
        self._closed = False
        # Workers are started from this one long-lived thread: a worker asks to be killed
        # when the thread that started it ends (PR_SET_PDEATHSIG follows threads), so it
        # must not be a request thread that may end first.
        self._spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"migkg-{name}")
        self._wake_r, self._wake_w = os.pipe()
        self._watcher = threading.Thread(
            target=self._watch, name=f"migkg-{name}-watch", daemon=True
        )
        self._watcher.start()

    # --- counts, for admission and tests

    @property
    def waiting(self) -> int:
        """Requests waiting for a worker."""
        return self._waiting

    def pids(self) -> list[int]:
        """The process ids of the idle workers."""
        with self._cond:
            return [w.proc.pid for w in self._idle]

    # --- running

    def _new(self, mode: str) -> Worker:
        return Worker(
            self.path,
            mode,
            deny_network=self.deny_network,
            memory_mb=self.memory_mb,
            nice=self.nice,
        )

    def _start(self, mode: str) -> Worker:
        return self._spawner.submit(self._new, mode).result()

    def _next_mode(self) -> str:
        """The mode of a worker about to start, counted now (lock held)."""
        if self._in_memory < self.memory_slots:
            self._in_memory += 1
            return "memory"
        return "read"

    def _uncount(self, mode: str) -> None:
        # Lock held.
        self._live -= 1
        if mode == "memory":
            self._in_memory -= 1

    def _pop_idle(self) -> Worker:
        """An idle worker, one holding a copy first (lock held)."""
        for at in range(len(self._idle) - 1, -1, -1):
            if self._idle[at].mode == "memory":
                return self._idle.pop(at)
        return self._idle.pop()

    def run(self, job: Job, timeout: float) -> Answer:
        """Run a query (or, with ``job.update``, an update) within ``timeout`` seconds."""
        if job.update:
            return self._update(job, timeout)
        # A query may wait for a worker (one starting, or busy) a little longer than it may
        # run: a worker that loads the graph must not make a short limit fail as "busy".
        # The time limit itself counts from when a worker takes the query.
        wait_until = time.monotonic() + max(timeout, self.WAIT)
        while True:
            worker = self._take(wait_until)
            try:
                answer = worker.ask(job, timeout)
            except WorkerGone:
                self._lost(worker)
                continue  # it died idle: the job never started, so another may take it
            except MigkgError:
                if worker.alive():
                    self._give_back(worker)
                else:
                    self._lost(worker)
                raise
            except BaseException:
                self._lost(worker)
                raise
            self._give_back(worker)
            return answer

    def _take(self, deadline: float) -> Worker:
        with self._cond:
            self._waiting += 1
            try:
                while True:
                    if self._closed:
                        raise Unavailable("the server is shutting down")
                    if not self._writing:
                        try:
                            current = generation(self.path)
                        except OSError:  # mid-swap: the folder is being renamed
                            current = None
                        while self._idle:
                            worker = self._pop_idle()
                            fresh = current is None or worker.generation == current
                            if fresh and worker.alive():
                                self._busy += 1
                                return worker
                            self._retire(worker)
                            # Dead or stale, found here before the watcher saw it: its
                            # place is filled in the background, as the watcher would.
                            self.warm(1)
                        if self._live < self.size:
                            self._live += 1
                            self._busy += 1
                            mode = self._next_mode()
                            break
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise Unavailable(
                            "every query worker is busy; try again shortly", title="Busy"
                        )
                    self._cond.wait(left)
            finally:
                self._waiting -= 1
        try:
            worker = self._start(mode)
            worker.wait_ready(self.START_TIMEOUT)
        except BaseException:
            with self._cond:
                self._uncount(mode)
                self._busy -= 1
                self._cond.notify_all()
            raise
        with self._cond:
            self._started.add(worker)
        self._poke()
        return worker

    def _retire(self, worker: Worker) -> None:
        # Called with the lock held.
        self._uncount(worker.mode)
        self._started.discard(worker)
        worker.kill()

    def _give_back(self, worker: Worker) -> None:
        with self._cond:
            self._busy -= 1
            if self._closed:
                self._retire(worker)
            else:
                self._idle.append(worker)
                if not worker.exits_only:
                    self._poke()  # the watcher watches only idle workers' pipes
            self._cond.notify_all()

    def _lost(self, worker: Worker) -> None:
        worker.kill()
        with self._cond:
            self._uncount(worker.mode)
            self._started.discard(worker)
            self._busy -= 1
            self._cond.notify_all()
        self.warm(1)

    def _poke(self) -> None:
        """Make the watcher look at the workers again."""
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass

    def _watched(self) -> dict[Any, Worker]:
        """What the watcher waits on (lock held): each worker's process, readable when it
        ends, whether idle or busy (so an answer does not wake the watcher); where the
        system cannot watch a process, the pipes of the idle workers."""
        watched: dict[Any, Worker] = {w.sentinel: w for w in self._started if w.exits_only}
        watched.update((w.sentinel, w) for w in self._idle if not w.exits_only)
        return watched

    def _watch(self) -> None:
        """Replace idle workers that die, at once."""
        while not self._closed:
            with self._cond:
                idle = self._watched()
            try:
                ready = wait([*idle, self._wake_r])
            except (OSError, ValueError):  # a pipe closed meanwhile: look again
                time.sleep(0.01)
                continue
            if self._wake_r in ready:
                try:
                    os.read(self._wake_r, 4096)
                except OSError:
                    return
            dead = []
            with self._cond:
                for conn in ready:
                    worker = idle.get(conn) if conn != self._wake_r else None
                    if worker is None:
                        continue
                    if worker in self._idle and not worker.alive():
                        self._idle.remove(worker)
                        self._retire(worker)
                        dead.append(worker)
                    elif worker.exits_only and worker.proc.poll() is not None:
                        # It ended busy: the query's own thread reports and replaces it.
                        self._started.discard(worker)
                if dead:
                    self._cond.notify_all()
            if dead:
                self.warm(len(dead))

    def warm(self, n: int | None = None) -> None:
        """Start idle workers ahead of need (all ``size`` of them by default), in the
        background."""
        try:
            self._spawner.submit(self._warm, n)
        except RuntimeError:  # closed meanwhile
            pass

    def _warm(self, n: int | None) -> None:
        for _ in range(self.size if n is None else n):
            with self._cond:
                if self._closed or self._writing or self._live >= self.size:
                    return
                self._live += 1
                mode = self._next_mode()
            try:
                worker = self._new(mode)
                worker.wait_ready(self.START_TIMEOUT)
            except BaseException:
                with self._cond:
                    self._uncount(mode)
                    self._cond.notify_all()
                return
            with self._cond:
                if self._closed:
                    self._retire(worker)
                    return
                self._idle.append(worker)
                self._started.add(worker)
                self._poke()
                self._cond.notify_all()

    def _update(self, job: Job, timeout: float) -> Answer:
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._writing or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Unavailable("the store is busy; try again shortly")
                self._cond.wait(left)
            self._writing = True
            for worker in self._idle:
                self._retire(worker)
            self._idle.clear()
        try:
            # Read-only handles must not be open while another process writes.
            writer = self._start("write")
            try:
                writer.wait_ready(self.START_TIMEOUT)
                answer = writer.ask(job, max(deadline - time.monotonic(), 0.1))
                answer.read()
                return answer
            except WorkerGone:
                raise Unavailable("the update worker ended before the update") from None
            finally:
                writer.kill()
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()

    def close(self) -> None:
        """Stop every worker."""
        with self._cond:
            self._closed = True
            for worker in self._idle:
                self._retire(worker)
            self._idle.clear()
            self._cond.notify_all()
        self._poke()
        self._spawner.shutdown(wait=False, cancel_futures=True)
        self._watcher.join(timeout=5)
        for fd in (self._wake_r, self._wake_w):
            try:
                os.close(fd)
            except OSError:
                pass
