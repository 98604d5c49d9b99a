"""`migkg push`: copy the built graph into a remote SPARQL store, graph by graph.

Each named graph of the embedded store (one per source document, the ontology, the
reference data) is written under the same name, replacing what the remote store held
under it; migkg graphs the remote store holds that the build no longer has are dropped.
Graphs outside the ``id:`` namespace are not migkg's and are not sent. The remote store
then answers as the embedded one does (graph/remote.py says how its default graph stays
the union of these graphs).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from graph.embedded import EmbeddedStore
from graph.remote import RemoteStore
from migkg.errors import MigkgError
from migkg.namespaces import ID
from migkg.settings import default


def push(settings: Mapping[str, Any], *, on_graph: Callable[[str, int], None] | None = None) -> int:
    """Load the embedded store into the remote store the settings name; the number of graphs.

    ``on_graph(name, size_in_bytes)`` is called as each graph is sent.
    """
    source = EmbeddedStore(settings.get("store_path") or default("store_path"), read_only=True)
    target = RemoteStore.from_settings({**settings, "query_timeout": 600})
    try:
        names = [str(g) for g in source.graph_names() if str(g).startswith(str(ID))]
        if not names:
            raise MigkgError(f"the store at {source.path} holds no migkg graphs: build it first")
        before = set(map(str, target.graph_names()))  # also: is the server there at all?
        expected = 0
        dumps: dict[str, bytes] = {}
        for name in names:
            data = source.dump_graph(name)
            if target.union_graph:
                dumps[name] = data
            expected += data.count(b"\n")  # N-Triples: one triple a line
            if on_graph is not None:
                on_graph(name, len(data))
            target.load_graph(name, data, "nt")
        if target.union_graph:
            target.load_union(dumps)
        for stale in (before | set(map(str, target.graph_names()))) - set(names):
            target.drop_graph(stale)
        held = len(target)
        if held != expected:
            raise MigkgError(
                f"the remote store holds {held} quads in the migkg graphs, {expected} were sent"
            )
        # What every page shows, worked out again for the remote store's new content.
        from viz import summary

        summary.write_for(target, dict(settings))
    finally:
        source.close()
        target.close()
    return len(names)
