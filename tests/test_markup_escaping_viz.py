"""A label holding markup comes out as text everywhere viz draws or writes it: the
network page (checked in real headless Chromium too), the SVG charts and the exports.
Also: the network page loads nothing from outside the app."""

from __future__ import annotations

import io
import json
import re
import threading
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from graph.embedded import EmbeddedStore
from migkg.namespaces import ID
from viz import charts, exports, networks
from viz.assets import DEFAULT_PREFIX, asset_files, assets_blueprint
from viz.data import fetch
from viz.metrics import agency_metrics
from viz.pyvis_view import render_network_fragment, render_network_page
from viz.schedule import agency_timeline

SCRIPT = '<script>window.__xss = "script"</script>'
IMG = '"><img src=x onerror="window.__xss=\'img\'">'
EVIL = str(ID["agency/evil"])
EVIL_TASK = str(ID["task/402-qd-ttg/9.9"])
MARKUP = f"""
@prefix id: <https://w3id.org/migkg/id/> .
@prefix mkg: <https://w3id.org/migkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
id:graph\\/test {{
  id:agency\\/evil a mkg:Ministry ; rdfs:label {json.dumps(SCRIPT)}@vi , {json.dumps(IMG)}@en .
  id:task\\/402-qd-ttg\\/9.9 a mkg:Task ; mkg:code "9.9" ; mkg:taskOf id:plan\\/402-qd-ttg ;
      rdfs:label {json.dumps(IMG + SCRIPT)}@vi ; mkg:startYear 2024 ; mkg:endYear 2026 ;
      mkg:leadAgency id:agency\\/evil ; mkg:cooperatingAgency id:agency\\/mofa .
}}
"""
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def store(data_dir: Path):
    ds = Dataset()
    ds.parse(data=(data_dir / "mini.trig").read_text(encoding="utf-8"), format="trig")
    ds.parse(data=MARKUP, format="trig")
    st = EmbeddedStore(None)
    st.replace(ds)
    yield st
    st.close()


@pytest.fixture(scope="module")
def snap(store):
    return fetch(store)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize("name", ["coordination", "dependency", "bipartite"])
def test_network_page_shows_markup_as_text(snap, name: str) -> None:
    graph = networks.build(name, snap)
    html = render_network_page(graph, title=f"Mạng {SCRIPT}", lang="en")
    parsed = elements(html)
    tags = [t for t, _ in parsed.tags]
    assert "img" not in tags
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    scripts = [attrs for t, attrs in parsed.tags if t == "script"]
    # Only the two app scripts and the JSON data: no script made from a label.
    assert sorted(a.get("src") or a.get("type") or "" for a in scripts) == [
        f"{DEFAULT_PREFIX}/network.js",
        f"{DEFAULT_PREFIX}/vis-network.min.js",
        "application/json",
    ]
    assert "<script>window" not in html and "<img" not in html
    assert "&lt;script&gt;window.__xss" in html  # the title, as text
    data = json.loads(next(s for s in parsed.scripts if s.strip()))
    names = {n["name"] for n in data["nodes"]}
    assert IMG in names  # the English label, intact once parsed
    evil = next(n for n in data["nodes"] if n["id"] == EVIL)
    assert evil["label"] == IMG[:39] + "…"


def test_fragment_attributes_are_escaped(snap) -> None:
    html = render_network_fragment(networks.build("coordination", snap), lang="vi")
    options = [a.get("value") for t, a in elements(html).tags if t == "option"]
    assert SCRIPT in options  # the datalist holds the label as an attribute value


def test_network_page_loads_nothing_from_outside(snap) -> None:
    for name in ("coordination", "dependency", "bipartite"):
        html = render_network_page(networks.build(name, snap), title="t")
        refs = [
            v
            for _, attrs in elements(html).tags
            for k, v in attrs.items()
            if k in ("src", "href", "action", "srcset", "poster", "data") and v
        ]
        assert refs and all(r.startswith("/") and not r.startswith("//") for r in refs)
        # Outside the JSON data (which names IRIs, never loads them) no URL appears.
        outside = re.sub(r'<script type="application/json".*?</script>', "", html, flags=re.S)
        assert not re.search(r"https?:|//[a-z]", outside, flags=re.I)
    for path, _ in asset_files().values():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text)
        assert "@import" not in text
        assert not re.search(r"(src|href)\s*=\s*['\"]https?:", text)


def all_text(root: ET.Element) -> str:
    return " ".join(t for el in root.iter() for t in (el.text, el.tail) if t)


def assert_inert_xml(root: ET.Element) -> None:
    local = {el.tag.rsplit("}", 1)[-1].lower() for el in root.iter()}
    assert not local & {"script", "img", "iframe", "foreignobject"}
    assert not any(k.lower().startswith("on") for el in root.iter() for k in el.attrib)


def test_svg_charts_show_markup_as_text(snap) -> None:
    ms = agency_metrics(snap)
    svgs = [
        charts.load_bars_svg(ms, lang="vi"),
        charts.load_bars_svg(ms, lang="en"),
        charts.load_heatmap_svg(ms, lang="vi"),
        charts.timeline_svg(agency_timeline(snap, EVIL), lang="vi"),
    ]
    for svg in svgs:
        root = ET.fromstring(svg)
        assert_inert_xml(root)
    assert SCRIPT in all_text(ET.fromstring(svgs[0]))
    assert IMG in all_text(ET.fromstring(svgs[1]))
    assert (IMG + SCRIPT)[:20] in all_text(ET.fromstring(svgs[3]))


@pytest.mark.parametrize("name", ["coordination", "bipartite"])
def test_network_exports_keep_markup_as_data(snap, name: str) -> None:
    graph = networks.build(name, snap)
    for fmt in ("graphml", "gexf"):
        data = exports.export_network(graph, fmt)
        root = ET.fromstring(data)
        assert_inert_xml(root)
        back = (
            nx.read_graphml(io.BytesIO(data))
            if fmt == "graphml"
            else nx.read_gexf(io.BytesIO(data))
        )
        assert back.nodes[EVIL]["label_vi"] == SCRIPT
        assert back.nodes[EVIL]["label_en"] == IMG
    back = nx.node_link_graph(json.loads(exports.export_network(graph, "json")), edges="edges")
    assert back.nodes[EVIL]["label_vi"] == SCRIPT


def test_rdf_exports_keep_markup_as_literals(store) -> None:
    root = ET.fromstring(exports.export_graph(store, "xml"))
    assert_inert_xml(root)
    assert SCRIPT in all_text(root)
    for fmt, parser in (("turtle", "turtle"), ("jsonld", "json-ld")):
        g = Graph()
        g.parse(data=exports.export_graph(store, fmt), format=parser)
        assert {str(o) for o in g.objects()} >= {SCRIPT, IMG, IMG + SCRIPT}


@pytest.mark.browser
@pytest.mark.browser
def test_network_page_in_chromium(snap, tmp_path: Path, chromium) -> None:
    flask = pytest.importorskip("flask")
    from werkzeug.serving import make_server

    app = flask.Flask("network-view-test")
    app.register_blueprint(assets_blueprint())
    graph = networks.build("coordination", snap)

    @app.get("/")
    def page() -> str:
        return render_network_page(
            graph, title="Mạng phối hợp", lang="en", node_url=lambda iri: "/id/" + iri[26:]
        )

    @app.after_request
    def csp(response):
        response.headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'"
        return response

    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    problems: list[str] = []
    requests: list[str] = []
    try:
        context = chromium.new_context(viewport={"width": 1280, "height": 860})
        try:
            tab = context.new_page()
            tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda e: problems.append(str(e)))
            tab.on("request", lambda r: requests.append(r.url))
            tab.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
            tab.goto(base + "/")
            tab.wait_for_selector(".migkg-network[data-ready='1']", timeout=60_000)
            tab.screenshot(path=str(tmp_path / "network.png"))
            assert tab.evaluate("window.__xss") is None
            assert tab.evaluate("document.querySelectorAll('img').length") == 0
            # Hover the node whose label is markup: its tooltip shows the text.
            point = tab.evaluate(
                """(id) => {
                    const root = document.querySelector('.migkg-network');
                    const net = root.migkgNetwork;
                    const pos = net.canvasToDOM(net.getPositions([id])[id]);
                    const box = root.querySelector('.migkg-network-canvas')
                        .getBoundingClientRect();
                    return [box.left + pos.x, box.top + pos.y];
                }""",
                EVIL,
            )
            tab.mouse.move(point[0], point[1])
            tip = tab.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
            assert IMG in tip.text_content()
            assert tab.evaluate("document.querySelectorAll('.vis-tooltip img').length") == 0
            tab.mouse.click(point[0], point[1])
            details = tab.text_content(".migkg-network-details")
            assert IMG in details
            assert tab.evaluate("window.__xss") is None
        finally:
            context.close()
    finally:
        server.shutdown()
        thread.join(timeout=10)
    assert problems == []
    assert requests and all(r.startswith(base + "/") for r in requests)
    assert (tmp_path / "network.png").stat().st_size > 0


def test_assets_are_served_by_the_app_and_nothing_else() -> None:
    flask = pytest.importorskip("flask")
    app = flask.Flask("assets-test")
    app.register_blueprint(assets_blueprint())
    client = app.test_client()
    js = client.get(f"{DEFAULT_PREFIX}/vis-network.min.js")
    assert js.status_code == 200 and js.mimetype == "text/javascript"
    assert b"vis-network" in js.data[:200]
    css = client.get(f"{DEFAULT_PREFIX}/vis-network.min.css")
    assert css.status_code == 200 and css.mimetype == "text/css"
    for name in ("network.js", "network.css"):
        response = client.get(f"{DEFAULT_PREFIX}/{name}")
        response.close()
        assert response.status_code == 200
    for bad in ("template.html", "..%2F__init__.py", "vis-network.css"):
        assert client.get(f"{DEFAULT_PREFIX}/{bad}").status_code == 404
    js.close()
    css.close()
