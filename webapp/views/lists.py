"""List pages (``/id/agency/``, ``/id/task/`` …) with facets and paging, downloadable as CSV
and JSON like a Datasette table; and the site-wide search (``/search``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext

from migkg.errors import MigkgError
from webapp.i18n import KIND_NAMES
from webapp.listing import LISTS, PAGE_SIZE, all_rows, select
from webapp.names import KINDS, Hit, get_index
from webapp.security import attachment

bp = Blueprint("lists", __name__)
SEARCH_LIMIT = 100


def _int_arg(name: str, default: int) -> int:
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 7:
        raise MigkgError(gettext("Parameter “%(name)s”: a whole number, such as 2.", name=name))
    return int(raw)


def _args() -> dict[str, str]:
    return {k: v for k, v in request.args.items() if k not in ("page", "size", "format", "lang")}


def page_url(**changes: Any) -> str:
    """This list's URL with some parameters changed (None drops one)."""
    args = {k: v for k, v in request.args.items() if k != "lang"}
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = str(value)
    return f"{request.path}?{urlencode(args)}" if args else request.path


def _show(kind: str) -> Response | str:
    fmt = request.args.get("format", "html")
    if fmt not in ("html", "csv", "json"):
        raise MigkgError(gettext("Parameter “format”: one of html, csv, json."))
    page, size = _int_arg("page", 1), _int_arg("size", PAGE_SIZE)
    if fmt == "csv":
        return _csv(kind, all_rows(kind, _args()))
    listing = select(kind, _args(), page, size)
    if fmt == "json":
        return _json(listing)
    return render_template("lists/list.html", listing=listing, kind=kind, page_url=page_url)


def _record(row: Mapping[str, Any], spec_columns: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"iri": str(row["x"]), "label": str(row["label"])}
    for col in spec_columns:
        if col.var == "x":
            continue
        value = row.get(col.var)
        out[col.var] = None if value is None else (value if isinstance(value, int) else str(value))
        text = row.get(f"{col.var}Text")
        if text and text != str(out[col.var]):
            out[f"{col.var}_label"] = text
    return out


def _csv(kind: str, rows: Sequence[Mapping[str, Any]]) -> Response:
    columns = LISTS[kind].columns
    records = [_record(r, columns) for r in rows]
    names: list[str] = []
    for rec in records:
        names += [k for k in rec if k not in names]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=names or ["iri", "label"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    response = Response(buf.getvalue(), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    return attachment(response, f"migkg-{kind}.csv")


def _json(listing: Any) -> Response:
    data = {
        "kind": listing.spec.kind,
        "total": listing.total,
        "page": listing.page,
        "pages": listing.pages,
        "filters": listing.chosen | ({"q": listing.query} if listing.query else {}),
        "facets": {
            var: [{"value": k, "label": shown, "count": n} for k, shown, n, _on in values]
            for var, values in listing.facets.items()
        },
        "rows": [_record(r, listing.spec.columns) for r in listing.rows],
        "next_url": page_url(page=listing.page + 1) if listing.page < listing.pages else None,
    }
    body = json.dumps(data, ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json")


def _register(kind: str) -> None:
    bp.add_url_rule(f"/id/{kind}/", f"list_{kind}", lambda: _show(kind))


for _kind in LISTS:
    _register(_kind)


@bp.get("/search")
def search() -> Response | str:
    """Every thing whose names match ``q`` (with or without diacritics), best first, with
    its kind; ``kind`` narrows to one kind; ``format=json`` for programs."""
    query = request.args.get("q", "").strip()[:200]
    kind = request.args.get("kind", "")
    kinds = (kind,) if kind in KINDS else KINDS
    hits = get_index().search(query, kinds, SEARCH_LIMIT) if query else []
    if request.args.get("format") == "json":
        return _hits_json(hits)
    return render_template(
        "lists/search.html", query=query, hits=hits, kind=kind, kinds=KINDS, kind_names=KIND_NAMES
    )


@bp.get("/search.json")
def search_json() -> Response:
    """Names that match ``q`` for a form's suggestions: at most ``limit`` (12 by default,
    100 at most) things of ``kind`` (one of the site's kinds, else every kind), best first,
    each with its key, which a parameter takes."""
    query = request.args.get("q", "").strip()[:200]
    kind = request.args.get("kind", "")
    if kind and kind not in KINDS:
        raise MigkgError(gettext("Parameter “kind”: one of %(kinds)s.", kinds=", ".join(KINDS)))
    limit = min(max(_int_arg("limit", 12), 1), SEARCH_LIMIT)
    hits = get_index().search(query, (kind,) if kind else KINDS, limit) if query else []
    return _hits_json(hits, keys=True)


def _hits_json(hits: list[Hit], *, keys: bool = False) -> Response:
    """Search hits as JSON: each thing's IRI, kind, label and the name that matched, and
    with ``keys`` the key a parameter takes."""
    data = [
        {
            "iri": h.entry.iri,
            "kind": h.entry.kind,
            **({"key": h.entry.key} if keys else {}),
            "label": str(h.entry.label()),
            "matched": h.matched,
        }
        for h in hits
    ]
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")


@bp.get("/id/")
def browse() -> str:
    """Each kind of list with the number of things in it (counted once per index)."""
    index = get_index()
    counts = {kind: index.count(kind) for kind in LISTS}
    return render_template("lists/browse.html", lists=LISTS, counts=counts)
