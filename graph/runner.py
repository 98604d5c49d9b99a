"""Query runners that can really stop a query at its time limit.

Neither pyoxigraph nor rdflib can cancel a running query, so queries on the on-disk store
run in worker processes (graph/worker.py), each holding the store open read-only. A
query that passes its limit has its worker killed; a fresh worker is started in the
background and the server goes on answering. Results come back already serialised.

Updates run in a short-lived read-write worker while queries wait; the workers opened
before it are then replaced, as they are whenever the store folder changes (a rebuild
swapped in by ``migkg build``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from migkg.errors import MigkgError, QueryError
from migkg.graph.execute import Job
from migkg.graph.results import Answer, NotAcceptable


class QueryStopped(MigkgError):
    """A query stopped at the time limit."""

    status = 503
    title = "Query stopped"


def generation(path: Path) -> tuple[int, int]:
    """What changes when the store is rebuilt or written: the folder's inode and mtime."""
    st = os.stat(path)
    return (st.st_ino, st.st_mtime_ns)


def _error(header: tuple[Any, ...]) -> MigkgError:
    """The error a worker reported, as the same class where it is one of ours."""
    status, title, message = header[1:4]
    kind = {"QueryError": QueryError, "NotAcceptable": NotAcceptable}.get(
        header[4] if len(header) > 4 else "", MigkgError
    )
    error = kind.__new__(kind)
    MigkgError.__init__(error, message, status=status, title=title)
    return error


class Worker:
    """One worker process and the two pipes to it."""

    def __init__(self, path: Path, mode: str = "read", *, deny_network: bool = True):
        to_worker_r, to_worker_w = os.pipe()
        from_worker_r, from_worker_w = os.pipe()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "migkg.graph.worker",
                str(path),
                mode,
                str(to_worker_r),
                str(from_worker_w),
                "deny" if deny_network else "allow",
            ],
            pass_fds=(to_worker_r, from_worker_w),
            stdin=subprocess.DEVNULL,
        )
        os.close(to_worker_r)
        os.close(from_worker_w)
        self._out = Connection(to_worker_w, readable=False)
        self._in = Connection(from_worker_r, writable=False)
        self.generation = generation(path)

    def wait_ready(self, timeout: float) -> None:
        """Wait for the worker to have the store open."""
        if not self._in.poll(timeout):
            self.kill()
            raise QueryError("the query worker did not start", status=503, title="Unavailable")
        try:
            header = self._in.recv()
        except EOFError:
            self.kill()
            raise QueryError("the query worker failed to start", status=503) from None
        if header[0] != "ready":
            self._in.recv_bytes()
            self.kill()
            raise _error(header)

    def ask(self, job: Job, timeout: float) -> Answer:
        """Send ``job``; its answer, or QueryStopped after ``timeout`` seconds."""
        self._out.send(job)
        if not self._in.poll(timeout):
            self.kill()
            raise QueryStopped(
                f"query stopped after {timeout:g} s (the time limit); "
                "narrow it or add a LIMIT and try again"
            )
        try:
            header = self._in.recv()
            body = self._in.recv_bytes()
        except (EOFError, OSError):
            self.kill()
            raise QueryError(
                "the query stopped its worker process", status=500, title="Query failed"
            ) from None
        if header[0] == "error":
            raise _error(header)
        return Answer(body, header[1], header[2], header[3])

    def kill(self) -> None:
        """Stop the process now and release the pipes."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for conn in (self._out, self._in):
            if not conn.closed:
                conn.close()


class WorkerPool:
    """Up to ``size`` read-only workers over the store at ``path``."""

    START_TIMEOUT = 60.0

    def __init__(
        self, path: str | Path, size: int = 2, *, deny_network: bool = True, memory: bool = False
    ):
        self.path = Path(path).resolve()
        self.size = size
        self.deny_network = deny_network
        # Query workers copy the store into memory ("memory" mode) or read it on disk.
        self.read_mode = "memory" if memory else "read"
        self._cond = threading.Condition()
        self._idle: list[Worker] = []
        self._live = 0  # idle, busy and starting
        self._busy = 0
        self._writing = False
        self._closed = False
        # Workers are started from this one long-lived thread: a worker asks to be killed
        # when the thread that started it ends (PR_SET_PDEATHSIG follows threads), so it
        # must not be a request thread that may end first.
        self._spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="migkg-workers")

    def _start(self, mode: str) -> Worker:
        return self._spawner.submit(
            Worker, self.path, mode, deny_network=self.deny_network
        ).result()

    def run(self, job: Job, timeout: float) -> Answer:
        """Run a query (or, with ``job.update``, an update) within ``timeout`` seconds."""
        if job.update:
            return self._update(job, timeout)
        worker = self._take(time.monotonic() + timeout)
        try:
            answer = worker.ask(job, timeout)
        except QueryStopped:
            self._lost(worker)
            raise
        except MigkgError:
            if worker.proc.poll() is not None:
                self._lost(worker)
            else:
                self._give_back(worker)
            raise
        self._give_back(worker)
        return answer

    def _take(self, deadline: float) -> Worker:
        with self._cond:
            while True:
                if self._closed:
                    raise QueryError("the server is shutting down", status=503)
                if not self._writing:
                    try:
                        current = generation(self.path)
                    except OSError:  # mid-swap: the folder is being renamed
                        current = None
                    while self._idle:
                        worker = self._idle.pop()
                        if current is None or worker.generation == current:
                            self._busy += 1
                            return worker
                        self._retire(worker)
                    if self._live < self.size:
                        self._live += 1
                        self._busy += 1
                        break
                left = deadline - time.monotonic()
                if left <= 0:
                    raise QueryError(
                        "every query worker is busy; try again shortly",
                        status=503,
                        title="Busy",
                    )
                self._cond.wait(left)
        try:
            worker = self._start(self.read_mode)
            worker.wait_ready(self.START_TIMEOUT)
        except BaseException:
            with self._cond:
                self._live -= 1
                self._busy -= 1
                self._cond.notify_all()
            raise
        return worker

    def _retire(self, worker: Worker) -> None:
        # Called with the lock held.
        self._live -= 1
        worker.kill()

    def _give_back(self, worker: Worker) -> None:
        with self._cond:
            self._busy -= 1
            if self._closed:
                self._retire(worker)
            else:
                self._idle.append(worker)
            self._cond.notify_all()

    def _lost(self, worker: Worker) -> None:
        worker.kill()
        with self._cond:
            self._live -= 1
            self._busy -= 1
            self._cond.notify_all()
        self.warm(1)

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
            try:
                worker = Worker(self.path, self.read_mode, deny_network=self.deny_network)
                worker.wait_ready(self.START_TIMEOUT)
            except MigkgError:
                with self._cond:
                    self._live -= 1
                return
            with self._cond:
                if self._closed:
                    self._retire(worker)
                    return
                self._idle.append(worker)
                self._cond.notify_all()

    def _update(self, job: Job, timeout: float) -> Answer:
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._writing or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise QueryError("the store is busy; try again shortly", status=503)
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
                return writer.ask(job, max(deadline - time.monotonic(), 0.1))
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
        self._spawner.shutdown(wait=False, cancel_futures=True)
