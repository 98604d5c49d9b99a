"""Query worker processes, and a pool that keeps them alive.

Neither pyoxigraph nor rdflib can cancel a running query, so queries on the on-disk store
run in worker processes (graph/worker.py), each holding the store open read-only. A
query that passes its limit has its worker killed; a worker that dies for any other
reason (killed by the system for its memory, crashed), busy or idle, is replaced at once,
and the query it was running is answered 503 with the reason. A query sent to a worker
that had died while idle is sent again to another, as it never started.

Updates run in a short-lived read-write worker while queries wait; the workers opened
before it are then replaced, as they are whenever the store folder changes (a rebuild
swapped in by ``migkg build``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from migkg.errors import MigkgError, QueryError
from migkg.graph.execute import Job
from migkg.graph.results import Answer, NotAcceptable


class QueryStopped(MigkgError):
    """A query stopped at the time limit, or with its worker."""

    status = 503
    title = "Query stopped"


class _Gone(Exception):
    """The worker was dead before it took the job: the job may go to another."""


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


def death(returncode: int | None, memory_mb: int) -> str:
    """Why a worker ended, in words, from its exit status."""
    if returncode is not None and returncode < 0:
        sig = -returncode
        if sig == signal.SIGKILL:
            return "its worker process was killed (by the system, for memory, or by hand)"
        if sig == signal.SIGABRT:
            limit = f" ({memory_mb} MB)" if memory_mb else ""
            return f"it needed more memory than a query worker may have{limit}"
        if sig == signal.SIGSEGV:
            return "it crashed its worker process (too complex to parse or run)"
        return f"its worker process ended on signal {signal.Signals(sig).name}"
    return f"its worker process ended (exit status {returncode})"


# Answers up to this size stay in memory on their way to the client; larger ones go to
# a temporary file, so the server holds no more than this of any one answer.
SPOOL_IN_MEMORY = 1024 * 1024


class Worker:
    """One worker process and the two pipes to it."""

    def __init__(
        self,
        path: Path,
        mode: str = "read",
        *,
        deny_network: bool = True,
        memory_mb: int = 0,
        nice: int = 0,
    ):
        to_worker_r, to_worker_w = os.pipe()
        from_worker_r, from_worker_w = os.pipe()
        self.memory_mb = memory_mb
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
                str(memory_mb if mode != "write" else 0),
                str(nice if mode != "write" else 0),
            ],
            pass_fds=(to_worker_r, from_worker_w),
            stdin=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_worker_r)
        os.close(from_worker_w)
        self._out = Connection(to_worker_w, readable=False)
        self._in = Connection(from_worker_r, writable=False)
        self.generation = generation(path)

    @property
    def inbox(self) -> Connection:
        """The pipe the worker answers on (readable at once when it dies)."""
        return self._in

    def alive(self) -> bool:
        """True while the process runs and has sent nothing unasked (an idle worker's
        pipe becomes readable only when it ends)."""
        return self.proc.poll() is None and not self._in.closed and not self._in.poll(0)

    def wait_ready(self, timeout: float) -> None:
        """Wait for the worker to have the store open."""
        if not self._in.poll(timeout):
            self.kill()
            raise QueryError("the query worker did not start", status=503, title="Unavailable")
        try:
            header = self._in.recv()
        except (EOFError, OSError):
            code = self.exit_code()
            self.kill()
            raise QueryError(
                f"the query worker failed to start: {death(code, self.memory_mb)}",
                status=503,
                title="Unavailable",
            ) from None
        if header[0] != "ready":
            self._in.recv_bytes()
            self.kill()
            raise _error(header)

    def ask(self, job: Job, timeout: float, limit: float | None = None) -> Answer:
        """Send ``job``; its answer (the body spooled, so the worker is free again), or
        QueryStopped after ``timeout`` seconds (of the time limit ``limit``, to tell the
        client) or when the worker dies meanwhile."""
        limit = timeout if limit is None else limit
        deadline = time.monotonic() + timeout
        try:
            self._out.send(job)
            # The worker says it took the job before it starts: a death before that
            # (a worker killed while idle) leaves the job free to go to another.
            if not self._in.poll(min(timeout, 10.0)) or self._in.recv()[0] != "started":
                raise _Gone
        except (OSError, EOFError):
            raise _Gone from None
        timeout = max(deadline - time.monotonic(), 0.0)
        if not self._in.poll(timeout):
            self.kill()
            raise QueryStopped(
                f"query stopped after {limit:g} s (the time limit); "
                "narrow it or add a LIMIT and try again"
            )
        try:
            header = self._in.recv()
            if header[0] == "error":
                self._in.recv_bytes()
                raise _error(header)
            spool = tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY)  # noqa: SIM115 - handed on
            try:
                while True:
                    if not self._in.poll(max(deadline - time.monotonic(), 0.0)):
                        raise TimeoutError
                    chunk = self._in.recv_bytes()
                    if not chunk:
                        break
                    spool.write(chunk)
            except BaseException:
                spool.close()
                raise
        except TimeoutError:
            self.kill()
            raise QueryStopped(f"query stopped after {limit:g} s (the time limit)") from None
        except (EOFError, OSError):
            code = self.exit_code()
            self.kill()
            raise QueryStopped(
                f"query stopped: {death(code, self.memory_mb)}", title="Query stopped"
            ) from None
        spool.seek(0)
        cut_by = header[4] if len(header) > 4 else None
        return Answer(b"", header[1], header[2], header[3], cut_by, chunks=_Spooled(spool))

    def exit_code(self, wait: float = 2.0) -> int | None:
        """The exit status of a worker whose pipe closed (it may take a moment to show)."""
        try:
            return self.proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        """Stop the process now and release the pipes."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for conn in (self._out, self._in):
            if not conn.closed:
                conn.close()


class _Spooled:
    """The spooled body, read piece by piece; closed when read through, when the server
    closes it (WSGI calls ``close``) or when dropped unread."""

    def __init__(self, spool: Any, size: int = 64 * 1024):
        self._spool = spool
        self._size = size

    def __iter__(self) -> _Spooled:
        return self

    def __next__(self) -> bytes:
        chunk = b"" if self._spool.closed else self._spool.read(self._size)
        if not chunk:
            self.close()
            raise StopIteration
        return chunk

    def close(self) -> None:
        """Release the spool."""
        if not self._spool.closed:
            self._spool.close()

    def __del__(self) -> None:
        self.close()


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
    ):
        self.path = Path(path).resolve()
        self.nice = nice
        self.size = size
        self.deny_network = deny_network
        self.memory_mb = memory_mb
        # Query workers copy the store into memory ("memory" mode) or read it on disk.
        self.read_mode = "memory" if memory else "read"
        self._cond = threading.Condition()
        self._idle: list[Worker] = []
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
            except _Gone:
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
                        raise QueryError("the server is shutting down", status=503)
                    if not self._writing:
                        try:
                            current = generation(self.path)
                        except OSError:  # mid-swap: the folder is being renamed
                            current = None
                        while self._idle:
                            worker = self._idle.pop()
                            fresh = current is None or worker.generation == current
                            if fresh and worker.alive():
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
            finally:
                self._waiting -= 1
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
                self._poke()
            self._cond.notify_all()

    def _lost(self, worker: Worker) -> None:
        worker.kill()
        with self._cond:
            self._live -= 1
            self._busy -= 1
            self._cond.notify_all()
        self.warm(1)

    def _poke(self) -> None:
        """Make the watcher look at the idle workers again."""
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass

    def _watch(self) -> None:
        """Replace idle workers that die (their pipe becomes readable), at once."""
        while not self._closed:
            with self._cond:
                idle = {w.inbox: w for w in self._idle}
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
                    worker = idle.get(conn) if isinstance(conn, Connection) else None
                    if worker is not None and worker in self._idle and not worker.alive():
                        self._idle.remove(worker)
                        self._retire(worker)
                        dead.append(worker)
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
            try:
                worker = self._new(self.read_mode)
                worker.wait_ready(self.START_TIMEOUT)
            except BaseException:
                with self._cond:
                    self._live -= 1
                    self._cond.notify_all()
                return
            with self._cond:
                if self._closed:
                    self._retire(worker)
                    return
                self._idle.append(worker)
                self._poke()
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
                answer = writer.ask(job, max(deadline - time.monotonic(), 0.1))
                answer.read()
                return answer
            except _Gone:
                raise QueryError("the update worker ended before the update", status=503) from None
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
