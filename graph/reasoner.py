"""The ontology under HermiT (through owlready2): is it consistent, is every class satisfiable."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph

from migkg.errors import MigkgError
from ontology import ONTOLOGY_TTL


@dataclass
class ReasonerReport:
    """What HermiT said about the ontology."""

    consistent: bool
    classes: int = 0
    unsatisfiable: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable


def check_ontology(path: Path = ONTOLOGY_TTL) -> ReasonerReport:
    """Run HermiT on the Turtle ontology at ``path``.

    owlready2 reads no Turtle, so the file goes through rdflib to N-Triples first.
    Each call loads it into a fresh owlready2 World that is closed afterwards, so no
    reasoning result stays behind in owlready2's default world between calls.
    """
    import owlready2

    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise MigkgError(f"{path}: cannot read the ontology: {exc}") from None
    with tempfile.TemporaryDirectory(prefix="migkg-hermit-") as tmp:
        nt = Path(tmp) / "ontology.nt"
        graph.serialize(nt, format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            world.get_ontology(nt.as_uri()).load()
            return _reason(world)
        finally:
            world.close()


def _reason(world: Any) -> ReasonerReport:  # an owlready2 World
    import owlready2

    try:
        owlready2.sync_reasoner_hermit(world, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return ReasonerReport(consistent=False, classes=len(list(world.classes())))
    except FileNotFoundError:
        raise MigkgError(
            "HermiT needs Java: no 'java' command found; install a Java runtime (11 or later)"
        ) from None
    except owlready2.OwlReadyJavaError as exc:
        lines = [ln for ln in str(exc).splitlines() if ln.strip()]
        raise MigkgError(f"HermiT failed: {lines[1] if len(lines) > 1 else exc}") from None
    unsat = sorted(
        c.iri for c in world.inconsistent_classes() if c.iri != str(owlready2.Nothing.iri)
    )
    return ReasonerReport(consistent=True, classes=len(list(world.classes())), unsatisfiable=unsat)
