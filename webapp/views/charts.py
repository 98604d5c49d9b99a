"""The charts page: load per agency, agency × year heat map, an agency's timeline and the
deadlines ahead, drawn as SVG by viz/ for the tasks the filters select."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from migkg import iris
from migkg.viz.charts import load_bars_svg, load_heatmap_svg, timeline_svg
from migkg.viz.data import fetch
from migkg.viz.metrics import agency_metrics
from migkg.viz.schedule import agency_timeline, deadlines_ahead
from migkg.webapp.db import get_store
from migkg.webapp.i18n import current_lang
from migkg.webapp.views.filters import chart_href, form_choices, form_values, read_filter
from migkg.webapp.views.home import today

bp = Blueprint("charts", __name__)

DEADLINES_SHOWN = 30


@bp.get("/charts")
def index() -> str:
    """The charts for the selected tasks; ``agency`` (a key) picks the timeline's agency."""
    lang = current_lang()
    filt, error = read_filter()
    snap = fetch(get_store())
    metrics = agency_metrics(snap, filt)
    agencies = [m for m in metrics if not m.collective] or metrics
    wanted = request.args.get("agency", "").strip()
    chosen = next((m for m in metrics if m.iri == str(iris.agency(wanted))), None)
    chosen = chosen or (agencies[0] if agencies else None)
    timeline = None
    if chosen is not None:
        rows = agency_timeline(snap, chosen.iri, filt)
        timeline = timeline_svg(rows, lang=lang, agency_type=chosen.type, href=chart_href)
    return render_template(
        "charts.html",
        bars=load_bars_svg(metrics, lang=lang, href=chart_href),
        heatmap=load_heatmap_svg(metrics, lang=lang, href=chart_href),
        timeline=timeline,
        chosen=chosen,
        agencies=sorted(metrics, key=lambda m: m.label_vi.casefold()),
        deadlines=deadlines_ahead(snap, today(), filt, limit=DEADLINES_SHOWN),
        values=form_values(),
        choices=form_choices(),
        error=error,
    )
