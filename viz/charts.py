"""Charts drawn on the server as SVG: load per agency, agency × year heat map, an agency's
timeline. Each function returns ``markupsafe.Markup`` (a str) that a Jinja template can
embed as it is; every label in it has been escaped.

Each bar or cell carries ``data-iri`` (the agency or task IRI) and a ``<title>`` child
(the browser's tooltip, as text). Collective actors are drawn grey with a dashed outline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from viz.metrics import AgencyMetrics
from viz.schedule import TimelineRow
from viz.style import colour, word
from viz.svg import clip, el, rect, svg, text

LabelLink = Callable[[str], str] | None
ROW = 22
LABEL_W = 330
LABEL_CHARS = 46


def _link(href: LabelLink, iri: str, child: Markup) -> Markup:
    """Wrap in a link to the site's page for ``iri`` when a URL maker is given."""
    if href is None:
        return child
    url = href(iri)
    # Only the app's own pages: a relative path, never a scheme or another host.
    if not url.startswith("/") or url.startswith("//"):
        return child
    return el("a", {"href": url}, child)


def _row_label(href: LabelLink, m: AgencyMetrics, name: str, y: float) -> Markup:
    """An agency's name at the left of a chart row, right-aligned, in italics for a
    collective actor, linked to its page."""
    return _link(
        href,
        m.iri,
        text(
            LABEL_W - 8,
            y,
            clip(name, LABEL_CHARS),
            text_anchor="end",
            font_style="italic" if m.collective else None,
        ),
    )


def _empty(label: str, lang: str) -> Markup:
    return svg(400, 40, label, text(10, 24, word("no_data", lang)))


def _fill(m: AgencyMetrics) -> dict[str, object]:
    if m.collective:
        return {"stroke": "#444", "stroke_dasharray": "4 2"}
    return {}


def load_bars_svg(
    metrics: Sequence[AgencyMetrics],
    *,
    lang: str = "vi",
    limit: int = 30,
    href: LabelLink = None,
) -> Markup:
    """Horizontal bars of tasks per agency (most loaded first): the tasks it leads, then
    the tasks it joins, in its type's colour. ``href(iri)`` gives the page an agency's
    label links to (relative URLs only)."""
    title = word("load", lang) + ": " + word("led", lang) + " / " + word("joined", lang)
    rows = list(metrics)[:limit]
    if not rows:
        return _empty(title, lang)
    top = max((m.load for m in rows), default=1) or 1
    bar_w = 380
    height = 34 + ROW * len(rows)
    width = LABEL_W + bar_w + 60
    legend = [
        rect(LABEL_W, 6, 14, 12, "#555"),
        text(LABEL_W + 18, 16, word("led", lang)),
        rect(LABEL_W + 110, 6, 14, 12, "#555", fill_opacity="0.4"),
        text(LABEL_W + 128, 16, word("joined", lang)),
    ]
    body = []
    for i, m in enumerate(rows):
        y = 30 + i * ROW
        name = m.label(lang)
        w_led = bar_w * m.led / top
        w_joined = bar_w * m.joined / top
        tip = f"{name}: {word('led', lang)} {m.led}, {word('joined', lang)} {m.joined}"
        parts = [
            el("title", None, tip),
            _row_label(href, m, name, y + 15),
            rect(LABEL_W, y + 3, w_led, ROW - 6, colour(m.type), class_="led", **_fill(m)),
            rect(
                LABEL_W + w_led,
                y + 3,
                w_joined,
                ROW - 6,
                colour(m.type),
                fill_opacity="0.4",
                class_="joined",
                **_fill(m),
            ),
            text(LABEL_W + w_led + w_joined + 6, y + 15, str(m.load), class_="value"),
        ]
        body.append(el("g", {"class": "bar", "data-iri": m.iri}, *parts))
    return svg(width, height, title, *legend, *body)


def _heat(count: int, top: int) -> str:
    """White to deep blue as the count grows."""
    if count <= 0:
        return "#f4f4f4"
    share = count / top
    r = round(222 - share * (222 - 8))
    g = round(235 - share * (235 - 69))
    b = round(247 - share * (247 - 148))
    return f"#{r:02x}{g:02x}{b:02x}"


def load_heatmap_svg(
    metrics: Sequence[AgencyMetrics],
    *,
    lang: str = "vi",
    years: Sequence[int] | None = None,
    limit: int = 40,
    href: LabelLink = None,
) -> Markup:
    """A grid of agencies (rows, most loaded first) × years (columns); each cell holds the
    number of tasks the agency leads or joins that are active that year."""
    title = word("tasks_per_year", lang)
    rows = list(metrics)[:limit]
    seen = sorted({y for m in rows for y in m.load_by_year})
    if years is None:
        years = list(range(seen[0], seen[-1] + 1)) if seen else []
    if not rows or not years:
        return _empty(title, lang)
    top = max((m.load_by_year.get(y, 0) for m in rows for y in years), default=1) or 1
    cell_w, cell_h = 34, 20
    width = LABEL_W + cell_w * len(years) + 10
    height = 28 + cell_h * len(rows) + 6
    head = [
        text(LABEL_W + i * cell_w + cell_w / 2, 18, str(y), text_anchor="middle", font_size=10)
        for i, y in enumerate(years)
    ]
    body = []
    for r, m in enumerate(rows):
        y0 = 26 + r * cell_h
        name = m.label(lang)
        cells = [_row_label(href, m, name, y0 + 14)]
        for c, year in enumerate(years):
            n = m.load_by_year.get(year, 0)
            x = LABEL_W + c * cell_w
            cell = [
                el("title", None, f"{name} — {year}: {n}"),
                rect(x + 1, y0 + 1, cell_w - 2, cell_h - 2, _heat(n, top)),
            ]
            if n:
                ink = "#fff" if n / top > 0.55 else "#222"
                cell.append(text(x + cell_w / 2, y0 + 14, str(n), text_anchor="middle", fill=ink))
            cells.append(el("g", {"class": "cell", "data-year": year, "data-count": n}, *cell))
        body.append(el("g", {"class": "row", "data-iri": m.iri}, *cells))
    return svg(width, height, title, *head, *body)


def timeline_svg(
    rows: Sequence[TimelineRow],
    *,
    lang: str = "vi",
    agency_type: str = "Agency",
    href: LabelLink = None,
) -> Markup:
    """One bar per task from its start year to its end year (inclusive), filled for the
    tasks the agency leads and light for those it joins. Tasks without years are left
    out and counted in a note."""
    title = word("years", lang)
    dated = [r for r in rows if r.start is not None and r.end is not None]
    if not dated:
        return _empty(title, lang)
    first = min(r.start for r in dated if r.start is not None)
    last = max(r.end for r in dated if r.end is not None)
    span = list(range(first, last + 1))
    col = max(28, min(60, 560 // len(span)))
    width = LABEL_W + col * len(span) + 10
    undated = len(rows) - len(dated)
    height = 28 + ROW * len(dated) + (22 if undated else 6)
    parts = []
    for i, year in enumerate(span):
        x = LABEL_W + i * col
        parts.append(text(x + col / 2, 18, str(year), text_anchor="middle", font_size=10))
        parts.append(
            el(
                "line",
                {"x1": x, "x2": x, "y1": 22, "y2": height - 4, "stroke": "#ddd"},
            )
        )
    fill = colour(agency_type)
    for i, r in enumerate(dated):
        y = 26 + i * ROW
        name = r.label(lang)
        if r.start is None or r.end is None:  # narrowed above; keeps type checkers calm
            continue
        x = LABEL_W + (r.start - first) * col
        w = (r.end - r.start + 1) * col
        tip = f"{r.plan_label} {r.code} {name} ({r.start}–{r.end}; {word(r.role, lang)})"
        if r.deadline is not None:
            tip += f" {word('deadline', lang)}: {r.deadline.isoformat()}"
        label = _link(
            href,
            r.task,
            text(
                LABEL_W - 8,
                y + 15,
                clip(f"{r.plan_label} {r.code} {name}".strip(), LABEL_CHARS),
                text_anchor="end",
            ),
        )
        bar = rect(
            x + 1,
            y + 3,
            w - 2,
            ROW - 6,
            fill,
            fill_opacity="1" if r.role == "lead" else "0.4",
            rx=3,
            class_=r.role,
        )
        parts.append(
            el("g", {"class": "task", "data-iri": r.task}, el("title", None, tip), label, bar)
        )
    if undated:
        note = f"+ {undated} ({word('no_data', lang)}: {word('years', lang).lower()})"
        parts.append(text(10, height - 6, note, font_size=11, fill="#555"))
    return svg(width, height, title, *parts)
