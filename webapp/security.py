"""Security headers on every response, and downloads sent as attachments."""

from __future__ import annotations

from flask import Flask, Response

# Only the app's own origin. No inline scripts: every script is a static file.
# style-src also allows 'unsafe-inline' because vis-network (served from the app) injects
# its own <style> elements and sets style attributes on the nodes it draws; scripts stay
# strict, so injected markup still cannot run. img-src allows data: for the small images
# vis-network's stylesheet embeds.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def add_headers(response: Response) -> Response:
    """Set the security headers (kept if a view already chose a value)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def attachment(response: Response, filename: str) -> Response:
    """Mark a response as a download named ``filename``."""
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def init_app(app: Flask) -> None:
    """Add the headers to every response the app sends."""
    app.after_request(add_headers)
