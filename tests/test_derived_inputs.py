"""What the derived graphs read of each document, and the key they are kept under."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from graph import derived
from migkg.namespaces import ID, MKG

TASK = ID["task/1-kh-ubnd/1"]
GROUP = ID["task/1-kh-ubnd/I"]
PLAN = ID["plan/1-kh-ubnd"]
LEAD = ID["agency/so-ngoai-vu"]


def document(label: str = "Tuyên truyền về di cư an toàn") -> Graph:
    graph = Graph()
    graph.add((TASK, MKG.taskOf, PLAN))
    graph.add((TASK, RDFS.label, Literal(label, lang="vi")))
    graph.add((TASK, MKG.leadAgency, LEAD))
    graph.add((TASK, MKG.code, Literal("1")))
    graph.add((TASK, MKG.sourceLineStart, Literal(40)))
    graph.add((GROUP, RDF.type, MKG.TaskGroup))
    graph.add((GROUP, RDF.type, MKG.Task))
    return graph


def test_a_document_gives_its_labels_tasks_bodies_and_groups_only() -> None:
    graph = document()
    graph.add((LEAD, RDFS.label, Literal("Department of Foreign Affairs", lang="en")))
    graph.add((LEAD, RDFS.label, Literal("Sở Ngoại vụ", lang="vi")))
    part = derived.inputs_of(graph)
    records = part["records"]
    assert records["tasks"] == {
        str(TASK): (("Tuyên truyền về di cư an toàn",), (str(LEAD),)),
    }
    assert records["groups"] == [str(GROUP)]
    assert records["labels"] == {str(LEAD): "Department of Foreign Affairs"}
    assert part["agencies"] == {"so-ngoai-vu"}


def test_the_key_changes_with_what_is_read_and_only_with_it() -> None:
    one = derived.inputs_of(document())
    same = derived.inputs_of(document())
    relabelled = derived.inputs_of(document("Tuyên truyền về di cư lao động"))
    assert derived.key("stamp", [one]) == derived.key("stamp", [same])
    assert derived.key("stamp", [one]) != derived.key("stamp", [relabelled])
    assert derived.key("stamp", [one]) != derived.key("other code", [one])
    moved = document()
    moved.set((TASK, MKG.sourceLineStart, Literal(41)))  # not read by the derivation
    assert derived.key("stamp", [derived.inputs_of(moved)]) == derived.key("stamp", [one])
