"""Run the pages' own SPARQL (``queries/internal/page_*.rq``) and shape rows for templates.

A column named ``fooLabel`` holds a label of the column ``foo`` (or of the row when
there is no ``foo``): queries return one row per label they find, and ``run`` folds
those rows into one, keeping the label in the reader's language with a fallback to the
other.
"""

from __future__ import annotations

from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from graph.store import SelectResult
from migkg.namespaces import ID
from migkg.prefixes import prefixed
from queries import internal
from webapp.db import get_store
from webapp.i18n import pick

_LABEL = "Label"
_NUMERIC = {XSD.integer, XSD.int, XSD.long, XSD.decimal, XSD.double, XSD.float}


def run(name: str, **bindings: Node) -> list[dict[str, Any]]:
    """Rows of ``page_<name>.rq`` with the given variables bound (see ``fold_labels``)."""
    return fold_labels(get_store().select(internal(f"page_{name}"), bindings or None))


def fold_labels(result: SelectResult) -> list[dict[str, Any]]:
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
    for key, group in groups.items():
        for lv in label_vars:
            group[lv] = pick(labels.get((lv, _entity(lv, group, plain, key)), {}))
        rows.append(group)
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
    return "" if iri is None else prefixed(str(iri))


def ask(name: str, **bindings: Node) -> bool:
    """The answer of the ASK query ``page_<name>.rq``."""
    return get_store().ask(internal(f"page_{name}"), bindings or None)
