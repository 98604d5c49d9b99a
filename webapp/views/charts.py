"""The charts page: load per agency, agency × year heat map, an agency's timeline and the
deadlines ahead, drawn as SVG by viz/ for the tasks the filters select."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from migkg import iris
from migkg.viz.charts import load_bars_svg, load_heatmap_svg, timeline_svg
from migkg.viz.filters import NetworkFilter
from migkg.viz.metrics import AgencyMetrics, metrics_from_graph
from migkg.viz.networks import coordination_network
from migkg.viz.schedule import agency_timeline, deadlines_ahead
from migkg.webapp.i18n import current_lang
from migkg.webapp.summary import remembered
from migkg.webapp.views.filters import chart_href, form_choices, form_values, read_filter
from migkg.webapp.views.home import today

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
        timeline = timeline_svg(
            rows[:TIMELINE_ROWS], lang=lang, agency_type=chosen.type, href=chart_href
        )
    now = today()
    deadlines = remembered(
        ("deadlines", filt, now),
        lambda s: deadlines_ahead(s.snapshot, now, filt, limit=DEADLINES_SHOWN),
    )
    return render_template(
        "charts.html",
        bars=load_bars_svg(metrics, lang=lang, href=chart_href),
        heatmap=load_heatmap_svg(metrics, lang=lang, href=chart_href),
        timeline=timeline,
        chosen=chosen,
        agencies=sorted(metrics, key=lambda m: m.label_vi.casefold()),
        timeline_hidden=hidden,
        deadlines=deadlines,
        values=form_values(),
        choices=form_choices(),
        error=error,
    )
