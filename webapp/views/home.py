"""The home page: what the graph holds, the most loaded agencies, deadlines ahead."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, render_template
from rdflib import Literal
from rdflib.namespace import XSD

from migkg.webapp import pagequery
from migkg.webapp.db import get_store

bp = Blueprint("home", __name__)

DEADLINES_SHOWN = 12


def today() -> date:
    """The date deadlines are counted from (``MIGKG_TODAY`` in the app config fixes it)."""
    fixed = current_app.config.get("MIGKG_TODAY")
    return date.fromisoformat(str(fixed)) if fixed else date.today()


def _deadline_order(row: dict[str, object]) -> tuple:
    due = str(row["due"]) if row["due"] is not None else f"{row['endYear']}-12-31"
    return (due, str(row["plan"] or ""), pagequery.code_key(row["code"]))


@bp.get("/")
def index() -> str:
    """What the graph holds."""
    counts = pagequery.one("home_counts") or {}
    documents: dict[object, dict[str, object]] = {}
    for row in pagequery.run("home_documents"):
        doc = documents.setdefault(row["doc"], {**row, "items": []})
        if row["item"] is not None:
            doc["items"].append(row)  # type: ignore[union-attr]
    now = today()
    deadlines = pagequery.run("home_deadlines", today=Literal(now, datatype=XSD.date))
    deadlines.sort(key=_deadline_order)
    return render_template(
        "home.html",
        counts={k: int(v) if v is not None else 0 for k, v in counts.items()},
        triples=len(get_store()),
        documents=list(documents.values()),
        load=pagequery.run("home_load"),
        deadlines=deadlines[:DEADLINES_SHOWN],
        today=now,
    )
