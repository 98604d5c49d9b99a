"""The terms assignments, reporting duties and entry into force write: present, labelled
in both languages, and placed under responsibleAgency where they should be."""

from __future__ import annotations

import pytest
from expect import lang_of
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from migkg.namespaces import MKG
from ontology import ONTOLOGY_TTL


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


@pytest.mark.parametrize(
    ("term", "kind"),
    [
        (MKG.responsibleAgency, OWL.ObjectProperty),
        (MKG.assignedIn, OWL.ObjectProperty),
        (MKG.reportsVia, OWL.ObjectProperty),
        (MKG.inForceFrom, OWL.DatatypeProperty),
        (MKG.inForceText, OWL.DatatypeProperty),
    ],
)
def test_terms_with_labels_in_both_languages(onto: Graph, term: URIRef, kind: URIRef) -> None:
    assert (term, RDF.type, kind) in onto
    for prop in (RDFS.label, RDFS.comment):
        assert {lang_of(o) for o in onto.objects(term, prop)} >= {"en", "vi"}


def test_a_charge_to_execute_is_no_task_of_a_plan(onto: Graph) -> None:
    assert (MKG.ExecutionCharge, RDF.type, OWL.Class) in onto
    assert (MKG.ExecutionCharge, RDFS.subClassOf, MKG.Task) not in onto
    assert {lang_of(o) for o in onto.objects(MKG.ExecutionCharge, RDFS.label)} >= {"en", "vi"}


def test_lead_and_cooperating_are_kinds_of_responsibility(onto: Graph) -> None:
    for sub in (MKG.leadAgency, MKG.cooperatingAgency):
        assert (sub, RDFS.subPropertyOf, MKG.responsibleAgency) in onto
    assert onto.value(MKG.responsibleAgency, RDFS.range) == MKG.Agency
