"""Canned analyst queries, kept as .rq files beside this module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from migkg.errors import MigkgError

QUERIES_DIR = Path(__file__).resolve().parent


def cli_query(settings: dict[str, Any], name: str | None, *, list_: bool, params: tuple[str, ...], fmt: str) -> str:
    """Run or list canned queries for the CLI."""
    raise MigkgError("canned queries are not available yet")
