"""The exports page."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("exports", __name__)


@bp.get("/exports")
def index() -> str:
    """The exports page (drawn from viz/)."""
    return render_template("exports.html")
