"""The obligations calendar: ``/calendar`` (the months ahead) and ``/calendar.ics`` (an
iCalendar feed), for everything or ``?agency=``, ``?province=``, ``?plan=``."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request

from migkg.errors import ParameterError
from viz.obligations import KIND_VI, Due, by_month, dues, to_ical
from webapp.db import get_store
from webapp.page_facts import FIRST_DAY, get_facts, remembered
from webapp.views.home import date_arg

bp = Blueprint("calendar", __name__)
FILTERS = ("agency", "province", "plan")
MONTHS_AHEAD = 12
# What one page shows at most of each list: a national archive has thousands of dates due
# in a year; the feed (and a narrower selection) holds them all.
SHOWN = 400


def _only() -> dict[str, str | None]:
    return {k: (request.args.get(k) or "").strip() or None for k in FILTERS}


def _start() -> date:
    return date_arg("from")


def _months() -> int:
    raw = (request.args.get("months") or str(MONTHS_AHEAD)).strip()
    if not raw.isdigit() or not 1 <= int(raw) <= 120:
        raise ParameterError(f"months: a number from 1 to 120, not {raw!r}")
    return int(raw)


def _items(only: dict[str, str | None]) -> frozenset[str]:
    """The tasks and duties of the selection ``only`` (asked once per selection and store:
    the dates come from the kept answers, webapp/page_facts.py)."""
    key = ("calendar-items", tuple(sorted(only.items())))
    return remembered(
        key, lambda _: frozenset(d.item for d in dues(get_store(), FIRST_DAY, None, **only))
    )


def _chosen(items: list[Due], only: dict[str, str | None]) -> list[Due]:
    """``items`` within the selection ``only`` (all of them when nothing is chosen)."""
    if not any(only.values()):
        return items
    chosen = _items(only)
    return [d for d in items if d.item in chosen]


@bp.get("/calendar.ics")
def feed() -> Response:
    """Everything due from ``?from=`` (default: the plans' first year) as iCalendar."""
    raw = (request.args.get("from") or "").strip()
    start = _start() if raw else date(1900, 1, 1)
    only = _only()
    items = _chosen(get_facts().due_between(start, None), only)
    name = "migkg · " + (" ".join(v for v in only.values() if v) or "all")
    response = Response(to_ical(items, request.host_url, name), mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="migkg-obligations.ics"'
    return response


@bp.get("/calendar")
def page() -> str:
    """The months ahead: what falls due in each, with links to the tasks and their sources."""
    start, months = _start(), _months()
    end = start + timedelta(days=31 * months)
    only = _only()
    facts = get_facts()
    items = _chosen(facts.due_between(start, end), only)
    query = urlencode({k: v for k, v in only.items() if v})
    overdue = facts.overdue_at(start)
    if any(only.values()):  # the same selection as the calendar's
        chosen = _items(only)
        overdue = [r for r in overdue if str(r["task"]) in chosen]
    return render_template(
        "calendar.html",
        months=by_month(items, SHOWN),
        due_total=len(items),
        overdue_total=len(overdue),
        shown=SHOWN,
        start=start,
        n_months=months,
        only=only,
        feed_url="/calendar.ics" + (f"?{query}" if query else ""),
        kind_vi=KIND_VI,
        overdue=overdue[:SHOWN],
    )
