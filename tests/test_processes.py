"""The build's helper processes that open a store start safely in a process that has
opened one already (graph/processes.py).

Each case runs in a fresh interpreter, so that whether RocksDB's threads run is known.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent(
    """
    import sys, tempfile
    import pyoxigraph as ox
    from graph import new_store, processes

    def write_a_store(_=None):
        # enough quads that RocksDB flushes and compacts, in background threads
        store = ox.Store(tempfile.mkdtemp())
        for i in range(20000):
            store.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"),
                              ox.NamedNode("http://example.org/p"), ox.Literal(str(i))))
        store.flush()
        store.optimize()
        del store
        return "written"

    if __name__ == "__main__":
        print("before", processes.rocksdb_started(), processes.context().get_start_method())
        if sys.argv[1] == "opened":
            ox.Store(tempfile.mkdtemp()).flush()
        print("after", processes.rocksdb_started(), processes.context().get_start_method())
        pool = new_store.start_pool()
        print(pool.submit(write_a_store).result(timeout=60))
        pool.shutdown()
    """
)


def run(tmp_path: Path, case: str) -> list[str]:
    script = tmp_path / "child.py"
    script.write_text(SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), case],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_process_that_opened_no_store_forks(tmp_path: Path) -> None:
    assert run(tmp_path, "none") == ["before False fork", "after False fork", "written"]


def test_after_a_store_is_opened_children_come_from_a_fork_server_and_can_write(
    tmp_path: Path,
) -> None:
    # forked at this point, the child's flush would wait for ever
    assert run(tmp_path, "opened") == [
        "before False fork",
        "after True forkserver",
        "written",
    ]
