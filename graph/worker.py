"""A query worker: a process that opens the on-disk store and answers jobs over a pipe.

Started by graph/pool.py as ``python -m graph.worker PATH MODE READ_FD WRITE_FD
NETWORK MEMORY_MB NICE`` (MODE ``read`` opens the store read-only, ``memory`` opens it
read-only and copies it into an in-memory store, whose joins run several times faster
than on disk, ``write`` opens it read-write for updates). It can be killed at any moment:
that is how a query is stopped at its time limit. Its address space is limited to
MEMORY_MB (0: no limit), so a query that would eat the machine ends this process alone.

Messages: the server sends a pickled Job; the worker answers
``("ok", kind, format, truncated, cut_by, body)`` where the body is small (one
message: a short query costs the server one read), else the same with ``None`` for the
body, then the body as raw chunks ending with an empty one; or
``("error", status, title, message, error class name)``. The first message is
``("ready",)`` once the store is open, or an error if it cannot be.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import time
from multiprocessing.connection import Connection

from migkg.errors import MigkgError

# The body goes back in pieces of this size, so the server never holds it whole.
CHUNK = 256 * 1024


def serve(path: str, mode: str, inbox: Connection, outbox: Connection) -> None:
    """Open the store and answer jobs until the server closes the pipe."""
    import pyoxigraph as ox

    from graph.execute import execute

    try:
        if mode == "write":
            store = ox.Store(path)
        else:
            store = ox.Store.read_only(path)
        if mode == "memory":
            on_disk, store = store, ox.Store()
            store.bulk_extend(on_disk.quads_for_pattern(None, None, None, None))
            del on_disk
    except (OSError, RuntimeError, MemoryError) as exc:  # RuntimeError: a damaged store
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        outbox.send(
            ("error", 503, "Store unavailable", f"cannot open the store at {path}: {reason}")
        )
        return
    outbox.send(("ready",))
    while True:
        try:
            job = inbox.recv()
        except EOFError:
            return
        started = time.monotonic()
        try:
            answer = execute(store, job)
        except MigkgError as exc:
            outbox.send(("error", exc.status, exc.title, exc.message, type(exc).__name__))
            continue
        except MemoryError:
            outbox.send(
                ("error", 503, "Query stopped", "the query needed more memory than allowed", "")
            )
            continue
        head = ("ok", answer.kind, answer.format, answer.truncated, answer.cut_by)
        if len(answer.body) <= CHUNK:
            outbox.send((*head, answer.body))
        else:
            outbox.send((*head, None))
            body = memoryview(answer.body)
            for at in range(0, len(body), CHUNK):
                outbox.send_bytes(body[at : at + CHUNK])
            outbox.send_bytes(b"")
            del body
        del answer
        if mode == "write":
            store.flush()
        elif time.monotonic() - started > _HEAVY_SECONDS:
            release_memory()


# After a job this long, the heap it used is handed back to the system (the answer is
# already sent, so nobody waits for it); a large graph's aggregates leave tens of MB.
_HEAVY_SECONDS = 0.05


def release_memory() -> None:
    """Return freed heap pages to the system where the C library can (glibc)."""
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


def main(argv: list[str]) -> None:
    """Entry point: lock the process down, then serve."""
    from graph import sandbox

    path, mode, read_fd, write_fd, network, memory_mb, nice = argv
    sandbox.die_with_parent()
    if int(nice):
        os.nice(int(nice))  # the heavy lane yields the processor to pages and light queries
    if network == "deny":
        sandbox.deny_network()
    sandbox.limit_memory(int(memory_mb) * 1024 * 1024)
    inbox = Connection(int(read_fd), writable=False)
    outbox = Connection(int(write_fd), readable=False)
    serve(path, mode, inbox, outbox)


if __name__ == "__main__":
    main(sys.argv[1:])
