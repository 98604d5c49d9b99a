"""SPARQL kept as .rq files: canned analyst queries here, the code's own in ``internal/``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from migkg.errors import MigkgError, NotFound

QUERIES_DIR = Path(__file__).resolve().parent
INTERNAL_DIR = QUERIES_DIR / "internal"


@cache
def internal(name: str) -> str:
    """The text of ``internal/<name>.rq``, a query the code itself runs."""
    path = INTERNAL_DIR / f"{name}.rq"
    if not path.is_file():
        raise NotFound(f"no internal query '{name}'")
    return path.read_text(encoding="utf-8")


def cli_query(
    settings: dict[str, Any], name: str | None, *, list_: bool, params: tuple[str, ...], fmt: str
) -> str:
    """Run or list canned queries for the CLI."""
    raise MigkgError("canned queries are not available yet")
