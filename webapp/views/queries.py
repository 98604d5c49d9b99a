"""The canned-queries page: each question with its parameter form, and its results."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, render_template, request

from migkg.errors import MigkgError
from migkg.queries.catalogue import CannedQuery, catalogue, get
from migkg.text import fold
from migkg.webapp import pagequery
from migkg.webapp.db import get_store
from migkg.webapp.views.query import ENDPOINT

bp = Blueprint("queries", __name__)

# Parameter types whose values are graph resources, offered as a list to pick from.
CHOICE_TYPES = ("agency", "plan", "province")


def choices(queries: tuple[CannedQuery, ...]) -> dict[str, list[dict[str, Any]]]:
    """For each resource parameter type in use: (key, label) pairs, sorted by label."""
    used = {p.type for q in queries for p in q.params if p.type in CHOICE_TYPES}
    out: dict[str, list[dict[str, Any]]] = {}
    for kind in sorted(used):
        rows = []
        for row in pagequery.run(f"choices_{kind}"):
            key = str(row["x"]).rsplit(f"/{kind}/", 1)[-1]
            rows.append({"key": key, "label": row["xLabel"] or row.get("number") or key})
        out[kind] = sorted(rows, key=lambda r: fold(str(r["label"])))
    return out


@bp.get("/queries")
def index() -> str:
    """Every canned query with its parameter form."""
    queries = catalogue()
    return render_template("queries/index.html", queries=queries, choices=choices(queries))


@bp.get("/queries/<name>")
def run(name: str) -> Response | str:
    """One canned query run with the parameters of its form (defaults for the rest)."""
    query = get(name)
    names = {p.name for p in query.params}
    values = {k: v for k, v in request.args.items() if k in names}
    error, result, text = None, None, query.text
    try:
        text = query.render(values)
        result = get_store().select(text)
    except MigkgError as exc:
        error = exc.message
    cap = int(current_app.config["MIGKG"].get("max_rows", 10000))
    html = render_template(
        "queries/run.html",
        q=query,
        values=values,
        choices=choices((query,)),
        text=text,
        result=result,
        rows=result.dicts()[:cap] if result is not None else [],
        truncated=result is not None and len(result) > cap,
        error=error,
        endpoint=ENDPOINT,
    )
    return Response(html, status=400 if error else 200, mimetype="text/html")
