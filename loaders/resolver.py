"""Mention resolver: a text mention → a gazetteer agency, or honestly unresolved."""

from __future__ import annotations

from dataclasses import dataclass

from migkg.loaders.gazetteer import Gazetteer


@dataclass(frozen=True)
class Resolution:
    """The outcome for one mention: ``key`` is None when it could not be placed."""

    mention: str
    key: str | None
    score: float = 0.0
    collective: bool = False


class Resolver:
    """Resolves mentions against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def resolve(self, mention: str) -> Resolution:
        """Resolve one mention."""
        return Resolution(mention=mention, key=None)

    def resolve_cell(self, text: str) -> list[Resolution]:
        """Split a cell or phrase into mentions and resolve each."""
        return [self.resolve(text)] if text.strip() else []
