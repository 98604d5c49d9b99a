"""One query worker process as the server sees it: start it, send it a job, read the
answer (spooled, so the server never holds it whole), kill it, and say why it ended.

The process side is graph/worker.py; the pool that keeps workers alive, graph/pool.py.
"""

from __future__ import annotations

import array
import fcntl
import math
import os
import select
import signal
import subprocess
import sys
import tempfile
import termios
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from graph.execute import Job
from graph.results import Answer
from migkg.errors import MigkgError, NotAcceptable, QueryError, Unavailable


class QueryStopped(MigkgError):
    """A query stopped at the time limit, or with its worker."""

    status = 503
    title = "Query stopped"


class WorkerGone(Exception):
    """The worker was dead before it took the job: the job may go to another."""


def generation(path: Path) -> tuple[int, int]:
    """What changes when the store is rebuilt or written: the folder's inode and mtime."""
    st = os.stat(path)
    return (st.st_ino, st.st_mtime_ns)


def _worker_env() -> dict[str, str]:
    """The environment a worker starts with: this one, with few malloc arenas unless one
    is asked for. Each thread that allocates may get an arena of its own, reserving 64 MB
    of address space, which counts against the worker's memory limit (RLIMIT_AS): a worker
    on the test graph reserved 518-833 MB from one start to the next, and 262-365 MB with
    two arenas: how much of the limit a query may use no longer varies by chance."""
    return {**os.environ, "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2")}


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

    TAKE_WITHIN = 10.0  # seconds an idle worker may take to read a job sent to it

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
        self.mode = mode
        self.memory_mb = memory_mb
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "graph.worker",
                str(path),
                mode,
                str(to_worker_r),
                str(from_worker_w),
                "deny" if deny_network else "allow",
                str(memory_mb if mode != "write" else 0),
                str(nice if mode != "write" else 0),
            ],
            pass_fds=(to_worker_r, from_worker_w),
            env=_worker_env(),
            stdin=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_worker_r)
        os.close(from_worker_w)
        self._out = Connection(to_worker_w, readable=False)
        self._in = Connection(from_worker_r, writable=False)
        self.generation = generation(path)
        # A descriptor readable once the process ends (Linux): the pool's watcher waits on
        # it without waking at each answer; elsewhere the answer pipe stands in.
        self._pidfd: int | None = None
        if hasattr(os, "pidfd_open"):
            try:
                self._pidfd = os.pidfd_open(self.proc.pid)
            except OSError:
                pass

    @property
    def exits_only(self) -> bool:
        """True when ``sentinel`` becomes readable only when the process ends."""
        return self._pidfd is not None

    @property
    def sentinel(self) -> Any:
        """What becomes readable when the worker ends: its pidfd, else its answer pipe
        (readable on an answer too)."""
        return self._pidfd if self._pidfd is not None else self._in

    @property
    def inbox(self) -> Connection:
        """The pipe the worker answers on (readable at once when it dies)."""
        return self._in

    def alive(self) -> bool:
        """True while the process runs and has sent nothing unasked (an idle worker's
        pipe becomes readable only when it ends)."""
        return self.proc.poll() is None and not self._in.closed and not self._readable(0)

    def _readable(self, timeout: float) -> bool:
        """True once the answer pipe has something to read (or is closed by the worker's
        end) within ``timeout`` seconds. As ``Connection.poll``, with one system call and
        no selector object made each time: a short query waits here once."""
        waiter = select.poll()
        waiter.register(self._in.fileno(), select.POLLIN)
        return bool(waiter.poll(math.ceil(max(timeout, 0.0) * 1000)))

    def wait_ready(self, timeout: float) -> None:
        """Wait for the worker to have the store open."""
        if not self._readable(timeout):
            self.kill()
            raise Unavailable("the query worker did not start")
        try:
            header = self._in.recv()
        except (EOFError, OSError):
            code = self.exit_code()
            self.kill()
            raise Unavailable(
                f"the query worker failed to start: {death(code, self.memory_mb)}"
            ) from None
        if header[0] != "ready":
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
        except OSError:  # the pipe is broken: the worker was dead before it took the job
            raise WorkerGone from None
        if not self._readable(min(timeout, self.TAKE_WITHIN)):
            # An idle worker reads a job at once: one that has not within TAKE_WITHIN
            # seconds hangs (stopped, or stuck before its loop), and the job may go to
            # another. One that read it is running it: it has the rest of its time.
            if not self._taken():
                self.kill()
                raise WorkerGone
            if not self._readable(max(deadline - time.monotonic(), 0.0)):
                self.kill()
                raise QueryStopped(
                    f"query stopped after {limit:g} s (the time limit); "
                    "narrow it or add a LIMIT and try again"
                )
        try:
            header = self._in.recv()
            if header[0] == "error":
                raise _error(header)
            if header[5] is not None:  # a small body, sent with the header
                return Answer(header[5], header[1], header[2], header[3], header[4])
            spool = tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY)  # noqa: SIM115 - handed on
            try:
                while True:
                    if not self._readable(deadline - time.monotonic()):
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
            # A worker that died before it read the job (killed while idle) leaves the job
            # free to go to another; one that read it died running it.
            if not self._taken():
                raise WorkerGone from None
            code = self.exit_code()
            self.kill()
            raise QueryStopped(
                f"query stopped: {death(code, self.memory_mb)}", title="Query stopped"
            ) from None
        spool.seek(0)
        return Answer(b"", header[1], header[2], header[3], header[4], chunks=_Spooled(spool))

    def _taken(self) -> bool:
        """True once the worker has read the job sent to it: none of it is left in the
        pipe (asked of the pipe itself, so the worker need not say it took the job, which
        would cost each query one more wake-up of this thread). Where the system cannot
        tell, the job counts as taken."""
        unread = array.array("i", [0])
        try:
            fcntl.ioctl(self._out.fileno(), termios.FIONREAD, unread)
        except (OSError, ValueError):
            return True
        return unread[0] == 0

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
        if self._pidfd is not None:
            pidfd, self._pidfd = self._pidfd, None
            os.close(pidfd)


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
