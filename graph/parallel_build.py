"""A build that grows with the corpus: documents read in parallel, only what changed read.

Each corpus file is read in a pool of processes (one per core) into its own named graph,
with its superclass types written out (graph/entail.py: entailment stays inside the
graph that typed a resource, so a document's graph is complete on its own), and handed
back as N-Quads with the report entries it produced and the part of it the derived
graphs read (graph/derived.py). The result is kept in the build cache beside the store
(graph/build_cache.py): a rebuild reads again only the files whose hash changed.

The new store is then made without rdflib (graph/new_store.py): the previous store's
files taken over and only the changed graphs replaced, or every graph bulk-loaded into
a fresh store. Counts come from the store itself. The store and its summary are swapped
in together, as graph/build.py does.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rdflib import Dataset
from rdflib.namespace import RDF

from graph import build as sequential
from graph import build_cache, derived, new_store, once
from graph.build_cache import cache_dir, code_stamp, file_key
from loaders.report import BuildReport, Issue
from migkg.errors import InputError
from ontology import ONTOLOGY_TTL

__all__ = ["build_store", "cache_dir", "code_stamp", "file_key", "read_corpus", "read_one"]

_WORKER: dict[str, Any] = {}


def _init_worker() -> None:
    from graph import entail
    from loaders.gazetteer import Gazetteer
    from loaders.resolver import Resolver

    ontology = Dataset().graph()
    ontology.parse(data=ONTOLOGY_TTL.read_text(encoding="utf-8"), format="turtle")
    _WORKER["resolver"] = Resolver(Gazetteer.load())
    _WORKER["superclasses"] = entail.superclasses(ontology)


def read_one(path: Path) -> dict[str, Any]:
    """Read one file in a worker: its graph as N-Quads, its IRI, its report entries and
    what the derived graphs read of it (or the InputError that stopped it)."""
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
    ntriples = graph.serialize(format="nt", encoding="utf-8")
    parts = derived.inputs_of(graph, ntriples)
    # N-Triples with the graph's name before each line's closing dot: N-Quads.
    name = f" <{graph.identifier}> .".encode()
    data = b"\n".join(
        line[:-2] + name if line.endswith(b" .") else line for line in ntriples.split(b"\n")
    )
    return {
        "name": path.name,
        "graph": str(graph.identifier),
        "nquads": data,
        "quads": new_store.lines(data),
        "graph_hash": graph_hash(data),
        "skipped": [i.to_dict() for i in report.skipped],
        "unresolved": [i.to_dict() for i in report.unresolved_mentions],
        "warnings": [i.to_dict() for i in report.warnings],
        "documents": list(report.documents),
        "readers": dict(report.readers),
        "records": parts["records"],
        "agencies": parts["agencies"],
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

    ``on_file`` is called once per file as it is done, in corpus order. New entries are
    marked ``"_new"`` in the result (kept by :func:`build_cache.save` once the store is
    swapped in: a failed build leaves nothing behind).
    """
    keys = {path: file_key(path, stamp) for path in files}
    results: dict[Path, dict[str, Any]] = {}
    held = {p for p in files if build_cache.entry_path(cache, keys[p]).is_file()}
    todo = [p for p in files if p not in held]
    told = _Told(files, results, on_file)
    allowed = workers or os.cpu_count() or 1
    count = max(1, min(allowed, len(todo)))
    # The files not kept are read by other processes while this one reads back the kept
    # ones; in this one when one process is asked for.
    pool = None
    if todo and allowed > 1:
        pool = cf.ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"))
    try:
        futures = {pool.submit(read_one, path): path for path in todo} if pool else {}
        late = []
        for path in files:
            if path not in held:
                continue
            entry = build_cache.load(cache, keys[path])
            if entry is None:  # unreadable after all: read again
                late.append(path)
                continue
            entry["key"] = keys[path]
            if "graph_hash" not in entry:  # kept by an older build: kept again with it
                entry["graph_hash"] = graph_hash(entry["nquads"])
                entry["_new"] = build_cache.entry_path(cache, keys[path])
            results[path] = entry
        told.tell()
        if pool is not None:
            futures.update({pool.submit(read_one, path): path for path in late})
            done = ((futures[f], f.result()) for f in cf.as_completed(futures))
            _collect(done, results, cache, keys, told)
        else:
            _collect(((p, read_one(p)) for p in todo + late), results, cache, keys, told)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return results


class _Told:
    """Progress told in corpus order, whatever order the pool finishes in."""

    def __init__(
        self,
        files: list[Path],
        results: dict[Path, dict[str, Any]],
        on_file: Callable[[Path], None] | None,
    ) -> None:
        self.files, self.results, self.on_file, self.next = files, results, on_file, 0

    def tell(self) -> None:
        while self.next < len(self.files) and self.files[self.next] in self.results:
            if self.on_file is not None:
                self.on_file(self.files[self.next])
            self.next += 1


def _collect(
    done: Iterable[tuple[Path, dict[str, Any]]],
    results: dict[Path, dict[str, Any]],
    cache: Path,
    keys: dict[Path, str],
    told: _Told,
) -> None:
    for path, result in done:
        if "error" not in result:
            result["_new"] = build_cache.entry_path(cache, keys[path])
        result["key"] = keys[path]
        results[path] = result
        told.tell()


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


def graph_hash(nquads: bytes) -> str:
    """The hash of a document graph's statements, whatever order rdflib wrote them in: a
    file changed in a way that leaves its graph as it was (a blank line, a trailing
    space) changes nothing in the store."""
    return hashlib.sha256(b"\n".join(sorted(nquads.split(b"\n")))).hexdigest()


def _digest(result: dict[str, Any]) -> str:
    return result["graph_hash"]


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
    cache = cache_dir(store_path)
    results = read_corpus(files, cache, stamp, on_file=on_file, workers=workers)
    kept = _merge_report(files, results, report, skip_bad)
    parts = [results[p] for p in kept]
    contents = new_store.Contents(
        stamp=stamp,
        derived_key=derived.key(stamp, parts),
        derived_parts=[{"records": r["records"], "agencies": r["agencies"]} for r in parts],
        cache=cache,
    )
    pool = new_store.start_pool()
    try:
        contents.derived_started = new_store.start_derived(pool, store_path, contents)
        new_store.warm(pool)
        # what several documents say, said once (graph/once.py)
        contents.documents, contents.statements = once.split(
            {r["graph"]: (_digest(r), r["nquads"], r["quads"]) for r in parts}
        )
        with sequential.store_lock(store_path):
            made = new_store.write(store_path, report, contents, pool)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    try:
        build_cache.save(results)
        if made is not None:
            derived.keep(cache, contents.derived_key, made)
    except OSError:
        pass  # the store is built; the next build reads these files again
