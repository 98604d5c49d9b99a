"""One handler for every error: JSON for API paths, a page for browsers, the right status."""

from __future__ import annotations

from flask import Flask, Response, g, jsonify, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from migkg.errors import MigkgError
from webapp.i18n import N_

# The titles of expected errors, for the catalogues (the page shows them translated).
ERROR_TITLES = (
    N_("Bad request"),
    N_("Bad input"),
    N_("Bad setting"),
    N_("Bad query"),
    N_("Not found"),
    N_("Bad parameter"),
    N_("Not acceptable"),
    N_("Query stopped"),
    N_("Not Found"),
    N_("Method Not Allowed"),
    N_("Request Entity Too Large"),
)

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
        shown = gettext(title) if title in ERROR_TITLES else title
        html = render_template("error.html", status=status, title=shown, message=message)
        response = Response(html, mimetype="text/html")
    response.status_code = status
    return response


def handle_migkg_error(exc: MigkgError) -> Response:
    """An expected failure: its own message and status (and when to retry, if it says)."""
    response = error_response(exc.status, exc.title, exc.message)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def handle_http_exception(exc: HTTPException) -> Response:
    """Werkzeug's errors (404 for unknown routes, 405 …) in the same shape."""
    status = exc.code or 500
    return error_response(status, exc.name, exc.description or exc.name)


def bad_parameter_status(response: Response) -> Response:
    """A page drawn with a bad parameter (its form shows the error) is answered 400."""
    if getattr(g, "bad_parameter", False) and response.status_code == 200:
        response.status_code = 400
    return response


def handle_unexpected(exc: Exception) -> Response:
    """Anything unforeseen: one line, 500, never a traceback to the client (the log has it)."""
    from flask import current_app

    current_app.logger.exception("unexpected error on %s", request.path)
    return error_response(500, "Internal error", "the server could not answer this request")


def own_location(response: Response) -> Response:
    """Redirects name this site by its configured address (``public_url``), never by the
    Host header a client sent (werkzeug's own redirects, e.g. a trailing slash, do)."""
    location = response.headers.get("Location")
    if location and location.startswith(request.host_url):
        from flask import current_app

        from webapp import public_url

        base = public_url(current_app.config["MIGKG"])
        response.headers["Location"] = base + "/" + location[len(request.host_url) :]
    return response


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(MigkgError, handle_migkg_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
    app.after_request(bad_parameter_status)
    app.after_request(own_location)
