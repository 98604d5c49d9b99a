"""The store, opened once per app and closed when the app is torn down."""

from __future__ import annotations

from flask import Flask, current_app

from migkg.graph.store import Store, open_store


def get_store() -> Store:
    """The app's store, opened on first use."""
    ext = current_app.extensions.setdefault("migkg", {})
    if "store" not in ext:
        ext["store"] = open_store(current_app.config["MIGKG"], read_only=True, serving=True)
    return ext["store"]


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

    from migkg.graph.runner import generation

    store = get_store()
    path = getattr(store, "path", None)
    if path is not None:
        try:
            return (id(store), generation(path))
        except OSError:
            pass
    return (id(store), int(monotonic() // 60))
