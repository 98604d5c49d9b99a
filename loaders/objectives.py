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


class Objectives:
    """The objectives' vocabulary, its tagger and the reviewed overrides."""

    def __init__(self, data_dir: Path, overrides: list[Override]) -> None:
        self.concepts = load_vocabulary(data_dir / GCM_TOML, "objective")
        self.tagger = Tagger(self.concepts)
        self.overrides = [
            Override(o.task, o.concept.split("/", 1)[1], o.action, o.note)
            for o in overrides
            if o.concept.startswith("gcm/")
        ]

    def write_labels(self, graph: Graph) -> None:
        """The short Vietnamese name of each objective."""
        for c in self.concepts.values():
            graph.add((objective_iri(c.key), RDFS.label, Literal(c.label_vi, lang="vi")))

    def write_tags(self, graph: Graph, task: URIRef, text: str) -> None:
        """``task mkg:servesObjective id:gcm-objective/N`` and a ``mkg:Tag`` for each."""
        tags = apply_overrides(str(task), self.tagger.tag(text), self.overrides)
        write_tags(graph, task, "gcm", MKG.servesObjective, tags, objective_iri)
