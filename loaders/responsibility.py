"""The derived graph of succession: functions, the tags of each task (functions and GCM
objectives), the provincial changes, and who is responsible for each task from each date
(``id:graph/succession``).

It is made in two parts: what depends only on the code, the data and the bodies the
gazetteer holds (:class:`Deriver`: functions, bodies, changes, objective labels), and what
each task gives on its own (:meth:`Deriver.write_task`: its tags and answers), so that a
build can keep each task's part and make again only the tasks that changed
(graph/derived.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from data import DATA_DIR
from loaders import provincial_changes, restructuring
from loaders.gazetteer import Gazetteer
from loaders.objectives import Objectives
from loaders.succession import (
    Successions,
    labels_of,
    task_answers,
    write_answers,
    write_functions,
    write_tags,
)
from loaders.tagging import Tagger, apply_overrides, load_overrides, load_vocabulary
from migkg import iris
from migkg.namespaces import ID, MKG

FUNCTIONS_TOML = "functions.toml"
OVERRIDES_TOML = "tag_overrides.toml"
SUCCESSION_GRAPH = ID["graph/succession"]

# One task as the derivation reads it: its labels and the bodies it names.
Record = dict[str, list[Any]]


def tasks_of(ds: Dataset) -> dict[URIRef, Record]:
    """Every task (not a group) with its label and the bodies it names."""
    out: dict[URIRef, Record] = {}
    groups: set[Any] = set()
    for g in ds.graphs():
        mine, named = records_of(g)
        groups |= named
        for task, rec in mine.items():
            merge(out.setdefault(task, {"text": [], "named": []}), rec)
    return {t: r for t, r in out.items() if t not in groups}


def records_of(g: Graph) -> tuple[dict[URIRef, Record], set[Any]]:
    """The tasks one graph names (rows and assignments alike), and its task groups."""
    groups = set(g.subjects(RDF.type, MKG.TaskGroup))
    out: dict[URIRef, Record] = {}
    for task in set(g.subjects(MKG.taskOf, None)):
        if not isinstance(task, URIRef):
            continue
        named: list[Any] = []
        for prop in (MKG.leadAgency, MKG.cooperatingAgency):
            named += [a for a in g.objects(task, prop) if a not in named]
        out[task] = {"text": [str(o) for o in g.objects(task, RDFS.label)], "named": named}
    return out, groups


def merge(into: Record, rec: Record) -> None:
    """A task named by one more document: its labels added, the bodies not named yet."""
    into["text"] += rec["text"]
    into["named"] += [a for a in rec["named"] if a not in into["named"]]


class Deriver:
    """The part of the succession graph that no task decides (:attr:`graph`), and what
    each task's tags and answers are made with."""

    def __init__(
        self, gaz: Gazetteer, data_dir: Path = DATA_DIR, reference_dir: Path | None = None
    ) -> None:
        reference_dir = reference_dir or data_dir / "reference"
        concepts = load_vocabulary(data_dir / FUNCTIONS_TOML, "function")
        every_override = load_overrides(data_dir / OVERRIDES_TOML)
        self.overrides = [
            type(o)(o.task, o.concept.split("/", 1)[1], o.action, o.note)
            for o in every_override
            if o.concept.startswith("function/")
        ]
        prov = provincial_changes.derive(list(gaz.agencies.values()), gaz.provinces, reference_dir)
        changes = [c for c in gaz.changes if c.kind != "provinces merged"] + prov.changes
        self.succ = Successions(changes, concepts)
        self.function_names = {key: c.label_en for key, c in concepts.items()}
        graph = self.graph = Graph()
        write_functions(graph, concepts)
        _write_bodies(graph, prov)
        for change in prov.changes:
            restructuring._add_change(graph, change)
        for change in changes:
            for f in sorted(self.succ.moves.get(change.iri, ())):
                graph.add((change.iri, MKG.movesFunction, ID[f"function/{f}"]))
            if change.alternatives:
                graph.add((change.iri, MKG.alternativeResults, Literal(True)))
        # the bodies whose labels an answer's path text may print
        self.labelled = sorted({str(b) for c in changes for b in (*c.originals[:1], *c.results)})
        self.own_labels = labels_of(graph)  # before the objectives' labels, as derive reads
        self.tagger = Tagger(concepts)
        self.objectives = Objectives(data_dir, every_override)
        self.objectives.write_labels(graph)

    def write_task(
        self, graph: Graph, task: URIRef, rec: Record, labels: dict[URIRef, str]
    ) -> None:
        """The task's functions and objectives, and who answers for each body it names;
        ``labels`` are the English labels of every resource (for the path text)."""
        text = " ".join(rec["text"])
        self.objectives.write_tags(graph, task, text)
        tags = apply_overrides(str(task), self.tagger.tag(text), self.overrides)
        write_tags(
            graph, task, "function", MKG.concernsFunction, tags, lambda k: ID[f"function/{k}"]
        )
        functions = [t.concept for t in tags]
        for named in rec["named"]:
            answers = task_answers(self.succ, named, functions)
            write_answers(graph, task, named, answers, labels, self.function_names)


def signature(succ: Successions, body: URIRef, labels: dict[URIRef, str]) -> str:
    """What the answers for ``body`` read of the changes, as a hash: every change that
    follows from it (with the functions each moves) and the labels of the bodies those
    changes name (``labels``, as :meth:`Deriver.write_task` is given them)."""
    seen, todo, found = {body}, [body], {}
    while todo:
        for change in succ.by_original.get(todo.pop(), []):
            found[change.iri] = change
            todo += [r for r in change.results if r not in seen]
            seen.update(change.results)
    said = [
        (
            repr(change),
            sorted(succ.moves.get(iri, ())),
            [labels.get(b) for b in (*change.originals[:1], *change.results)],
        )
        for iri, change in sorted(found.items())
    ]
    return hashlib.sha256(repr(said).encode("utf-8")).hexdigest()


def derive(
    ds: Dataset, gaz: Gazetteer, data_dir: Path = DATA_DIR, reference_dir: Path | None = None
) -> Graph:
    """The succession graph for the tasks of ``ds`` and the bodies of ``gaz``."""
    deriver = Deriver(gaz, data_dir, reference_dir)
    labels = labels_of(ds) | deriver.own_labels
    graph = deriver.graph
    for task, rec in sorted(tasks_of(ds).items()):
        deriver.write_task(graph, task, rec, labels)
    return graph


def _write_bodies(graph: Graph, prov: provincial_changes.ProvincialChanges) -> None:
    for body in prov.bodies.values():
        if body.made_here:
            graph.add((body.iri, RDF.type, MKG[body.kind]))
            graph.add((body.iri, RDF.type, MKG.Agency))
            graph.add((body.iri, RDFS.label, Literal(body.label_vi, lang="vi")))
            graph.add((body.iri, RDFS.label, Literal(body.label_en, lang="en")))
            graph.add((body.iri, MKG.level, Literal("provincial")))
            graph.add((body.iri, MKG.province, iris.province(body.province)))
        for prop, day in ((MKG.validFrom, body.valid_from), (MKG.validUntil, body.valid_until)):
            if day is not None and (body.made_here or prop == MKG.validUntil):
                graph.add((body.iri, prop, Literal(day, datatype=XSD.date)))
