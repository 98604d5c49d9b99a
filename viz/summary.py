"""What every visitor sees, worked out once per build instead of once per request.

A :class:`Summary` holds the snapshot the networks and charts are drawn from, the rows of
the home page's questions that do not depend on the day (counts, documents), the names a
parameter may take, and the coordination network of the whole graph with every metric
(load per agency and year, weighted degree, betweenness, community).

``migkg build`` writes it into the new store folder before the folder is swapped in, so
store and summary change together; ``migkg push`` writes one for the remote store; a store
loaded by other means gets one the first time it is served (kept in memory). A summary
records how many quads the store held, and is not used for a store that holds another
number (an update written through the endpoint).
"""

from __future__ import annotations

import hashlib
import pickle
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from graph.store import SelectResult, Store
from migkg import atomic, collector
from migkg.settings import default as settings_default
from queries import internal
from viz.data import Resource, Snapshot, fetch
from viz.unchanged import known_quads

SUMMARY_FILE = "migkg-summary.pickle"
# Raised whenever the pickled classes change shape: an older file is then recomputed.
FORMAT = 2
# The page questions kept, by the name of their ``queries/internal/page_*.rq`` file.
PAGE_QUERIES = (
    "home_counts",
    "home_documents",
)


@dataclass
class Summary:
    """The precomputed state of one store (see the module docstring)."""

    quads: int
    snapshot: Snapshot
    pages: dict[str, SelectResult]
    coordination: nx.DiGraph
    made: float = field(default_factory=time.time)
    format: int = FORMAT

    def page(self, name: str, store: Store) -> SelectResult:
        """The kept result of ``page_<name>.rq``; asked of ``store`` (and kept) when this
        summary was made before the question was among :data:`PAGE_QUERIES`."""
        if name not in self.pages:
            self.pages[name] = store.select(internal(f"page_{name}"))
        return self.pages[name]


def ask_pages(store: Store, but: tuple[str, ...] = ()) -> dict[str, SelectResult]:
    """The answers to every page question a summary keeps (:data:`PAGE_QUERIES`), but
    those named in ``but``."""
    names = [name for name in PAGE_QUERIES if name not in but]
    return {name: store.select(internal(f"page_{name}")) for name in names}


def compute(
    store: Store,
    pages: Callable[[], dict[str, SelectResult]] | None = None,
    resources: Callable[[], dict[str, Resource]] | None = None,
) -> Summary:
    """Work out the summary of ``store`` (every page question, the coordination network
    with its metrics). ``pages`` gives the page questions' answers and ``resources`` the
    labels and types (:func:`viz.data.read_resources`) when they are read elsewhere: a
    build reads them in another process while this one reads the rest of the snapshot."""
    from viz.networks import coordination_network

    if pages is not None:
        snap = fetch(store, resources)
        asked = pages()
    elif isinstance(getattr(store, "native", None), ox.Store):
        # pyoxigraph answers without holding the interpreter: the page questions are
        # asked in a thread while the snapshot is read (two cores, half the wait).
        with ThreadPoolExecutor(1) as pool:
            future = pool.submit(ask_pages, store)
            snap = fetch(store, resources)
            asked = future.result()
    else:
        snap = fetch(store, resources)
        asked = ask_pages(store)
    return Summary(
        quads=len(store),
        snapshot=snap,
        pages=asked,
        coordination=coordination_network(snap),
    )


def save(summary: Summary, path: Path) -> None:
    """Write ``summary`` to ``path`` atomically (a reader sees the old file or the new)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_pickle(path, summary)


def load(path: Path) -> Summary | None:
    """The summary saved at ``path``; None when there is none or it is of another format.

    The file is migkg's own, written beside the store it describes (the same trust as
    the store's own files).
    """
    try:
        with path.open("rb") as fh:
            summary = collector.load(fh)  # written by build/push into the store
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None
    if not isinstance(summary, Summary) or summary.format != FORMAT:
        return None
    return summary


def summary_path(store: Store, settings: dict[str, Any] | None = None) -> Path | None:
    """Where the summary of ``store`` lives: inside an embedded store's folder; for a remote
    store, beside the embedded store's folder, named after the endpoint; None in memory."""
    folder = getattr(store, "path", None)
    if folder is not None:
        return Path(folder) / SUMMARY_FILE
    endpoint = getattr(store, "endpoint", None) or (settings or {}).get("endpoint")
    if endpoint:
        digest = hashlib.sha256(str(endpoint).encode("utf-8")).hexdigest()[:16]
        base = Path((settings or {}).get("store_path") or settings_default("store_path")).parent
        return base / f"remote-summary-{digest}.pickle"
    return None


def write_for(
    store: Store,
    settings: dict[str, Any] | None = None,
    pages: Callable[[], dict[str, SelectResult]] | None = None,
    resources: Callable[[], dict[str, Resource]] | None = None,
) -> Summary:
    """Compute the summary of ``store`` and save it where :func:`summary_path` says
    (``pages``, ``resources``: as :func:`compute` takes them)."""
    summary = compute(store, pages, resources)
    path = summary_path(store, settings)
    if path is not None:
        save(summary, path)
    return summary


def read_for(store: Store, settings: dict[str, Any] | None = None) -> Summary | None:
    """The saved summary of ``store`` if there is one and it matches the store's size."""
    path = summary_path(store, settings)
    if path is None or not path.exists():
        return None
    summary = load(path)
    if summary is None:
        return None
    # noted beside the store by the build while its files are unchanged, else counted
    folder = getattr(store, "path", None)
    known = known_quads(Path(folder)) if folder is not None else None
    if summary.quads != (known if known is not None else len(store)):
        return None
    return summary
