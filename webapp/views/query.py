"""The SPARQL page: an editor with highlighting, the canned queries as examples, results."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext

from queries import internal
from queries.catalogue import catalogue
from webapp.editor_terms import editor_terms
from webapp.i18n import N_, current_lang
from webapp.security import EDITOR_POLICY

bp = Blueprint("query", __name__)

# YASR's own words (its views, controls and table summary), shown in the reader's language.
YASR_TEXTS = (
    N_("Table"),
    N_("Chart"),
    N_("Timeline"),
    N_("Network"),
    N_("Response"),
    N_("Simple view"),
    N_("Ellipse"),
    N_("Filter query results"),
    N_("Page size:"),
    N_("All"),
    N_("Show all"),
    N_("Download result"),
    N_("True"),
    N_("False"),
)
TABLE_LANGUAGE = {
    "info": N_("Rows _START_ to _END_ of _TOTAL_"),
    "infoEmpty": N_("No rows"),
    "emptyTable": N_("No rows"),
    "zeroRecords": N_("No rows match the filter"),
    "infoFiltered": N_("(filtered from _MAX_ rows)"),
}

# The SPARQL 1.1 Protocol endpoint (its own blueprint) that the page sends queries to.
ENDPOINT = "/sparql"


@bp.get("/query")
def editor() -> Response:
    """The editor, opened on ``?query=`` (a shared link) or on a canned query ``?example=``."""
    lang = current_lang()
    examples = [{"name": q.name, "title": q.title(lang), "text": q.render()} for q in catalogue()]
    text = request.args.get("query")
    chosen = request.args.get("example", "")
    if text is None:
        match = next((e for e in examples if e["name"] == chosen), None)
        text = match["text"] if match else internal("page_sparql_default")
    html = render_template(
        "query.html",
        query=text,
        examples=examples,
        chosen=chosen,
        endpoint=ENDPOINT,
        terms=editor_terms(),
        yasr_texts={
            "words": {text: gettext(text) for text in YASR_TEXTS},
            "table": {key: gettext(text) for key, text in TABLE_LANGUAGE.items()},
        },
    )
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = EDITOR_POLICY
    return response
