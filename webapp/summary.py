"""The served store's summary (viz/summary.py): read from its file, else worked out once.

Kept in the app while the store is unchanged (an embedded store's folder swapped by a
rebuild, or written by an update, is read again), so a page reads what the build worked
out instead of asking the whole graph. Filtered views are computed from the summary's
snapshot and remembered for the next visitor (a few dozen at most).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app

from graph.runner import generation
from viz import summary as summaries
from viz.summary import Summary
from webapp import kept
from webapp.db import get_store

_LOCK = threading.Lock()
_KEPT = 48
T = TypeVar("T")


def _key(store: Any) -> Hashable:
    path = getattr(store, "path", None)
    if path is not None and getattr(store, "read_only", False):
        try:
            return ("folder", generation(path))
        except OSError:
            return ("folder", None)
    if getattr(store, "endpoint", None):
        # A remote store: its summary file changes when `migkg push` loads it again.
        file = summaries.summary_path(store, current_app.config.get("MIGKG", {}))
        try:
            return ("remote", id(store), file.stat().st_mtime_ns if file else None)
        except OSError:
            return ("remote", id(store), None)
    # A store in memory (tests): its size tells an update apart.
    return ("size", id(store), len(store))


def get_summary() -> Summary:
    """The summary of the app's store."""
    store = get_store()
    ext = current_app.extensions.setdefault("migkg", {})
    key = _key(store)
    held = ext.get("summary")
    if held is not None and held[0] == key:
        return held[1]
    with _LOCK:
        held = ext.get("summary")
        if held is not None and held[0] == key:
            return held[1]
        settings = current_app.config.get("MIGKG", {})
        summary = summaries.read_for(store, settings) or summaries.compute(store)
        ext["summary"] = (key, summary)
        kept.renew("views", _KEPT)
        return summary


def remembered(key: Hashable, make: Callable[[Summary], T]) -> T:
    """``make(summary)``, remembered under ``key`` while the summary is the same."""
    summary = get_summary()
    return kept.recent("views", _KEPT).get(key, lambda: make(summary))
