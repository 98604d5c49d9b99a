"""The files the network view loads, served by the app itself (nothing from a CDN).

vis-network is the copy inside the installed pyvis package (``pyvis/lib/vis-9.1.2``);
``network.js`` and ``network.css`` are migkg's own (``viz/static``), and so are the site's
network page (``network-view.js``/``.css``) and its sigma.js + graphology bundle
(``sigma-bundle.min.js``, built from npm; versions and licences in ``static/licences``).
A site registers :func:`assets_blueprint` and passes the same prefix to the render functions.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from migkg.errors import NotFound

DEFAULT_PREFIX = "/assets/viz"
STATIC_DIR = Path(__file__).resolve().parent / "static"


def _pyvis_lib() -> Path:
    # find_spec locates the package without importing it (pyvis imports IPython).
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise NotFound("pyvis is not installed: vis-network cannot be served")
    return Path(spec.origin).parent / "lib" / "vis-9.1.2"


def asset_files() -> dict[str, tuple[Path, str]]:
    """Name in the URL → (file, media type) of every asset the network view needs."""
    vis = _pyvis_lib()
    return {
        "vis-network.min.js": (vis / "vis-network.min.js", "text/javascript"),
        "vis-network.min.css": (vis / "vis-network.css", "text/css"),
        "network.js": (STATIC_DIR / "network.js", "text/javascript"),
        "network.css": (STATIC_DIR / "network.css", "text/css"),
        # sigma.js + graphology (licences in static/licences) and the site's network page.
        "sigma-bundle.min.js": (STATIC_DIR / "sigma-bundle.min.js", "text/javascript"),
        "network-view.js": (STATIC_DIR / "network-view.js", "text/javascript"),
        "network-view.css": (STATIC_DIR / "network-view.css", "text/css"),
    }


def asset_path(name: str) -> tuple[Path, str]:
    """The file and media type of asset ``name``; NotFound for any other name."""
    files = asset_files()
    if name not in files:
        raise NotFound(f"no asset {name!r}")
    return files[name]


def assets_blueprint(url_prefix: str = DEFAULT_PREFIX):
    """A Flask blueprint named ``viz_assets`` serving the assets at
    ``<url_prefix>/<name>`` (e.g. ``/assets/viz/vis-network.min.js``)."""
    from flask import Blueprint, abort, send_file

    bp = Blueprint("viz_assets", __name__, url_prefix=url_prefix)

    @bp.get("/<name>")
    def asset(name: str):
        files = asset_files()
        if name not in files:
            abort(404)
        path, media_type = files[name]
        return send_file(path, mimetype=media_type, max_age=3600)

    return bp
