"""A build that grows with the corpus: documents read in parallel, only what changed read.

Each corpus file is read in a pool of processes (one per core) into its own named graph,
with its superclass types written out (graph/entail.py: entailment stays inside the
graph that typed a resource, so a document's graph is complete on its own), and handed
back as N-Quads with the report entries it produced. The result is kept in a cache
beside the store, under the hash of the file's name and bytes and of the code and data
that read it (loaders, gazetteer, reference data, ontology): a rebuild reads again only
the files whose hash changed.

The new store is then made without rdflib: when the previous store was built from the
same code and data, it is copied and only the changed documents' graphs are replaced;
otherwise every graph is bulk-loaded into a fresh store. Counts come from the store
itself. The store and its summary are swapped in together, as graph/build.py does.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import multiprocessing
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from graph import build as sequential
from graph.embedded import EmbeddedStore
from loaders.report import BuildReport, Issue
from migkg.errors import InputError, MigkgError
from migkg.namespaces import ID, bind_prefixes
from ontology import ONTOLOGY_TTL
from queries import internal

MANIFEST = "migkg-build.json"
_ROOT = Path(__file__).resolve().parent.parent
# What decides how a file is read: the readers and loaders, the gazetteer and reference
# data, the ontology (superclass types). A change to any of them reads every file again.
_STAMPED = ("loaders", "data", "ontology")
_WORKER: dict[str, Any] = {}


def code_stamp() -> str:
    """A hash of every source and data file that takes part in reading a document."""
    digest = hashlib.sha256()
    for folder in _STAMPED:
        base = _ROOT / folder
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".toml", ".csv", ".ttl", ".json"):
                digest.update(str(path.relative_to(_ROOT)).encode("utf-8"))
                digest.update(path.read_bytes())
    return digest.hexdigest()


def file_key(path: Path, stamp: str) -> str:
    """The cache key of one corpus file: its name, its bytes and the code stamp."""
    digest = hashlib.sha256(stamp.encode("ascii"))
    digest.update(path.name.encode("utf-8") + b"\0")
    digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_dir(store_path: Path) -> Path:
    """Where the per-file graphs are kept: a hidden folder beside the store."""
    return store_path.parent / f".{store_path.name}.cache"


def _init_worker() -> None:
    from graph import entail
    from loaders.gazetteer import Gazetteer
    from loaders.resolver import Resolver

    ontology = Dataset().graph()
    ontology.parse(data=ONTOLOGY_TTL.read_text(encoding="utf-8"), format="turtle")
    _WORKER["resolver"] = Resolver(Gazetteer.load())
    _WORKER["superclasses"] = entail.superclasses(ontology)


def read_one(path: Path) -> dict[str, Any]:
    """Read one file in a worker: its graph as N-Quads, its IRI and its report entries
    (or the InputError that stopped it)."""
    from loaders import manifest, pipeline, reading

    if not _WORKER:
        _init_worker()
    report = BuildReport()
    try:
        source = reading.read_source(path, manifest.for_file(path))
    except InputError as exc:
        return {"name": path.name, "error": (str(exc.path), exc.line, exc.message)}
    report.read_by(path.name, source.reader, source.mean_confidence)
    for line, note in source.notes:
        report.warn(path, line, note)
    graph = pipeline.load_source(source, _WORKER["resolver"], report)
    # Superclass types written into the document's own graph (as entail.materialise_types
    # does for each graph of a dataset).
    sup = _WORKER["superclasses"]
    for s, cls in list(graph.subject_objects(RDF.type)):
        for parent in sup.get(cls, ()):
            graph.add((s, RDF.type, parent))
    # N-Triples with the graph's name before each line's closing dot: N-Quads.
    name = f" <{graph.identifier}> .".encode()
    data = b"\n".join(
        line[:-2] + name if line.endswith(b" .") else line
        for line in graph.serialize(format="nt", encoding="utf-8").split(b"\n")
    )
    return {
        "name": path.name,
        "graph": str(graph.identifier),
        "nquads": data,
        "quads": _lines(data),
        "skipped": [i.to_dict() for i in report.skipped],
        "unresolved": [i.to_dict() for i in report.unresolved_mentions],
        "warnings": [i.to_dict() for i in report.warnings],
        "documents": list(report.documents),
        "readers": dict(report.readers),
    }


def read_corpus(
    files: list[Path],
    cache: Path,
    stamp: str,
    *,
    on_file: Callable[[Path], None] | None = None,
    workers: int | None = None,
) -> dict[Path, dict[str, Any]]:
    """Every file's result, from the cache when its key is there, else read in a pool.

    ``on_file`` is called once per file as it is done (cached files first). New entries
    are kept under ``"_new"`` in the result (saved by :func:`save_cache` once the store is
    swapped in: a failed build leaves nothing behind).
    """
    keys = {path: file_key(path, stamp) for path in files}
    results: dict[Path, dict[str, Any]] = {}
    todo = []
    for path in files:
        entry = cache / f"{keys[path]}.pickle"
        try:
            with entry.open("rb") as fh:
                results[path] = pickle.load(fh)  # noqa: S301 - migkg's own cache
        except (OSError, EOFError, pickle.UnpicklingError):
            todo.append(path)
            continue
        if on_file is not None:
            on_file(path)
    if todo:
        count = max(1, min(workers or os.cpu_count() or 1, len(todo)))
        if count == 1:
            done = ((path, read_one(path)) for path in todo)
            _collect(done, todo, results, cache, keys, on_file)
        else:
            context = multiprocessing.get_context("fork")
            with cf.ProcessPoolExecutor(count, mp_context=context) as pool:
                futures = {pool.submit(read_one, path): path for path in todo}
                done = ((futures[f], f.result()) for f in cf.as_completed(futures))
                _collect(done, todo, results, cache, keys, on_file)
    return results


def _collect(done, todo, results, cache, keys, on_file) -> None:
    # Progress is told in corpus order, whatever order the pool finishes in.
    told = 0
    for path, result in done:
        if "error" not in result:
            result["_new"] = cache / f"{keys[path]}.pickle"
        result["key"] = keys[path]
        results[path] = result
        while told < len(todo) and todo[told] in results:
            if on_file is not None:
                on_file(todo[told])
            told += 1


def save_cache(results: dict[Path, dict[str, Any]]) -> None:
    """Keep the graphs read by this build for the next one (old entries are dropped)."""
    fresh = [r for r in results.values() if r.get("_new")]
    if not fresh:
        return
    folder = fresh[0]["_new"].parent
    folder.mkdir(parents=True, exist_ok=True)
    for result in fresh:
        path = result.pop("_new")
        _save(path, result)
    used = {f"{k}.pickle" for k in (r.get("key") for r in results.values()) if k}
    for old in folder.glob("*.pickle"):
        if old.name not in used:
            old.unlink(missing_ok=True)


def _save(path: Path, value: object) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


# Graphs that depend on every document: made anew by each build, never reused.
DERIVED_GRAPHS = (sequential.REFERENCE_GRAPH, ID["graph/succession"])


def _shared_nquads() -> bytes:
    """The ontology graph: the same for every build of the same code."""
    ds = Dataset()
    bind_prefixes(ds)
    ds.graph(sequential.ONTOLOGY_GRAPH).parse(
        data=ONTOLOGY_TTL.read_text(encoding="utf-8"), format="turtle"
    )
    return ds.serialize(format="nquads", encoding="utf-8")


def _derived_nquads(documents: list[bytes]) -> bytes:
    """The graphs that depend on every document: the reference graph (with the generated
    bodies the documents name) and the succession graph, with their superclass types."""
    from graph import entail
    from loaders import responsibility
    from loaders.gazetteer import Gazetteer

    ds = Dataset()
    bind_prefixes(ds)
    for data in documents:
        ds.parse(data=data, format="nquads")
    gazetteer = Gazetteer.load()
    prefix = str(ID["agency/"])
    for term in {t for q in ds.quads((None, None, None, None)) for t in (q[0], q[2])}:
        if isinstance(term, URIRef) and str(term).startswith(prefix):
            key = str(term)[len(prefix) :]
            if key in gazetteer.standard:
                gazetteer.use(key)  # as the resolver does when a mention names the body
    ontology = ds.graph(sequential.ONTOLOGY_GRAPH)
    ontology.parse(data=ONTOLOGY_TTL.read_text(encoding="utf-8"), format="turtle")
    ref = ds.graph(sequential.REFERENCE_GRAPH)
    for triple in sequential.reference_graph(gazetteer):
        ref.add(triple)
    derived = ds.graph(responsibility.SUCCESSION_GRAPH)
    for triple in responsibility.derive(ds, gazetteer):
        derived.add(triple)
    out = Dataset()
    bind_prefixes(out)
    for name in (sequential.REFERENCE_GRAPH, responsibility.SUCCESSION_GRAPH):
        graph = out.graph(name)
        for triple in ds.graph(name):
            graph.add(triple)
    entail.materialise_types(out, ontology)
    return out.serialize(format="nquads", encoding="utf-8")


def _merge_report(
    files: list[Path], results: dict[Path, dict[str, Any]], report: BuildReport, skip_bad: bool
) -> list[Path]:
    """Report entries in file order; the files whose graph goes into the store."""
    kept = []
    for path in files:
        result = results[path]
        if "error" in result:
            file, line, message = result["error"]
            if not skip_bad:
                raise InputError(Path(file), message.split(": ", 1)[-1], line=line)
            report.skip(file, line, message.split(": ", 1)[-1])
            continue
        report.files.append(path.name)
        report.skipped += [Issue(**i) for i in result["skipped"]]
        report.unresolved_mentions += [Issue(**i) for i in result["unresolved"]]
        report.warnings += [Issue(**i) for i in result["warnings"]]
        report.documents += result.get("documents", [])
        report.readers.update(result.get("readers", {}))
        kept.append(path)
    return kept


def _lines(data: bytes) -> int:
    """Statements in N-Quads text (one a line; rdflib ends with an empty line)."""
    return sum(1 for line in data.split(b"\n") if line.strip())


def _load(native: ox.Store, data: bytes) -> None:
    """Bulk-load N-Quads into the new store."""
    native.bulk_load(data, format=ox.RdfFormat.N_QUADS)


def _manifest(store_path: Path) -> dict[str, Any]:
    try:
        return json.loads((store_path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _count(native: ox.Store, report: BuildReport) -> int:
    """Fill the report's counts from the store; the number of quads it holds."""
    result = native.query(internal("counts"), use_default_graph_as_union=True)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    for solution in result:  # type: ignore[union-attr]
        for name in names:
            term = solution[name]
            report.counts[name] = int(term.value) if term is not None else 0
    triples = native.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
        use_default_graph_as_union=True,
    )
    report.counts["triples"] = int(next(iter(triples))["n"].value)  # type: ignore[arg-type]
    return len(native)


def build_store(
    corpus: Path,
    store_path: Path,
    report: BuildReport,
    *,
    on_file: Callable[[Path], None] | None = None,
    skip_bad: bool = False,
    workers: int | None = None,
) -> None:
    """Read ``corpus`` (in parallel, cached) into a new store swapped in at ``store_path``."""
    from loaders import pipeline

    store_path = Path(store_path).absolute()
    sequential.check_store_path(store_path)  # before the reading, which takes a while
    files = pipeline.corpus_files(corpus)
    sequential.note_ignored(corpus, files, report)
    stamp = code_stamp()
    results = read_corpus(files, cache_dir(store_path), stamp, on_file=on_file, workers=workers)
    kept = _merge_report(files, results, report, skip_bad)
    documents = {results[p]["graph"]: file_key(p, stamp) for p in kept}
    with sequential.store_lock(store_path):
        _write(store_path, report, results, kept, documents, stamp)
    try:
        save_cache(results)
    except OSError:
        pass  # the store is built; the next build reads these files again


def _write(
    store_path: Path,
    report: BuildReport,
    results: dict[Path, dict[str, Any]],
    kept: list[Path],
    documents: dict[str, str],
    stamp: str,
) -> None:
    """Write the new store beside ``store_path`` (reusing the previous one's unchanged
    documents) and swap it in; call with the build lock held."""
    from viz import summary

    old = _manifest(store_path) if store_path.is_dir() else {}
    try:
        store_path.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{store_path.name}.new-", dir=store_path.parent))
        # mkdtemp makes the folder private; the store gets the usual permissions.
        fresh.chmod(0o777 & ~sequential._umask())
    except OSError as exc:
        raise sequential._write_error(store_path, exc) from None
    try:
        reuse = old.get("stamp") == stamp and "shared_quads" in old
        if reuse:
            shutil.rmtree(fresh)
            shutil.copytree(store_path, fresh)
            fresh.chmod(0o777 & ~sequential._umask())
        native = ox.Store(str(fresh))
        try:
            if reuse:
                previous: dict[str, str] = old.get("documents", {})
                for graph, key in previous.items():
                    if documents.get(graph) != key:
                        native.remove_graph(ox.NamedNode(graph))
                changed = [
                    p
                    for p in kept
                    if previous.get(results[p]["graph"]) != documents[results[p]["graph"]]
                ]
                shared_quads = int(old.get("shared_quads", 0))
            else:
                shared = _shared_nquads()
                shared_quads = _lines(shared)
                _load(native, shared)
                changed = kept
            data = b"".join(results[p]["nquads"] for p in changed)
            if data:
                _load(native, data)
            # what depends on every document is made anew each build
            for name in DERIVED_GRAPHS:
                native.remove_graph(ox.NamedNode(str(name)))
            derived = _derived_nquads([results[p]["nquads"] for p in kept])
            _load(native, derived)
            native.flush()
            held = _count(native, report)
        finally:
            del native
        expected = shared_quads + _lines(derived) + sum(results[p]["quads"] for p in kept)
        if held != expected:
            raise MigkgError(f"the new store holds {held} quads, {expected} were written")
        store = EmbeddedStore(fresh)
        try:
            summary.write_for(store)
        finally:
            store.close()
        manifest = {"stamp": stamp, "documents": documents, "shared_quads": shared_quads}
        (fresh / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    except BaseException as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        if isinstance(exc, OSError):
            raise sequential._write_error(store_path, exc) from None
        raise
    sequential._swap(fresh, store_path)
