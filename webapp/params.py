"""Canned-query parameters as a reader types them, checked before any query runs.

An agency, plan or province is given by key (``mofa``), by IRI, or by a name in either
language with or without diacritics (``Bộ Ngoại giao``, ``bo ngoai giao``, ``MOFA``); a
year is a whole number written in ASCII digits; a date is ``YYYY-MM-DD``. A value that is
none of these is a ``BadParameter``: a 400 page that names the parameter, says what it
accepts and offers the nearest names.
"""

from __future__ import annotations

import re
from datetime import date

from flask_babel import gettext

from migkg.errors import ParameterError
from migkg.text import nfc
from queries.catalogue import Param
from webapp.names import Entry, get_index

RESOURCE_TYPES = ("agency", "plan", "province")
_INTEGER = re.compile(r"^[+-]?[0-9]{1,9}$", re.ASCII)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", re.ASCII)
# What SPARQL allows between < and > (no spaces, quotes, braces or angle brackets).
_IRI = re.compile(r'^https?://[^\s<>"{}|\\^`]+$')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_LENGTH = 300


class BadParameter(ParameterError):
    """A parameter value the query cannot take: 400, with the nearest names to offer."""

    def __init__(self, param: Param, message: str, suggestions: list[Entry] | None = None):
        super().__init__(message)
        self.param = param
        self.suggestions = suggestions or []


def accepts(param: Param) -> str:
    """What a parameter of this type accepts, in the reader's language."""
    texts = {
        "integer": gettext("a whole number such as 2025"),
        "date": gettext("a date written YYYY-MM-DD, such as 2025-12-31"),
        "string": gettext("any text"),
        "iri": gettext("an IRI beginning with https://"),
        "agency": gettext("an agency: its key (mofa), its IRI or its name in either language"),
        "plan": gettext("a plan: its number (402/QĐ-TTg), key (402-qd-ttg), IRI or title"),
        "province": gettext("a province: its key (kien-giang), IRI or name"),
    }
    return texts[param.type]


def _fail(param: Param, raw: str, suggestions: list[Entry] | None = None) -> BadParameter:
    message = gettext(
        "Parameter “%(name)s”: “%(value)s” is not accepted; it takes %(accepts)s.",
        name=param.name,
        value=raw if len(raw) <= 80 else raw[:80] + "…",
        accepts=accepts(param),
    )
    return BadParameter(param, message, suggestions)


def check(param: Param, raw: str) -> str:
    """The value as the query's renderer takes it (a resource becomes its IRI)."""
    text = nfc(raw).strip()
    if not text:
        return ""
    if len(text) > MAX_LENGTH or _CONTROL.search(text):
        raise _fail(param, text)
    if param.type == "integer":
        if not _INTEGER.match(text):
            raise _fail(param, text)
        return text
    if param.type == "date":
        try:
            if not _DATE.match(text):
                raise ValueError(text)
            date.fromisoformat(text)
        except ValueError:
            raise _fail(param, text) from None
        return text
    if param.type == "string":
        return text
    looks_like_iri = text.startswith(("http://", "https://"))
    if looks_like_iri and not _IRI.match(text):
        raise _fail(param, text)
    if param.type == "iri":
        if not looks_like_iri:
            raise _fail(param, text)
        return text
    return _resource(param, text)


def _resource(param: Param, text: str) -> str:
    index = get_index()
    found = index.lookup(param.type, text)
    iris = {e.iri for e in found}
    if len(iris) == 1:
        return found[0].iri
    if found:
        raise _fail(param, text, found[:8])
    near = [h.entry for h in index.search(text, (param.type,), limit=8)]
    raise _fail(param, text, near)


def check_all(params: tuple[Param, ...], values: dict[str, str]) -> dict[str, str]:
    """Every given value checked (the first bad one raised)."""
    by_name = {p.name: p for p in params}
    return {name: check(by_name[name], raw) for name, raw in values.items() if name in by_name}
