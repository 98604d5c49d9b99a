"""The bodies responsible at a date, next to the ones a document named: what the task,
agency, plan and province pages show (``?at=YYYY-MM-DD``, today by default).

The answers come from the canned query ``responsible_now`` (one definition); a province's
page asks ``page_responsible_province.rq``, the same answers found from the province's bodies
first. Strings are in Vietnamese and English like every page's.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from data import DATA_DIR
from loaders.tagging import load_vocabulary
from migkg.codes import code_key
from queries import questions
from webapp import kept, pagequery, paging
from webapp.db import get_store
from webapp.i18n import Label, current_lang
from webapp.views.home import date_arg

PAGES = ("task", "agency", "plan", "province")
_KEPT = 64  # pages' answers kept (the last asked)
_AT = re.compile(r"\?at\b")


def at_date() -> date:
    """``?at=`` as a date (today when absent); a bad value names the parameter."""
    return date_arg("at")


def context(kind: str, iri: URIRef) -> dict[str, Any]:
    """``as_of`` and the ``responsible`` rows for a page of ``kind`` (empty for others)."""
    if kind not in PAGES:
        return {}
    when = at_date()
    entries = _kept(kind, iri, when)
    # A ministry answers for thousands of tasks at a national scale: a page at a time,
    # and only that page's bodies named.
    pager = paging.Pager(
        "responsible_page",
        "responsible-at",
        paging.requested("responsible_page", len(entries), paging.PAGE_SIZE),
        paging.PAGE_SIZE,
        len(entries),
    )
    shown = _named(entries[pager.offset : pager.offset + pager.size])
    extra: dict[str, Any] = {}
    if kind == "task":
        extra["tags"] = pagequery.run("task_tags", s=iri)
    return {"as_of": when, "responsible": shown, "responsible_pager": pager, **extra}


def _kept(kind: str, iri: URIRef, when: date) -> list[dict[str, Any]]:
    """:func:`_grouped` answers of the page's resource at ``when``, kept while a store on
    disk is unchanged: a ministry answers for thousands of tasks (a second of query), and
    each page of its table would ask again."""
    store = get_store()
    key = paging.count_key(store.worker_path(), f"responsible:{kind}", iri)

    def grouped() -> list[dict[str, Any]]:
        return _grouped(answers(kind, iri, when))

    if key is None:
        return grouped()
    # the functions are named in the page's language
    return kept.recent("responsible_kept", _KEPT).get((*key, when, current_lang()), grouped)


def answers(kind: str, iri: URIRef, when: date) -> list[dict[str, Any]]:
    """The rows of ``responsible_now`` at ``when`` for the page's own task, plan, body or
    province (not every answer of the graph)."""
    if kind == "province":
        # the canned query would test the province of every answer's body
        return list(get_store().select(province_query(iri, when)).dicts())
    return questions.rows(get_store(), "responsible_now", at=when.isoformat(), **{kind: iri})


def province_query(iri: URIRef, when: date) -> str:
    """``page_responsible_province.rq`` with the province and the date written in place of
    ``?s`` and ``?at`` (in its sub-query too, which a binding would not reach)."""
    at = Literal(when.isoformat(), datatype=XSD.date).n3()
    return _AT.sub(lambda _m: at, paging.bound("responsible_province", iri))


def _grouped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per task and named body, with every body responsible (not yet named:
    :func:`_named`), in the order of the task codes."""
    out: dict[tuple[object, object], dict[str, Any]] = {}
    for r in rows:
        entry = out.setdefault(
            (r["task"], r["agency"]),
            {
                "task": r["task"],
                "code": str(r["code"]),
                "named": r["agency"],
                "role": str(r["role"]),
                "bodies": [],
                "decided": str(r["decided"]) == "true",
                "since": str(r["effective"]),
                "path": _text(r["path"]),
                "reason": _text(r["reason"]),
                "functions": _functions(str(r["functions"] or "")),
            },
        )
        entry["bodies"].append(r["successor"])
    return sorted(out.values(), key=lambda e: (code_key(e["code"]), e["role"] != "lead"))


def _named(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``entries`` with the label of the body named and of each body responsible."""
    names: dict[object, str] = {}

    def name(iri: object) -> str:
        if iri not in names:
            found = pagequery.run("resource_label", s=URIRef(str(iri)))
            names[iri] = str(found[0].get("sLabel") or iri) if found else str(iri)
        return names[iri]

    return [
        {**e, "namedLabel": name(e["named"]), "bodies": [(b, name(b)) for b in e["bodies"]]}
        for e in entries
    ]


def _text(term: object) -> Label:
    """A literal's text that keeps its language (the paths and reasons are written in
    English), so that a page in the other language can mark it."""
    return Label(str(term or ""), getattr(term, "language", None) or "")


@cache
def _function_names() -> dict[str, tuple[str, str]]:
    """English label of each function → (Vietnamese, English) labels."""
    concepts = load_vocabulary(DATA_DIR / "functions.toml", "function")
    return {c.label_en: (c.label_vi, c.label_en) for c in concepts.values()}


def _functions(joined: str) -> str:
    """The functions a query joined, in the page's language and in a stable order."""
    names = _function_names()
    vi = current_lang() == "vi"
    parts = [names.get(p, (p, p))[0 if vi else 1] for p in joined.split("; ") if p]
    return "; ".join(sorted(parts))
