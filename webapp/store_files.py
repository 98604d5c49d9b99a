"""Files the build keeps inside an embedded store's folder (the name index, the lists, the
calendar's and coverage's answers), and the command that writes one for a store built
before it was kept."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def beside(store: Any, name: str) -> Path | None:
    """Where the file ``name`` of ``store`` lives: inside an embedded store's folder, else
    nowhere."""
    folder = getattr(store, "path", None)
    return Path(folder) / name if folder is not None else None


def keep(path: Path | None, write: Callable[[Path], None]) -> bool:
    """``write(path)`` if there is a ``path`` (an embedded store's folder) and it can be
    written; whether it was. A read-only folder is no error: what would be kept stays in
    the memory of the process that made it."""
    if path is None:
        return False
    try:
        write(path)
    except OSError:
        return False
    return True


def write_command(
    argv: list[str] | None,
    module: str,
    name: str,
    make: Callable[[Any], Any],
    keep: Callable[[Any, Any], bool],
    told: Callable[[Any], str],
) -> int:
    """``python -m MODULE STORE_DIR``: ``make`` the content of the file ``name`` from the
    store, ``keep`` it beside the store, print where and ``told`` of it; the exit status."""
    from graph.embedded import EmbeddedStore

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print(f"usage: python -m {module} STORE_DIR (a store folder)", file=sys.stderr)
        return 2
    store = EmbeddedStore(Path(args[0]), read_only=True)
    try:
        made = make(store)
        if not keep(store, made):
            print(f"{args[0]}: the folder cannot be written", file=sys.stderr)
            return 1
    finally:
        store.close()
    print(f"{beside(store, name)}: {told(made)}")
    return 0
