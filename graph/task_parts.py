"""The derived graphs made part by part, each part kept under the hash of what it reads.

- The common part: the reference graph, and what of the succession graph no task
  decides (functions, bodies, changes, objective labels). It reads the code and data and
  which standard bodies the documents name (graph/derived.py's ``agencies``).
- Each task's part: its function and objective tags and who answers for each body it
  names (loaders/responsibility.py ``Deriver.write_task``). It reads the code and data,
  the task's IRI, its text merged over the documents that name it, the bodies named, and
  for each of these the changes that follow from it and the English labels of the bodies
  they name (``Deriver.signature``).

A build takes from the parts the previous build kept every part whose key did not change
and makes only the others; the graphs it gives are those ``derive`` makes of the whole.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graph import entail
from loaders import responsibility
from loaders.gazetteer import Gazetteer
from loaders.succession import labels_of
from migkg import atomic
from ontology import ONTOLOGY_TTL

# Raised whenever what a part holds or how its key is made changes.
FORMAT = 3
SUCCESSION_GRAPH = responsibility.SUCCESSION_GRAPH
TASKS_FILE = "derived-tasks.parts"


def _hash(*texts: str) -> bytes:
    return hashlib.sha256("\0".join(texts).encode("utf-8")).digest()


class Maker:
    """One making of the derived graphs; :attr:`made` lists the tasks derived anew (the
    others were taken from the parts kept in ``folder``)."""

    def __init__(self, stamp: str = "", folder: Path | None = None) -> None:
        self.stamp = stamp
        # nothing is kept without the stamp: the parts would outlive the code that made them
        self.folder = folder if stamp else None
        self.made: list[str] = []
        self._superclasses: dict[Any, Any] | None = None
        self._deriver: responsibility.Deriver | None = None
        self._gazetteer: Gazetteer | None = None
        self._labels: dict[URIRef, str] = {}

    def make(self, parts: list[dict[str, Any]]) -> bytes:
        """The reference and succession graphs as N-Quads, from the documents' parts."""
        from graph.build import REFERENCE_GRAPH

        named = set().union(*(p["agencies"] for p in parts))
        used = sorted(named & self._standard())
        common_name = f"derived-common-{_hash(str(FORMAT), self.stamp, *used).hex()}.parts"
        common = self._load(common_name) or self._common(common_name, used)
        self._superclasses = common["superclasses"]
        tasks, groups, labels = _merged(parts, set(common["labelled"]))
        every = {**common["labels"], **labels, **common["own"]}
        self._labels = {URIRef(s): label for s, label in every.items()}
        signatures: dict[str, str] = {}
        kept: dict[bytes, bytes] = self._load(TASKS_FILE) or {}
        mine: dict[bytes, bytes] = {}
        for task in sorted(tasks):
            if task in groups:
                continue
            text, bodies = tasks[task]
            for body in bodies:
                if body not in signatures:
                    signatures[body] = responsibility.signature(
                        common["succ"], URIRef(body), self._labels
                    )
            key = _hash(
                str(FORMAT), self.stamp, task, " ".join(text), *bodies,
                *(signatures[b] for b in bodies),
            )  # fmt: skip
            part = kept.get(key)
            if part is None:
                part = self._task(task, text, bodies, used)
                self.made.append(task)
            mine[key] = part
        if self.folder is not None and (self.made or mine.keys() != kept.keys()):
            self._keep(TASKS_FILE, mine)
        # N-Quads, each part's lines ending with its graph's name
        reference = common["reference"]
        tail, of_reference = _tail(SUCCESSION_GRAPH), _tail(REFERENCE_GRAPH)
        said = {  # a statement the reference graph holds is not said again
            line[: -len(of_reference)] + tail
            for line in reference.split(b"\n")
            if line and not line.startswith(b"_:")
        }
        succession = set(b"\n".join([common["succession"], *mine.values()]).split(b"\n"))
        succession.discard(b"")
        return reference + b"\n".join(succession - said) + b"\n"

    def _standard(self) -> set[str]:
        """The keys of the gazetteer's standard bodies (kept for the code stamp)."""
        kept = self._load("derived-standard.parts")
        if kept is not None and kept[0] == self.stamp:
            return kept[1]
        names = set(Gazetteer.load().standard)
        if self.folder is not None:
            self._keep("derived-standard.parts", (self.stamp, names))
        return names

    def _derive_with(self, used: list[str]) -> responsibility.Deriver:
        if self._deriver is None:
            gazetteer = Gazetteer.load()
            for name in used:
                gazetteer.use(name)  # as the resolver does when a mention names the body
            self._gazetteer = gazetteer
            self._deriver = responsibility.Deriver(gazetteer)
        return self._deriver

    def _common(self, name: str, used: list[str]) -> dict[str, Any]:
        """What no task decides: the reference graph, the succession graph's functions,
        bodies and changes, the changes each body goes through and the labels the
        ontology, the reference graph and these give the bodies an answer's path may
        print (kept under ``name``)."""
        from graph.build import REFERENCE_GRAPH, reference_graph

        deriver = self._derive_with(used)
        assert self._gazetteer is not None  # read by _derive_with
        reference = reference_graph(self._gazetteer)
        base = labels_of(self._ontology()) | labels_of(reference)
        labelled = [URIRef(s) for s in deriver.labelled]
        common = {
            "labelled": deriver.labelled,
            "labels": {str(s): base[s] for s in labelled if s in base},
            "own": {str(s): deriver.own_labels[s] for s in labelled if s in deriver.own_labels},
            "reference": _quads(self._typed(reference), REFERENCE_GRAPH),
            "succession": _quads(self._typed(Graph() + deriver.graph), SUCCESSION_GRAPH),
            "succ": deriver.succ,
            "superclasses": self._superclasses,
        }
        if self.folder is not None:
            self._keep(name, common)
            for old in self.folder.glob("derived-common-*.parts"):
                if old.name != name:
                    old.unlink(missing_ok=True)
        return common

    def _task(self, task: str, text: list[str], named: list[str], used: list[str]) -> bytes:
        """One task's part: its tags and answers, as N-Triples."""
        graph = Graph()
        record: responsibility.Record = {"text": text, "named": [URIRef(a) for a in named]}
        self._derive_with(used).write_task(graph, URIRef(task), record, self._labels)
        return _quads(self._typed(graph), SUCCESSION_GRAPH)

    def _ontology(self) -> Graph:
        ontology = Graph()
        ontology.parse(data=ONTOLOGY_TTL.read_text(encoding="utf-8"), format="turtle")
        return ontology

    def _typed(self, graph: Graph) -> bytes:
        """``graph`` as N-Triples, with the superclass types of what it types
        (graph/entail.py)."""
        if self._superclasses is None:
            self._superclasses = entail.superclasses(self._ontology())
        for s, cls in list(graph.subject_objects(RDF.type)):
            for parent in self._superclasses.get(cls, ()):  # type: ignore[call-overload]
                graph.add((s, RDF.type, parent))
        return graph.serialize(format="nt", encoding="utf-8")

    def _load(self, name: str) -> Any:
        if self.folder is None:
            return None
        try:
            with (self.folder / name).open("rb") as fh:
                return pickle.load(fh)  # noqa: S301 - migkg's own cache
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None

    def _keep(self, name: str, value: Any) -> None:
        assert self.folder is not None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic.write_pickle(self.folder / name, value)
        except OSError:
            pass  # made again by the next build


def _tail(graph: str) -> bytes:
    return f" <{graph}> .".encode()


def _quads(ntriples: bytes, graph: str) -> bytes:
    """N-Triples as N-Quads of ``graph`` (a line break ends a statement and nothing else:
    N-Triples writes one inside a literal as an escape)."""
    text = b"\n".join(line for line in ntriples.split(b"\n") if line) + b"\n"
    return text.replace(b" .\n", _tail(graph) + b"\n") if text != b"\n" else b""


def _merged(
    parts: list[dict[str, Any]], labelled: set[str]
) -> tuple[dict[str, tuple[list[str], list[str]]], set[str], dict[str, str]]:
    """The tasks of every document, merged as loaders/responsibility.py ``tasks_of`` does;
    every task group; the documents' English labels of the ``labelled`` bodies (a later
    document's label wins, as ``labels_of`` reads them)."""
    tasks: dict[str, tuple[list[str], list[str]]] = {}
    groups: set[str] = set()
    labels: dict[str, str] = {}
    for part in parts:
        records = part["records"]
        groups.update(records["groups"])
        for task, (text, named) in records["tasks"].items():
            rec = tasks.get(task)
            if rec is None:
                tasks[task] = (list(text), list(named))
            else:
                rec[0].extend(text)
                rec[1].extend(a for a in named if a not in rec[1])
        for subject, label in records["labels"].items():
            if subject in labelled:
                labels[subject] = label
    return tasks, groups, labels
