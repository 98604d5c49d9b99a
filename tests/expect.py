"""Small checks that both fail a test with a clear message and tell the type checker what
was found (an Optional that must be there, a pattern that must match)."""

from __future__ import annotations

import re
from typing import TypeVar

from rdflib import Literal
from rdflib.term import Node

T = TypeVar("T")


def present(value: T | None, what: str = "a value") -> T:
    """``value``, failing the test where it is None."""
    assert value is not None, f"expected {what}, found None"
    return value


def found(pattern: str | re.Pattern[str], text: str, flags: int = 0) -> re.Match[str]:
    """The first match of ``pattern`` in ``text``, failing the test where there is none."""
    match = re.search(pattern, text, flags)
    assert match is not None, f"{pattern!r} not found in {text[:300]!r}"
    return match


def lang_of(term: Node) -> str | None:
    """The language tag of ``term`` when it is a literal (None for an IRI or a plain literal)."""
    return term.language if isinstance(term, Literal) else None


def literal(term: Node | None) -> Literal:
    """``term``, failing the test where it is missing or not a literal."""
    assert isinstance(term, Literal), f"expected a literal, found {term!r}"
    return term
