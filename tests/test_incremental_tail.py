"""A rebuild after a change to some documents brings the summary up to date from the
previous one (viz/update.py) and writes what a fresh build of the same corpus writes:
the summary's snapshot, pages and coordination network with its metrics, the name index,
the lists and the report's counts. The rebuilds here fail if they read every resource's
labels again (the summary worked out in full), count the store anew, or read every name
or every task's row again, so they show the shorter way was taken."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest

from graph import new_store, touched
from graph.build import build
from queries import questions
from viz import data, summary, update
from webapp import lists_file, names, names_file, page_facts

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# a row of an appendix table: its number, a tab, the task's text, its bodies, its dates
ROW = re.compile(r"^\d+(\.\d+)*\t")
YEAR = re.compile(r"\b(20\d\d)\b")


def _rows(path: Path) -> tuple[list[str], list[int]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    rows = [i for i, line in enumerate(lines) if ROW.match(line) and line.count("\t") >= 3]
    return lines, rows


def _edit_row(docs: Path, change: Callable[[list[list[str]]], bool]) -> None:
    """Apply ``change`` to the rows (cells) of the first document where it finds one to
    change."""
    for path in sorted(docs.glob("*.txt")):
        lines, rows = _rows(path)
        cells = [lines[i].split("\t") for i in rows]
        if change(cells):
            for i, row in zip(rows, cells, strict=True):
                lines[i] = "\t".join(row)
            path.write_text("\n".join(lines), encoding="utf-8")
            return
    raise AssertionError("no document has a row to change")


def _task_text(cells: list[list[str]]) -> bool:
    if not cells:
        return False
    cells[0][1] = cells[0][1].rstrip(". ") + " ở vùng nông thôn."
    return True


def _date(cells: list[list[str]]) -> bool:
    for row in cells:
        for n in range(2, len(row)):
            found = YEAR.search(row[n])
            if found:
                year = str(int(found.group(1)) + 1)
                row[n] = row[n][: found.start()] + year + row[n][found.end() :]
                return True
    return False


def _body(cells: list[list[str]]) -> bool:
    named = [row for row in cells if row[2].strip()]
    for row in named:
        other = next((r[2] for r in named if r[2].strip() != row[2].strip()), None)
        if other is not None:
            row[2] = other
            return True
    return False


def _build(corpus: Path, store: Path) -> None:
    build({"corpus": str(corpus), "store_path": str(store), "report": ""})


def _kept(store: Path) -> dict[str, Any]:
    """What a build wrote beside the store, in a form to compare."""
    made = summary.load(store / summary.SUMMARY_FILE)
    assert made is not None
    snap = made.snapshot
    quads = made.quads
    index = names_file.load(store / names_file.NAMES_FILE, quads)
    assert index is not None
    _, _, lists = pickle.loads((store / lists_file.LISTS_FILE).read_bytes())
    manifest = json.loads((store / "migkg-build.json").read_text(encoding="utf-8"))
    return {
        "quads": quads,
        "tasks": list(snap.tasks.items()),
        "roles": snap.roles,
        "links": snap.links,
        "resources": snap.resources,
        "pages": {k: (v.variables, v.rows) for k, v in made.pages.items()},
        "nodes": list(made.coordination.nodes(data=True)),
        "edges": list(made.coordination.edges(data=True)),
        "names": [(e.iri, e.kind, e.labels, e.names, e.folded) for e in index.entries],
        "lists": {kind: vars(lists_file.decode(raw)) for kind, raw in lists.items()},
        "counts": manifest["counts"],
        "facts": _facts(store),
    }


def _facts(store: Path) -> dict[str, Any]:
    """The calendar's and coverage's kept answers (the coverage rows in any order: they
    are asked in full, and rows of one plan and code may come in either order)."""
    facts = page_facts.load(store / page_facts.PAGES_FILE, lambda: -1)
    assert facts is not None
    return {
        "dues": facts.dues,
        "overdue": facts.overdue,
        "coverage": sorted(sorted((k, str(v)) for k, v in row.items()) for row in facts.coverage),
    }


@pytest.fixture(scope="module")
def rebuilds(tmp_path_factory) -> dict[str, tuple[dict[str, Any], dict[str, Any], bool]]:
    """For each change, in turn on the same store: what the rebuild wrote, what a fresh
    build of the changed corpus wrote, and whether the betweenness was worked out again."""
    work = tmp_path_factory.mktemp("incremental")
    docs = work / "docs"
    shutil.copytree(CORPUS, docs, ignore=shutil.ignore_patterns("*.py", "*.md", "__pycache__"))
    store = work / "rebuilt" / "store"
    _build(docs, store)
    removed = sorted(docs.glob("*.txt"))[-1]
    held = removed.read_bytes()
    changes: list[tuple[str, Callable[[], None]]] = [
        ("a task's text", lambda: _edit_row(docs, _task_text)),
        ("a date", lambda: _edit_row(docs, _date)),
        ("a body named", lambda: _edit_row(docs, _body)),
        ("a document removed", removed.unlink),
        ("a document added", lambda: removed.write_bytes(held)),
    ]
    out = {}
    before = _kept(store)
    for n, (what, change) in enumerate(changes):
        change()
        centred = _guarded_in_another_interpreter(docs, store)
        fresh = work / f"fresh-{n}" / "store"
        _build(docs, fresh)
        after = _kept(store)
        assert after != before, f"{what}: the edit changed nothing"
        out[what] = (after, _kept(fresh), bool(centred))
        before = after
    return out


def _guarded_in_another_interpreter(docs: Path, store: Path) -> bool:
    """:func:`guarded_rebuild` in a fresh interpreter, whose build forks the processes
    that ask the summary's questions before it opens a store (graph/processes.py): they
    keep its patches. Whether the betweenness was worked out again."""
    done = subprocess.run(
        [sys.executable, "-c", GUARDED, str(docs), str(store)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": os.pathsep.join((str(ROOT), str(ROOT / "tests")))},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.split()[-1] == "centred"


GUARDED = "import sys, test_incremental_tail as t; t.guarded_rebuild(*sys.argv[1:])"


def guarded_rebuild(docs: str, store: str) -> None:
    """Rebuild, failing if a part is worked out in full; prints whether the betweenness
    was worked out again."""
    centred: list[int] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(data, "read_resources", _wrap(data.read_resources))
        patch.setattr(nx, "betweenness_centrality", _count(nx.betweenness_centrality, centred))
        patch.setattr(new_store, "count", _moved_only(new_store.count))
        patch.setattr(names, "build", _never("every name read again"))
        patch.setattr(lists_file, "read", _not_whole(lists_file.read))
        patch.setattr(page_facts, "write_for", _never("every date due asked again"))
        patch.setattr(questions, "rows", _not_coverage(questions.rows))
        patch.setattr(summary, "ask_pages", _not_documents(summary.ask_pages))
        _build(Path(docs), Path(store))
    print("centred" if centred else "kept")


def _count(func: Callable[..., Any], calls: list[int]) -> Callable[..., Any]:
    """``func`` noting each call in ``calls``."""

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return func(*args, **kwargs)

    return counted


def _never(what: str) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(what)

    return fail


def _not_whole(read: Callable[..., Any]) -> Callable[..., Any]:
    """``read`` that fails when asked for every row of a list."""

    def other(store: Any, kind: str, only: Any = None) -> Any:
        if only is None:
            raise AssertionError(f"every row of the list of {kind} read again")
        return read(store, kind, only)

    return other


def _not_coverage(rows: Callable[..., Any]) -> Callable[..., Any]:
    """``rows`` that fails when asked for every row of the coverage."""

    def other(store: Any, name: str, **values: Any) -> Any:
        if name == "gcm_coverage":
            raise AssertionError("every coverage row asked again")
        return rows(store, name, **values)

    return other


def _not_documents(ask: Callable[..., Any]) -> Callable[..., Any]:
    """``ask_pages`` that fails when asked for the home page's whole list of documents."""

    def other(store: Any, but: tuple[str, ...] = ()) -> Any:
        if update.DOCUMENTS not in but:
            raise AssertionError("every document's row asked again")
        return ask(store, but)

    return other


def _moved_only(count: Callable[..., int]) -> Callable[..., int]:
    """``count`` that fails when the store is counted anew."""

    def moved(native: Any, report: Any, moved: Any = None) -> int:
        if moved is None:
            raise AssertionError("the store counted anew")
        return count(native, report, moved)

    return moved


def _wrap(read: Callable[..., Any]) -> Callable[..., Any]:
    """``read`` that fails when asked for every resource (the summary worked out in full)."""

    def only_some(store: Any, only: Any = None) -> Any:
        if only is None:
            raise AssertionError("every resource's labels read again")
        return read(store, only)

    return only_some


CHANGES = ("a task's text", "a date", "a body named", "a document removed", "a document added")


@pytest.mark.parametrize("what", CHANGES)
@pytest.mark.parametrize(
    "part",
    ["quads", "tasks", "roles", "links", "resources", "pages", "nodes", "edges", "names"]
    + ["lists", "counts", "facts"],
)
def test_a_rebuild_writes_what_a_fresh_build_writes(rebuilds, what, part):
    rebuilt, fresh, _ = rebuilds[what]
    assert rebuilt[part] == fresh[part]


def test_a_change_that_leaves_the_network_as_it_was_keeps_its_betweenness(rebuilds):
    # a task's text names no other body: the coordination network is the same
    assert rebuilds["a task's text"][0]["edges"] == rebuilds["a task's text"][1]["edges"]
    assert rebuilds["a task's text"][2] is False


def test_changes_to_more_graphs_than_is_worth_it_are_worked_out_in_full():
    old = {"documents": {f"g{n}": "a" for n in range(update.MOST_GRAPHS + 1)}, "quads": 9}
    documents = {f"g{n}": "b" for n in range(update.MOST_GRAPHS + 1)}
    assert update.change(Path(), old, documents, {}, None) is None
    few = {"g0": "b", **{f"g{n}": "a" for n in range(1, update.MOST_GRAPHS + 1)}}
    found = update.change(Path(), old, few, {}, None)
    assert found is not None and found.graphs == ["g0"]


def test_a_graph_that_lost_statements_to_the_derived_graphs_counts_as_changed():
    old = {"documents": {"g0": "a", "g1": "a"}, "dropped": {"g1": 2}, "quads": 9}
    found = update.change(Path(), old, {"g0": "a", "g1": "a"}, {"g1": 3}, None)
    assert found is not None and found.graphs == ["g1"]


def test_derived_graphs_made_anew_without_the_previous_ones_are_worked_out_in_full():
    old = {"documents": {"g0": "a"}, "quads": 9}
    assert update.change(Path(), old, {"g0": "a"}, {}, (None, b"")) is None
    found = update.change(Path(), old, {"g0": "a"}, {}, (b"x", b"y"))
    assert found is not None and found.derived == (b"x", b"y")


def _store(*lines: str) -> ox.Store:
    store = ox.Store()
    store.bulk_load("\n".join(lines).encode(), format=ox.RdfFormat.N_QUADS)
    return store


S, P = "<https://w3id.org/migkg/id/a>", "<https://w3id.org/migkg/ontology#code>"
G, H = "<https://w3id.org/migkg/id/graph/g>", "<https://w3id.org/migkg/id/graph/h>"


def test_the_statements_only_one_text_holds_are_the_changed_ones():
    one, two, three = (f'{S} {P} "{n}" {G} .' for n in (1, 2, 3))
    changed = touched.nquads_changes(f"{one}\n{two}\n".encode(), f"{two}\n{three}".encode())
    assert sorted(q.object.value for q in changed if isinstance(q.object, ox.Literal)) == ["1", "3"]
    assert touched.nquads_changes(one.encode(), one.encode()) == []


def test_the_statements_gained_are_counted_once_whatever_graphs_hold_them():
    one, two = (f'{S} {P} "{n}"' for n in (1, 2))
    before = _store(f"{one} {G} .", f"{one} {H} .")
    after = _store(f"{one} {H} .", f"{two} {G} .", f"{two} {H} .")
    quads = touched.graph_changes(before, after, [G[1:-1]])
    assert touched.triples_gained(before, after, quads) == 1


def test_a_blank_node_where_a_row_is_keyed_leaves_the_work_to_be_done_in_full():
    lead = "<https://w3id.org/migkg/ontology#leadAgency>"
    keyed = _store(f"_:t {lead} {S} {G} .")
    assert touched.of_quads(keyed.quads_for_pattern(None, None, None, None)) is None
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    free = _store(f'_:t {label} "1" {G} .', f"{S} {lead} _:t {G} .")
    found = touched.of_quads(free.quads_for_pattern(None, None, None, None))
    assert found is not None and found.subjects == {S[1:-1]}
