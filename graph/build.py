"""`migkg build`: corpus → a new store written beside the old one, swapped in when complete.

Nothing touches the store in place: the new store is written to a fresh folder
next to it, checked, and only then renamed over the old one. A build that fails
at any point (an unreadable file, an error while writing) leaves the previous
store exactly as it was and removes what it had half-written.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
from rdflib.query import ResultRow

import corpus as shipped_corpus
import queries
from graph import entail, once
from graph.embedded import EmbeddedStore
from loaders import pipeline, reference, responsibility
from loaders.gazetteer import Gazetteer
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg import collector
from migkg.errors import ConfigError, MigkgError
from migkg.namespaces import ID, bind_prefixes
from migkg.settings import default as settings_default
from ontology import ONTOLOGY_TTL

ONTOLOGY_GRAPH = ID["graph/ontology"]
REFERENCE_GRAPH = ID["graph/reference"]

# Files every pyoxigraph (RocksDB) store folder holds; a folder without them is not a store.
_STORE_MARKERS = ("CURRENT", "IDENTITY")


def reference_graph(gazetteer: Gazetteer) -> Graph:
    """Gazetteer and reference facts (conventions, restructuring, provinces)."""
    graph = gazetteer.to_graph()
    graph += reference.to_graph()
    return graph


def build_dataset(
    corpus: Path,
    report: BuildReport,
    *,
    on_file: Callable[[Path], None] | None = None,
    skip_bad: bool = False,
) -> Dataset:
    """Everything the graph holds: ontology, reference data and every corpus document."""
    files = pipeline.corpus_files(corpus)
    note_ignored(corpus, files, report)
    gazetteer = Gazetteer.load()
    resolver = Resolver(gazetteer)
    ds = pipeline.load_corpus(files, resolver, report, on_file=on_file, skip_bad=skip_bad)
    bind_prefixes(ds)
    ontology = ds.graph(ONTOLOGY_GRAPH)
    ontology.parse(data=ONTOLOGY_TTL.read_text(encoding="utf-8"), format="turtle")
    ref = ds.graph(REFERENCE_GRAPH)
    for triple in reference_graph(gazetteer):
        ref.add(triple)
    derived = ds.graph(responsibility.SUCCESSION_GRAPH)
    for triple in responsibility.derive(ds, gazetteer):
        derived.add(triple)
    entail.materialise_types(ds, ontology, skip={ONTOLOGY_GRAPH})
    # what several documents say, said once (graph/once.py)
    apart = {ONTOLOGY_GRAPH, REFERENCE_GRAPH, responsibility.SUCCESSION_GRAPH}
    documents = [
        g.identifier
        for g in ds.graphs()
        if g.identifier not in apart and g.identifier != ds.default_graph.identifier
    ]
    once.keep_once(ds, documents, (REFERENCE_GRAPH, responsibility.SUCCESSION_GRAPH))
    count_things(ds, report)
    return ds


def note_ignored(corpus: Path, files: list[Path], report: BuildReport) -> None:
    """Warn about files in the corpus folder that migkg does not read (other formats,
    links it does not follow)."""
    read = set(files)
    links = dict(pipeline.link_problems(corpus))
    for path, why in links.items():
        report.warn(path, None, why)
    for path in sorted(corpus.iterdir()):
        if path in links:
            continue
        if path in read or not path.is_file() or path.name.startswith((".", "_")):
            continue
        if path.name.lower() in ("readme.md", "manifest.csv") or path.suffix in (".py", ".pyc"):
            continue
        report.warn(
            path,
            None,
            f"not read: unsupported file type '{path.suffix or path.name}' "
            f"(migkg reads {', '.join(pipeline.SUPPORTED)})",
        )


def count_things(ds: Dataset, report: BuildReport) -> None:
    """Fill the report's counts from the dataset itself."""
    union = Graph()
    for g in ds.graphs():
        union += g
    row = next(iter(union.query(queries.internal("counts"))))
    assert isinstance(row, ResultRow)  # a SELECT gives rows
    for name, value in row.asdict().items():
        report.counts[name] = int(value)
    report.counts["triples"] = len(union)


def quad_count(ds: Dataset) -> int:
    """Number of distinct quads in named graphs, as a store holds them."""
    return sum(len(g) for g in ds.graphs() if g.identifier != ds.default_graph.identifier) + len(
        ds.default_graph
    )


def check_store_path(store_path: Path) -> None:
    """Refuse to replace a folder that exists and is not an embedded store."""
    if store_path.exists() and not store_path.is_dir():
        raise ConfigError(f"store path {store_path} is a file, not a store folder")
    if store_path.is_dir() and any(store_path.iterdir()):
        if not all((store_path / marker).exists() for marker in _STORE_MARKERS):
            raise ConfigError(
                f"store path {store_path} is a folder that does not hold a migkg store; "
                "refusing to replace it"
            )


def write_store(ds: Dataset, store_path: Path) -> None:
    """Write ``ds`` to a fresh store beside ``store_path`` and swap it in only when complete.

    On any failure the old store stays where it was, untouched, and the fresh
    folder is removed; no ``.new`` or ``.old`` folder is left behind.
    """
    store_path = Path(store_path).absolute()
    with store_lock(store_path):
        _write_locked(ds, store_path)


@contextmanager
def store_lock(store_path: Path) -> Iterator[None]:
    """Hold the build lock of ``store_path`` (an absolute path, checked to be a store or
    nothing), after removing what builds killed before their end left beside it."""
    check_store_path(store_path)
    try:
        store_path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(store_path.parent / f".{store_path.name}.lock", "w")  # noqa: SIM115
    except OSError as exc:
        raise _write_error(store_path, exc) from None
    with lock:
        # One build at a time writes beside this store: what another left is a leftover.
        fcntl.flock(lock, fcntl.LOCK_EX)
        sweep_leftovers(store_path)
        yield


def sweep_leftovers(store_path: Path) -> list[Path]:
    """Remove the ``.NAME.new-*`` folders of builds killed before their end; put back a
    ``.NAME.old-*`` store if a build was killed between its two renames (the store is
    then missing). Call with the build lock held. Returns what was removed."""
    removed = []
    for fresh in sorted(store_path.parent.glob(f".{store_path.name}.new-*")):
        shutil.rmtree(fresh, ignore_errors=True)
        removed.append(fresh)
    olds = sorted(
        store_path.parent.glob(f".{store_path.name}.old-*"), key=lambda p: p.stat().st_mtime
    )
    if olds and not store_path.exists():
        olds.pop().rename(store_path)
    for old in olds:
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    return removed


def _write_locked(ds: Dataset, store_path: Path) -> None:
    try:
        fresh = Path(tempfile.mkdtemp(prefix=f".{store_path.name}.new-", dir=store_path.parent))
        # mkdtemp makes the folder private; the store gets the usual permissions.
        fresh.chmod(0o777 & ~_umask())
    except OSError as exc:
        raise _write_error(store_path, exc) from None
    try:
        _fill(fresh, ds)
    except BaseException as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _write_error(store_path, exc) from None
        raise
    _swap(fresh, store_path)


def _fill(folder: Path, ds: Dataset) -> None:
    """Load the dataset into a new store in ``folder`` and check that all of it arrived."""
    expected = quad_count(ds)
    store = EmbeddedStore(folder)
    try:
        store.replace(ds)
        held = len(store)
        if held == expected:
            # What every page shows, worked out now and swapped in with the store.
            from viz import summary
            from webapp import names_file

            summary.write_for(store)
            names_file.write_for(store)  # the search's index, kept beside the summary
    finally:
        store.close()
    if held != expected:
        raise MigkgError(f"the new store holds {held} quads, {expected} were written")


def _swap(fresh: Path, store_path: Path) -> None:
    """Rename ``fresh`` to ``store_path``, putting the old store back if that fails."""
    old: Path | None = None
    try:
        if store_path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{store_path.name}.old-", dir=store_path.parent))
            old.rmdir()
            store_path.rename(old)
        fresh.rename(store_path)
    except OSError as exc:
        if old is not None and old.exists() and not store_path.exists():
            old.rename(store_path)
        shutil.rmtree(fresh, ignore_errors=True)
        raise _write_error(store_path, exc) from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_error(store_path: Path, exc: OSError) -> MigkgError:
    reason = exc.strerror or str(exc)
    return MigkgError(
        f"cannot write the store at {store_path} ({reason}); the previous store is unchanged"
    )


def default_report_path(store_path: Path) -> Path:
    """Where the JSON report goes when no path is given: beside the store folder."""
    return Path(store_path).parent / "build-report.json"


def build(
    settings: dict[str, Any],
    *,
    on_file: Callable[[Path], None] | None = None,
    skip_bad: bool = False,
) -> tuple[BuildReport, Path]:
    """Build the graph from the configured corpus into the embedded store; return the report.

    The report is written only when the store was: a failed build changes nothing.
    """
    corpus = Path(settings.get("corpus") or shipped_corpus.CORPUS_DIR)
    store_path = Path(settings.get("store_path") or settings_default("store_path"))
    report = BuildReport(corpus=str(corpus), store=str(store_path))
    # Files read in parallel, unchanged ones from the cache (graph/parallel_build.py), by
    # one process a core unless ``build_workers`` says how many.
    from graph import parallel_build

    workers = settings.get("build_workers")
    # Most of what a build makes lives to its end (migkg/collector.py).
    with collector.paused():
        parallel_build.build_store(
            corpus, store_path, report, on_file=on_file, skip_bad=skip_bad,
            workers=int(workers) if workers else None,
        )  # fmt: skip
    report_path = Path(settings.get("report") or default_report_path(store_path))
    try:
        report.write(report_path)
    except OSError as exc:
        raise MigkgError(
            f"the store was built, but the report could not be written to {report_path} "
            f"({exc.strerror or exc})"
        ) from None
    return report, report_path
