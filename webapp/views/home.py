"""The home page."""

from __future__ import annotations

from flask import Blueprint, render_template

from migkg.webapp.db import get_store

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> str:
    """What the graph holds."""
    store = get_store()
    return render_template("home.html", triples=len(store))
