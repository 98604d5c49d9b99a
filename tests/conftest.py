"""Shared fixtures, layered: paths → built store → app → client."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shipped corpus."""
    return CORPUS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Test data (see tests/data/README.md)."""
    return DATA


# --- the site over the test fixture (tests/test_site.py, test_resources.py, test_headers.py …)


def load_site_store(*extra_trig: str):  # type: ignore[no-untyped-def]
    """An in-memory store with mini.trig, site_provenance.trig, the ontology and extra TriG."""
    from rdflib import Dataset, URIRef

    from migkg.graph.embedded import EmbeddedStore

    ds = Dataset()
    ds.parse(DATA / "mini.trig", format="trig")
    ds.parse(DATA / "site_provenance.trig", format="trig")
    ontology = ROOT / "ontology" / "migkg.ttl"
    ds.graph(URIRef("https://w3id.org/migkg/id/graph/ontology")).parse(ontology, format="turtle")
    for text in extra_trig:
        ds.parse(data=text, format="trig")
    store = EmbeddedStore(None)
    store.replace(ds)
    return store


@pytest.fixture(scope="session")
def site_store():  # type: ignore[no-untyped-def]
    """The fixture graph (mini.trig and line spans) in an in-memory store."""
    store = load_site_store()
    yield store
    store.close()


@pytest.fixture(scope="session")
def site_app(site_store):  # type: ignore[no-untyped-def]
    """The Flask app over ``site_store``, with a fixed today (2025-06-01) for deadlines."""
    from migkg.webapp import create_app

    return create_app({"TESTING": True, "MIGKG_STORE": site_store, "MIGKG_TODAY": "2025-06-01"})


@pytest.fixture()
def site_client(site_app):  # type: ignore[no-untyped-def]
    """A test client of ``site_app`` (a fresh cookie jar per test)."""
    return site_app.test_client()


@pytest.fixture(scope="session")
def make_site_app():  # type: ignore[no-untyped-def]
    """A factory: ``make_site_app(trig, ...)`` → an app over the fixture graph plus that TriG."""
    from migkg.webapp import create_app

    stores = []

    def make(*extra_trig: str):  # type: ignore[no-untyped-def]
        store = load_site_store(*extra_trig)
        stores.append(store)
        return create_app({"TESTING": True, "MIGKG_STORE": store, "MIGKG_TODAY": "2025-06-01"})

    yield make
    for store in stores:
        store.close()


@pytest.fixture(scope="session")
def serve_site():  # type: ignore[no-untyped-def]
    """A factory: ``serve_site(app)`` → the base URL of ``app`` served by waitress on a free
    127.0.0.1 port, in a thread; every server is stopped at the end of the session."""
    import threading

    from waitress import create_server

    servers = []

    def serve(app):  # type: ignore[no-untyped-def]
        server = create_server(app, host="127.0.0.1", port=0, threads=4)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.effective_port}"

    yield serve
    for server, thread in servers:
        server.close()
        server.task_dispatcher.shutdown()
        thread.join(timeout=10)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():  # type: ignore[no-untyped-def]
    """Debian's headless Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
