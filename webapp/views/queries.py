"""The canned-queries page: each question with its parameter form, and its results."""

from __future__ import annotations

from flask import Blueprint, render_template

from migkg.queries.catalogue import catalogue

bp = Blueprint("queries", __name__)


@bp.get("/queries")
def index() -> str:
    """Every canned query with its parameter form."""
    return render_template("queries/index.html", queries=catalogue())
