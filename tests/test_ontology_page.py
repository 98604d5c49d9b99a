"""The ontology's documentation at /ontology: every term of ontology/migkg.ttl with both labels,
its comment in the page's language, the diagram of the main classes, Turtle for a client that
asks for it, and resource pages linking mkg: terms to the page."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "migkg.ttl"
MKG = "https://w3id.org/migkg/ontology#"
MAIN = ("Instrument", "Plan", "Task", "TaskGroup", "Agency", "Province", "SourceDocument")


def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def documented_terms() -> list[URIRef]:
    """The classes and properties of the mkg: namespace, read from the file."""
    graph = ontology_graph()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    found = {str(s) for k in kinds for s in graph.subjects(RDF.type, k) if str(s).startswith(MKG)}
    return [URIRef(s) for s in sorted(found)]


def in_lang(graph: Graph, subject: URIRef, prop: URIRef, lang: str) -> str:
    return next(
        str(o)
        for o in graph.objects(subject, prop)
        if isinstance(o, Literal) and o.language == lang
    )


class Articles(HTMLParser):
    """The text of each element with an id (the term entries), keyed by id."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str | None] = []
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.open.append(dict(attrs).get("id"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1]:
            self.text.setdefault(self.open[-1], []).append(data)


def entries(body: str) -> dict[str, str]:
    parser = Articles()
    parser.feed(body)
    return {k: re.sub(r"\s+", " ", "".join(v)) for k, v in parser.text.items()}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_term_is_listed_with_both_labels_and_its_comment(site_client, lang):
    graph = ontology_graph()
    r = site_client.get(f"/ontology?lang={lang}")
    assert r.status_code == 200 and r.mimetype == "text/html"
    found = entries(r.get_data(as_text=True))
    terms = documented_terms()
    assert len(terms) > 100
    for term in terms:
        name = str(term)[len(MKG) :]
        assert name in found, name
        text = found[name]
        assert str(term) in text
        for label_lang in ("vi", "en"):
            assert re.sub(r"\s+", " ", in_lang(graph, term, RDFS.label, label_lang)) in text
        comment = re.sub(r"\s+", " ", in_lang(graph, term, RDFS.comment, lang))
        assert comment in text, name
        other = re.sub(
            r"\s+", " ", in_lang(graph, term, RDFS.comment, "en" if lang == "vi" else "vi")
        )
        assert other not in text, name


def test_terms_link_their_neighbours_and_the_contents_lists_them(site_client):
    body = site_client.get("/ontology?lang=en").get_data(as_text=True)
    graph = ontology_graph()
    # Every mkg: superclass and domain is a link to its anchor on the page.
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if str(sub).startswith(MKG) and str(sup).startswith(MKG):
            entry = body[body.index(f'id="{str(sub)[len(MKG) :]}"') :]
            entry = entry[: entry.index("</article>")]
            assert f'href="#{str(sup)[len(MKG) :]}"' in entry
    toc = body[body.index('id="toc"') : body.index("</nav>", body.index('id="toc"'))]
    for term in documented_terms():
        assert f'href="#{str(term)[len(MKG) :]}"' in toc


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_diagram_draws_the_main_classes(site_client, lang):
    graph = ontology_graph()
    body = site_client.get(f"/ontology?lang={lang}").get_data(as_text=True)
    start = body.index("<svg")
    svg = body[start : body.index("</svg>", start)]
    texts = {html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}
    for name in MAIN:
        assert in_lang(graph, URIRef(MKG + name), RDFS.label, lang) in texts, name
    assert 'class="subclass"' in svg and 'class="property"' in svg


def test_turtle_is_served_to_a_client_that_asks_for_it(site_client):
    r = site_client.get("/ontology", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    parsed = Graph().parse(data=r.get_data(as_text=True), format="turtle")
    assert (URIRef("https://w3id.org/migkg/ontology"), RDF.type, OWL.Ontology) in parsed
    assert len(parsed) == len(ontology_graph())
    page = site_client.get("/ontology", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.mimetype == "text/html"


def test_a_class_link_on_a_resource_page_stays_on_the_site(site_client):
    body = site_client.get("/id/agency/mofa?lang=en").get_data(as_text=True)
    assert 'href="/ontology#Ministry"' in body
    assert f'href="{MKG}' not in body
    assert site_client.get("/ontology").status_code == 200


def test_the_navigation_links_the_ontology(site_client):
    body = site_client.get("/?lang=vi").get_data(as_text=True)
    assert '<a href="/ontology">Bản thể học</a>' in body


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_interface_of_the_page_is_in_its_language(site_client, lang):
    """Outside the ontology's own texts (which quote code values and the documents' words),
    the page shows no word of the other language's interface."""
    from test_i18n import english_words, vietnamese_words, visible_words

    body = site_client.get(f"/ontology?lang={lang}").get_data(as_text=True)
    body = re.sub(r'<dd class="comment".*?</dd>|<p class="lead".*?</p>', "", body, flags=re.S)
    others = english_words() if lang == "vi" else vietnamese_words()
    seen = {w.lower() for w in visible_words(body, lang)}
    assert not seen & others, sorted(seen & others)
