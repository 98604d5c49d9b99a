"""The home page: what the graph holds, the most loaded agencies, deadlines ahead."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, current_app, render_template, request
from rdflib import URIRef

from migkg.codes import code_key
from migkg.errors import ParameterError
from queries import questions
from webapp import pagequery
from webapp.db import get_store
from webapp.summary import get_summary, remembered

bp = Blueprint("home", __name__)

DEADLINES_SHOWN = 12
DOCUMENTS_PER_PAGE = 50


def today() -> date:
    """The date deadlines are counted from (``MIGKG_TODAY`` in the app config fixes it)."""
    fixed = current_app.config.get("MIGKG_TODAY")
    return date.fromisoformat(str(fixed)) if fixed else date.today()


def date_arg(name: str) -> date:
    """``?<name>=`` as a date, :func:`today` when absent; a bad value is a ParameterError
    naming the parameter."""
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return today()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ParameterError(f"{name}: not a date YYYY-MM-DD: {raw!r}") from None


LOADED_SHOWN = 10


def _name(iri: object) -> dict[str, object]:
    """The label (reader's language) and number of a resource, from the page query."""
    found = pagequery.run("resource_label", s=URIRef(str(iri)))
    return found[0] if found else {}


def most_loaded() -> list[dict[str, object]]:
    """The agencies with the most tasks: the canned coordination load, every year."""
    out = []
    for row in questions.coordination_load(get_store())[:LOADED_SHOWN]:
        out.append(
            {
                "agency": row["agency"],
                "agencyLabel": _name(row["agency"]).get("sLabel") or row["label"],
                "led": int(row["led_tasks"]),
                "joined": int(row["joined_tasks"]),
                "total": int(row["all_tasks"]),
            }
        )
    return out


def deadlines_ahead(now: date) -> list[dict[str, object]]:
    """Each task's or duty's next date due from ``now`` (the canned due-between query)."""
    out = []
    plans: dict[str, dict[str, object]] = {}
    for row in questions.next_due(get_store(), now).values():
        plan = {}
        if row["plan"] is not None:
            plan = plans.setdefault(str(row["plan"]), _name(row["plan"]))
        out.append(
            {
                "item": row["item"],
                "code": pagequery.plain_value(row["code"]),
                "itemLabel": pagequery.plain_value(row["label"]),
                "plan": row["plan"],
                "planLabel": plan.get("sLabel"),
                "planNumber": plan.get("number"),
                "due": row["due"].toPython(),
                "endYear": None,
            }
        )
    out.sort(key=lambda r: (r["due"], str(r["plan"] or ""), code_key(r["code"])))
    return out


def _documents(lang: str) -> list[dict[str, object]]:
    """The source documents with the plans and events read from each, in the build's order."""
    documents: dict[object, dict[str, Any]] = {}
    for row in pagequery.fold_labels(get_summary().page("home_documents", get_store())):
        doc = documents.setdefault(row["doc"], {**row, "items": []})
        if row["item"] is not None:
            doc["items"].append(row)
    return list(documents.values())


def _page() -> int:
    raw = request.args.get("page", "1").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else 1


@bp.get("/")
def index() -> str:
    """What the graph holds; the documents a page of :data:`DOCUMENTS_PER_PAGE` at a time."""
    from webapp.i18n import current_lang

    summary = get_summary()
    counts = (pagequery.fold_labels(summary.page("home_counts", get_store())) or [{}])[0]
    lang = current_lang()
    documents = remembered(("home_documents", lang), lambda _s: _documents(lang))
    pages = max(1, -(-len(documents) // DOCUMENTS_PER_PAGE))
    page = min(_page(), pages)
    first = (page - 1) * DOCUMENTS_PER_PAGE
    now = today()
    # the one definition of each time question (queries/), asked once per store and day
    deadlines = remembered(("home_deadlines", lang, now), lambda _s: deadlines_ahead(now))
    return render_template(
        "home.html",
        counts={k: int(v) if v is not None else 0 for k, v in counts.items()},
        triples=summary.quads,
        documents=documents[first : first + DOCUMENTS_PER_PAGE],
        documents_total=len(documents),
        page=page,
        pages=pages,
        load=remembered(("home_load", lang), lambda _s: most_loaded()),
        deadlines=deadlines[:DEADLINES_SHOWN],
        today=now,
    )
