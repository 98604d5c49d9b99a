"""Superclass types written out by the build, so that plain queries find subclasses."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from graph.embedded import EmbeddedStore
from graph.entail import materialise_types, superclasses
from migkg.namespaces import ID, MKG, ORG
from ontology import ONTOLOGY_TTL


def ontology() -> Graph:
    g = Graph()
    g.parse(data=ONTOLOGY_TTL.read_text(encoding="utf-8"), format="turtle")
    return g


def test_closure_follows_chains() -> None:
    sup = superclasses(ontology())
    assert MKG.Task in sup[MKG.TaskGroup]
    assert MKG.Task in sup[MKG.Assignment]
    assert {MKG.Agency, ORG.Organization} <= sup[MKG.Ministry]
    assert MKG.Instrument in sup[MKG.Convention]


def test_materialised_in_the_graph_that_typed_it() -> None:
    ds = Dataset()
    doc = ds.graph(ID["document/x"])
    doc.add((ID["task/p/TC-1"], RDF.type, MKG.Assignment))
    added = materialise_types(ds, ontology())
    assert added >= 1
    assert (ID["task/p/TC-1"], RDF.type, MKG.Task) in doc


def test_built_corpus_answers_plain_type_queries(corpus_store_dir: Path) -> None:
    store = EmbeddedStore(corpus_store_dir, read_only=True)
    try:
        q = "PREFIX mkg: <https://w3id.org/migkg/ontology#> ASK { <%s> a mkg:Task }"
        # the Kien Giang letter's assignment and 402's group row 3.2 are tasks too
        assert store.ask(q % ID["task/1692-vp-vhxh/TC-1"])
        assert store.ask(q % ID["task/402-qd-ttg/3.2"])
        org = "PREFIX org: <http://www.w3.org/ns/org#> ASK { <%s> a org:Organization }"
        assert store.ask(org % URIRef(ID["agency/mofa"]))
    finally:
        store.close()
