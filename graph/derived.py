"""The graphs that depend on every document, made from what each document gives them.

The reference graph (gazetteer and reference facts, with the generated bodies the
documents name) and the succession graph (loaders/responsibility.py) read only a small
part of each document: labels, task groups, the tasks with the bodies that lead and join
them, and the agency IRIs named. Each document's part is taken out when the document is
read (:func:`inputs_of`) and kept in the build cache with its graph; the derived graphs
are then made from these parts alone, and kept under the hash of all of them: a rebuild
whose documents give the same parts (a changed date, a fixed typo in a paragraph) makes
nothing again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import RDF, RDFS

from graph.convert import to_rdflib
from migkg import atomic
from migkg.namespaces import ID, MKG
from ontology import ONTOLOGY_TTL

# What the derivation reads of a document graph (loaders/responsibility.py: tasks_of,
# labels_of): every label, the task groups, the tasks and the bodies named on them.
_PREDICATES = (RDFS.label, MKG.taskOf, MKG.leadAgency, MKG.cooperatingAgency)
_AGENCY = str(ID["agency/"])
# Raised whenever what inputs_of keeps or how it is hashed changes.
FORMAT = 2


def inputs_of(graph: Graph) -> dict[str, Any]:
    """The part of one document graph the derived graphs depend on: N-Triples of its
    labels, task groups, tasks and their bodies, and the agency keys it names."""
    return inputs_of_ntriples(graph.serialize(format="nt", encoding="utf-8"))


# The N-Triples of what inputs_of keeps: its predicates, and the type TaskGroup.
_KEPT = frozenset(f"<{p}>".encode() for p in _PREDICATES)
_TYPE, _GROUP = f"<{RDF.type}>".encode(), f"<{MKG.TaskGroup}> .".encode()
_AGENCY_NT = f"<{_AGENCY}".encode()


def inputs_of_ntriples(data: bytes) -> dict[str, Any]:
    """:func:`inputs_of` of a graph given as the N-Triples rdflib wrote of it: the lines
    it keeps are picked out of these (rdflib writes each statement the same way, alone or
    among others) instead of being copied into a graph and written again."""
    kept = []
    agencies = set()
    for line in data.split(b"\n"):
        # an IRI or blank node, an IRI, then the object: no space inside the first two
        subject, predicate, rest = (line.split(b" ", 2) + [b"", b""])[:3]
        if predicate in _KEPT or (predicate == _TYPE and rest == _GROUP):
            kept.append(line)
        for term in (subject, rest):
            if term.startswith(_AGENCY_NT):
                agencies.add(term[len(_AGENCY_NT) : term.index(b">")].decode("utf-8"))
    kept.sort()
    return {"derive": b"\n".join(line for line in kept if line.strip()), "agencies": agencies}


def key(stamp: str, parts: Iterable[dict[str, Any]]) -> str:
    """The hash of the code stamp and every document's part, in corpus order."""
    digest = hashlib.sha256(f"{FORMAT}:{stamp}".encode("ascii"))
    for part in parts:
        digest.update(b"\0doc\0" + part["derive"])
        digest.update("\0".join(sorted(part["agencies"])).encode("utf-8"))
    return digest.hexdigest()


class _Documents(Dataset):
    """A dataset whose graphs are standalone graphs, walked one by one in a set order.

    The derivation walks every graph of the dataset; in one shared rdflib store each
    walk tests every triple of every graph (quadratic in the number of documents).
    """

    def __init__(self, graphs: list[Graph]) -> None:
        super().__init__()
        self._parts = graphs

    def graphs(self, triple: Any = None) -> Iterator[Graph]:  # type: ignore[override]
        return iter(self._parts)


def make(parts: list[dict[str, Any]]) -> bytes:
    """The reference and succession graphs as N-Quads, with their superclass types, from
    the documents' parts (in corpus order)."""
    from graph import entail
    from graph.build import REFERENCE_GRAPH, reference_graph
    from loaders import responsibility
    from loaders.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    for name in sorted(set().union(*(p["agencies"] for p in parts))):
        if name in gazetteer.standard:
            gazetteer.use(name)  # as the resolver does when a mention names the body
    ontology = Graph()
    ontology.parse(data=ONTOLOGY_TTL.read_text(encoding="utf-8"), format="turtle")
    reference = reference_graph(gazetteer)
    memo: dict[Any, Any] = {}
    documents = [_graph(part["derive"], memo) for part in parts]
    succession = responsibility.derive(_Documents([ontology, reference, *documents]), gazetteer)
    sup = entail.superclasses(ontology)
    out = []
    said: set[bytes] = set()  # a statement the reference graph holds is not said again
    for name, graph in (
        (REFERENCE_GRAPH, reference),
        (responsibility.SUCCESSION_GRAPH, succession),
    ):
        # superclass types written into the graph that typed the resource (entail.py)
        for s, cls in list(graph.subject_objects(RDF.type)):
            for parent in sup.get(cls, ()):  # type: ignore[call-overload]
                graph.add((s, RDF.type, parent))
        # N-Triples with the graph's name before each line's closing dot: N-Quads.
        tail = f" <{name}> .".encode()
        lines = graph.serialize(format="nt", encoding="utf-8").split(b"\n")
        out += [
            line[:-2] + tail
            for line in lines
            if line.endswith(b" .") and (line.startswith(b"_:") or line not in said)
        ]
        said.update(lines)
    return b"\n".join(out) + b"\n"


def _graph(data: bytes, memo: dict[Any, Any]) -> Graph:
    """An rdflib graph of N-Triples, read by pyoxigraph (rdflib's reader is slow)."""
    graph = Graph()
    if data:
        graph.addN(
            (to_rdflib_memo(t.subject, memo), to_rdflib_memo(t.predicate, memo),
             to_rdflib_memo(t.object, memo), graph)
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        )  # fmt: skip
    return graph


def to_rdflib_memo(term: Any, memo: dict[Any, Any]) -> Any:
    """:func:`graph.convert.to_rdflib`, once per distinct term."""
    out = memo.get(term)
    if out is None:
        out = memo[term] = to_rdflib(term)
    return out


def cached(folder: Path, derived_key: str) -> bytes | None:
    """The derived graphs kept under ``derived_key``, or None."""
    try:
        return (folder / f"derived-{derived_key}.nq").read_bytes()
    except OSError:
        return None


def keep(folder: Path, derived_key: str, data: bytes) -> None:
    """Keep the derived graphs for the next build (the previous ones are dropped)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"derived-{derived_key}.nq"
    atomic.write_bytes(target, data)
    for old in folder.glob("derived-*.nq"):
        if old != target:
            old.unlink(missing_ok=True)
