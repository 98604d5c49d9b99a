"""The home page: what the graph holds, the most loaded agencies, deadlines ahead."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, render_template, request
from rdflib import Literal
from rdflib.namespace import XSD

from migkg.webapp import pagequery
from migkg.webapp.db import get_store
from migkg.webapp.summary import get_summary, remembered

bp = Blueprint("home", __name__)

DEADLINES_SHOWN = 12
DOCUMENTS_PER_PAGE = 50


def today() -> date:
    """The date deadlines are counted from (``MIGKG_TODAY`` in the app config fixes it)."""
    fixed = current_app.config.get("MIGKG_TODAY")
    return date.fromisoformat(str(fixed)) if fixed else date.today()


def _deadline_order(row: dict[str, object]) -> tuple:
    due = str(row["due"]) if row["due"] is not None else f"{row['endYear']}-12-31"
    return (due, str(row["plan"] or ""), pagequery.code_key(row["code"]))


def _documents(lang: str) -> list[dict[str, object]]:
    """The source documents with the plans and events read from each, in the build's order."""
    documents: dict[object, dict[str, object]] = {}
    for row in pagequery.fold(get_summary().page("home_documents", get_store())):
        doc = documents.setdefault(row["doc"], {**row, "items": []})
        if row["item"] is not None:
            doc["items"].append(row)  # type: ignore[union-attr]
    return list(documents.values())


def _deadlines(now: date) -> list[dict[str, object]]:
    """The deadlines ahead of ``now``: from the summary when it was made on or before
    ``now`` and still holds enough of them, else asked of the store."""
    summary = get_summary()
    if summary.deadlines_from <= now:
        rows = pagequery.fold(summary.deadlines)
        ahead = [r for r in rows if _due(r) >= now.isoformat()]
        # The summary's query stops at 400 rows: past that it cannot tell what follows.
        if len(ahead) >= DEADLINES_SHOWN or len(summary.deadlines) < 400:
            ahead.sort(key=_deadline_order)
            return ahead
    rows = pagequery.run("home_deadlines", today=Literal(now, datatype=XSD.date))
    rows.sort(key=_deadline_order)
    return rows


def _due(row: dict[str, object]) -> str:
    return str(row["due"]) if row["due"] is not None else f"{row['endYear']}-12-31"


def _page() -> int:
    raw = request.args.get("page", "1").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else 1


@bp.get("/")
def index() -> str:
    """What the graph holds; the documents a page of :data:`DOCUMENTS_PER_PAGE` at a time."""
    from migkg.webapp.i18n import current_lang

    summary = get_summary()
    counts = (pagequery.fold(summary.page("home_counts", get_store())) or [{}])[0]
    lang = current_lang()
    documents = remembered(("home_documents", lang), lambda _s: _documents(lang))
    pages = max(1, -(-len(documents) // DOCUMENTS_PER_PAGE))
    page = min(_page(), pages)
    first = (page - 1) * DOCUMENTS_PER_PAGE
    now = today()
    deadlines = remembered(("home_deadlines", lang, now), lambda _s: _deadlines(now))
    return render_template(
        "home.html",
        counts={k: int(v) if v is not None else 0 for k, v in counts.items()},
        triples=summary.quads,
        documents=documents[first : first + DOCUMENTS_PER_PAGE],
        documents_total=len(documents),
        page=page,
        pages=pages,
        load=remembered(
            ("home_load", lang), lambda s: pagequery.fold(s.page("home_load", get_store()))
        ),
        deadlines=deadlines[:DEADLINES_SHOWN],
        today=now,
    )
