"""The agency gazetteer: every body the corpus names, with labels, type, level, province."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph


@dataclass
class AgencyRecord:
    """One agency of the gazetteer."""

    key: str
    label_vi: str
    label_en: str
    kind: str
    alt_labels: list[str] = field(default_factory=list)
    level: str = "central"
    province: str | None = None
    collective: bool = False


@dataclass
class Gazetteer:
    """All agencies by key."""

    agencies: dict[str, AgencyRecord] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Gazetteer:
        """Load the shipped gazetteer data file."""
        return cls()

    def to_graph(self) -> Graph:
        """The gazetteer as RDF (agencies, provinces, change events)."""
        return Graph()
