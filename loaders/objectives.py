"""Which GCM objectives each task serves: the tagger of ``loaders/tagging.py`` with the
phrases of ``data/gcm_tags.toml``, after the reviewed overrides (``gcm/<number>``)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from loaders.reference import objective_iri
from loaders.succession import write_tags
from loaders.tagging import Override, Tagger, apply_overrides, load_vocabulary
from migkg.namespaces import MKG

GCM_TOML = "gcm_tags.toml"


def tag_objectives(
    graph: Graph, texts: dict[URIRef, str], data_dir: Path, overrides: list[Override]
) -> None:
    """``task mkg:servesObjective id:gcm-objective/N`` and a ``mkg:Tag`` for each."""
    concepts = load_vocabulary(data_dir / GCM_TOML, "objective")
    tagger = Tagger(concepts)
    mine = [
        Override(o.task, o.concept.split("/", 1)[1], o.action, o.note)
        for o in overrides
        if o.concept.startswith("gcm/")
    ]
    for c in concepts.values():  # the short Vietnamese name of each objective
        graph.add((objective_iri(c.key), RDFS.label, Literal(c.label_vi, lang="vi")))
    for task, text in sorted(texts.items()):
        tags = apply_overrides(str(task), tagger.tag(text), mine)
        write_tags(graph, task, "gcm", MKG.servesObjective, tags, objective_iri)
