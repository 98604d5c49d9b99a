"""The migkg site: a Flask application factory and the server entry point."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from migkg.settings import load_settings


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then the settings table, then the test override."""
    app = Flask(__name__, instance_relative_config=False)
    settings = load_settings()
    if config:
        settings.update(config)
    app.config["MIGKG"] = settings
    app.config.update({k.upper(): v for k, v in (config or {}).items() if k.isupper()})

    from migkg.webapp import db

    db.init_app(app)

    from migkg.webapp.views import home

    app.register_blueprint(home.bp)
    return app


def serve(settings: Mapping[str, Any]) -> None:
    """Serve the app with waitress on the configured host and port."""
    from waitress import serve as waitress_serve

    app = create_app(dict(settings))
    host, port = settings["host"], int(settings["port"])
    print(f"migkg serving on http://{host}:{port}/", flush=True)
    waitress_serve(app, host=host, port=port, threads=8)
