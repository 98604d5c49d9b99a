"""The derived graph of succession: functions, the tags of each task (functions and GCM
objectives), the provincial changes, and who is responsible for each task from each date
(``id:graph/succession``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from data import DATA_DIR
from loaders import provincial_changes, restructuring
from loaders.gazetteer import Gazetteer
from loaders.objectives import tag_objectives
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


def tasks_of(ds: Dataset) -> dict[URIRef, dict[str, list[Any]]]:
    """Every task (not a group) with its label and the bodies it names."""
    out: dict[URIRef, dict[str, list[Any]]] = {}
    groups = set()
    for g in ds.graphs():
        groups |= set(g.subjects(RDF.type, MKG.TaskGroup))
        for task in set(g.subjects(MKG.taskOf, None)):  # rows and assignments alike
            if not isinstance(task, URIRef):
                continue
            rec = out.setdefault(task, {"text": [], "named": []})
            rec["text"] += [str(o) for o in g.objects(task, RDFS.label)]
            for prop in (MKG.leadAgency, MKG.cooperatingAgency):
                rec["named"] += [a for a in g.objects(task, prop) if a not in rec["named"]]
    return {t: r for t, r in out.items() if t not in groups}


def derive(
    ds: Dataset, gaz: Gazetteer, data_dir: Path = DATA_DIR, reference_dir: Path | None = None
) -> Graph:
    """The succession graph for the tasks of ``ds`` and the bodies of ``gaz``."""
    reference_dir = reference_dir or data_dir / "reference"
    concepts = load_vocabulary(data_dir / FUNCTIONS_TOML, "function")
    every_override = load_overrides(data_dir / OVERRIDES_TOML)
    overrides = [o for o in every_override if o.concept.startswith("function/")]
    prov = provincial_changes.derive(list(gaz.agencies.values()), gaz.provinces, reference_dir)
    changes = [c for c in gaz.changes if c.kind != "provinces merged"] + prov.changes
    succ = Successions(changes, concepts)
    graph = Graph()
    write_functions(graph, concepts)
    _write_bodies(graph, prov)
    for change in prov.changes:
        restructuring._add_change(graph, change)
    for change in changes:
        for f in sorted(succ.moves.get(change.iri, ())):
            graph.add((change.iri, MKG.movesFunction, ID[f"function/{f}"]))
        if change.alternatives:
            graph.add((change.iri, MKG.alternativeResults, Literal(True)))
    labels = labels_of(ds) | labels_of(graph)
    tagger = Tagger(concepts)
    tasks = tasks_of(ds)
    tag_objectives(
        graph, {t: " ".join(r["text"]) for t, r in tasks.items()}, data_dir, every_override
    )
    for task, rec in sorted(tasks.items()):
        found = tagger.tag(" ".join(rec["text"]))
        mine = [type(o)(o.task, o.concept.split("/", 1)[1], o.action, o.note) for o in overrides]
        tags = apply_overrides(str(task), found, mine)
        write_tags(
            graph, task, "function", MKG.concernsFunction, tags, lambda k: ID[f"function/{k}"]
        )
        functions = [t.concept for t in tags]
        for named in rec["named"]:
            write_answers(graph, task, named, task_answers(succ, named, functions), labels)
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
