"""Finding the instruments a text names (conventions, protocols, laws, decisions)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef


@dataclass(frozen=True)
class InstrumentMention:
    """One instrument named in a text: its IRI and the words that named it."""

    iri: URIRef
    text: str
    start: int
    end: int


def find_instruments(text: str) -> list[InstrumentMention]:
    """Every instrument named in ``text``, in order of appearance (not written yet)."""
    return []
