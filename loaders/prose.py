"""Part loader: prose (not written yet)."""

from __future__ import annotations

from migkg.loaders.base import Fact, Segment

KINDS: tuple[str, ...] = ()


def parse(segment: Segment) -> list[Fact]:
    """Nothing yet."""
    return []
