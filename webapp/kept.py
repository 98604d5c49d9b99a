"""What the app keeps in memory between requests: under a name, the answers of the most
recent keys (graph/recent.py), one memory a name per app."""

from __future__ import annotations

from typing import Any

from flask import current_app

from graph.recent import Recent


def recent(name: str, size: int) -> Recent[Any]:
    """The app's memory ``name``, of the answers of the most recent ``size`` keys."""
    ext = current_app.extensions.setdefault("migkg", {})
    memory = ext.get(name)
    if memory is None:
        memory = ext.setdefault(name, Recent(size))
    return memory


def renew(name: str, size: int) -> None:
    """Empty the app's memory ``name`` (what it kept was worked out from what changed)."""
    current_app.extensions.setdefault("migkg", {})[name] = Recent(size)
