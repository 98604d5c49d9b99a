"""Each statement kept once, so that the union of the named graphs is a set.

Queries see the union of the named graphs as their default graph, and pyoxigraph's union
is a bag: a statement held by k graphs matches k times, and a pattern of n such
statements about one resource k^n times. Documents of the genre restate the same facts
(every provincial plan cites Decision 402/QĐ-TTg with its title; most name the same
standard bodies, whose description the reference data also holds), so at a national
scale a join about a cited instrument would multiply by hundreds at each step, and a
COUNT would count each copy.

So the build keeps a statement in one graph only:
- a statement made by two documents or more goes to the common graph
  (``id:graph/common``) instead of their own graphs;
- a statement the derived graphs hold (reference data, succession) is dropped from the
  documents' graphs and from the common graph.

A document's graph then holds what that document alone says. Which documents a resource
came from stays known: ``prov:wasDerivedFrom`` names each of them, a statement of its own.
Statements with blank nodes stay where they are (a blank node belongs to its graph).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Container, Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset
from rdflib.term import IdentifiedNode

from migkg.namespaces import ID

COMMON_GRAPH = ID["graph/common"]


def _tail(graph: str) -> bytes:
    return f" <{graph}> .".encode()


def _shareable(statement: bytes) -> bool:
    # A blank node is local to its graph: the same label in two graphs is two nodes.
    return not statement.startswith(b"_:") and b" _:" not in statement


Statements = dict[str, list[bytes]]


def split(
    documents: dict[str, tuple[str, bytes, int]],
) -> tuple[dict[str, tuple[str, bytes, int]], Statements]:
    """Documents' graphs (IRI → hash, N-Quads, quad count) with the statements two of them
    or more make taken out into the common graph, which is added to the result under its
    own IRI; and each resulting graph's statements (N-Triples lines, for :func:`held`). A
    graph that lost statements gets a hash that says which."""
    statements: Statements = {}
    # Set operations, not a step of Python per statement: a national corpus makes
    # hundreds of thousands, a rebuild splits them all again.
    seen: set[bytes] = set()
    twice: set[bytes] = set()
    for graph, (_, data, _) in documents.items():
        own = statements[graph] = _statements(graph, data)
        twice.update(seen.intersection(own))  # a graph's lines are distinct: rdflib wrote a set
        seen.update(own)
    common = {s for s in twice if _shareable(s)}
    if not common:
        return dict(documents), statements
    out: dict[str, tuple[str, bytes, int]] = {}
    for graph, (digest, data, count) in documents.items():
        own = statements[graph]
        # A few thousand statements are common among hundreds of thousands: the set
        # operations look them up without a step of Python per statement.
        if common.isdisjoint(own):
            out[graph] = (digest, data, count)
            continue
        shared = sorted(common.intersection(own))
        tail = _tail(graph)
        kept = statements[graph] = [s for s in own if s not in common]
        mark = hashlib.sha256(digest.encode("ascii") + b"\0" + b"\n".join(shared))
        out[graph] = (mark.hexdigest(), _nquads(kept, tail), len(kept))
    lines = statements[str(COMMON_GRAPH)] = sorted(common)
    data = _nquads(lines, _tail(str(COMMON_GRAPH)))
    out[str(COMMON_GRAPH)] = (hashlib.sha256(data).hexdigest(), data, len(lines))
    return out, statements


def _statements(graph: str, data: bytes) -> list[bytes]:
    """The statements (N-Triples lines without their dot) of the quads of ``graph`` in the
    N-Quads ``data``."""
    tail = _tail(graph)
    ended = tail + b"\n"
    lines = data.count(b"\n")
    if data.endswith(b"\n") and data.count(ended) == lines:
        # every line in the graph (as a document's own N-Quads are): cut in one pass
        return data[: -len(ended)].split(ended)
    cut = -len(tail)
    return [line[:cut] for line in data.split(b"\n") if line.endswith(tail)]


def _nquads(statements: list[bytes], tail: bytes) -> bytes:
    """``statements`` as N-Quads lines in the graph whose ``tail`` ends each."""
    if not statements:
        return b""
    ended = tail + b"\n"
    return ended.join(statements) + ended


def keys(derived: bytes) -> set[bytes]:
    """The statements (N-Triples lines without their closing dot) of the derived graphs'
    N-Quads ``derived`` that the documents' graphs lose: all but those of blank nodes."""
    out = set()
    for line in derived.split(b"\n"):
        if line.endswith(b"> ."):
            statement = line[: line.rindex(b" <")]  # the graph's name is the last IRI
            if _shareable(statement):
                out.add(statement)
    return out


def held(statements: Statements, derived: bytes) -> bytes:
    """The quads (N-Quads) of the graphs ``statements`` lists whose statement the derived
    graphs' N-Quads ``derived`` hold: what :func:`drop` takes out of them."""
    found = keys(derived)
    out = []
    for graph, own in statements.items():
        tail = _tail(graph)
        out += [s + tail for s in own if s in found]
    return b"\n".join(out)


class Held:
    """What the derived graphs hold, asked statement by statement of the set of their
    N-Quads lines (``lines``) and the names of the graphs (``graphs``): no second set of
    all their statements is made."""

    def __init__(self, lines: set[bytes], graphs: Iterable[str]) -> None:
        self.lines = lines
        self.tails = [_tail(str(graph)) for graph in graphs]

    def __contains__(self, statement: object) -> bool:
        return (
            isinstance(statement, bytes)
            and _shareable(statement)
            and any(statement + tail in self.lines for tail in self.tails)
        )

    def since(self, before: Held) -> tuple[set[bytes], set[bytes]]:
        """The statements held now and not ``before``, and those held then and no more."""
        gained = {s for s in keys(b"\n".join(self.lines - before.lines)) if s not in before}
        freed = {s for s in keys(b"\n".join(before.lines - self.lines)) if s not in self}
        return gained, freed


def update(
    native: ox.Store,
    statements: Statements,
    loaded: Iterable[str],
    lost: dict[str, int],
    now: Container[bytes],
    gained: set[bytes],
    freed: set[bytes],
) -> dict[str, int]:
    """Keep the graphs ``statements`` lists without what the derived graphs hold ``now``.
    The graphs ``loaded`` hold all their statements and lose what is held; the others
    lost what was held before (``lost``: how many each), lose what is held anew
    (``gained``) and get back what is held no more (``freed``). How many each graph lost."""
    loaded = set(loaded)
    gone, back = [], []
    count: Counter[str] = Counter()
    for graph, own in statements.items():
        if graph in loaded:
            gone += [s + _tail(graph) for s in own if s in now]
            continue
        count[graph] = lost.get(graph, 0)
        if gained or freed:
            gone += [s + _tail(graph) for s in own if s in gained]
            back += [s + _tail(graph) for s in own if s in freed]
    # counted as found in the store: what it holds decides, whatever was expected
    count.update(drop(native, b"\n".join(gone)))
    for quad in ox.parse(b"\n".join(back), format=ox.RdfFormat.N_QUADS):
        if quad not in native:
            native.add(quad)
            name = quad.graph_name
            count[name.value if isinstance(name, ox.NamedNode) else ""] -= 1
    return {graph: n for graph, n in count.items() if n}


def quads_of(native: ox.Store, graphs: Iterable[str]) -> bytes:
    """The N-Quads of ``graphs`` in ``native``, as :func:`held` reads them."""
    out = []
    for name in graphs:
        data = native.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name)))
        tail = _tail(str(name))
        out += [line[:-2] + tail for line in (data or b"").split(b"\n") if line.endswith(b" .")]
    return b"\n".join(out)


def drop(native: ox.Store, quads: bytes) -> Counter[str]:
    """Remove ``quads`` (N-Quads, from :func:`held`) from ``native``; how many quads
    each graph lost."""
    removed: Counter[str] = Counter()
    for quad in ox.parse(quads, format=ox.RdfFormat.N_QUADS):
        if quad in native:
            native.remove(quad)
            graph = quad.graph_name
            removed[graph.value if isinstance(graph, ox.NamedNode) else ""] += 1
    return removed


def keep_once(
    ds: Dataset, documents: Iterable[IdentifiedNode], derived: Iterable[IdentifiedNode]
) -> None:
    """:func:`split`, :func:`held` and :func:`drop` on an rdflib dataset (the build that reads the
    documents one by one): the same graphs as the parallel build makes."""
    names = list(documents)
    made: Counter = Counter()
    for name in names:
        made.update(t for t in ds.graph(name) if not any(isinstance(x, BNode) for x in t))
    common = ds.graph(COMMON_GRAPH)
    for triple, n in made.items():
        if n > 1:
            common.add(triple)
            for name in names:
                ds.graph(name).remove(triple)
    held = [ds.graph(name) for name in derived]
    for i, graph in enumerate(held[1:], 1):  # as graph/derived.py writes them
        for triple in list(graph):
            if not isinstance(triple[0], BNode) and any(triple in h for h in held[:i]):
                graph.remove(triple)
    for graph in [*(ds.graph(name) for name in names), common]:
        for triple in list(graph):
            if any(triple in h for h in held):
                graph.remove(triple)
    if not len(common):
        ds.remove_graph(common)
