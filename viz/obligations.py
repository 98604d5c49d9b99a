"""The obligations calendar: every date a task or reporting duty falls due, as an iCalendar
feed (RFC 5545, with the ``icalendar`` package) and as months for the calendar page.

The dates are those of ``queries/tasks_due_between.rq`` (deadlines, phase ends, each
occurrence of a recurrence, reporting days), for everything or one agency, province or plan.
Each event is an all-day event that links back to its task and names the source line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

from graph.store import Store
from queries import questions

PRODID = "-//migkg//Migration-governance obligations//VI"
KIND_VI = {"implementation": "thực hiện", "review": "rà soát", "reporting": "báo cáo"}


@dataclass(frozen=True)
class Due:
    """One date something falls due."""

    due: date
    item: str
    phase: str
    kind: str
    plan: str
    code: str
    label: str
    leads: str
    timeframe: str
    rrule: str
    source: str
    line: int | None

    def summary(self) -> str:
        """``402-qd-ttg 3.3.9 · review: Xây dựng …`` (the label cut at 120 characters)."""
        head = f"{self.plan.rsplit('/', 1)[-1]} {self.code}".strip()
        text = self.label if len(self.label) <= 120 else self.label[:119] + "…"
        return f"{head} · {self.kind}: {text}"

    def source_text(self) -> str:
        """``000_2ea71573e8b386bf.txt, line 250``."""
        name = self.source.rsplit("/", 1)[-1]
        return f"{name}.txt, line {self.line}" if self.line else name


def dues(store: Store, start: date, end: date | None = None, **only: str | None) -> list[Due]:
    """What falls due from ``start`` to ``end`` for ``agency``/``province``/``plan``."""
    rows = questions.rows(store, "tasks_due_between", **{"from": start, "to": end}, **only)
    return [due_of(r) for r in rows]


def due_of(r: dict[str, Any]) -> Due:
    """One row of ``tasks_due_between.rq`` as a :class:`Due`."""

    def s(key: str) -> str:
        return "" if r[key] is None else str(r[key])

    return Due(
        due=r["due"].toPython(),
        item=s("item"),
        phase=s("phase"),
        kind=s("phase_kind"),
        plan=s("plan"),
        code=s("code"),
        label=s("label"),
        leads=s("leads"),
        timeframe=s("timeframe"),
        rrule=s("rrule"),
        source=s("source"),
        line=int(r["line"]) if r["line"] is not None else None,
    )


def page_url(base: str, iri: str) -> str:
    """The site page of a resource IRI (``<base>/id/…``)."""
    return base.rstrip("/") + "/id/" + iri.split("/id/", 1)[-1]


def to_ical(items: list[Due], base_url: str, name: str = "migkg") -> bytes:
    """The RFC 5545 calendar of ``items``: one all-day VEVENT per date due."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for d in items:
        event = Event()
        event.add("uid", f"{d.phase}/{d.due.isoformat()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", d.due)
        event.add("dtend", d.due + timedelta(days=1))
        event.add("summary", d.summary())
        url = page_url(base_url, d.item)
        event.add("url", url)
        lines = [d.label, ""]
        if d.timeframe:
            lines.append(f"Thời gian / timeframe: {d.timeframe}")
        if d.leads:
            lines.append(f"Chủ trì / lead: {d.leads}")
        if d.rrule:
            lines.append(f"RRULE: {d.rrule}")
        lines += [f"Nguồn / source: {d.source_text()}", url]
        event.add("description", "\n".join(lines))
        event.add("categories", [d.kind])
        cal.add_component(event)
    return cal.to_ical()


def by_month(items: list[Due], limit: int | None = None) -> list[tuple[str, list[Due]]]:
    """``[("2026-12", [...]), …]`` in date order (the first ``limit`` items when given)."""
    months: dict[str, list[Due]] = {}
    for d in sorted(items, key=lambda d: (d.due, d.plan, d.code))[:limit]:
        months.setdefault(d.due.strftime("%Y-%m"), []).append(d)
    return list(months.items())


def cli_calendar(settings: dict[str, Any], **only: str | None) -> bytes:
    """``migkg export calendar``: every date due, as iCalendar, with links to the site
    (``site_url`` in the settings, default http://127.0.0.1:5000/)."""
    from graph.store import open_for_reading

    store = open_for_reading(settings)
    base = str(settings.get("site_url") or "http://127.0.0.1:5000/")
    with store:
        return to_ical(dues(store, date(1900, 1, 1), None, **only), base)
