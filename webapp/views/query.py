"""The SPARQL page: an editor with highlighting, the canned queries as examples, results."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from migkg.queries.catalogue import catalogue
from migkg.webapp.i18n import current_lang

bp = Blueprint("query", __name__)

DEFAULT_QUERY = """PREFIX mkg: <https://w3id.org/migkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?task ?code ?agency ?agencyLabel
WHERE {
  ?task mkg:code ?code ; mkg:leadAgency ?agency .
  ?agency rdfs:label ?agencyLabel .
  FILTER(lang(?agencyLabel) = "vi")
}
ORDER BY ?code
LIMIT 50
"""


@bp.get("/query")
def editor() -> str:
    """The editor, opened on ``?query=`` (a shared link) or on a canned query ``?example=``."""
    lang = current_lang()
    examples = [{"name": q.name, "title": q.title(lang), "text": q.render()} for q in catalogue()]
    text = request.args.get("query")
    chosen = request.args.get("example", "")
    if text is None:
        match = next((e for e in examples if e["name"] == chosen), None)
        text = match["text"] if match else DEFAULT_QUERY
    return render_template("query.html", query=text, examples=examples, chosen=chosen)
