"""Run the pages' own SPARQL (``queries/internal/page_*.rq``) and shape rows for templates.

A column named ``fooLabel`` holds a label of the column ``foo`` (or of the row when
there is no ``foo``): queries return one row per label they find, and ``run`` folds
those rows into one, keeping the label in the reader's language with a fallback to the
other.
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from graph.store import SelectResult
from migkg.namespaces import ID, PREFIXES
from queries import internal
from webapp.db import get_store
from webapp.i18n import pick

_LABEL = "Label"
_NUMERIC = {XSD.integer, XSD.int, XSD.long, XSD.decimal, XSD.double, XSD.float}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_PART = re.compile(r"(\d+|[A-Za-z]+)")


def run(name: str, **bindings: Node) -> list[dict[str, Any]]:
    """Rows of ``page_<name>.rq`` with the given variables bound (see ``labelled_rows``)."""
    return labelled_rows(get_store().select(internal(f"page_{name}"), bindings or None))


def labelled_rows(result: SelectResult) -> list[dict[str, Any]]:
    """Rows of a page query's result (one run now or kept in the build's summary): one row
    per value of the other variables, each ``…Label`` variable reduced to the label in the
    page's language."""
    label_vars = [v for v in result.variables if v.endswith(_LABEL) and len(v) > len(_LABEL)]
    plain = [v for v in result.variables if v not in label_vars]
    groups: dict[tuple[Node | None, ...], dict[str, Any]] = {}
    labels: dict[tuple[str, Any], dict[str, str]] = {}
    for row in result.dicts():
        key = tuple(row[v] for v in plain)
        groups.setdefault(key, {v: plain_value(row[v]) for v in plain})
        for lv in label_vars:
            lit = row[lv]
            if lit is None:
                continue
            lang = lit.language if isinstance(lit, Literal) and lit.language else ""
            labels.setdefault((lv, _entity(lv, row, plain, key)), {}).setdefault(
                lang.lower(), str(lit)
            )
    rows = []
    for key, row in groups.items():
        for lv in label_vars:
            row[lv] = pick(labels.get((lv, _entity(lv, row, plain, key)), {}))
        rows.append(row)
    return rows


def plain_value(term: Node | None) -> Any:
    """Strings, numbers and booleans as Python values (so templates can compare them);
    IRIs, dates and language-tagged text stay terms."""
    if not isinstance(term, Literal) or term.language:
        return term
    if term.datatype in (None, XSD.string):
        return str(term)
    if term.datatype in _NUMERIC or term.datatype == XSD.boolean:
        value = term.toPython()
        return value if not isinstance(value, Literal) else str(term)
    return term


def one(name: str, **bindings: Node) -> dict[str, Any] | None:
    """The first row of ``run`` (None when there is none)."""
    rows = run(name, **bindings)
    return rows[0] if rows else None


def _entity(label_var: str, row: dict[str, Any], plain: list[str], key: tuple) -> Any:
    base = label_var[: -len(_LABEL)]
    return row.get(base) if base in plain else key


def local_path(iri: Node | str | None) -> str | None:
    """The site path of a graph resource (``id:agency/mofa`` → ``/id/agency/mofa``), else None."""
    if iri is None:
        return None
    text = str(iri)
    if isinstance(iri, URIRef | str) and text.startswith(str(ID)):
        return "/id/" + text[len(str(ID)) :]
    return None


def short(iri: Node | str | None) -> str:
    """A compact name for an IRI with no label: ``mkg:leadAgency``, ``id:task/…``."""
    if iri is None:
        return ""
    text = str(iri)
    for prefix, ns in PREFIXES.items():
        if text.startswith(str(ns)) and len(text) > len(str(ns)):
            return f"{prefix}:{text[len(str(ns)) :]}"
    return text


def code_key(code: Any) -> tuple:
    """Sort key for task codes: 3.2.10 after 3.2.9, II.4 after I.12, TC-… after the rest."""
    text = str(code or "")
    parts: list[tuple[int, int, str]] = []
    for part in _PART.findall(text):
        if part.isdigit():
            parts.append((0, int(part), ""))
        elif all(c in _ROMAN for c in part.upper()):
            parts.append((0, _roman(part.upper()), ""))
        else:
            parts.append((1, 0, part))
    return (text.startswith("TC-"), parts)


def _roman(text: str) -> int:
    total = 0
    for i, c in enumerate(text):
        v = _ROMAN[c]
        total += -v if i + 1 < len(text) and _ROMAN[text[i + 1]] > v else v
    return total


def ask(name: str, **bindings: Node) -> bool:
    """The answer of the ASK query ``page_<name>.rq``."""
    return get_store().ask(internal(f"page_{name}"), bindings or None)
