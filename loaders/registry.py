"""Part loaders registered by name and imported only when used."""

from __future__ import annotations

import importlib
from typing import cast

from loaders.base import PartLoader

# name → module; each module has KINDS and parse(segment) -> list[Fact].
# Order matters only for readability of the output graph, not for its content.
LOADERS: dict[str, str] = {
    "header": "loaders.header",
    "table": "loaders.table",
    "prose": "loaders.prose",
    "duties": "loaders.duties",
    "news": "loaders.news",
}


def get(name: str) -> PartLoader:
    """The part loader module registered under ``name``."""
    return cast(PartLoader, importlib.import_module(LOADERS[name]))


def all_loaders() -> list[tuple[str, PartLoader]]:
    """Every registered part loader, in registration order."""
    return [(name, get(name)) for name in LOADERS]
