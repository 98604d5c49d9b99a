"""The network filter form shared by the network, charts and exports pages."""

from __future__ import annotations

from typing import Any

from flask import g, request
from markupsafe import Markup

from migkg.errors import MigkgError
from migkg.namespaces import ID
from viz.data import Snapshot
from viz.filters import NetworkFilter
from webapp.pagequery import local_path


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
    """Plans and instruments to choose from, labelled by number (else label); read from the
    build's summary. A kind with more than a canned query's form lists (``LISTED``) is
    typed instead, with names suggested as one types: its ``<kind>_options`` is None."""
    from webapp.i18n import current_lang
    from webapp.summary import remembered
    from webapp.views import queries

    lang = current_lang()
    rows = remembered(("filter_choices", lang), lambda s: snapshot_choices(s.snapshot, lang))
    out: dict[str, Any] = dict(rows)
    for kind in ("plan", "instrument"):
        if len(rows[kind]) > queries.LISTED:
            # Tens of thousands in a national archive: a list the page cannot carry (a
            # megabyte and more) nor a reader scroll.
            out[f"{kind}_options"] = None
            continue
        # Hundreds of plans: their <option>s are written once.
        selected = request.args.get(kind, "")

        def make(_summary: object, k: str = kind, v: str = selected) -> Markup:
            return options(rows[k], v)

        out[f"{kind}_options"] = remembered(("filter_options", kind, selected, lang), make)
    return out


def options(rows: list[dict[str, Any]], selected: str) -> Markup:
    """``<option>`` elements for ``rows`` (``key``, ``label``), ``selected`` marked."""
    return Markup("").join(
        Markup('<option value="{}"{}>{}</option>').format(
            row["key"], Markup(" selected") if row["key"] == selected else "", row["label"]
        )
        for row in rows
    )


def snapshot_choices(snap: Snapshot, lang: str) -> dict[str, list[dict[str, Any]]]:
    """The plans that hold tasks and the instruments they carry out (through implements /
    adoptedBy chains), from the build's snapshot: each labelled by its number, else its
    label in ``lang``, else its key."""
    out: dict[str, list[dict[str, Any]]] = {"plan": [], "instrument": []}
    chains = snap.plan_instruments()
    instrument_base = str(ID["instrument/"])
    instruments = {i for chain in chains.values() for i in chain if i.startswith(instrument_base)}
    for kind, iris in (("plan", set(chains)), ("instrument", instruments)):
        for iri in iris:
            res = snap.resource(iri)
            number = res.number
            if kind == "plan" and not number:
                # A plan is known by the number of the instrument that adopted it.
                adopted = snap.plan_name(iri)
                number = "" if adopted == res.label("vi") else adopted
            label = number or res.label(lang)
            out[kind].append({"key": iri.rsplit("/", 1)[-1], "label": label})
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


def filter_form() -> dict[str, Any]:
    """What a page's template needs to draw the filter form: ``values`` and ``choices``."""
    return {"values": form_values(), "choices": form_choices()}


def node_url(iri: str) -> str | None:
    """The site's page for a node of a network or chart."""
    return local_path(iri)


def chart_href(iri: str) -> str:
    """The link a chart label gets (the resource page, or nothing usable for others)."""
    return local_path(iri) or ""
