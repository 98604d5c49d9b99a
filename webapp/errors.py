"""One handler for every error: JSON for API paths, a page for browsers, the right status."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from migkg.errors import MigkgError

# Paths whose clients are programs, not readers.
API_PREFIXES = ("/sparql",)


def wants_json() -> bool:
    """True for API paths and ``.json`` paths, and for clients that prefer JSON over HTML."""
    if request.path.startswith(API_PREFIXES) or request.path.endswith(".json"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def error_response(status: int, title: str, message: str) -> Response:
    """The error as JSON (``{"status", "title", "message"}``) or as the error page."""
    if wants_json():
        response = jsonify(status=status, title=title, message=message)
    else:
        html = render_template("error.html", status=status, title=title, message=message)
        response = Response(html, mimetype="text/html")
    response.status_code = status
    return response


def handle_migkg_error(exc: MigkgError) -> Response:
    """An expected failure: its own message and status."""
    return error_response(exc.status, exc.title, exc.message)


def handle_http_exception(exc: HTTPException) -> Response:
    """Werkzeug's errors (404 for unknown routes, 405 …) in the same shape."""
    status = exc.code or 500
    return error_response(status, exc.name, exc.description or exc.name)


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(MigkgError, handle_migkg_error)
    app.register_error_handler(HTTPException, handle_http_exception)
