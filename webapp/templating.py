"""Helpers the templates use: links to resource pages, compact names, task-code order."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from rdflib import Literal, URIRef

from migkg.codes import code_key
from migkg.namespaces import MKG
from webapp.citation import citation
from webapp.ontology_doc import ONTOLOGY_IRI
from webapp.pagequery import local_path, short


def href(iri: Any) -> str:
    """Where a link to ``iri`` goes: its page on this site (an ``mkg:`` term: its entry on
    the ontology page), else the IRI itself."""
    text = str(iri)
    if text.startswith(str(MKG)) and len(text) > len(str(MKG)):
        return "/ontology#" + text[len(str(MKG)) :]
    if text in (ONTOLOGY_IRI, str(MKG)):
        return "/ontology"
    return local_path(iri) or text


def is_iri(term: Any) -> bool:
    """True for an IRI (a thing that can be linked), false for a literal or nothing."""
    return isinstance(term, URIRef)


def literal_text(term: Any) -> str:
    """A literal's lexical form (its language tag and datatype left out)."""
    if isinstance(term, Literal):
        return str(term)
    return "" if term is None else str(term)


# A recurrence rule (FREQ=YEARLY;UNTIL=20301231) is a code too.
_CODE = re.compile(r"[\w.+-]+[/:_#=][\w./:#+=;-]*")


def is_code(term: Any) -> bool:
    """True for a value that is a code, a file or media type name (``text/plain``, ``a_b``)."""
    return term is not None and bool(_CODE.fullmatch(str(term)))


def init_app(app: Flask) -> None:
    """Register the filters and tests; templates autoescape (Flask's default for .html)."""
    app.jinja_env.filters.update(
        href=href, short=short, code_key=code_key, text=literal_text, local_path=local_path
    )
    app.jinja_env.globals["citation"] = citation
    app.jinja_env.tests["iri"] = is_iri
    app.jinja_env.tests["code"] = is_code
    app.jinja_env.autoescape = True
