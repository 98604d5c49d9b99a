"""The rows of every list kept in a file inside an embedded store's folder, beside the
summary and the name index.

``migkg build`` writes it with the store, so that the first visit of a list (61,752
tasks at 10^6 quads) reads a file instead of asking the graph and folding its labels;
for a store built before, ``python -m webapp.lists_file STORE_DIR`` writes it (the site
asks the graph for the lists of a store without it, once per list, and keeps them in
memory). The file records how many quads the store held and is not used for a store
that holds another number (an update through the endpoint); beside it the build notes
the store's files (viz/unchanged.py), so that an unchanged store need not be counted.

Each list is pickled alone inside the file, so a visit reads only the list it shows; IRIs
are kept as text (webapp/list_rows.py).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from migkg import atomic, collector
from viz.unchanged import known_quads, record
from webapp import store_files
from webapp.list_rows import RawList, read, update

LISTS_FILE = "migkg-lists.pickle"
# Raised whenever what is pickled changes shape or order: an older file is then not used.
FORMAT = 2


def lists_path(store: Any) -> Path | None:
    """Where the lists of ``store`` live: inside an embedded store's folder, else nowhere."""
    return store_files.beside(store, LISTS_FILE)


def read_all(store: Any) -> dict[str, RawList]:
    """The rows of every list of ``store``, asked of it."""
    from webapp.listing import LISTS

    return {kind: read(store, kind) for kind in LISTS}


def encode(raw: RawList) -> bytes:
    """One list as pickled bytes."""
    held = (raw.plain, raw.labels, raw.iris, raw.ordered, raw.rows)
    return pickle.dumps(held, protocol=pickle.HIGHEST_PROTOCOL)


def decode(data: bytes) -> RawList:
    """The list :func:`encode` wrote."""
    plain, labels, iris, ordered, rows = collector.loads(data)
    return RawList(tuple(plain), tuple(labels), rows, bool(ordered), tuple(iris))


def save(lists: dict[str, RawList], quads: int, path: Path) -> None:
    """Write ``lists`` to ``path`` whole or not at all (a reader never sees half a file)."""
    atomic.write_pickle(path, (FORMAT, quads, {kind: encode(raw) for kind, raw in lists.items()}))


def load(
    path: Path, count: Callable[[], int], kind: str, quads: int | None = None
) -> RawList | None:
    """The list of ``kind`` saved in ``path`` if the file is of this format and of the
    store as it is: as many quads as noted beside it (viz/unchanged.py), else as
    ``count()`` says (``quads``: of a store of this many, whatever the note says)."""
    try:
        with path.open("rb") as src:
            held = collector.load(src)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None
    if not isinstance(held, tuple) or len(held) != 3 or held[0] != FORMAT:
        return None
    lists = held[2]
    if quads is None:
        known = known_quads(path.parent)
        quads = known if known is not None else count()
    if held[1] != quads:
        return None
    data = lists.get(kind) if isinstance(lists, dict) else None
    try:
        return decode(data) if isinstance(data, bytes) else None
    except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None


def read_for(store: Any, kind: str, count: Callable[[], int] | None = None) -> RawList | None:
    """The saved list of ``kind`` of ``store``, if there is one for it as it is (``count``:
    how to learn the number of quads it holds, when the file cannot tell)."""
    path = lists_path(store)
    if path is None or not path.exists():
        return None
    return load(path, count or (lambda: len(store)), kind)


def save_for(store: Any, lists: dict[str, RawList]) -> bool:
    """Keep ``lists`` beside ``store`` if its folder can be written; whether it was."""
    path = lists_path(store)
    if path is None:
        return False
    quads = len(store)
    if not store_files.keep(path, lambda p: save(lists, quads, p)):
        return False
    record(path.parent, quads)  # the summary and the lists then need not count the quads
    return True


def write_for(store: Any) -> dict[str, RawList]:
    """Read every list of ``store`` and keep them beside the store (``migkg build``)."""
    lists = read_all(store)
    save_for(store, lists)
    return lists


def update_for(
    store: Any, previous: Path, quads: int, keys: dict[str, Collection[str]]
) -> dict[str, RawList]:
    """Every list of ``store``, those of ``keys`` (kind → the things whose rows may
    differ) made from the lists kept at ``previous`` (of a store of ``quads``) with those
    rows asked again, the others asked in full; kept beside ``store``."""
    from webapp.listing import LISTS

    lists = {}
    for kind in LISTS:
        kept = load(previous, lambda: quads, kind, quads) if kind in keys else None
        made = update(kept, store, kind, keys[kind]) if kept is not None else None
        lists[kind] = made if made is not None else read(store, kind)
    save_for(store, lists)
    return lists


def main(argv: list[str] | None = None) -> int:
    """``python -m webapp.lists_file STORE_DIR``: write the lists of a store built before."""
    return store_files.write_command(
        argv,
        "webapp.lists_file",
        LISTS_FILE,
        read_all,
        save_for,
        lambda lists: f"{len(lists)} lists, {sum(len(raw.rows) for raw in lists.values())} rows",
    )


if __name__ == "__main__":
    raise SystemExit(main())
