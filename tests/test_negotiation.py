"""Content negotiation: Accept parsing, choice among offered types, the format parameter."""

from __future__ import annotations

import pytest

from webapp.negotiation import SOLUTION_TYPES, choose, negotiate, parse_accept


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, [("*/*", 1.0)]),
        ("", [("*/*", 1.0)]),
        ("text/csv", [("text/csv", 1.0)]),
        ("TEXT/CSV", [("text/csv", 1.0)]),
        ("text/csv;q=0.5, application/json", [("application/json", 1.0), ("text/csv", 0.5)]),
        ("text/*;q=0.3, text/csv;q=0.3", [("text/csv", 0.3), ("text/*", 0.3)]),
        ("*/*;q=0.1, text/turtle", [("text/turtle", 1.0), ("*/*", 0.1)]),
        ("*", [("*/*", 1.0)]),
        ("text/csv; charset=utf-8; q=0.7", [("text/csv", 0.7)]),
        ("text/csv;q=2", [("text/csv", 1.0)]),
        ("text/csv;q=-1", [("text/csv", 0.0)]),
        ("text/csv;q=abc", [("text/csv", 0.0)]),
        ("garbage, text/csv", [("text/csv", 1.0)]),
        ("*/json, text/csv", [("text/csv", 1.0)]),
        ("a/b, c/d", [("a/b", 1.0), ("c/d", 1.0)]),
    ],
)
def test_parse_accept(header: str | None, expected: list[tuple[str, float]]) -> None:
    got = [(f"{r.type}/{r.subtype}", r.q) for r in parse_accept(header)]
    assert got == expected


@pytest.mark.parametrize(
    ("header", "offered", "expected"),
    [
        (None, ["text/csv", "application/json"], "text/csv"),
        ("application/json", ["text/csv", "application/json"], "application/json"),
        ("text/*", ["application/json", "text/csv"], "text/csv"),
        (
            "text/*;q=0.5, text/csv;q=0",
            ["text/csv", "text/tab-separated-values"],
            "text/tab-separated-values",
        ),
        ("text/csv;q=0", ["text/csv"], None),
        ("image/png", ["text/csv", "application/json"], None),
        # equal q: the client's order decides
        (
            "text/tab-separated-values, text/csv",
            ["text/csv", "text/tab-separated-values"],
            "text/tab-separated-values",
        ),
        # the most specific range gives the q
        ("*/*;q=0.9, text/csv;q=0.1", ["text/csv", "application/json"], "application/json"),
    ],
)
def test_choose(header: str | None, offered: list[str], expected: str | None) -> None:
    assert choose(parse_accept(header), offered) == expected


@pytest.mark.parametrize(
    ("accept", "formats", "expected"),
    [
        # defaults: JSON for tables, Turtle for graphs
        (None, [], ("json", "turtle")),
        ("*/*", [], ("json", "turtle")),
        # what SPARQLWrapper sends for each return format
        (
            "application/sparql-results+json,application/json,text/javascript,application/javascript",
            ["json"],
            ("json", "jsonld"),
        ),
        ("application/sparql-results+xml", ["xml"], ("xml", "rdfxml")),
        ("text/csv", ["csv"], ("csv", None)),
        ("text/tab-separated-values", ["tsv", "text/tab-separated-values"], ("tsv", None)),
        ("application/turtle,text/turtle", ["turtle"], (None, "turtle")),
        ("application/rdf+xml", ["rdf+xml", "application/rdf+xml"], (None, "rdfxml")),
        (
            "application/ld+json,application/x-json+ld",
            ["json-ld", "application/ld+json"],
            (None, "jsonld"),
        ),
        # Accept alone
        ("application/n-triples", [], (None, "nt")),
        ("text/csv;q=0.5, application/sparql-results+xml", [], ("xml", None)),
        ("image/png", [], (None, None)),
        # the format parameter wins over Accept; an unknown value falls back to Accept
        ("text/csv", ["json"], ("json", "jsonld")),
        ("text/csv", ["nonsense"], ("csv", None)),
        (None, ["nt"], (None, "nt")),
    ],
)
def test_negotiate(
    accept: str | None, formats: list[str], expected: tuple[str | None, str | None]
) -> None:
    assert negotiate(accept, formats) == expected


def test_every_result_media_type_maps_to_a_known_format() -> None:
    assert set(SOLUTION_TYPES.values()) == {"json", "xml", "csv", "tsv"}
