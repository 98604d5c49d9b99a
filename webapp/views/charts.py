"""The charts page: load per agency, agency × year heat map, an agency's timeline and the
deadlines ahead, drawn as SVG by viz/ for the tasks the filters select."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from markupsafe import Markup

from migkg import iris
from viz.charts import load_bars_svg, load_heatmap_svg, timeline_svg
from viz.filters import NetworkFilter
from viz.metrics import AgencyMetrics, metrics_from_graph
from viz.networks import coordination_network
from viz.schedule import agency_timeline, deadlines_ahead
from webapp.i18n import current_lang
from webapp.summary import remembered
from webapp.views.filters import (
    chart_href,
    filter_form,
    options,
    read_filter,
)
from webapp.views.home import today

bp = Blueprint("charts", __name__)

DEADLINES_SHOWN = 30
# An agency at national scale joins thousands of tasks: the timeline shows the first ones.
TIMELINE_ROWS = 80


def filtered_metrics(filt: NetworkFilter) -> list[AgencyMetrics]:
    """Agency metrics for the selected tasks: the build's own for the whole graph, else
    worked out on the selected tasks only (and remembered)."""
    if filt == NetworkFilter():
        return remembered(("metrics",), lambda s: metrics_from_graph(s.coordination))
    return remembered(
        ("metrics", filt),
        lambda s: metrics_from_graph(coordination_network(s.snapshot, filt, centrality=False)),
    )


def agency_options(metrics: list[AgencyMetrics], chosen: AgencyMetrics | None, lang: str) -> Markup:
    """The timeline's agency ``<option>``s, by Vietnamese name (written once per filter)."""
    rows = [
        {"key": m.iri.rsplit("/agency/", 1)[-1], "label": m.label(lang) or m.label_vi}
        for m in sorted(metrics, key=lambda m: m.label_vi.casefold())
    ]
    selected = chosen.iri.rsplit("/agency/", 1)[-1] if chosen else ""
    return options(rows, selected)


@bp.get("/charts")
def index() -> str:
    """The charts for the selected tasks; ``agency`` (a key) picks the timeline's agency."""
    lang = current_lang()
    filt, error = read_filter()
    metrics = filtered_metrics(filt)
    agencies = [m for m in metrics if not m.collective] or metrics
    wanted = request.args.get("agency", "").strip()
    chosen = next((m for m in metrics if m.iri == str(iris.agency(wanted))), None)
    chosen = chosen or (agencies[0] if agencies else None)
    timeline = None
    hidden = 0
    if chosen is not None:
        rows = remembered(
            ("timeline", chosen.iri, filt), lambda s: agency_timeline(s.snapshot, chosen.iri, filt)
        )
        hidden = max(0, len(rows) - TIMELINE_ROWS)
        timeline = remembered(
            ("timeline_svg", chosen.iri, filt, lang),
            lambda _s: timeline_svg(
                rows[:TIMELINE_ROWS], lang=lang, agency_type=chosen.type, href=chart_href
            ),
        )
    now = today()
    deadlines = remembered(
        ("deadlines", filt, now),
        lambda s: deadlines_ahead(s.snapshot, now, filt, limit=DEADLINES_SHOWN),
    )
    return render_template(
        "charts.html",
        # The drawings depend on the filter and the language only: drawn once each.
        bars=remembered(
            ("bars", filt, lang), lambda _s: load_bars_svg(metrics, lang=lang, href=chart_href)
        ),
        heatmap=remembered(
            ("heatmap", filt, lang),
            lambda _s: load_heatmap_svg(metrics, lang=lang, href=chart_href),
        ),
        agencies=remembered(
            ("agencies_sorted", filt),
            lambda _s: sorted(metrics, key=lambda m: m.label_vi.casefold()),
        ),
        timeline=timeline,
        chosen=chosen,
        timeline_hidden=hidden,
        deadlines=deadlines,
        **filter_form(),
        error=error,
    )
