"""The summary of a rebuilt store worked out from the previous store's, for what changed.

When a rebuild reloads only the graphs whose statements changed (graph/new_store.py), the
rows of the snapshot (viz/data.py) that may differ are those of the resources a changed
statement names (graph/touched.py), because each kind of row is keyed by one resource and
depends only on statements that name it:

- labels and types of a resource: statements with it as subject;
- who leads and joins a task, and an instrument link: statements with its subject;
- a task: statements with the task as subject (agencies, kind, code, plan, years,
  deadline, phases) or object (a plan's ``hasTask``), and the statements of its phases
  (found again through ``hasPhase`` from a changed phase).

Those rows are asked again of the new store, the others kept from the previous summary,
and each part put in the order a full read gives. The coordination network is drawn
again from the snapshot; its betweenness and communities, the costly metrics, are kept
when the network they are computed from is the same. The page questions are asked anew,
but for the list of documents on the home page (:func:`documents`): its rows are those of
each document, asked again for the documents a changed statement names and those the
things it is about were read from.
The same holds for the entries of the name index (:func:`name_keys`) and the rows of the
list of tasks (:func:`list_keys`); the report's counts move by what the changed
statements' subjects count before and after (graph/touched.py). Anything that keeps this
from being exact (no previous summary, index or list of this format, the derived graphs
made anew without the previous ones kept, a blank node where a row is keyed, too many
changes to be worth it) leaves that part to be worked out in full.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from graph.store import SelectResult, Store
from graph.touched import (
    Touched,
    about,
    graph_changes,
    held_by,
    holders,
    nquads_changes,
    of_quads,
    subject_terms,
    triples_gained,
)
from migkg.namespaces import MKG, PROV
from queries import internal
from viz import data, summary
from viz.data import Snapshot

# More changed graphs or statements than these and the summary is worked out in full:
# asking again for most resources costs more than asking for all of them.
MOST_GRAPHS = 50
MOST_QUADS = 50_000


@dataclass
class Change:
    """What changed between the previous store and the new one: the graphs whose
    statements may differ, and the derived graphs' N-Quads before and after when they
    were made anew."""

    store_path: Path
    kept_quads: int
    graphs: list[str]
    # their N-Quads texts, or the sets of their lines
    derived: tuple[bytes | set[bytes], bytes | set[bytes]] | None = None

    def previous(self) -> summary.Summary | None:
        """The summary of the previous store, if it is of that store."""
        kept = summary.load(self.store_path / summary.SUMMARY_FILE)
        return kept if kept is not None and kept.quads == self.kept_quads else None

    def compare(self, native: ox.Store) -> Found | None:
        """What the changed statements touch and how the counts moved, ``native`` being
        the new store (None: see :func:`graph.touched.of_quads`, or too many to be worth
        it, or the previous store unreadable)."""
        from graph.new_store import class_counts

        try:
            before = ox.Store.read_only(str(self.store_path))
        except OSError:
            return None
        try:
            quads = graph_changes(before, native, self.graphs)
            if self.derived is not None:
                quads += nquads_changes(*self.derived)
            changed = of_quads(quads) if len(quads) <= MOST_QUADS else None
            if changed is None:
                return None
            # a thing's classes are read from its own statements (and the subclasses)
            subjects = subject_terms(quads)
            was = class_counts(about(before, subjects))
            now = class_counts(about(native, subjects))
            moved = {name: now[name] - was.get(name, 0) for name in now}
            moved["triples"] = triples_gained(before, native, quads)
            return Found(changed, moved)
        finally:
            del before


@dataclass
class Found:
    """What a change touches, and by how much each of the report's counts moved."""

    touched: Touched
    counts: dict[str, int]


def change(
    store_path: Path,
    old: dict[str, Any],
    documents: dict[str, str],
    dropped: dict[str, int],
    derived: tuple[bytes | set[bytes] | None, bytes | set[bytes] | None] | None,
) -> Change | None:
    """The change from the store at ``store_path`` (built as its manifest ``old`` records)
    to a store of ``documents`` (graph IRI → hash of its statements) whose graphs lost
    ``dropped`` quads to the derived graphs; ``derived``: their N-Quads (texts or sets of
    lines) before and after when made anew. None when the summary is better worked out in full."""
    before: dict[str, str] = old.get("documents", {})
    lost: dict[str, int] = old.get("dropped", {})
    graphs = [g for g in before if g not in documents]
    graphs += [
        g
        for g, key in documents.items()
        if before.get(g) != key or dropped.get(g, 0) != lost.get(g, 0)
    ]
    if len(graphs) > MOST_GRAPHS or "quads" not in old:
        return None
    if derived is None:
        return Change(store_path, int(old["quads"]), graphs)
    was, now = derived
    if was is None or now is None:
        return None
    return Change(store_path, int(old["quads"]), graphs, (was, now))


# The page question the summary brings up to date rather than asks anew (:func:`documents`).
DOCUMENTS = "home_documents"


def documents(old: SelectResult, store: Store, native: ox.Store, changed: Touched) -> SelectResult:
    """The rows of ``queries/internal/page_home_documents.rq`` from the previous store's
    ``old``. A document's rows depend on statements about it and about the things read
    from it (their kinds, labels and numbers, a number also through the decision that
    adopted them): the documents a changed statement names, and those of the things it is
    about or that were adopted by one, are asked again; the others' rows are kept. In the
    query's order: by document, then as the query gives each document's rows."""
    things = set(changed.subjects) | holders(native, str(MKG.adoptedBy), changed.subjects)
    docs = set(changed.either) | held_by(native, str(PROV.wasDerivedFrom), things)
    at = old.variables.index("doc")
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for row in old.rows:
        if str(row[at]) not in docs:
            rows.setdefault(str(row[at]), []).append(row)
    for row in store.select(data.restricted(f"page_{DOCUMENTS}", "doc", docs)).rows:
        rows.setdefault(str(row[at]), []).append(row)
    return SelectResult(list(old.variables), [row for doc in sorted(rows) for row in rows[doc]])


def name_keys(native: ox.Store, changed: Touched) -> set[str]:
    """The things whose entry in the name index may differ: those named as subject of a
    changed statement, and those adopted by one (whose number they are also known by)."""
    return set(changed.subjects) | holders(native, str(MKG.adoptedBy), changed.subjects)


def list_keys(native: ox.Store, changed: Touched) -> dict[str, set[str]]:
    """Of each list brought up to date rather than asked in full, the things whose rows
    may differ (webapp/list_rows.py). A row of a list is one thing's, and depends on
    statements about it, statements naming it (the tasks an agency leads or joins, a
    plan's tasks, a document's), and for some lists a step further: an agency's province's
    name, a plan's number through the decision that adopted it, a document's first plan
    or event's name and number. The list of tasks is asked in full when the kinds of task
    themselves changed (their labels are in every row)."""
    subjects = changed.subjects
    either = set(changed.either)
    adopted = holders(native, str(MKG.adoptedBy), subjects)
    out = {
        "agency": either | holders(native, str(MKG.province), subjects),
        "plan": either | adopted,
        "instrument": either,
        "document": either | held_by(native, str(PROV.wasDerivedFrom), set(subjects) | adopted),
        "province": either,
    }
    kinds = {str(MKG[name]) for name in ("Task", "TaskGroup", "Assignment")}
    if not kinds & subjects:
        plans = set(subjects) | adopted
        out["task"] = set(subjects) | holders(native, str(MKG.taskOf), plans)
    return out


def _first(key: str) -> str:
    # a blank node read as a key is "None" (viz/data.py), which a full read sorts first
    return "" if key == "None" else key


def snapshot(old: Snapshot, store: Store, native: ox.Store, changed: Touched) -> Snapshot:
    """``old`` with the rows of the resources ``changed`` names asked again of ``store``
    (whose pyoxigraph store is ``native``)."""
    subjects = changed.subjects
    items = changed.either | holders(native, str(MKG.hasPhase), subjects)
    tasks = {k: v for k, v in old.tasks.items() if k not in items}
    tasks.update(data.read_tasks(store, items))
    roles = [r for r in old.roles if r[0] not in subjects] + data.read_roles(store, subjects)
    links = [r for r in old.links if r[0] not in subjects] + data.read_links(store, subjects)
    resources = {k: v for k, v in old.resources.items() if k not in subjects}
    resources.update(data.read_resources(store, subjects))
    snap = Snapshot()
    snap.tasks = {k: tasks[k] for k in sorted(tasks, key=_first)}
    snap.roles = sorted(roles, key=lambda r: (_first(r[0]), r[1], r[2]))
    snap.links = sorted(links, key=lambda r: (_first(r[0]), r[1], r[2]))
    snap.resources = resources
    return snap


def _same_network(before: nx.Graph, after: nx.Graph) -> bool:
    return list(before.nodes) == list(after.nodes) and list(before.edges(data=True)) == list(
        after.edges(data=True)
    )


def coordination(snap: Snapshot, old: nx.DiGraph) -> tuple[nx.DiGraph, bool]:
    """The coordination network of ``snap`` with every metric; whether the betweenness
    and communities of ``old`` (the previous one) were kept."""
    from viz.metrics import undirected_of
    from viz.networks import coordination_network

    graph = coordination_network(snap, centrality=False)
    if not _same_network(undirected_of(old), undirected_of(graph)):
        return coordination_network(snap), False
    for node, attrs in graph.nodes(data=True):
        attrs["betweenness"] = old.nodes[node]["betweenness"]
        attrs["community"] = old.nodes[node]["community"]
    return graph, True


def write_for(
    store: Store,
    kept: summary.Summary,
    changed: Touched,
    pages: Callable[[], dict[str, SelectResult]],
) -> summary.Summary:
    """The summary of ``store`` from the previous one ``kept`` and what ``changed``,
    saved beside the store (``pages``: the page questions' answers, all but the list of
    documents if it is to be brought up to date here)."""
    native = getattr(store, "native", None)
    assert isinstance(native, ox.Store)  # the build's store is embedded
    snap = snapshot(kept.snapshot, store, native, changed)
    graph, _ = coordination(snap, kept.coordination)
    asked = pages()
    if DOCUMENTS not in asked:  # left to this process (:func:`documents`)
        held = kept.pages.get(DOCUMENTS)
        asked[DOCUMENTS] = (
            documents(held, store, native, changed)
            if held is not None
            else store.select(internal(f"page_{DOCUMENTS}"))
        )
    made = summary.Summary(quads=len(store), snapshot=snap, pages=asked, coordination=graph)
    path = summary.summary_path(store)
    if path is not None:
        summary.save(made, path)
    return made
