"""`migkg validate`: the ontology under HermiT, the built graph under SHACL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rdflib import Graph

import queries
from graph.findings import Finding
from graph.graph_checks import check_graph
from graph.reasoner import check_ontology
from graph.shacl import check_shapes, ontology_graph, with_ontology
from graph.store import Store, open_for_reading
from migkg.errors import MigkgError
from migkg.namespaces import bind_prefixes


def validate_graph(data: Graph) -> list[Finding]:
    """Every finding about ``data``: the SHACL shapes, then the vocabulary, the classes the
    ontology keeps apart and text normalisation. ``data`` is left unchanged."""
    graph = with_ontology(data)
    return sorted([*check_shapes(graph), *check_graph(graph, ontology_graph())])


def load_graph(settings: dict[str, Any]) -> Graph:
    """The union of every named graph of the store the settings name, read-only (any
    store: ``open_for_reading`` says in one line when there is none)."""
    with open_for_reading(settings) as store:
        if len(store) == 0:
            raise MigkgError("the store is empty: run `migkg build`")
        return store_graph(store)


def store_graph(store: Store) -> Graph:
    """The union of every named graph of ``store`` as one rdflib graph."""
    union = Graph()
    bind_prefixes(union)
    union += store.construct(queries.internal("validate_union"))
    return union


def validate_all(
    settings: dict[str, Any], *, ontology_only: bool, echo: Callable[[str], None]
) -> bool:
    """Run every check; print each violation; True when all hold.

    First the ontology under HermiT (consistency and unsatisfiable classes), then,
    unless ``ontology_only``, the built graph under the SHACL shapes and the checks
    of ``graph_checks``. Warnings are printed but do not fail.
    """
    # Read the graph first, so that a missing store fails at once, before HermiT runs.
    data = None if ontology_only else load_graph(settings)
    report = check_ontology()
    problems = 0
    if not report.consistent:
        echo("Violation: the ontology is inconsistent under HermiT")
        problems += 1
    for iri in report.unsatisfiable:
        echo(f"Violation: <{iri}> rdfs:subClassOf: the class is unsatisfiable under HermiT")
        problems += 1
    state = "consistent" if report.consistent else "INCONSISTENT"
    echo(
        f"Ontology: {state} under HermiT ({report.classes} classes, "
        f"{len(report.unsatisfiable)} unsatisfiable)"
    )
    if data is not None:
        findings = validate_graph(data)
        for finding in findings:
            echo(finding.line())
        violations = sum(f.fails for f in findings)
        warnings = len(findings) - violations
        problems += violations
        echo(
            f"Graph: {len(data)} triples checked against the SHACL shapes: "
            f"{violations} violations, {warnings} warnings"
        )
    if problems:
        echo(f"Validation failed: {problems} violation{'' if problems == 1 else 's'}.")
        return False
    echo("Validation passed.")
    return True
