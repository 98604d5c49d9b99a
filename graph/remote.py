"""The remote back end: any SPARQL 1.1 store, reached with SPARQLWrapper."""

from __future__ import annotations

from typing import Any

from migkg.errors import MigkgError


class RemoteStore:
    """Not written yet."""

    @classmethod
    def from_settings(cls, settings: Any) -> Any:
        raise MigkgError("the remote store is not available yet")


def push(settings: dict[str, Any]) -> int:
    """Load the built graph into a remote store."""
    raise MigkgError("push is not available yet")
