"""Security headers on every response, and downloads sent as attachments."""

from __future__ import annotations

from flask import Flask, Response, request

# Only the app's own origin. No inline scripts and no inline styles: every script and
# stylesheet is a file the app serves. img-src allows data: for the small images the SPARQL
# editor's stylesheet embeds.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# The SPARQL page's result tables (YASR's DataTables column resizer) add one fixed style
# element: that page allows exactly that element, by its hash; no other inline style.
RESIZER_STYLE = "'sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk='"
EDITOR_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", f"style-src 'self' {RESIZER_STYLE}"
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


# Results asked for by a ``format`` link (the SPARQL page's downloads) → file extension.
RESULT_FILES = {
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdf",
}


_HEADER_KEYS = [(name.lower(), name, value) for name, value in HEADERS.items()]


def add_headers(response: Response) -> Response:
    """Set the security headers (kept if a view already chose a value); SPARQL results
    fetched by a ``format`` link are sent as a file to save."""
    # One look at the headers already there, not one per header added.
    present = {name.lower() for name in response.headers.keys()}
    response.headers.extend(
        [(name, value) for key, name, value in _HEADER_KEYS if key not in present]
    )
    if (
        request.path == "/sparql"
        and request.method == "GET"
        and request.args.get("format")
        and response.status_code == 200
        and response.mimetype in RESULT_FILES
        and "content-disposition" not in present
    ):
        attachment(response, f"results.{RESULT_FILES[response.mimetype]}")
    return response


def attachment(response: Response, filename: str) -> Response:
    """Mark a response as a download named ``filename``."""
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def init_app(app: Flask) -> None:
    """Add the headers to every response the app sends."""
    app.after_request(add_headers)
