"""The site's pages over the fixture graph (tests/data/mini.trig): every route, its status,
content type and the facts it must show, read from the fixture."""

from __future__ import annotations

import io
import json
import re
import zipfile
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlparse

import networkx as nx
import pytest
from expect import found
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from migkg.namespaces import ID, MKG
from queries.catalogue import catalogue

PAGES = ["/", "/query", "/queries", "/network", "/charts", "/exports"]


class Elements(HTMLParser):
    """Collects every start tag with its attributes, and the text under chosen ids."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def section(html: str, element_id: str) -> str:
    """The markup of the element with ``id`` up to the next section boundary."""
    start = html.index(f'id="{element_id}"')
    end = html.find("</section>", start)
    return html[start : end if end != -1 else len(html)]


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_html_with_navigation(site_client, path):
    r = site_client.get(path)
    assert r.status_code == 200
    assert r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    # The one layout: navigation to every part of the site and the language switch.
    for href in PAGES:
        assert f'href="{href}"' in html
    assert 'class="lang-switch"' in html
    assert 'lang="vi"' in html  # Vietnamese by default


@pytest.mark.parametrize("path", PAGES + ["/id/agency/molisa", "/id/task/402-qd-ttg/3.2.3"])
def test_pages_load_nothing_from_outside_the_app(site_client, path):
    html = site_client.get(path).get_data(as_text=True)
    for tag, attrs in elements(html):
        loaded = attrs.get("src") if tag in ("script", "img", "iframe") else None
        if tag == "link":
            loaded = attrs.get("href")
        if loaded is not None:
            assert loaded.startswith("/") and not loaded.startswith("//"), (tag, loaded)
        if tag == "script":
            # No inline scripts (the policy forbids them): every script is a file or data.
            assert attrs.get("src") or attrs.get("type") == "application/json"


def test_home_counts_what_the_fixture_holds(site_client):
    html = site_client.get("/").get_data(as_text=True)
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', html))
    # mini.trig: two source documents; tasks 1.4, 3.2.3, 3.2.4, II.2 and groups 1, 3, 3.2, II;
    # ten agencies typed in the reference graph; plans of 402 and 225; three conventions
    # (C087, C105, the smuggling protocol) besides 402, 225, 20-CT/TW and the GCM.
    assert counts["documents"] == "2"
    assert counts["tasks"] == "4"
    assert counts["task_groups"] == "4"
    assert counts["agencies"] == "10"
    assert counts["plans"] == "2"
    assert counts["conventions"] == "3"
    assert counts["instruments"] == "7"
    assert int(counts["triples"]) > 100
    assert "000_2ea71573e8b386bf.txt" in html and "002_cdf9dff2b193bbc4.txt" in html


def test_home_most_loaded_agencies(site_client):
    html = site_client.get("/").get_data(as_text=True)
    table = section(html, "most-loaded")
    rows = re.findall(r"<tr><td><a href=\"([^\"]+)\">[^<]*</a></td>(.*?)</tr>", table)
    numbers = {href: re.findall(r">(\d+)<", rest) for href, rest in rows}
    # The collective actor cooperates on 1.4, 3.2.3 and 3.2.4; MOLISA leads 3.2.3 and II.2;
    # MOFA leads 1.4 and joins II.2.
    assert rows[0][0] == "/id/agency/related-ministries-agencies-localities"
    assert numbers["/id/agency/related-ministries-agencies-localities"] == ["0", "3", "3"]
    assert numbers["/id/agency/molisa"] == ["2", "0", "2"]
    assert numbers["/id/agency/mofa"] == ["1", "1", "2"]
    assert numbers["/id/agency/mof"] == ["0", "1", "1"]


def test_home_deadlines_ahead_of_the_fixed_date(site_client):
    # Today is fixed at 2025-06-01: 1.4, 3.2.4 and II.2 run to 2030; 3.2.3 ended in 2023.
    table = section(site_client.get("/").get_data(as_text=True), "deadlines-ahead")
    assert "/id/task/402-qd-ttg/1.4" in table
    assert "/id/task/402-qd-ttg/3.2.4" in table
    assert "/id/task/225-nq-cp/II.2" in table
    assert "/id/task/402-qd-ttg/3.2.3" not in table
    assert "2030" in table


def test_language_switch_by_parameter_then_cookie(site_client):
    r = site_client.get("/?lang=en")
    html = r.get_data(as_text=True)
    assert '<html lang="en">' in html
    assert ">Home</a>" in html and ">Trang chủ</a>" not in html
    assert "Ministry of Labour, Invalids and Social Affairs" in html
    assert "lang=en" in r.headers.get("Set-Cookie", "")
    # The choice sticks for the next page without the parameter.
    html = site_client.get("/id/agency/mofa").get_data(as_text=True)
    assert "<h1>Ministry of Foreign Affairs</h1>" in html
    # and the switch leads back to Vietnamese.
    html = site_client.get("/id/agency/mofa?lang=vi").get_data(as_text=True)
    assert "<h1>Bộ Ngoại giao</h1>" in html
    assert ">Trang chủ</a>" in html


def test_language_switch_keeps_the_page_and_its_parameters(site_client):
    html = site_client.get("/queries/agency_tasks?agency=molisa").get_data(as_text=True)
    switch = found(r'class="lang-switch" href="([^"]+)"', html).group(1)
    url = urlparse(switch.replace("&amp;", "&"))
    assert url.path == "/queries/agency_tasks"
    assert parse_qs(url.query) == {"agency": ["molisa"], "lang": ["en"]}


def test_labels_fall_back_to_the_other_language(site_client):
    # Task II.2 has only a Vietnamese label: English readers see it too.
    html = site_client.get("/?lang=en").get_data(as_text=True)
    assert "Nghiên cứu ban hành chính sách hỗ trợ doanh nghiệp" in html
    # Convention C105 has only an English label: Vietnamese readers see it.
    html = site_client.get("/id/instrument/ilo-c105?lang=vi").get_data(as_text=True)
    assert '<h1 lang="en">Abolition of Forced Labour Convention, 1957 (No. 105)</h1>' in html


def test_unknown_language_is_ignored(site_client):
    html = site_client.get("/?lang=fr").get_data(as_text=True)
    assert '<html lang="vi">' in html


# --- the SPARQL page


def test_sparql_page_has_editor_examples_and_downloads(site_client):
    html = site_client.get("/query").get_data(as_text=True)
    assert '<textarea id="query" name="query"' in html
    assert "/static/vendor/yasgui/yasgui.min.js" in html and "/static/sparql-page.js" in html
    for q in catalogue():
        assert f'<option value="{q.name}"' in html
    downloads = re.findall(r'<a class="download" data-format="(\w+)" href="([^"]+)"', html)
    assert [fmt for fmt, _ in downloads] == ["csv", "tsv", "json", "xml"]
    for fmt, href in downloads:
        url = urlparse(href.replace("&amp;", "&"))
        assert url.path == "/sparql"
        params = parse_qs(url.query)
        assert params["format"] == [fmt]
        assert "SELECT" in params["query"][0]


def test_sparql_page_reopens_a_shared_query(site_client):
    query = 'SELECT ?s WHERE { ?s a <https://w3id.org/migkg/ontology#Plan> } # "<b>"'
    r = site_client.get("/query", query_string={"query": query})
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    # The text comes back inside the textarea, escaped.
    assert "# &#34;&lt;b&gt;&#34;</textarea>" in html
    share = found(r'id="share-link" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlparse(share).query)["query"] == [query]


def test_sparql_page_opens_a_canned_query_as_example(site_client):
    q = next(q for q in catalogue() if q.name == "agency_tasks")
    html = site_client.get("/query?example=agency_tasks").get_data(as_text=True)
    textarea = found(r'<textarea id="query"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "mkg:leadAgency" in textarea
    assert textarea.startswith("# title: " + q.title_en)
    assert '<option value="agency_tasks" data-query=' in html


# --- canned queries


def test_canned_queries_page_lists_every_query_with_its_form(site_client):
    html = site_client.get("/queries").get_data(as_text=True)
    for q in catalogue():
        assert f'id="q-{q.name}"' in html
        assert q.title_vi in html
        assert f'action="/queries/{q.name}"' in html
        for p in q.params:
            assert f'name="{p.name}"' in section(html, f"q-{q.name}")
    # An agency parameter is offered as a list of agencies, labelled in the reader's language.
    assert '<option value="molisa">Bộ Lao động - Thương binh và Xã hội</option>' in html


def test_canned_query_runs_with_parameters(site_client):
    r = site_client.get("/queries/agency_tasks?agency=molisa")
    assert r.status_code == 200
    table = section(r.get_data(as_text=True), "canned-results")
    # MOLISA leads 3.2.3 (Decision 402) and II.2 (Resolution 225); it joins nothing.
    assert 'href="/id/task/402-qd-ttg/3.2.3"' in table
    assert 'href="/id/task/225-nq-cp/II.2"' in table
    assert "/id/task/402-qd-ttg/1.4" not in table
    assert table.count("<tr>") == 3  # header + 2 rows


def test_canned_query_with_a_bad_parameter_names_it(site_client):
    r = site_client.get("/queries/tasks_active_in_year?year=soon")
    assert r.status_code == 400
    assert "year" in r.get_data(as_text=True)


def test_unknown_canned_query_is_404(site_client):
    r = site_client.get("/queries/no_such_query")
    assert r.status_code == 404
    assert r.mimetype == "text/html"


# --- network, charts, exports


def network_json(html: str) -> dict:
    raw = found(r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S)
    return json.loads(raw.group(1))


def test_network_page_draws_the_coordination_network(site_client):
    html = site_client.get("/network").get_data(as_text=True)
    data = network_json(html)
    ids = {n["id"] for n in data["nodes"]}
    assert str(ID["agency/molisa"]) in ids
    assert str(ID["agency/related-ministries-agencies-localities"]) in ids
    # II.2: MOLISA leads, MOFA and MOF cooperate.
    ids_at = [n["id"] for n in data["nodes"]]
    edges = {(ids_at[e[0]], ids_at[e[1]]) for e in data["edges"]}
    assert (str(ID["agency/molisa"]), str(ID["agency/mof"])) in edges
    assert "/assets/viz/sigma-bundle.min.js" in html
    node = next(n for n in data["nodes"] if n["id"] == str(ID["agency/molisa"]))
    assert node["url"] == "/id/agency/molisa"


def test_network_filters(site_client):
    data = network_json(site_client.get("/network?plan=225-nq-cp").get_data(as_text=True))
    assert {n["id"].rsplit("/", 1)[-1] for n in data["nodes"]} == {"molisa", "mofa", "mof"}
    data = network_json(
        site_client.get("/network?collective=1&collective=0").get_data(as_text=True)
    )
    assert str(ID["agency/related-ministries-agencies-localities"]) in {
        n["id"] for n in data["nodes"]
    }
    data = network_json(site_client.get("/network?collective=0").get_data(as_text=True))
    assert str(ID["agency/related-ministries-agencies-localities"]) not in {
        n["id"] for n in data["nodes"]
    }
    # 2021: 3.2.3 (2020-2023), 3.2.4 and 1.4 (2020-2030); II.2 starts in 2023.
    data = network_json(site_client.get("/network?year=2021").get_data(as_text=True))
    assert str(ID["agency/mof"]) not in {n["id"] for n in data["nodes"]}
    assert str(ID["agency/mps"]) in {n["id"] for n in data["nodes"]}


def test_network_filter_form_offers_plans_and_instruments(site_client):
    html = site_client.get("/network").get_data(as_text=True)
    assert '<option value="402-qd-ttg">402/QĐ-TTg</option>' in html
    assert '<option value="20-ct-tw">20-CT/TW</option>' in html


@pytest.mark.parametrize("name", ["dependency", "bipartite"])
def test_other_networks(site_client, name):
    html = site_client.get(f"/network?network={name}").get_data(as_text=True)
    kinds = {n["kind"] for n in network_json(html)["nodes"]}
    assert {"agency", "task"} <= kinds


def test_network_bad_filter_is_reported(site_client):
    r = site_client.get("/network?year=20x")
    assert r.status_code == 400  # the page is drawn, with the error, as a bad request
    alert = found(r'role="alert">([^<]*)<', r.get_data(as_text=True)).group(1)
    assert alert.startswith("year:") and "20x" in alert


@pytest.mark.parametrize(
    ("query", "param"), [("plan=999-khong-co", "plan:"), ("network=bogus", "network")]
)
def test_network_unknown_plan_or_network_is_reported(site_client, query, param):
    r = site_client.get(f"/network?{query}")
    assert r.status_code == 400  # drawn with the error, as a bad request
    alert = found(r'role="alert">([^<]*)<', r.get_data(as_text=True)).group(1)
    assert alert.startswith(param)


def test_charts_page(site_client):
    html = site_client.get("/charts?agency=molisa").get_data(as_text=True)
    for chart in ("load-bars", "load-heatmap", "timeline"):
        assert "<svg" in section(html, chart)
    # The timeline of MOLISA: its two tasks.
    timeline = section(html, "timeline")
    assert "3.2.3" in timeline and "II.2" in timeline
    assert 'href="/id/agency/molisa"' in section(html, "load-bars")


def test_exports_page_lists_every_download(site_client):
    html = site_client.get("/exports").get_data(as_text=True)
    for fmt in ("turtle", "nt", "jsonld", "xml"):
        assert f'href="/exports/graph.{fmt}"' in html
    for network in ("coordination", "dependency", "bipartite"):
        for fmt in ("graphml", "gexf", "json", "csv"):
            assert f"/exports/{network}.{fmt}?" in html


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"),
    [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml")],
)
def test_graph_downloads_parse_back(site_client, fmt, rdflib_format):
    r = site_client.get(f"/exports/graph.{fmt}")
    assert r.status_code == 200
    assert r.headers["Content-Disposition"].startswith("attachment;")
    g = Graph().parse(data=r.data, format=rdflib_format)
    task = ID["task/402-qd-ttg/3.2.3"]
    assert (task, MKG.leadAgency, ID["agency/molisa"]) in g
    assert (ID["agency/mofa"], RDFS.label, Literal("Bộ Ngoại giao", lang="vi")) in g


@pytest.mark.parametrize("network", ["coordination", "dependency", "bipartite"])
def test_network_downloads_parse_back(site_client, network, tmp_path):
    molisa = str(ID["agency/molisa"])
    r = site_client.get(f"/exports/{network}.graphml")
    assert r.headers["Content-Disposition"] == f'attachment; filename="migkg-{network}.graphml"'
    path = tmp_path / "n.graphml"
    path.write_bytes(r.data)
    assert molisa in nx.read_graphml(path)
    r = site_client.get(f"/exports/{network}.gexf")
    path = tmp_path / "n.gexf"
    path.write_bytes(r.data)
    assert molisa in nx.read_gexf(path)
    r = site_client.get(f"/exports/{network}.json")
    assert molisa in {n["id"] for n in json.loads(r.data)["nodes"]}
    r = site_client.get(f"/exports/{network}.csv")
    with zipfile.ZipFile(io.BytesIO(r.data)) as zf:
        assert sorted(zf.namelist()) == ["edges.csv", "nodes.csv"]
        assert molisa in zf.read("nodes.csv").decode("utf-8")


def test_network_download_follows_the_filter(site_client):
    r = site_client.get("/exports/coordination.json?plan=225-nq-cp")
    ids = {n["id"].rsplit("/", 1)[-1] for n in json.loads(r.data)["nodes"]}
    assert ids == {"molisa", "mofa", "mof"}


def test_unknown_export_is_404_and_bad_format_400(site_client):
    assert site_client.get("/exports/everything.turtle").status_code == 404
    r = site_client.get("/exports/graph.docx")
    assert r.status_code == 400
    assert "format" in r.get_data(as_text=True)


# --- assets and errors


@pytest.mark.parametrize(
    ("path", "mimetype"),
    [
        ("/static/site.css", "text/css"),
        ("/static/vendor/yasgui/yasgui.min.js", "text/javascript"),
        ("/static/sparql-page.js", "text/javascript"),
        ("/assets/viz/sigma-bundle.min.js", "text/javascript"),
        ("/assets/viz/network-view.js", "text/javascript"),
        ("/assets/viz/network-view.css", "text/css"),
    ],
)
def test_assets_are_served_by_the_app(site_client, path, mimetype):
    r = site_client.get(path)
    assert r.status_code == 200
    assert r.mimetype == mimetype
    assert len(r.data) > 500
    r.close()


def test_unknown_route_is_a_404_page(site_client):
    r = site_client.get("/no/such/page")
    assert r.status_code == 404
    assert r.mimetype == "text/html"
    assert "404" in r.get_data(as_text=True)


def test_page_javascript_inserts_text_only():
    from webapp import __file__ as pkg

    static = __import__("pathlib").Path(pkg).parent / "static"
    for name in ("sparql-page.js", "sparql-views.js", "search-suggest.js", "param-suggest.js"):
        code = (static / name).read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, (name, sink)
