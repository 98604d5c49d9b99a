"""SPARQLWrapper, a client analysts use, against a real `migkg serve` on 127.0.0.1.

The server runs in a subprocess over an on-disk store holding tests/data/mini.trig; every
result format SPARQLWrapper can ask for is read back and checked against values read
from that file (the lead agency of 402's task 3.2.3 is MOLISA; task 1.4 has five lead
agencies; 3.2.3 refers to ILO C105 and not to the smuggling protocol).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any
from xml.dom.minidom import Document, Element, Text

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from migkg.namespaces import ID, MKG

pytestmark = pytest.mark.slow

MOLISA = str(ID["agency/molisa"])
TASK_323 = ID["task/402-qd-ttg/3.2.3"]
P = "PREFIX mkg: <https://w3id.org/migkg/ontology#>\n"
LEAD_323 = P + "SELECT ?a WHERE { ?t mkg:code '3.2.3' ; mkg:leadAgency ?a }"
LEADS_14 = P + "SELECT ?a WHERE { ?t mkg:code '1.4' ; mkg:leadAgency ?a } ORDER BY ?a"
ASK_TRUE = P + f"ASK {{ <{TASK_323}> mkg:refersTo <{ID['instrument/ilo-c105']}> }}"
ASK_FALSE = P + f"ASK {{ <{TASK_323}> mkg:refersTo <{ID['instrument/untoc-som']}> }}"
CONSTRUCT = (
    P + "CONSTRUCT { ?t mkg:leadAgency ?a } WHERE { ?t mkg:code '3.2.3' ; mkg:leadAgency ?a }"
)
FIVE = sorted(str(ID[f"agency/{k}"]) for k in ("mic", "mofa", "vff", "vwu", "cema"))


@pytest.fixture(scope="module")
def endpoint(migkg_server, mini_store_dir: Path) -> str:
    return migkg_server(mini_store_dir) + "/sparql"


def client(endpoint: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    sw.setTimeout(30)
    return sw


def as_json(sw: SPARQLWrapper) -> dict[str, Any]:
    """The answer to a query asked for as JSON, as SPARQLWrapper converts it."""
    data = sw.queryAndConvert()
    assert isinstance(data, dict), data
    return data


def as_xml(sw: SPARQLWrapper) -> Document:
    """The answer to a query asked for as XML, as SPARQLWrapper converts it."""
    doc = sw.queryAndConvert()
    assert isinstance(doc, Document), doc
    return doc


def as_bytes(sw: SPARQLWrapper) -> bytes:
    """The answer to a query asked for as CSV or TSV: the body SPARQLWrapper hands back."""
    data = sw.queryAndConvert()
    assert isinstance(data, bytes), data
    return data


def text_of(node: Element) -> str:
    """The text an XML element holds."""
    child = node.firstChild
    assert isinstance(child, Text), child
    return child.data


@pytest.mark.parametrize("method", ["GET", POST])
def test_select_json(endpoint: str, method: str) -> None:
    data = as_json(client(endpoint, LEAD_323, JSON, method))
    assert [b["a"]["value"] for b in data["results"]["bindings"]] == [MOLISA]
    assert data["results"]["bindings"][0]["a"]["type"] == "uri"


def test_select_xml(endpoint: str) -> None:
    doc = as_xml(client(endpoint, LEADS_14, XML))
    uris = [text_of(node) for node in doc.getElementsByTagName("uri")]
    assert uris == FIVE


def test_select_csv(endpoint: str) -> None:
    data = as_bytes(client(endpoint, LEADS_14, CSV))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert rows == [["a"], *([u] for u in FIVE)]


def test_select_tsv(endpoint: str) -> None:
    data = as_bytes(client(endpoint, LEAD_323, TSV))
    assert data.decode("utf-8").splitlines() == ["?a", f"<{MOLISA}>"]


def test_vietnamese_label_round_trip(endpoint: str) -> None:
    q = f"SELECT ?l WHERE {{ <{MOLISA}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
    data = as_json(client(endpoint, q, JSON))
    labels = {(b["l"]["value"], b["l"].get("xml:lang")) for b in data["results"]["bindings"]}
    assert ("Bộ Lao động - Thương binh và Xã hội", "vi") in labels


@pytest.mark.parametrize(("query", "expected"), [(ASK_TRUE, True), (ASK_FALSE, False)])
def test_ask_json_and_xml(endpoint: str, query: str, expected: bool) -> None:
    assert as_json(client(endpoint, query, JSON))["boolean"] is expected
    doc = as_xml(client(endpoint, query, XML))
    assert text_of(doc.getElementsByTagName("boolean")[0]) == str(expected).lower()


@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_ask_csv_and_tsv(endpoint: str, fmt: str) -> None:
    assert as_bytes(client(endpoint, ASK_TRUE, fmt)).strip() == b"true"
    assert as_bytes(client(endpoint, ASK_FALSE, fmt)).strip() == b"false"


@pytest.mark.parametrize(
    ("fmt", "mimetype", "rdflib_format"),
    [
        (TURTLE, "text/turtle", "turtle"),
        (JSONLD, "application/ld+json", "json-ld"),
        (RDFXML, "application/rdf+xml", "xml"),
        (XML, "application/rdf+xml", "xml"),
    ],
)
def test_construct(endpoint: str, fmt: str, mimetype: str, rdflib_format: str) -> None:
    # SPARQLWrapper's own graph readers use a class rdflib deprecates: read the body here
    result = client(endpoint, CONSTRUCT, fmt).query()
    assert result.response.headers["Content-Type"].startswith(mimetype)
    g = Graph().parse(data=result.response.read(), format=rdflib_format)
    assert set(g) == {(TASK_323, MKG.leadAgency, ID["agency/molisa"])}


def test_construct_ntriples(endpoint: str) -> None:
    sw = client(endpoint, CONSTRUCT, TURTLE)
    sw.setOnlyConneg(True)
    sw.addCustomHttpHeader("Accept", "application/n-triples")
    result = sw.query()
    assert result.response.headers["Content-Type"].startswith("application/n-triples")
    g = Graph().parse(data=result.response.read(), format="nt")
    assert set(g) == {(TASK_323, MKG.leadAgency, ID["agency/molisa"])}


def test_default_graph(endpoint: str) -> None:
    sw = client(endpoint, LEAD_323, JSON)
    sw.addDefaultGraph(str(ID["graph/reference"]))  # tasks are not in the reference graph
    assert as_json(sw)["results"]["bindings"] == []


def test_malformed_query(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed) as info:
        client(endpoint, "SELECT ?x WHERE { ?x ?y }", JSON).query()
    assert "1:" in str(info.value)  # the parser's message, with where it stopped
