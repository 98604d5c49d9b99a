"""Benchmark of the site's pages: each page's median time and size, served by `migkg serve`
from an embedded store, with the summary the build keeps beside the store.

    python benchmarks/pages.py STORE_DIR [--synthetic | --built] [--repeats 3]

Prints one row per page and the ratios to the targets (300 ms and 2 MB at 10^6 triples,
1 s at 10^7; the home, network and charts pages 50 times faster than before the summary).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import browser

# Seconds measured at 1,007,518 quads before pages read the build's summary.
BEFORE_1E6 = {"/": 5.9, "/network": 25.4, "/charts": 27.2}
TARGET_SECONDS = {6: 0.3, 7: 1.0}
TARGET_BYTES = 2_000_000

# The lists of each kind of resource, with their filters and paging.
LISTS = [
    "/id/",
    *(f"/id/{kind}/" for kind in ("agency", "task", "plan", "instrument", "province", "document")),
]
CORPUS_PAGES = [
    "/",
    "/network",
    "/network?network=dependency",
    "/network?network=bipartite",
    "/network?size=betweenness&colour=community",
    "/network?plan=402-qd-ttg",
    "/network/node.json?iri=https%3A%2F%2Fw3id.org%2Fmigkg%2Fid%2Fagency%2Fmolisa",
    "/charts",
    "/charts?year=2025",
    "/exports",
    "/queries",
    "/queries/agency_pairs",
    "/query",
    "/id/agency/molisa",
    "/id/plan/402-qd-ttg",
    "/id/task/402-qd-ttg/3.2.3",
    "/id/instrument/402-qd-ttg",
    "/id/province/kien-giang",
    "/id/document/000_2ea71573e8b386bf",
    *LISTS,
    "/search?q=ngoai+giao",
    "/calendar",
    "/coverage",
    "/ontology",
]
SYNTHETIC_PAGES = [
    "/",
    "/?page=2",
    "/network",
    "/network?network=dependency",
    "/network?network=bipartite",
    "/network?size=betweenness&colour=community",
    "/network?plan=1-syn-kh",
    "/network/node.json?iri=https%3A%2F%2Fw3id.org%2Fmigkg%2Fid%2Fagency%2Fsyn-central-0",
    "/network/group.json?group=community%3A0&size=load",
    "/charts",
    "/charts?plan=1-syn-kh",
    "/exports",
    "/queries",
    "/queries/agency_pairs",
    "/query",
    "/id/agency/syn-central-0",
    "/id/plan/1-syn-kh",
    "/id/task/1-syn-kh/1.1",
    "/id/instrument/1-syn-kh",
    "/id/province/syn-province-0",
    "/id/document/syn-000001",
    # the largest of their kinds at any size: a collective named on a quarter of the tasks,
    # a convention many tasks refer to; and a later page of a long list
    "/id/agency/syn-collective-0",
    "/id/instrument/ilo-c087",
    "/id/agency/syn-central-0?joined_page=2",
    *LISTS,
    "/id/task/?page=2",
    "/search?q=bo+nghien+cuu",
    "/calendar",
    "/coverage",
    "/ontology",
]

# The largest things of a graph built from documents, found in it (what names them differs
# from corpus to corpus): each query gives one IRI under /id/.
LARGEST = {
    "agency": "SELECT ?x WHERE { ?t mkg:leadAgency ?x } GROUP BY ?x ORDER BY DESC(COUNT(?t))",
    "collective": "SELECT ?x WHERE { ?t mkg:cooperatingAgency ?x . ?x a mkg:CollectiveActor }"
    " GROUP BY ?x ORDER BY DESC(COUNT(?t))",
    "plan": "SELECT ?x WHERE { ?t mkg:taskOf ?x } GROUP BY ?x ORDER BY DESC(COUNT(?t))",
    "instrument": "SELECT ?x WHERE { ?x a mkg:Instrument ; prov:wasDerivedFrom ?d }"
    " GROUP BY ?x ORDER BY DESC(COUNT(DISTINCT ?d))",
    "task": "SELECT ?x WHERE { ?x mkg:taskOf ?p ; mkg:leadAgency ?a } ORDER BY ?x",
    "province": "SELECT ?x WHERE { ?a mkg:province ?x } GROUP BY ?x ORDER BY DESC(COUNT(?a))",
    "document": "SELECT ?x WHERE { ?x a mkg:SourceDocument } ORDER BY ?x",
}
_PREFIXES = (
    "PREFIX mkg: <https://w3id.org/migkg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
)


def built_pages(store_dir: Path) -> list[str]:
    """The pages timed on a graph built from generated documents: those of any graph, and
    the pages of its largest agency, collective body, plan, instrument and province."""
    import pyoxigraph as ox

    native = ox.Store.read_only(str(store_dir))
    try:
        found = {}
        for kind, query in LARGEST.items():
            rows = native.query(_PREFIXES + query + " LIMIT 1", use_default_graph_as_union=True)
            for row in rows:  # type: ignore[union-attr]
                found[kind] = row["x"].value
    finally:
        del native
    base = "https://w3id.org/migkg"
    own = [iri[len(base) :] for iri in found.values() if iri.startswith(base + "/id/")]
    plan = found.get("plan", "").rsplit("/", 1)[-1]
    agency = urllib.parse.quote(found.get("agency", ""), safe="")
    return [
        "/",
        "/network",
        "/network?network=dependency",
        "/network?network=bipartite",
        "/network?size=betweenness&colour=community",
        f"/network?plan={plan}",
        f"/network/node.json?iri={agency}",
        "/charts",
        f"/charts?plan={plan}",
        "/exports",
        "/queries",
        "/queries/agency_pairs",
        "/query",
        *own,
        *LISTS,
        "/id/task/?page=2",
        "/search?q=so+noi+vu",
        "/calendar",
        "/coverage",
        "/ontology",
    ]


def fetch(url: str) -> int:
    """GET ``url``; the size of the body in bytes."""
    with urllib.request.urlopen(url, timeout=600) as resp:
        return len(resp.read())


def wait_for(url: str, seconds: float = 900.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer")


def serve_app(
    store_dir: Path, port: int, argv: list[str] | None = None, **settings: str
) -> subprocess.Popen[bytes]:
    """``migkg serve`` of ``store_dir`` on 127.0.0.1:``port`` (long query timeout), with
    further settings as environment variables; ``argv`` replaces the command's arguments."""
    env = dict(
        os.environ,
        MIGKG_STORE="embedded",
        MIGKG_STORE_PATH=str(store_dir),
        MIGKG_HOST="127.0.0.1",
        MIGKG_PORT=str(port),
        MIGKG_QUERY_TIMEOUT="600",
        **settings,
    )
    return subprocess.Popen(
        [sys.executable, *(argv or ["-m", "migkg", "serve"])],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(*procs: subprocess.Popen[bytes]) -> None:
    """Stop servers started here, killing one that does not end in 10 s."""
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_summary(store_dir: Path) -> float:
    """Write the store's summary, name index and lists as a build does (seconds taken; 0
    when all are already there)."""
    from graph.embedded import EmbeddedStore
    from viz import summary
    from webapp import lists_file, names_file, page_facts

    store = EmbeddedStore(store_dir, read_only=True)
    try:
        has_summary = summary.read_for(store) is not None
        has_names = names_file.read_for(store) is not None
        has_lists = lists_file.read_for(store, "task") is not None
        kept = page_facts.pages_path(store)
        has_pages = kept is not None and page_facts.load(kept, lambda: len(store)) is not None
    finally:
        store.close()
    if has_summary and has_names and has_lists and has_pages:
        return 0.0
    t0 = time.perf_counter()
    store = EmbeddedStore(store_dir)
    try:
        if not has_summary:
            summary.write_for(store)
        if not has_names:
            names_file.write_for(store)
        if not has_lists:
            lists_file.write_for(store)
        if not has_pages:
            page_facts.write_for(store)
    finally:
        store.close()
    return time.perf_counter() - t0


def time_pages(base: str, pages: list[str], repeats: int) -> dict[str, tuple[float, int, float]]:
    """Median seconds and size of each page (after one visit that is not counted), and
    the seconds of that first visit (a long list is read and sorted then, and kept)."""
    out = {}
    for page in pages:
        url = base + page
        t0 = time.perf_counter()
        try:
            size = fetch(url)
        except urllib.error.HTTPError as exc:  # a page that fails is reported, not timed
            out[page] = (float("nan"), -exc.code, float("nan"))
            continue
        first = time.perf_counter() - t0
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            size = fetch(url)
            times.append(time.perf_counter() - t0)
        out[page] = (statistics.median(times), size, first)
        print(
            f"  {page:60} {out[page][0]:8.3f} s (first {first:.3f} s)", file=sys.stderr, flush=True
        )
    return out


def server_memory(pid: int) -> int:
    """Resident bytes of the server and its query workers."""
    import psutil

    proc = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])


def bench_store(
    store_dir: Path,
    *,
    synthetic: bool,
    repeats: int = 3,
    query_memory: bool = True,
    page_list: list[str] | None = None,
) -> dict:
    """Serve ``store_dir`` and time its pages; includes the first-page wait after start.

    ``query_memory=False`` serves with query workers that read the store on disk instead
    of each holding a copy of the graph in memory (the ``query_memory`` setting).
    """
    summary_seconds = ensure_summary(store_dir)
    port = free_port()
    proc = serve_app(store_dir, port, MIGKG_QUERY_MEMORY="true" if query_memory else "false")
    base = f"http://127.0.0.1:{port}"
    try:
        t0 = time.perf_counter()
        wait_for(base + "/")
        first = time.perf_counter() - t0
        # The query workers copy the graph into memory first: pages that ask the store
        # are timed once they are ready.
        wait_for(base + "/sparql?query=ASK%7B%7D")
        ready = time.perf_counter() - t0
        chosen = page_list or (SYNTHETIC_PAGES if synthetic else CORPUS_PAGES)
        pages = time_pages(base, chosen, repeats)
        drawn = browser.time_network(base) if Path(browser.CHROMIUM).exists() else None
        rss = server_memory(proc.pid)
    finally:
        stop(proc)
    return {
        "summary": summary_seconds,
        "first": first,
        "ready": ready,
        "pages": pages,
        "browser": drawn,
        "rss": rss,
        "query_memory": query_memory,
    }


def report(label: str, quads: int, result: dict) -> list[str]:
    """Print the table of one size; return the targets missed."""
    exponent = len(str(quads)) - 1 if quads else 0
    target = TARGET_SECONDS.get(exponent)
    from migkg.settings import default as settings_default

    held = f"the graph in memory in {settings_default('memory_copies')} of them, the rest on disk"
    print(
        f"\n== pages at {label} ({quads:,} quads): summary written in "
        f"{result['summary']:.1f} s; first page {result['first']:.1f} s after start, query "
        f"workers ready after {result['ready']:.1f} s "
        f"({held if result['query_memory'] else 'reading the store on disk'}); "
        f"server memory {result['rss'] / 2**20:.0f} MiB"
    )
    head = (
        f"{'page':60} {'median s':>9} {'first s':>8} {'size KB':>9} {'×target':>8} {'×before':>8}"
    )
    print(head)
    print("-" * len(head))
    missed = []
    for page, (seconds, size, first) in result["pages"].items():
        ratio = f"{seconds / target:8.2f}" if target and seconds == seconds else f"{'':8}"
        before = BEFORE_1E6.get(page) if exponent == 6 else None
        speed = f"{before / seconds:7.0f}×" if before and seconds else f"{'':8}"
        shown = f"{size / 1000:9.1f}" if size >= 0 else f"{'HTTP ' + str(-size):>9}"
        print(f"{page:60} {seconds:9.3f} {first:8.3f} {shown} {ratio} {speed}")
        if size < 0:
            missed.append(f"{page}: HTTP {-size}")
            continue
        if target and seconds > target:
            missed.append(f"{page}: {seconds:.3f} s (target < {target} s)")
        if exponent >= 6 and size > TARGET_BYTES:
            missed.append(f"{page}: {size / 1e6:.1f} MB (target < 2 MB)")
        if before and seconds > before / 50:
            missed.append(f"{page}: only {before / seconds:.0f}× faster (target ≥ 50×)")
    if result.get("browser") is not None:
        in_browser = browser.report(label, result["browser"])
        if exponent >= 6:
            missed += in_browser
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description="time the site's pages on a store")
    parser.add_argument("store", type=Path)
    parser.add_argument("--synthetic", action="store_true", help="a generated graph")
    parser.add_argument(
        "--built", action="store_true", help="a graph built from generated documents"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--disk-queries", action="store_true", help="query workers read the store on disk"
    )
    args = parser.parse_args()
    from graph.embedded import EmbeddedStore

    store = EmbeddedStore(args.store, read_only=True)
    quads = len(store)
    store.close()
    result = bench_store(
        args.store,
        synthetic=args.synthetic,
        repeats=args.repeats,
        query_memory=not args.disk_queries,
        page_list=built_pages(args.store) if args.built else None,
    )
    missed = report(args.store.name, quads, result)
    for line in missed:
        print(f"  - {line}")


if __name__ == "__main__":
    main()
