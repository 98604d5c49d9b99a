"""The charts page."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("charts", __name__)


@bp.get("/charts")
def index() -> str:
    """The charts page (drawn from viz/)."""
    return render_template("charts.html")
