"""`migkg validate`: the ontology under HermiT, the built graph under SHACL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from migkg.errors import MigkgError


def validate_all(
    settings: dict[str, Any], *, ontology_only: bool, echo: Callable[[str], None]
) -> bool:
    """Run every check; print each violation; True when all hold."""
    raise MigkgError("validation is not available yet")
