"""The network page."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("network", __name__)


@bp.get("/network")
def index() -> str:
    """The network page (drawn from viz/)."""
    return render_template("network.html")
