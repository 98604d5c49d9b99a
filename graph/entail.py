"""Superclass types written out, so that plain queries see what the ontology implies.

The stores answer without a reasoner; an analyst who asks ``?t a mkg:Task`` expects
task groups and prose assignments too, and ``?a a org:Organization`` every agency.
Only ``rdfs:subClassOf`` between named classes is followed: a small, safe part of RDFS.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS


def superclasses(ontology: Graph) -> dict[URIRef, set[URIRef]]:
    """Every named class → all its named superclasses (transitively, itself excluded)."""
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub != sup:
            direct[sub].add(sup)
    closure: dict[URIRef, set[URIRef]] = {}
    for cls in direct:
        seen: set[URIRef] = set()
        todo = list(direct[cls])
        while todo:
            sup = todo.pop()
            if sup not in seen and sup != cls:
                seen.add(sup)
                todo.extend(direct.get(sup, ()))
        closure[cls] = seen
    return closure


def materialise_types(ds: Dataset, ontology: Graph, skip: set[URIRef] | None = None) -> int:
    """Add the superclass types of every typed resource, in the graph that typed it.

    Returns how many triples were added. Graphs named in ``skip`` (the ontology) are
    left alone.
    """
    sup = superclasses(ontology)
    added = 0
    for graph in list(ds.graphs()):
        if skip and graph.identifier in skip:
            continue
        new = [
            (s, RDF.type, parent)
            for s, cls in graph.subject_objects(RDF.type)
            for parent in sup.get(cls, ())  # type: ignore[call-overload]
            if (s, RDF.type, parent) not in graph
        ]
        for triple in new:
            graph.add(triple)
        added += len(new)
    return added
