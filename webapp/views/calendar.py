"""The obligations calendar: ``/calendar`` (the months ahead) and ``/calendar.ics`` (an
iCalendar feed), for everything or ``?agency=``, ``?province=``, ``?plan=``."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request

from migkg.errors import ParameterError
from queries import questions
from viz.obligations import KIND_VI, by_month, dues, to_ical
from webapp.db import get_store
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


@bp.get("/calendar.ics")
def feed() -> Response:
    """Everything due from ``?from=`` (default: the plans' first year) as iCalendar."""
    raw = (request.args.get("from") or "").strip()
    start = _start() if raw else date(1900, 1, 1)
    only = _only()
    items = dues(get_store(), start, None, **only)
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
    items = dues(get_store(), start, end, **only)
    query = urlencode({k: v for k, v in only.items() if v})
    overdue = questions.rows(get_store(), "tasks_overdue", at=start.isoformat())
    if any(only.values()):  # the same selection as the calendar's
        chosen = {d.item for d in dues(get_store(), date(1900, 1, 1), None, **only)}
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
