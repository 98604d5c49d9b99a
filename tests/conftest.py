"""Shared fixtures, layered: paths → built store → app → client."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A canned query's page waits for its answer as long as a test's machine may need (the
# note sent when it does not wait is tested with a short wait: test_queries_pending.py).
TEST_PREVIEW_WAIT = "120"
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session", autouse=True)
def _preview_wait() -> None:
    """The apps a test makes in its own process wait for a canned query's answer too."""
    import os

    os.environ.setdefault("MIGKG_PREVIEW_WAIT", TEST_PREVIEW_WAIT)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shipped corpus."""
    return CORPUS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Test data (see tests/data/README.md)."""
    return DATA


# --- the site over the test fixture (tests/test_site.py, test_resources.py, test_headers.py …)


def load_site_store(*extra_trig: str):
    """An in-memory store with mini.trig, site_provenance.trig, the ontology and extra TriG."""
    from rdflib import Dataset, URIRef

    from graph.embedded import EmbeddedStore

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
def site_store():
    """The fixture graph (mini.trig and line spans) in an in-memory store."""
    store = load_site_store()
    yield store
    store.close()


@pytest.fixture(scope="session")
def site_app(site_store):
    """The Flask app over ``site_store``, with a fixed today (2025-06-01) for deadlines."""
    from webapp import create_app

    return create_app({"TESTING": True, "MIGKG_STORE": site_store, "MIGKG_TODAY": "2025-06-01"})


@pytest.fixture()
def site_client(site_app):
    """A test client of ``site_app`` (a fresh cookie jar per test)."""
    return site_app.test_client()


@pytest.fixture(scope="session")
def make_site_app():
    """A factory: ``make_site_app(trig, ...)`` → an app over the fixture graph plus that TriG."""
    from webapp import create_app

    stores = []

    def make(*extra_trig: str):
        store = load_site_store(*extra_trig)
        stores.append(store)
        return create_app({"TESTING": True, "MIGKG_STORE": store, "MIGKG_TODAY": "2025-06-01"})

    yield make
    for store in stores:
        store.close()


@pytest.fixture(scope="session")
def serve_site():
    """A factory: ``serve_site(app)`` → the base URL of ``app`` served by waitress on a free
    127.0.0.1 port, in a thread; every server is stopped at the end of the session."""
    import threading

    from waitress import create_server

    servers = []

    def serve(app):
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
def chromium():
    """Debian's headless Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# --- stores and servers for the store, endpoint and safety tests


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_trig_store(path: Path, *trig: Path) -> Path:
    """An on-disk embedded store at ``path`` holding the named graphs of the TriG files."""
    from rdflib import Dataset

    from graph.embedded import EmbeddedStore

    ds = Dataset()
    for file in trig:
        ds.parse(file, format="trig")
    store = EmbeddedStore(path)
    store.replace(ds)
    store.close()
    return path


def wait_http(url: str, proc, timeout: float = 60.0) -> None:
    """Wait until ``url`` answers 200, or fail with what the process printed."""
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {out}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def stop_process(proc) -> None:
    """Terminate a server process the tests started, killing it if it lingers."""
    import subprocess

    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stdout:
        proc.stdout.close()


@pytest.fixture(scope="session")
def mini_store_dir(tmp_path_factory) -> Path:
    """An on-disk store holding tests/data/mini.trig (do not write to it)."""
    return write_trig_store(tmp_path_factory.mktemp("mini") / "store", DATA / "mini.trig")


@pytest.fixture(scope="session")
def corpus_store_dir(tmp_path_factory) -> Path:
    """The shipped corpus built by `migkg build` into an on-disk store (do not write to it)."""
    from graph.build import build

    folder = tmp_path_factory.mktemp("corpus-build")
    build({"corpus": str(CORPUS), "store_path": str(folder / "store"), "report": ""})
    return folder / "store"


@pytest.fixture(scope="session")
def migkg_server(tmp_path_factory):
    """A factory: ``migkg_server(store_path, **settings)`` → the base URL of a real
    `migkg serve` on a free 127.0.0.1 port (settings go in as MIGKG_* variables); each
    server is stopped at the end of the session. ``.procs`` maps URL → process."""
    import os
    import subprocess
    import sys

    procs = {}

    def start(store_path: Path, **settings: object) -> str:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("MIGKG_")}
        env.update(MIGKG_STORE="embedded", MIGKG_STORE_PATH=str(store_path))
        env.update(MIGKG_PREVIEW_WAIT=TEST_PREVIEW_WAIT)
        env.update({f"MIGKG_{k.upper()}": str(v) for k, v in settings.items()})
        env.update(MIGKG_HOST="127.0.0.1", MIGKG_PORT=str(port))
        proc = subprocess.Popen(
            [sys.executable, "-m", "migkg", "serve"],
            env=env,
            cwd=tmp_path_factory.mktemp("serve"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_http(f"{url}/sparql?query=ASK%7B%7D", proc, timeout=180)
        except BaseException:
            stop_process(proc)
            raise
        procs[url] = proc
        return url

    start.procs = procs  # type: ignore[attr-defined]
    yield start
    for proc in procs.values():
        stop_process(proc)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A factory: ``oxigraph_server()`` → the base URL of a real `oxigraph serve` (read-write,
    no union default graph option) on 127.0.0.1 over a fresh folder; stopped at the end."""
    import shutil
    import subprocess
    import sys

    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    procs = []

    def start() -> str:
        port = free_port()
        location = tmp_path_factory.mktemp("oxigraph")
        proc = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        procs.append(proc)
        url = f"http://127.0.0.1:{port}"
        wait_http(f"{url}/query?query=ASK%7B%7D", proc)
        return url

    yield start
    for proc in procs:
        stop_process(proc)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {dir}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 8
ServerThreads = 8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""

# The anonymous SPARQL user may update and write graphs through the Graph Store Protocol
# (/sparql-graph-crud): this server holds test data only and listens on loopback alone.
VIRTUOSO_GRANTS = (
    "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"
)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """A factory: ``virtuoso_server()`` → the base URL of a real Virtuoso (Debian's
    ``virtuoso-t``) on 127.0.0.1 over a fresh database, its SPARQL endpoint at ``/sparql``
    and the Graph Store Protocol at ``/sparql-graph-crud``; stopped at the end."""
    import shutil
    import subprocess

    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None:
        pytest.fail("virtuoso-t and isql-vt are missing: scripts/test installs them")
    procs = []

    def start() -> str:
        folder = tmp_path_factory.mktemp("virtuoso")
        sql_port, http_port = free_port(), free_port()
        ini = folder / "virtuoso.ini"
        ini.write_text(
            VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port),
            encoding="utf-8",
        )
        proc = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        procs.append(proc)
        url = f"http://127.0.0.1:{http_port}"
        wait_http(f"{url}/sparql?query=ASK%7B%7D", proc, timeout=120)
        subprocess.run(
            [isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={VIRTUOSO_GRANTS}"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return url

    yield start
    for proc in procs:
        stop_process(proc)


# Where each engine answers: the query endpoint, the update endpoint, the Graph Store
# Protocol. Virtuoso answers queries and updates at /sparql and stores graphs at
# /sparql-graph-crud (its SPARQL Update refuses blank nodes in INSERT DATA, so the Graph
# Store Protocol is the way `migkg push` loads it).
ENGINES = {
    "oxigraph": ("/query", "/update", "/store"),
    "virtuoso": ("/sparql", "/sparql", "/sparql-graph-crud"),
}
# Virtuoso repeats a statement held in several graphs: it answers from a merged graph.
UNION_GRAPH = {"oxigraph": False, "virtuoso": True}


@pytest.fixture(scope="session")
def pushed_engine(oxigraph_server, virtuoso_server, corpus_store_dir: Path, tmp_path_factory):
    """A factory: ``pushed_engine(name)`` → (query endpoint, update endpoint, union graph
    setting) of a real server of that engine (oxigraph, virtuoso) that `migkg push`, run as
    a user runs it, has loaded with the corpus; one server an engine for the session."""
    import os
    import subprocess
    import sys

    done: dict[str, tuple[str, str, bool]] = {}

    def get(engine: str) -> tuple[str, str, bool]:
        if engine in done:
            return done[engine]
        url = oxigraph_server() if engine == "oxigraph" else virtuoso_server()
        query, update, gsp = (url + path for path in ENGINES[engine])
        env = {k: v for k, v in os.environ.items() if not k.startswith("MIGKG_")}
        out = subprocess.run(
            [
                sys.executable, "-m", "migkg", "push",
                "--endpoint", query, "--update-endpoint", update, "--gsp-endpoint", gsp,
                "--store-path", str(corpus_store_dir),
                "--union-graph" if UNION_GRAPH[engine] else "--no-union-graph",
            ],
            env=env,
            cwd=tmp_path_factory.mktemp("push"),
            capture_output=True,
            text=True,
            timeout=300,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        assert "Pushed" in out.stdout and url in out.stdout
        done[engine] = (query, update, UNION_GRAPH[engine])
        return done[engine]

    return get


class RequestRecorder:
    """A listener on 127.0.0.1 that records every connection made to it (and answers 200)."""

    def __init__(self) -> None:
        import socket
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    data = conn.recv(65536)
                except OSError:
                    data = b""
                self.requests.append(data)
                try:
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture()
def request_recorder():
    """A local listener that records any request made to it; stopped after the test."""
    recorder = RequestRecorder()
    yield recorder
    recorder.close()
