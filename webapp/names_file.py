"""The name index kept in a file inside an embedded store's folder, beside the summary.

``migkg build`` writes it with the store, so that the first search after a build reads a
file instead of every name in the graph; for a store built before, ``python -m
webapp.names_file STORE_DIR`` writes it (the site reads the names of a store without it
once and keeps them in memory). The file records how many quads the store held and is not
used for a store that holds another number (an update through the endpoint).
"""

from __future__ import annotations

import pickle
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migkg import atomic, collector
from webapp import store_files

if TYPE_CHECKING:
    from webapp.names import NameIndex

NAMES_FILE = "migkg-names.pickle"
# Raised whenever the pickled classes change shape or order: an older file is then read
# again.
FORMAT = 3


def names_path(store: Any) -> Path | None:
    """Where the index of ``store`` lives: inside an embedded store's folder, else nowhere."""
    return store_files.beside(store, NAMES_FILE)


def save(index: NameIndex, quads: int, path: Path) -> None:
    """Write ``index`` to ``path`` whole or not at all (a reader never sees half a file)."""
    atomic.write_pickle(path, (FORMAT, quads, index))


def load(path: Path, quads: int) -> NameIndex | None:
    """The index saved in ``path`` if it is of this format and of a store of ``quads``."""
    try:
        with path.open("rb") as src:
            held = collector.load(src)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None
    if not isinstance(held, tuple) or len(held) != 3 or held[:2] != (FORMAT, quads):
        return None
    return held[2]


def read_for(store: Any) -> NameIndex | None:
    """The saved index of ``store``, if there is one for it as it is."""
    path = names_path(store)
    if path is None or not path.exists():
        return None
    return load(path, len(store))


def save_for(store: Any, index: NameIndex) -> bool:
    """Keep ``index`` beside ``store`` if its folder can be written; whether it was."""
    return store_files.keep(names_path(store), lambda path: save(index, len(store), path))


def write_for(store: Any) -> NameIndex:
    """Read the index of ``store`` and keep it beside the store (``migkg build``)."""
    index = build_for(store)
    save_for(store, index)
    return index


def update_for(store: Any, previous: Path, quads: int, keys: Collection[str]) -> NameIndex:
    """The index of ``store`` made from the index kept at ``previous`` (of a store of
    ``quads``) with the entries of ``keys`` read again, kept beside ``store``; read in
    full when there is no such index (``migkg build`` after a change to a few graphs)."""
    from webapp.names import rebuild

    kept = load(previous, quads)
    if kept is None:
        return write_for(store)
    index = rebuild(kept, store, keys)
    save_for(store, index)
    return index


def main(argv: list[str] | None = None) -> int:
    """``python -m webapp.names_file STORE_DIR``: write the index of a store built before."""
    return store_files.write_command(
        argv,
        "webapp.names_file",
        NAMES_FILE,
        build_for,
        save_for,
        lambda index: f"{len(index.entries)} names of things",
    )


def build_for(store: Any) -> NameIndex:
    """The index of ``store``, read from it."""
    from webapp.names import build

    return build(store)


if __name__ == "__main__":
    raise SystemExit(main())
