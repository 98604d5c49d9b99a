"""How the build starts the processes that open a store of their own.

Forking is the cheapest start (nothing imported again), but RocksDB keeps its
background threads in one pool per process, started with the first store opened and
kept until the process ends. A child forked after that inherits the pool's bookkeeping
without its threads: its first flush waits for a thread that does not exist, for ever.
A process that has opened a store (a long-lived one, or a test session) starts such
children from a fork server instead, a clean process that never opened one.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
from collections.abc import Iterable
from pathlib import Path

_TASKS = Path("/proc/self/task")


def rocksdb_started() -> bool:
    """Whether this process runs RocksDB's background threads (named ``rocksdb:…``);
    true when it cannot tell, the safe answer."""
    try:
        tasks = os.listdir(_TASKS)
    except OSError:
        return True
    for task in tasks:
        try:
            name = (_TASKS / task / "comm").read_text(encoding="utf-8", errors="replace")
        except OSError:  # the thread ended meanwhile
            continue
        if name.startswith("rocksdb"):
            return True
    return False


def context(preload: Iterable[str] = ()) -> multiprocessing.context.BaseContext:
    """``fork`` while forking is safe for a child that opens a store, else
    ``forkserver``, its server importing ``preload`` once for all the children."""
    if not rocksdb_started():
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(list(preload))
    return ctx
