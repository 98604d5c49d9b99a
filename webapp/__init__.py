"""The migkg site: a Flask application factory and the server entry point."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from migkg.settings import check_keys, load_settings


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app.

    Settings come from the settings table (defaults, config file, environment), then an
    instance config (``instance/config.py``: Flask keys, and ``MIGKG_SETTINGS``, a dict of
    settings), then ``config``: lower-case keys are settings, upper-case keys Flask config
    (a test passes ``MIGKG_STORE``, a store to use instead of opening one).
    An unknown setting is a ConfigError naming it.
    """
    app = Flask(__name__, instance_relative_config=True)
    settings = load_settings()
    app.config.from_pyfile("config.py", silent=True)
    instance = dict(app.config.get("MIGKG_SETTINGS") or {})
    check_keys(instance, "MIGKG_SETTINGS")
    settings.update(instance)
    # A misspelt setting would otherwise be ignored without a word.
    check_keys((k for k in config or {} if not k.isupper()), "create_app")
    for key, value in (config or {}).items():
        if key.isupper():
            app.config[key] = value
        else:
            settings[key] = value
    app.config["MIGKG"] = settings

    from webapp import db, i18n, security, templating

    db.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    _register_blueprints(app)
    _register_errors(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from webapp.views import charts, exports, home, lists, network, queries, query, resources

    for module in (home, resources, query, queries, network, charts, exports, lists):
        app.register_blueprint(module.bp)
    from webapp.views import sparql

    app.register_blueprint(sparql.bp)
    from webapp.views import calendar, coverage

    app.register_blueprint(calendar.bp)
    app.register_blueprint(coverage.bp)
    from webapp.views import ontology

    app.register_blueprint(ontology.bp)
    # sigma.js and the network page's own script, served by the app (no CDN).
    from viz.assets import assets_blueprint

    app.register_blueprint(assets_blueprint())


def _register_errors(app: Flask) -> None:
    from webapp import errors

    errors.init_app(app)


def public_url(settings: Mapping[str, Any]) -> str:
    """The site's address as others reach it: the ``public_url`` setting, else
    http://HOST:PORT; never the Host header a client sent."""
    configured = str(settings.get("public_url") or "").rstrip("/")
    return configured or f"http://{settings['host']}:{int(settings['port'])}"


def _warm(app: Flask) -> None:
    """Read the store's summary in the background while the server starts listening."""
    import threading

    def load() -> None:
        from webapp.summary import get_summary

        with app.app_context():
            try:
                get_summary()
            except Exception:  # noqa: BLE001 - the first page asks again and reports it
                pass

    threading.Thread(target=load, name="migkg-summary", daemon=True).start()


def serve(settings: Mapping[str, Any]) -> None:
    """Serve the app with waitress on the configured host and port, with the limits of a
    public endpoint: connections, threads, request and idle timeouts."""
    from waitress.server import create_server

    from webapp.server import guard_slow_requests

    app = create_app(dict(settings))
    wsgi: Any = app
    if int(settings.get("proxy_count") or 0):
        from werkzeug.middleware.proxy_fix import ProxyFix

        wsgi = ProxyFix(app, x_for=int(settings["proxy_count"]))
    _warm(app)
    host, port = settings["host"], int(settings["port"])
    # The endpoint answers 413 itself up to a few times its limit; beyond that waitress
    # refuses before buffering the whole body.
    body_cap = 4 * int(settings.get("max_body") or 1_000_000) + 65536
    server = create_server(
        wsgi,
        host=host,
        port=port,
        threads=int(settings.get("threads") or 16),
        connection_limit=int(settings.get("connection_limit") or 1000),
        channel_timeout=int(settings.get("idle_timeout") or 30),
        cleanup_interval=1,
        max_request_body_size=body_cap,
        max_request_header_size=65536,
        clear_untrusted_proxy_headers=True,
        ident="migkg",
    )
    guard_slow_requests(server, float(settings.get("request_timeout") or 20))
    with app.app_context():  # the query workers start now, not at the first request
        from webapp.db import get_runner

        get_runner()
    print(f"migkg serving on http://{host}:{port}/ as {public_url(settings)}/", flush=True)
    try:
        server.run()
    finally:
        server.close()
