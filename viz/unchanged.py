"""How many quads a store on disk holds, without counting them when it is unchanged.

Counting the quads of a store of 10^7 takes seconds, and the files kept beside a store
(its summary, its lists) each record the number they were made from, to tell a store
written since. ``record`` notes, beside the store, its number of quads with the name and
size of each of its table, log and manifest files (any write changes one of them);
``known_quads`` gives that number back while the files are as they were, else None (the
caller then counts).
"""

from __future__ import annotations

import json
from pathlib import Path

from migkg import atomic

QUADS_FILE = "migkg-quads.json"
# RocksDB's files that change when the store is written (with MANIFEST-* and CURRENT).
_DATA = (".sst", ".blob", ".log")


def fingerprint(folder: Path) -> list[list[str | int]] | None:
    """The name and size of each data file of the store in ``folder`` (None if unreadable)."""
    try:
        return sorted(
            [path.name, path.stat().st_size]
            for path in folder.iterdir()
            if path.name.endswith(_DATA)
            or path.name.startswith("MANIFEST-")
            or path.name == "CURRENT"
        )
    except OSError:
        return None


def record(folder: Path, quads: int) -> bool:
    """Note that the store in ``folder`` holds ``quads`` (whether the note was written)."""
    files = fingerprint(folder)
    if not files:
        return False  # not a store on disk: nothing tells it unchanged
    try:
        note = json.dumps({"quads": quads, "files": files}).encode("utf-8")
        atomic.write_bytes(folder / QUADS_FILE, note)
    except OSError:
        return False
    return True


def known_quads(folder: Path) -> int | None:
    """The quads the store in ``folder`` holds, if noted and its files are as they were."""
    try:
        held = json.loads((folder / QUADS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(held, dict) or not isinstance(held.get("quads"), int):
        return None
    files = fingerprint(folder)
    return held["quads"] if files and held.get("files") == files else None
