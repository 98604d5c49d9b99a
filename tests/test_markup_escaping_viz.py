"""A label holding markup comes out as text everywhere viz draws or writes it: the SVG
charts and the exports. Also: the network page's own assets load nothing from outside the
app. (The site's network page is checked in tests/test_markup_escaping_site.py.)"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from graph.embedded import EmbeddedStore
from migkg.namespaces import ID
from viz import charts, exports, networks
from viz.assets import ASSET_FILES, DEFAULT_PREFIX, assets_blueprint
from viz.data import fetch
from viz.metrics import agency_metrics
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


def test_network_assets_load_nothing_from_outside() -> None:
    for path, _ in ASSET_FILES.values():
        if path.name.endswith(".min.js"):
            continue  # the vendored bundle: built from npm, see static/licences
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


def test_assets_are_served_by_the_app_and_nothing_else() -> None:
    flask = pytest.importorskip("flask")
    app = flask.Flask("assets-test")
    app.register_blueprint(assets_blueprint())
    client = app.test_client()
    js = client.get(f"{DEFAULT_PREFIX}/sigma-bundle.min.js")
    assert js.status_code == 200 and js.mimetype == "text/javascript"
    css = client.get(f"{DEFAULT_PREFIX}/network-view.css")
    assert css.status_code == 200 and css.mimetype == "text/css"
    for bad in ("template.html", "..%2F__init__.py", "vis-network.min.js", "network.js"):
        assert client.get(f"{DEFAULT_PREFIX}/{bad}").status_code == 404
    js.close()
    css.close()
