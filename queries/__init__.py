"""SPARQL kept as .rq files: canned analyst queries here, the code's own in ``internal/``."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from migkg.errors import NotFound, ParameterError

QUERIES_DIR = Path(__file__).resolve().parent
INTERNAL_DIR = QUERIES_DIR / "internal"


@cache
def internal(name: str) -> str:
    """The text of ``internal/<name>.rq``, a query the code itself runs."""
    path = INTERNAL_DIR / f"{name}.rq"
    if not path.is_file():
        raise NotFound(f"no internal query '{name}'")
    return path.read_text(encoding="utf-8")


def restricted(text: str, var: str, only: Iterable[str] | None) -> str:
    """``text`` with ``?var`` bound to the IRIs ``only`` names, first in its pattern (the
    engine starts there); ``text`` itself when ``only`` is None."""
    if only is None:
        return text
    values = " ".join(f"<{iri}>" for iri in sorted(only))
    head, found, rest = text.partition("WHERE {")
    if not found:
        raise ValueError("the query has no WHERE {")
    return f"{head}WHERE {{\n  VALUES ?{var} {{ {values} }}{rest}"


def parse_params(params: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["year=2024", "agency=mofa"]`` → a dict; a malformed item names itself."""
    out: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"--param {item!r}: expected NAME=VALUE")
        out[key.strip()] = value.strip()
    return out


def cli_query(
    settings: dict[str, Any], name: str | None, *, list_: bool, params: tuple[str, ...], fmt: str
) -> str:
    """Run or list canned queries for the CLI; returns the text to print."""
    from graph.store import open_store
    from queries.catalogue import catalogue, get
    from queries.render import RENDERERS

    if list_ or not name:
        lines = []
        for q in catalogue():
            lines.append(f"{q.name:32} {q.title_en}")
            for p in q.params:
                default = f" (default {p.default})" if p.default else ""
                lines.append(f"{'':34}--param {p.name}=<{p.type}>{default}  {p.help}")
        return "\n".join(lines) + "\n"
    query = get(name)
    text = query.render(parse_params(params))
    store = open_store(settings, read_only=True)
    try:
        result = store.select(text)
    finally:
        store.close()
    return RENDERERS[fmt](result)
