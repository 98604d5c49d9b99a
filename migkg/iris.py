"""Stable, readable resource IRIs made from the things themselves (never from counters)."""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import URIRef

from migkg.namespaces import ID
from migkg.text import fold

_NON_SLUG = re.compile(r"[^a-z0-9]+")
# What a file stem may hold that an IRI path segment may not (or that would end it); other
# characters, Vietnamese letters included, stay as they are.
_NOT_IN_PATH = re.compile(r"[\x00-\x20\x7f<>\"'{}|^`\\#?/%\[\]]")


def slug(text: str) -> str:
    """`402/QĐ-TTg` → `402-qd-ttg`; `Kiên Giang` → `kien-giang`."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")


def agency(key: str) -> URIRef:
    """IRI of a gazetteer agency, e.g. ``id:agency/mofa``."""
    return ID[f"agency/{key}"]


def instrument(number: str) -> URIRef:
    """IRI of an instrument from its printed number or a reference key."""
    return ID[f"instrument/{slug(number)}"]


def plan(number: str) -> URIRef:
    """IRI of the plan adopted by (or numbered as) the given instrument."""
    return ID[f"plan/{slug(number)}"]


def task(plan_number: str, code: str) -> URIRef:
    """IRI of a task: ``id:task/402-qd-ttg/3.2.3``, ``id:task/225-nq-cp/II.4``."""
    return ID[f"task/{slug(plan_number)}/{code}"]


def province(name: str) -> URIRef:
    """IRI of a province by its Vietnamese name: ``id:province/kien-giang``."""
    return ID[f"province/{slug(name)}"]


def document(stem: str) -> URIRef:
    """IRI of a corpus file by its file stem; characters an IRI may not hold (a space, a
    quote, a line break …) are percent-encoded: ``Decision 402`` → ``Decision%20402``."""
    return ID["document/" + _NOT_IN_PATH.sub(lambda m: quote(m.group(), safe=""), stem)]


def resource(kind: str, *parts: str) -> URIRef:
    """IRI for any further kind of resource (``duty``, ``event``, ``observation`` …)."""
    return ID["/".join([kind, *parts])]
