"""The network filter form shared by the network, charts and exports pages."""

from __future__ import annotations

from typing import Any

from flask import g, request

from migkg.errors import MigkgError
from migkg.viz.filters import NetworkFilter
from migkg.webapp import pagequery
from migkg.webapp.pagequery import local_path


def mark_bad_parameter() -> None:
    """Have the page drawn with its error answered 400 (webapp/errors.py)."""
    g.bad_parameter = True


def read_filter() -> tuple[NetworkFilter, str | None]:
    """The filter the request's parameters ask for, and an error message if one is bad
    (then the unfiltered selection, so the page can still be drawn)."""
    try:
        return NetworkFilter.from_params(request.args), None
    except MigkgError as exc:
        mark_bad_parameter()
        return NetworkFilter(), exc.message


def form_choices() -> dict[str, list[dict[str, Any]]]:
    """Plans and instruments to choose from, labelled by number (else label)."""
    out: dict[str, list[dict[str, Any]]] = {"plan": [], "instrument": []}
    for row in pagequery.run("filter_choices"):
        label = row["number"] or row["xLabel"] or str(row["x"]).rsplit("/", 1)[-1]
        out[str(row["kind"])].append({"key": str(row["x"]).rsplit("/", 1)[-1], "label": label})
    for rows in out.values():
        rows.sort(key=lambda r: str(r["label"]).casefold())
    return out


def form_values() -> dict[str, str]:
    """The values the form shows: what was asked, with collectives on by default."""
    args = request.args
    return {
        "plan": args.get("plan", ""),
        "instrument": args.get("instrument", ""),
        "year": args.get("year", ""),
        "collective": args.get("collective", "1"),
    }


def node_url(iri: str) -> str | None:
    """The site's page for a node of a network or chart."""
    return local_path(iri)


def chart_href(iri: str) -> str:
    """The link a chart label gets (the resource page, or nothing usable for others)."""
    return local_path(iri) or ""
