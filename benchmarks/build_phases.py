"""Where the time of one `migkg build` goes: each phase's start, end and processor seconds.

    python benchmarks/build_phases.py CORPUS STORE

The build runs in this process as `migkg build` runs it (graph/parallel_build.py), with
the functions of its phases wrapped to print, from whichever process runs them, when they
started and ended (seconds since the start) and the processor seconds they used: reading
the documents, loading them into the new store, making the derived graphs (alongside the
loading), counting, asking the summary's questions (alongside the counting) and writing
the summary. A corpus of the real genre: `python benchmarks/generate.py 1000 DIR --documents`.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

START = time.perf_counter()  # the same clock in the forked processes

# (module, function, what it does)
PHASES = (
    ("graph.parallel_build", "read_corpus", "reading the documents"),
    ("graph.new_store", "load", "bulk load into the new store"),
    ("graph.derived", "make", "derived graphs"),
    ("graph.new_store", "count", "counting"),
    ("graph.new_store", "_ask", "summary questions (other process)"),
    ("viz.summary", "write_for", "snapshot, networks, summary written"),
    ("viz.update", "write_for", "summary brought up to date from the previous one"),
    ("graph.new_store", "write", "new store, start to swap"),
)


def _timed(name: str, what: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def timed(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            end = time.perf_counter()
            print(
                f"{wall - START:7.1f} {end - START:7.1f} {end - wall:7.1f} "
                f"{time.process_time() - cpu:7.1f}  {name} ({what}, process {os.getpid()})",
                flush=True,
            )

    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description="time each phase of one `migkg build`")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("store", type=Path)
    args = parser.parse_args()
    import importlib

    for module, function, what in PHASES:
        mod = importlib.import_module(module)
        setattr(mod, function, _timed(function, what, getattr(mod, function)))
    from graph import build

    print(f"{'start':>7} {'end':>7} {'wall s':>7} {'cpu s':>7}  phase")
    report, _ = build.build({"corpus": str(args.corpus), "store_path": str(args.store)})
    usages = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    cpu = sum(usage.ru_utime + usage.ru_stime for usage in usages)
    print(
        f"total {time.perf_counter() - START:.1f} s wall, {cpu:.1f} processor s; "
        f"{report.counts.get('documents', 0)} documents, load average "
        f"{os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
