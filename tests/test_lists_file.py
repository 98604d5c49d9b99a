"""The lists' rows kept beside the store (webapp/lists_file.py): read back as they were
asked, refused when they belong to another store or format, written by the build, and
the pages they give the same as the pages asked of the graph."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from migkg.namespaces import ID
from viz import unchanged
from webapp import list_rows, lists_file
from webapp.listing import LISTS


class _Folder:
    """A store as the lists file sees it: a folder, a number of quads, and its queries."""

    def __init__(self, path: Path, store) -> None:
        self.path, self.store = path, store

    def __len__(self) -> int:
        return len(self.store)

    def select(self, *args, **kwargs):
        return self.store.select(*args, **kwargs)


def _same(a: list_rows.RawList, b: list_rows.RawList) -> bool:
    return (a.plain, a.labels, a.rows, a.ordered) == (b.plain, b.labels, b.rows, b.ordered)


@pytest.mark.parametrize("kind", list(LISTS))
def test_the_kept_rows_are_the_rows_asked(site_store, tmp_path, kind):
    folder = _Folder(tmp_path, site_store)
    asked = list_rows.read(site_store, kind)
    assert lists_file.save_for(folder, lists_file.read_all(folder))
    kept = lists_file.read_for(folder, kind)
    assert kept is not None
    assert _same(kept, asked)


def test_a_file_of_another_store_or_format_is_not_read(site_store, tmp_path):
    folder = _Folder(tmp_path, site_store)
    lists_file.save_for(folder, {"task": list_rows.read(site_store, "task")})
    path = tmp_path / lists_file.LISTS_FILE
    fmt, quads, lists = pickle.loads(path.read_bytes())
    assert lists_file.read_for(folder, "task") is not None
    path.write_bytes(pickle.dumps((fmt, quads + 1, lists)))
    assert lists_file.read_for(folder, "task") is None  # written to since
    path.write_bytes(pickle.dumps((fmt + 1, quads, lists)))
    assert lists_file.read_for(folder, "task") is None  # another format
    path.write_bytes(pickle.dumps((fmt, quads)))
    assert lists_file.read_for(folder, "task") is None  # another shape
    path.write_bytes(b"not a pickle")
    assert lists_file.read_for(folder, "task") is None
    assert lists_file.read_for(_Folder(tmp_path / "gone", site_store), "task") is None


def test_an_unchanged_store_is_not_counted(tmp_path):
    (tmp_path / "000001.sst").write_bytes(b"table")
    (tmp_path / "CURRENT").write_bytes(b"MANIFEST-000002\n")
    assert unchanged.known_quads(tmp_path) is None  # nothing noted
    assert unchanged.record(tmp_path, 12)
    assert unchanged.known_quads(tmp_path) == 12
    (tmp_path / "000003.log").write_bytes(b"an update")  # written to since
    assert unchanged.known_quads(tmp_path) is None
    assert not unchanged.record(tmp_path / "empty", 3)  # not a store


def test_the_lists_of_a_store_noted_unchanged_are_read_without_counting(site_store, tmp_path):
    folder = _Folder(tmp_path, site_store)
    assert lists_file.save_for(folder, {"task": list_rows.read(site_store, "task")})
    (tmp_path / "000001.sst").write_bytes(b"table")
    unchanged.record(tmp_path, len(site_store))

    def never() -> int:
        raise AssertionError("counted")

    assert lists_file.read_for(folder, "task", count=never) is not None
    unchanged.record(tmp_path, len(site_store) + 1)  # noted for another store
    assert lists_file.read_for(folder, "task", count=never) is None


def test_a_statement_held_in_several_graphs_makes_one_row(make_site_app):
    # the same instrument stated in two documents' graphs, as a cited one is
    again = """@prefix mkg: <https://w3id.org/migkg/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix id: <https://w3id.org/migkg/id/> .
    id:graph\\/doc-a { id:instrument\\/twice a mkg:Instrument ; mkg:number "7/QĐ-TTg" ;
        rdfs:label "Quyết định 7"@vi , "Decision 7"@en . }
    id:graph\\/doc-b { id:instrument\\/twice a mkg:Instrument ; mkg:number "7/QĐ-TTg" ;
        rdfs:label "Quyết định 7"@vi , "Decision 7"@en . }
    """
    client = make_site_app(again).test_client()
    data = json.loads(client.get("/id/instrument/?format=json&size=1000").get_data(as_text=True))
    rows = [r for r in data["rows"] if r["iri"] == str(ID["instrument/twice"])]
    assert [(r["label"], r["number"]) for r in rows] == [("Quyết định 7", "7/QĐ-TTg")]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_pages_from_the_kept_rows_are_the_pages_asked(mini_store_dir, tmp_path, lang):
    import shutil

    from graph.embedded import EmbeddedStore
    from webapp import create_app

    folder = tmp_path / "store"
    shutil.copytree(mini_store_dir, folder)
    pages = {}
    for kept in (False, True):
        if kept:
            store = EmbeddedStore(folder, read_only=True)
            lists_file.write_for(store)
            store.close()
        app = create_app({"TESTING": True, "store": "embedded", "store_path": str(folder)})
        client = app.test_client()
        pages[kept] = [
            client.get(f"/id/{kind}/?format=json&size=1000&lang={lang}").get_data(as_text=True)
            for kind in LISTS
        ]
    assert (folder / lists_file.LISTS_FILE).is_file()
    assert pages[True] == pages[False]
    assert any(json.loads(page)["total"] for page in pages[True])


def test_the_build_keeps_the_lists_beside_the_store(corpus_store_dir):
    from graph.embedded import EmbeddedStore

    store = EmbeddedStore(corpus_store_dir, read_only=True)
    try:
        for kind in LISTS:
            kept = lists_file.read_for(store, kind)
            assert kept is not None, kind
            assert _same(kept, list_rows.read(store, kind)), kind
    finally:
        store.close()


@pytest.mark.parametrize(
    ("lang", "query"), [("vi", "ngoai giao"), ("vi", "Ngoại giao"), ("en", "foreign affairs")]
)
def test_a_list_filtered_by_name_in_the_readers_language(site_client, lang, query):
    # mini.trig: id:agency/mofa rdfs:label "Bộ Ngoại giao"@vi , "Ministry of Foreign Affairs"@en
    args = {"q": query, "format": "json", "lang": lang}
    data = json.loads(site_client.get("/id/agency/", query_string=args).get_data(as_text=True))
    assert [r["iri"] for r in data["rows"]] == [str(ID["agency/mofa"])]
    # the facets count the rows the name keeps: mini.trig gives mofa mkg:level "central"
    assert [(f["value"], f["count"]) for f in data["facets"]["level"]] == [("central", 1)]
