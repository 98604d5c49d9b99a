"""The forms graph/dialect.py sends a query in are the same query: every rewrite, run on an
engine that follows SPARQL 1.1 (pyoxigraph here) and read back as the remote store reads
answers, gives the answer of the text as written. And the rewrites do what they say on
the text itself (the comparisons on a real Virtuoso are tests/test_queries_remote.py and
tests/test_engine_pages.py)."""

from __future__ import annotations

import json
from collections import Counter

import pyoxigraph as ox
import pytest

from graph import dialect
from graph.results import written
from queries import catalogue as cat
from queries import internal

DATA = """
@prefix : <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
:plan :adoptedBy :decision ; :implements :compact ; :refersTo :law ; :code "P" .
:other :implements :plan .
:adoptedBy rdfs:label "adopted by"@en , "được ban hành kèm theo"@vi .
:implements rdfs:label "implements"@en .
:decision rdfs:label "Decision"@en .
:compact a :Convention ; rdfs:label "Compact"@en .
:law a :Law .
:t1 a :Task ; :lead :a , :b .
:t2 a :Task ; :lead :c .
:t3 a :Task , :Group .
:a rdfs:label "A"@vi .
:b rdfs:label "B"@vi .
"""

PREFIXES = "PREFIX : <http://example.org/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"

SAME_QUERIES = {
    "values with a union and optionals": """
        SELECT ?direction ?p ?pLabel ?other WHERE {
          VALUES ?p { :implements :adoptedBy :precededBy }
          { :plan ?p ?other BIND("out" AS ?direction) }
          UNION
          { ?other ?p :plan BIND("in" AS ?direction) FILTER NOT EXISTS { ?other :code ?c } }
          OPTIONAL { ?p rdfs:label ?pLabel }
          OPTIONAL { ?other rdfs:label ?otherLabel }
        }""",
    "values of several columns with UNDEF and literals": """
        SELECT ?x ?kind ?n WHERE {
          VALUES (?class ?kind ?n) { (:Task "task" 1) (:Group "group" UNDEF) (:Law "law" "x"@en) }
          ?x a ?class .
        }""",
    "truth values bound": """
        SELECT ?t ?group ?always ?never ?notGroup WHERE {
          ?t a :Task .
          BIND(EXISTS { ?t a :Group } AS ?group)
          BIND(true AS ?always) BIND(false AS ?never)
          BIND(NOT EXISTS { ?t a :Group } AS ?notGroup)
        }""",
    "a folded variable in ORDER BY": """
        SELECT ?t ?lead ?name WHERE {
          VALUES (?lead ?none) { (<http://example.org/a> UNDEF) }
          # (sorted below: ORDER BY the task, then the lead)
          ?t :lead ?lead .
          OPTIONAL { ?lead rdfs:label ?name }
          OPTIONAL { ?t :code ?code }
        }
        ORDER BY ?t ?lead DESC(?lead) ?name""",
    "group_concat over missing values": """
        SELECT ?t (GROUP_CONCAT(DISTINCT ?name; separator="; ") AS ?leads) (COUNT(*) AS ?n)
        WHERE {
          ?t a :Task .
          OPTIONAL { ?t :lead ?lead OPTIONAL { ?lead rdfs:label ?name } }
        }
        GROUP BY ?t""",
}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.load(DATA.encode(), format=ox.RdfFormat.TURTLE)
    return s


def answer(store: ox.Store, text: str) -> Counter[tuple[str, ...]]:
    """The answer as the remote store reads it: JSON, through ``standard_results``."""
    result = store.query(text)
    assert isinstance(result, ox.QuerySolutions)
    body = written(result.serialize(format=ox.QueryResultsFormat.JSON))
    data = json.loads(dialect.standard_results("application/sparql-results+json", body))
    names = data["head"]["vars"]
    return Counter(
        tuple(json.dumps(row.get(n), sort_keys=True) for n in names)
        for row in data["results"]["bindings"]
    ) + Counter({tuple(names): 1})


@pytest.mark.parametrize("name", sorted(SAME_QUERIES))
def test_rewritten_query_gives_the_same_answer(store: ox.Store, name: str) -> None:
    text = PREFIXES + SAME_QUERIES[name]
    sent = dialect.for_remote(text)
    assert sent != text, "the example must exercise a rewrite"
    assert answer(store, sent) == answer(store, text)


def test_values_inside_a_group_become_a_union_of_binds() -> None:
    sent = dialect.values_as_union(
        'SELECT * WHERE { VALUES (?a ?b) { (:x "y z") (UNDEF 2) } ?a ?p ?b } VALUES ?c { 1 }'
    )
    assert '{ BIND(:x AS ?a) BIND("y z" AS ?b) } UNION { BIND(2 AS ?b) }' in sent
    assert sent.endswith("VALUES ?c { 1 }"), "the VALUES clause after the query stays"


def test_values_in_comments_strings_and_iris_are_left_alone() -> None:
    text = '# VALUES ?x { 1 2 }\nSELECT ?s WHERE { ?s <http://e/VALUES> "VALUES ?y { 1 }" }'
    assert dialect.values_as_union(text) == text
    assert (
        dialect.typed_booleans('SELECT ?s WHERE { ?s ?p "BIND(true AS ?x)" }').count("STRDT") == 0
    )


def test_keywords_in_comments_and_strings_do_not_keep_a_variable_in_values() -> None:
    # a GROUP BY or an AS written in a comment or a string binds nothing: the IRI is folded
    for words in (
        "# counted as in GROUP BY ?lead\n",
        "# a row AS ?lead\n",
        'FILTER(?t != "AS ?lead")',
    ):
        text = (
            "SELECT ?t WHERE {\n  VALUES (?lead) { (<http://e/a>) }\n  "
            + words
            + "\n  ?t <http://e/lead> ?lead .\n}"
        )
        sent = dialect.inline_values(text)
        assert "?t <http://e/lead> <http://e/a> ." in sent, sent
        assert "VALUES" not in sent, sent


def test_truth_value_in_a_larger_expression_is_left_alone() -> None:
    text = "SELECT ?x WHERE { BIND(true && ?y AS ?x) BIND(IF(EXISTS { ?a ?b ?c }, 1, 2) AS ?z) }"
    assert dialect.typed_booleans(text) == text


def test_group_concat_counts_are_projected_beside_it() -> None:
    sent = dialect.strict_group_concat(
        'SELECT ?t (GROUP_CONCAT(DISTINCT STR(?n); separator="; ") AS ?names)\n'
        "WHERE { ?t ?p ?n } GROUP BY ?t"
    )
    assert "(COUNT(*) AS ?migkg_rows__names) (COUNT(STR(?n)) AS ?migkg_values__names)" in sent


def _json(names: list[str], rows: list[dict[str, dict[str, str]]]) -> bytes:
    return json.dumps({"head": {"vars": names}, "results": {"bindings": rows}}).encode()


def test_results_unbind_a_list_over_missing_values_and_drop_the_counts() -> None:
    count = {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    body = _json(
        ["t", "names", "migkg_rows__names", "migkg_values__names"],
        [
            {
                "t": {"type": "uri", "value": "http://e/1"},
                "names": {"type": "literal", "value": ""},
                "migkg_rows__names": {**count, "value": "2"},
                "migkg_values__names": {**count, "value": "0"},
            },
            {
                "t": {"type": "uri", "value": "http://e/2"},
                "names": {"type": "literal", "value": "a; b"},
                "migkg_rows__names": {**count, "value": "2"},
                "migkg_values__names": {**count, "value": "2"},
            },
        ],
    )
    data = json.loads(dialect.standard_results("application/sparql-results+json", body))
    assert data["head"]["vars"] == ["t", "names"]
    first, second = data["results"]["bindings"]
    assert "names" not in first
    assert second["names"]["value"] == "a; b"
    assert set(second) == {"t", "names"}


def test_results_give_booleans_their_canonical_form() -> None:
    boolean = {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}
    body = _json(["a", "b"], [{"a": {**boolean, "value": "1"}, "b": {**boolean, "value": "0"}}])
    data = json.loads(dialect.standard_results("application/sparql-results+json", body))
    row = data["results"]["bindings"][0]
    assert (row["a"]["value"], row["b"]["value"]) == ("true", "false")


def test_ask_table_becomes_a_boolean() -> None:
    body = _json(["__ASK_RETVAL"], [{"__ASK_RETVAL": {"type": "literal", "value": "1"}}])
    assert json.loads(dialect.standard_results("application/json", body))["boolean"] is True


def _texts() -> list[tuple[str, str]]:
    out = [(q.name, q.render()) for q in cat.catalogue()]
    names = sorted(p.stem for p in cat.QUERIES_DIR.joinpath("internal").glob("*.rq"))
    return out + [(name, internal(name)) for name in names]


@pytest.mark.parametrize(("name", "text"), _texts(), ids=lambda v: v if "\n" not in v else "")
def test_every_query_is_still_sparql_once_rewritten(name: str, text: str) -> None:
    # the embedded store parses (and runs, on no data) the text a remote store is sent
    ox.Store().query(dialect.for_remote(text))
