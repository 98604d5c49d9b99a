"""The migkg OWL ontology and its SHACL shapes, kept as Turtle files beside this module."""

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_TTL = ONTOLOGY_DIR / "migkg.ttl"
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"
