"""The files the site's network page loads, served by the app itself (nothing from a CDN).

``network-view.js`` and ``network-view.css`` are migkg's own (``viz/static``); the
sigma.js + graphology bundle (``sigma-bundle.min.js``) is built from npm, with its versions
and licences in ``static/licences``. A site registers :func:`assets_blueprint` and passes
the same prefix to its templates.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_PREFIX = "/assets/viz"
STATIC_DIR = Path(__file__).resolve().parent / "static"

ASSET_FILES: dict[str, tuple[Path, str]] = {
    "sigma-bundle.min.js": (STATIC_DIR / "sigma-bundle.min.js", "text/javascript"),
    "network-view.js": (STATIC_DIR / "network-view.js", "text/javascript"),
    "network-view.css": (STATIC_DIR / "network-view.css", "text/css"),
}


def assets_blueprint(url_prefix: str = DEFAULT_PREFIX):
    """A Flask blueprint named ``viz_assets`` serving the assets at
    ``<url_prefix>/<name>`` (e.g. ``/assets/viz/sigma-bundle.min.js``); 404 for any other name."""
    from flask import Blueprint, abort, send_file

    bp = Blueprint("viz_assets", __name__, url_prefix=url_prefix)

    @bp.get("/<name>")
    def asset(name: str):
        if name not in ASSET_FILES:
            abort(404)
        path, media_type = ASSET_FILES[name]
        return send_file(path, mimetype=media_type, max_age=3600)

    return bp
