"""The new store of a build, written beside the previous one and swapped in when complete.

When the previous store was built from the same code and data, its files are taken over
(the immutable table files linked, the rest copied) and only what changed is replaced:
the graphs of the documents that changed, and the derived graphs when their inputs did
(only the quads that went away removed and the new ones added).
Otherwise every graph is bulk-loaded into a fresh store. Either way the new store is
counted, checked to hold every quad written, given its summary and only then renamed
over the old one (graph/build.py): a build that fails leaves the previous store as it was.
"""

from __future__ import annotations

import concurrent.futures as cf
import importlib
import json
import os
import shutil
import tempfile
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from graph import build as sequential
from graph import derived, once, processes
from graph.embedded import EmbeddedStore
from loaders.report import BuildReport
from migkg.errors import MigkgError
from migkg.namespaces import ID, bind_prefixes
from ontology import ONTOLOGY_TTL
from queries import internal

MANIFEST = "migkg-build.json"
# Graphs that depend on every document (graph/derived.py).
DERIVED_GRAPHS = (sequential.REFERENCE_GRAPH, ID["graph/succession"])
# RocksDB never rewrites these once written: the new store may share them with the old.
_IMMUTABLE = (".sst", ".blob")


@dataclass
class Contents:
    """What the new store is to hold: each document graph's IRI → (hash of its
    statements, N-Quads, quad count); the derived graphs' key, and the documents' parts
    they are made from (only when the previous store and the cache lack them)."""

    stamp: str
    documents: dict[str, tuple[str, bytes, int]] = field(default_factory=dict)
    derived_key: str = ""
    # what graph/derived.py makes them from, and where it keeps them
    derived_parts: list[dict[str, Any]] = field(default_factory=list)
    cache: Path = Path()
    # each document graph's statements, and the common graph's (graph/once.py)
    statements: once.Statements = field(default_factory=dict)
    # the derived graphs, or their making, when started before the store is written
    # (:func:`start_derived`)
    derived_started: bytes | cf.Future | None = None


def start_pool() -> cf.ProcessPoolExecutor:
    """The two processes a build works in beside its own: the derived graphs are made
    while the documents are loaded, the summary's questions asked while the store is
    counted. :func:`write` shuts it down. They open stores: started the way that is safe
    in this process (graph/processes.py)."""
    ctx = processes.context(("graph.new_store", *_ASKED_WITH))
    return cf.ProcessPoolExecutor(2, mp_context=ctx)


def start_derived(
    pool: cf.ProcessPoolExecutor, store_path: Path, contents: Contents
) -> bytes | cf.Future | None:
    """The derived graphs from the cache, or their making started in ``pool``, unless the
    store at ``store_path`` holds them already: started before the documents' statements
    are split (graph/once.py), the making runs beside that work."""
    old = manifest(store_path) if store_path.is_dir() else {}
    if old.get("stamp") == contents.stamp and old.get("derived_key") == contents.derived_key:
        return None
    return _start_derived(pool, contents)


def shared_nquads() -> bytes:
    """The ontology graph: the same for every build of the same code."""
    ds = Dataset()
    bind_prefixes(ds)
    ds.graph(sequential.ONTOLOGY_GRAPH).parse(
        data=ONTOLOGY_TTL.read_text(encoding="utf-8"), format="turtle"
    )
    return ds.serialize(format="nquads", encoding="utf-8")


def lines(data: bytes) -> int:
    """Statements in N-Quads text (one a line; rdflib ends with an empty line)."""
    return sum(1 for line in data.split(b"\n") if line.strip())


def load(native: ox.Store, data: bytes) -> None:
    """Bulk-load N-Quads into the new store."""
    native.bulk_load(data, format=ox.RdfFormat.N_QUADS)


def manifest(store_path: Path) -> dict[str, Any]:
    """What the build that made ``store_path`` recorded (empty when nothing)."""
    try:
        return json.loads((store_path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def class_counts(native: ox.Store) -> dict[str, int]:
    """How many things of each kind the store holds (``queries/internal/counts.rq``)."""
    result = native.query(internal("counts"), use_default_graph_as_union=True)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    counts: dict[str, int] = {}
    for solution in result:  # type: ignore[union-attr]
        for name in names:
            term = solution[name]
            counts[name] = int(term.value) if term is not None else 0
    return counts


def count(native: ox.Store, report: BuildReport, moved: dict[str, int] | None = None) -> int:
    """Fill the report's counts from the store; the number of quads it holds. ``moved``:
    how far each count moved since the previous store, whose counts the report holds
    (viz/update.py), instead of counting anew."""
    if moved is not None:
        for name, n in moved.items():
            report.counts[name] = report.counts.get(name, 0) + n
        return len(native)
    report.counts.update(class_counts(native))
    triples = native.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
        use_default_graph_as_union=True,
    )
    report.counts["triples"] = int(next(iter(triples))["n"].value)  # type: ignore[arg-type]
    return len(native)


def copy_store(source: Path, target: Path) -> None:
    """Take over the files of the store at ``source`` into the empty folder ``target``:
    table files linked (never rewritten, so the two stores may share them), the rest
    copied."""
    for path in source.iterdir():
        if path.name == "LOCK" or not path.is_file():
            continue
        if path.suffix in _IMMUTABLE:
            try:
                os.link(path, target / path.name)
                continue
            except OSError:
                pass  # another file system, or no links: a copy does
        shutil.copy2(path, target / path.name)


def write(
    store_path: Path,
    report: BuildReport,
    contents: Contents,
    pool: cf.ProcessPoolExecutor | None = None,
) -> bytes | None:
    """Write the new store beside ``store_path`` and swap it in; call with the build lock
    held. Returns the derived graphs' N-Quads when they were made anew (to be kept).
    ``pool``: the processes of :func:`start_pool`, if started already."""
    old = manifest(store_path) if store_path.is_dir() else {}
    try:
        store_path.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{store_path.name}.new-", dir=store_path.parent))
        # mkdtemp makes the folder private; the store gets the usual permissions.
        fresh.chmod(0o777 & ~sequential._umask())
    except OSError as exc:
        raise sequential._write_error(store_path, exc) from None
    try:
        made = _write_into(fresh, store_path, old, report, contents, pool or start_pool())
    except BaseException as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        if isinstance(exc, OSError):
            raise sequential._write_error(store_path, exc) from None
        raise
    sequential._swap(fresh, store_path)
    return made


def _write_into(
    fresh: Path,
    store_path: Path,
    old: dict[str, Any],
    report: BuildReport,
    contents: Contents,
    pool: cf.ProcessPoolExecutor,
) -> bytes | None:
    from viz import summary

    # (a store written before statements were kept once has no "dropped": made afresh)
    reuse = old.get("stamp") == contents.stamp and all(
        k in old for k in ("shared_quads", "quads", "dropped")
    )
    if reuse:
        copy_store(store_path, fresh)
    try:
        pending = None
        if not (reuse and old.get("derived_key") == contents.derived_key):
            pending = contents.derived_started or _start_derived(pool, contents)
        native = ox.Store(str(fresh))
        try:
            if reuse and len(native) != old["quads"]:
                # Written to since its build (an update through the endpoint): start afresh.
                native.clear()
                reuse = False
                pending = pending or contents.derived_started or _start_derived(pool, contents)
            made, counts, changed, derived_lines = _fill(
                native, old if reuse else None, contents, pending
            )
            native.flush()
        finally:
            del native
        documents = sum(n for _, _, n in contents.documents.values())
        dropped = sum(counts["dropped"].values())
        # what the store must hold: checked below by counting it, and so what the summary's
        # questions may take as its size meanwhile
        expected = counts["shared"] + counts["derived"] + documents - dropped
        summarised = changed or not (fresh / summary.SUMMARY_FILE).is_file()
        asked = None
        since = (
            _change(store_path, old, contents, counts, made, derived_lines)
            if reuse and summarised
            else None
        )
        found = None
        if since is not None:
            probe = ox.Store.read_only(str(fresh))
            try:
                found = since.compare(probe)
            finally:
                del probe
        if summarised:
            # The labels read, the name index and lists written and the page questions
            # asked in the other two processes while this one counts the store and reads
            # the rest of the networks' snapshot (pyoxigraph holds the interpreter while
            # it answers: threads would take turns). The calendar's dates, the longest,
            # first; then what the summary waits on (labels, page questions). After a
            # change to a few graphs this one reads again only the labels and rows they
            # touch (viz/update.py), and the page questions, then the longest, go first.
            jobs = (
                ("pages", "facts", "lists", "names")
                if found
                else ("facts", "resources", "pages", "names", "lists")
            )
            previous = (store_path, int(old["quads"]), found.touched) if found else None
            asked = {what: pool.submit(_ask, fresh, what, expected, previous) for what in jobs}
        store = EmbeddedStore(fresh, read_only=True, quads=expected, watch=False)
        try:
            kept = since.previous() if since is not None and found is not None else None
            before = old.get("counts", {})
            if found is not None and all(name in before for name in found.counts):
                report.counts.update({name: before[name] for name in found.counts})
                held = count(store.native, report, found.counts)
            elif changed or "counts" not in old:
                held = count(store.native, report)
            else:  # the same graphs as the previous store: its counts and summary hold
                report.counts.update(old["counts"])
                held = len(store.native)
            if asked is not None:
                _summarise(store, kept, found, asked)
                asked["names"].result()
                asked["lists"].result()
                asked["facts"].result()
        finally:
            store.close()
        if held != expected:
            raise MigkgError(f"the new store holds {held} quads, {expected} were written")
    finally:
        # On failure too: a summary still writing into ``fresh`` would leave files behind
        # once the caller has removed the folder.
        pool.shutdown(wait=True, cancel_futures=True)
    record = {
        "stamp": contents.stamp,
        "documents": {g: digest for g, (digest, _, _) in contents.documents.items()},
        "shared_quads": counts["shared"],
        "derived_key": contents.derived_key,
        "derived_quads": counts["derived"],
        "dropped": counts["dropped"],
        "quads": held,
        "counts": report.counts,
    }
    (fresh / MANIFEST).write_text(json.dumps(record, indent=1), encoding="utf-8")
    return made


def _change(
    store_path: Path,
    old: dict[str, Any],
    contents: Contents,
    counts: dict[str, Any],
    made: bytes | None,
    derived_lines: tuple[set[bytes], set[bytes]] | None = None,
) -> Any:
    """What changed since the previous store, for its summary to be brought up to date
    (viz/update.py); None when the summary is to be worked out in full.
    ``derived_lines``: the derived graphs' N-Quads lines before and after, when read
    already."""
    from viz import update

    texts: Any = None
    if old.get("derived_key") != contents.derived_key:
        if derived_lines is not None:
            texts = derived_lines
        else:
            now = made if made is not None else derived.cached(contents.cache, contents.derived_key)
            texts = (derived.cached(contents.cache, str(old.get("derived_key", ""))), now)
    digests = {g: digest for g, (digest, _, _) in contents.documents.items()}
    return update.change(store_path, old, digests, counts["dropped"], texts)


def _summarise(store: EmbeddedStore, kept: Any, found: Any, asked: dict[str, cf.Future]) -> None:
    """Write the summary of ``store``: brought up to date from the previous one ``kept``
    when ``found`` says what changed (viz/update.py), else worked out in full."""
    from viz import summary, update

    if kept is not None and found is not None:
        update.write_for(store, kept, found.touched, pages=asked["pages"].result)
        return
    resources = asked["resources"].result if "resources" in asked else None

    def pages() -> dict[str, Any]:
        # without the previous summary, what was left to bring up to date is asked here
        answers: dict[str, Any] = asked["pages"].result()
        for name in summary.PAGE_QUERIES:
            if name not in answers:
                answers[name] = store.select(internal(f"page_{name}"))
        return answers

    summary.write_for(store, pages=pages, resources=resources)


def _start_derived(pool: cf.ProcessPoolExecutor, contents: Contents) -> bytes | cf.Future:
    """The derived graphs from the cache, or their making started in ``pool``."""
    kept = derived.cached(contents.cache, contents.derived_key)
    if kept is not None:
        return kept
    return pool.submit(_make, contents.derived_parts, contents.stamp, contents.cache)


def _make(parts: list[dict[str, Any]], stamp: str, folder: Path) -> bytes:
    """:func:`graph.derived.make`, then what the summary's questions import imported."""
    made = derived.make(parts, stamp, folder)
    _imports()
    return made


_ASKED_WITH = (
    "viz.data",
    "viz.summary",
    "viz.update",
    "webapp.lists_file",
    "webapp.names_file",
    "webapp.page_facts",
    "webapp.page_facts_update",
)


def _imports() -> None:
    """Import what the summary's questions read with (:func:`_ask`): done in a process of
    the pool while it waits for the store, not when they are asked, it saves a third of
    a second in each."""
    for name in _ASKED_WITH:
        importlib.import_module(name)


def warm(pool: cf.ProcessPoolExecutor) -> None:
    """Have the pool's processes import what the summary's questions need while they wait
    (the one making the derived graphs does it after them)."""
    pool.submit(_imports)


def _lines_of(data: bytes) -> set[bytes]:
    """The statements of N-Quads text, one a line."""
    out = set(data.split(b"\n"))
    out.discard(b"")
    return out


def _replace_derived(native: ox.Store, before: set[bytes], now: set[bytes], data: bytes) -> None:
    """The derived graphs of the copied store (N-Quads lines ``before``) made those of
    ``data`` (lines ``now``): only the quads that went away removed, the new ones added."""
    gone = before - now
    if b"_:" in data or any(b"_:" in line for line in gone):
        # a blank node is a new one at each load: the graphs loaded again whole
        for name in DERIVED_GRAPHS:
            native.remove_graph(ox.NamedNode(str(name)))
        load(native, data)
        return
    for quad in ox.parse(b"\n".join(gone), format=ox.RdfFormat.N_QUADS):
        native.remove(quad)
    if now - before:
        native.extend(ox.parse(b"\n".join(now - before), format=ox.RdfFormat.N_QUADS))


def _ask(folder: Path, what: str, quads: int, previous: tuple[Path, int, Any] | None = None) -> Any:
    """The answers to the page questions a summary keeps (``pages``), or the labels and
    types of the resources (``resources``), of the store in ``folder``; or its name index
    (``names``), lists (``lists``) or the calendar's and coverage's answers (``facts``)
    written beside it; ``quads``: how many it holds. ``previous``: the previous store's
    folder, its number of quads and what the change touched (viz/update.py), to bring its
    name index and lists up to date."""
    from viz import data, summary
    from webapp import lists_file, names_file, page_facts

    store = EmbeddedStore(folder, read_only=True, quads=quads, watch=False)
    try:
        if what == "names":  # the search's index, kept beside the summary
            if previous is None:
                names_file.write_for(store)
            else:
                from viz.update import name_keys

                place, quads, touched = previous
                keys = name_keys(store.native, touched)
                names_file.update_for(store, place / names_file.NAMES_FILE, quads, keys)
            return None
        if what == "lists":  # every list's rows (webapp/lists_file.py)
            if previous is None:
                lists_file.write_for(store)
            else:
                from viz.update import list_keys

                place, quads, touched = previous
                kinds = list_keys(store.native, touched)
                lists_file.update_for(store, place / lists_file.LISTS_FILE, quads, dict(kinds))
            return None
        if what == "facts":  # the calendar's dates and the coverage's rows
            if previous is None:
                page_facts.write_for(store)
            else:
                from webapp import page_facts_update

                place, quads, touched = previous
                page_facts_update.update_for(store, place / page_facts.PAGES_FILE, quads, touched)
            return None
        if what == "pages":
            from viz.update import DOCUMENTS

            # a rebuild brings the list of documents up to date in the summary's process
            return summary.ask_pages(store, but=(DOCUMENTS,) if previous else ())
        return data.read_resources(store)
    finally:
        store.close()


def _fill(
    native: ox.Store,
    old: dict[str, Any] | None,
    contents: Contents,
    pending: bytes | cf.Future | None,
) -> tuple[bytes | None, dict[str, Any], bool, tuple[set[bytes], set[bytes]] | None]:
    """Put into ``native`` (empty, or a copy of the store ``old`` describes) what
    ``contents`` holds. Returns the derived N-Quads if made anew, the quads of each part,
    whether any graph changed, and the derived graphs' N-Quads lines before and after
    when they changed in a copied store."""
    counts: dict[str, Any] = {}
    documents = contents.documents
    if old is not None:
        previous: dict[str, str] = old.get("documents", {})
        for graph, key in previous.items():
            if graph not in documents or documents[graph][0] != key:
                native.remove_graph(ox.NamedNode(graph))
        changed = [g for g, (key, _, _) in documents.items() if previous.get(g) != key]
        removed = [g for g in previous if g not in documents]
        counts["shared"] = int(old["shared_quads"])
    else:
        shared = shared_nquads()
        counts["shared"] = lines(shared)
        load(native, shared)
        changed = list(documents)
        removed = []
    data = b"".join(documents[g][1] for g in changed)
    if data:
        load(native, data)
    made = None
    now: set[bytes] | None = None  # the derived graphs' N-Quads lines
    before: set[bytes] | None = None  # and those of the previous store, when they changed
    if pending is None:
        counts["derived"] = int(old["derived_quads"]) if old is not None else 0
        if changed:
            held = derived.cached(contents.cache, contents.derived_key)
            if held is None:  # the cache is gone: the derived graphs as the store holds them
                held = once.quads_of(native, DERIVED_GRAPHS)
            now = _lines_of(held)
    else:
        if isinstance(pending, cf.Future):
            data = made = pending.result()
        else:
            data = pending
        now = _lines_of(data)
        if old is not None:
            held = derived.cached(contents.cache, old.get("derived_key", ""))
            if held is None:  # the cache is gone: the derived graphs as the store holds them
                held = once.quads_of(native, DERIVED_GRAPHS)
            before = _lines_of(held)
            _replace_derived(native, before, now, data)
        else:
            load(native, data)
        counts["derived"] = len(now)
    # The documents' graphs lost before what the derived graphs held then; those loaded
    # now lose what the derived graphs hold, the others what they hold anew, and get back
    # what they hold no more.
    dropped: dict[str, int] = {}
    if old is not None:
        dropped = {
            g: n for g, n in old.get("dropped", {}).items() if g in documents and g not in changed
        }
    if now is not None:
        # a fresh store asks of every statement: one set of them is quicker then
        held_now: Container[bytes] = (
            once.Held(now, DERIVED_GRAPHS) if old is not None else once.keys(b"\n".join(now))
        )
        gained, freed = (
            once.Held(now, DERIVED_GRAPHS).since(once.Held(before, DERIVED_GRAPHS))
            if before is not None
            else (set(), set())
        )
        dropped = once.update(
            native, contents.statements, changed, dropped, held_now, gained, freed
        )
    counts["dropped"] = dropped
    both = (before, now) if before is not None and now is not None else None
    return made, counts, bool(changed or removed or pending is not None or old is None), both
