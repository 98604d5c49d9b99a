"""Instrument mentions in a task's text, written as refersTo links and Mention nodes."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from loaders.base import EmitContext
from loaders.instrument_labels import instrument_triples
from loaders.instruments import find_instruments
from migkg import iris
from migkg.namespaces import MKG


def emit_instrument_mentions(
    ctx: EmitContext, task: URIRef, plan_number: str, code: str, text: str, start: int, end: int
) -> None:
    """Link ``task`` to every instrument its ``text`` names, with a Mention node for each.

    The instrument's own triples come along (adding them twice is harmless), so a
    ``mkg:refersTo`` always lands on a described resource.
    """
    for found in find_instruments(text):
        for triple in instrument_triples(found):
            ctx.add(*triple)
        ctx.add(task, MKG.refersTo, found.iri)
        mention = iris.resource("mention", iris.slug(plan_number), code, str(found.start))
        ctx.add(mention, RDF.type, MKG.Mention)
        ctx.add(mention, MKG.mentionText, Literal(found.text))
        ctx.add(mention, MKG.resolvedTo, found.iri)
        ctx.add(mention, MKG.mentionedIn, task)
        ctx.provenance(mention, start, end)
