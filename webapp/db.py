"""The store and its runner, opened once per app and closed when the app is torn down.

The pages and the endpoint read through the runner (graph/runner.py), which takes any
store: none of them knows which store is behind it.
"""

from __future__ import annotations

import atexit
import threading

from flask import Flask, current_app

from graph.runner import Runner
from graph.store import open_store

_OPENING = threading.Lock()  # one runner per app, however many threads ask first


def get_runner() -> Runner:
    """The app's runner over its store, opened on first use."""
    ext = current_app.extensions.setdefault("migkg", {})
    if "runner" in ext:
        return ext["runner"]
    with _OPENING:
        if "runner" in ext:
            return ext["runner"]
        settings = current_app.config["MIGKG"]
        injected = ext.get("store")
        # not `injected or …`: the truth of a store is its length, a count of every quad
        store = injected if injected is not None else open_store(settings, read_only=True)
        ext["runner"] = Runner.from_settings(store, settings, owns_store=injected is None)
        # The workers end with the process (they are asked to die with it); this stops
        # them first, and closes a store opened here.
        atexit.register(ext["runner"].close)
    return ext["runner"]


def get_store() -> Runner:
    """What the pages read from: the runner (a store whose queries run under the limits)."""
    return get_runner()


def init_app(app: Flask) -> None:
    """Register the store on the app (a test may put its own store in ``MIGKG_STORE``)."""
    injected = app.config.get("MIGKG_STORE")
    if injected is not None:
        app.extensions.setdefault("migkg", {})["store"] = injected


def store_stamp() -> tuple[int, object]:
    """What changes when the store's content may have: the folder's generation for a store
    on disk (cheap: counting a large store's quads is not), else the minute, so that caches
    built from a remote store are refreshed now and then."""
    from time import monotonic

    from graph.runner import generation

    store = get_store()
    path = getattr(store, "path", None)
    if path is not None:
        try:
            return (id(store), generation(path))
        except OSError:
            pass
    return (id(store), int(monotonic() // 60))


def content_stamp() -> tuple[object, ...]:
    """:func:`store_stamp`, with the size of a store in memory (tests), which tells an
    update apart within the minute: for answers that must follow every change."""
    store = get_store()
    stamp: tuple[object, ...] = store_stamp()
    if getattr(store, "path", None) is None and not getattr(store, "endpoint", None):
        stamp += (len(store),)
    return stamp
