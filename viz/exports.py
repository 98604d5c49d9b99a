"""Exports of the graph and of its networks."""

from __future__ import annotations

from typing import Any

from migkg.errors import MigkgError


def cli_export(settings: dict[str, Any], what: str, fmt: str) -> bytes:
    """Serialise the graph or a network for `migkg export`."""
    raise MigkgError("exports are not available yet")
