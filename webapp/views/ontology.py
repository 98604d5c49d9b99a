"""The ontology's documentation: ``https://w3id.org/migkg/ontology`` (and ``#Term``) is served
at ``/ontology``: the page in the reader's language, or the Turtle file to a client that asks
for ``text/turtle``."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from markupsafe import Markup

from webapp.i18n import current_lang
from webapp.ontology_diagram import diagram
from webapp.ontology_doc import documentation, turtle

bp = Blueprint("ontology", __name__)

TURTLE = "text/turtle"


def _wants_turtle() -> bool:
    """True when the client prefers Turtle to HTML (``Accept`` or ``?format=ttl``)."""
    if request.args.get("format") in ("ttl", "turtle"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", TURTLE])
    return (
        best == TURTLE and request.accept_mimetypes[TURTLE] > request.accept_mimetypes["text/html"]
    )


@bp.get("/ontology")
def page() -> Response | str:
    """The documentation page, or the ontology file as Turtle."""
    if _wants_turtle():
        response = Response(turtle(), mimetype=TURTLE)
    else:
        lang = current_lang()
        onto = documentation()
        response = Response(
            render_template(
                "ontology.html",
                onto=onto,
                sections=[
                    (kind, onto.of_kind(kind))
                    for kind in ("class", "object", "datatype", "annotation", "scheme", "concept")
                ],
                diagram=Markup(diagram(lang)),  # noqa: S704 - drawn by ontology_diagram, escaped there
                lang=lang,
            ),
            mimetype="text/html",
        )
    response.vary.add("Accept")
    return response
