"""The name index behind the search box and parameters typed by name: its ranking, its
bounded reading of a large index, its near misses, its file beside the store, and the
suggestions a canned query's form asks of ``/search.json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from webapp import names, names_file
from webapp.names import Entry, NameIndex, squash
from webapp.views import queries as queries_view

ID = "https://w3id.org/migkg/id/"


def _entry(kind: str, key: str, *labels: str) -> Entry:
    return Entry(
        f"{ID}{kind}/{key}", kind, {"vi": labels[0]}, list(labels), [squash(n) for n in labels]
    )


def _index() -> NameIndex:
    return NameIndex(
        [
            _entry("agency", "a", "Cục Lãnh sự"),
            _entry("agency", "b", "Lãnh sự quán"),
            _entry("agency", "c", "Vụ Phụ trách lãnh sự"),
            _entry("agency", "d", "Phòng Tổnglãnh sự"),
            _entry("agency", "e", "Lanh su"),
            _entry("plan", "p", "Kế hoạch lãnh sự 2025", "12/KH-BNG"),
        ]
    )


def test_equal_then_beginning_then_word_start_then_inside_a_word():
    hits = _index().search("lanh su")
    # e is equal and written as typed; b begins with it; a, c, p hold it at a word start
    # (shorter first); d only inside a word
    assert [h.entry.key for h in hits] == ["e", "b", "a", "c", "p", "d"]
    assert [h.score for h in hits] == [105, 90, 80, 80, 80, 70]


def test_a_match_as_typed_ranks_above_the_same_kind_of_match_without_diacritics():
    hits = _index().search("Lãnh sự")
    assert [h.entry.key for h in hits] == ["e", "b", "a", "c", "p", "d"]
    assert [h.score for h in hits] == [100, 95, 85, 85, 85, 75]


def test_a_word_start_anywhere_in_a_name_counts_as_one():
    # the first "su" is inside "tusu", the second begins a word
    index = NameIndex([_entry("agency", "x", "Tusu su vu"), _entry("agency", "y", "Asu")])
    assert [(h.entry.key, h.score) for h in index.search("su")] == [("x", 85), ("y", 75)]


def test_a_thing_is_listed_once_by_its_best_name_and_kinds_narrow_the_search():
    index = _index()
    hits = index.search("k")  # the title begins with it, the number holds it after "/"
    assert [(h.entry.key, h.matched) for h in hits] == [("p", "Kế hoạch lãnh sự 2025")]
    assert index.search("12/kh-bng")[0].matched == "12/KH-BNG"
    assert [h.entry.key for h in index.search("lanh su", ("plan",))] == ["p"]


def test_a_search_held_by_many_names_reads_only_the_shortest(monkeypatch):
    entries = [_entry("task", f"t{i}", f"nhiệm vụ {'x' * i} hợp tác") for i in range(50)]
    monkeypatch.setattr(names, "SCAN", 10)
    hits = NameIndex(entries).search("hop tac", limit=5)
    assert [h.entry.key for h in hits] == ["t0", "t1", "t2", "t3", "t4"]


def test_a_near_miss_is_suggested_in_a_small_index_and_in_a_large_one(monkeypatch):
    index = _index()
    assert index.search("lanhsu quan")[0].entry.key == "b"
    monkeypatch.setattr(names, "SUGGEST_ALL", 2)  # the index counts as large
    assert NameIndex(index.entries).search("lanhsu quan")[0].entry.key == "b"
    assert NameIndex(index.entries).search("zzzz qqqq") == []


def test_lookup_takes_a_key_a_slug_an_iri_or_a_name_and_counts_are_kept():
    index = _index()
    assert [e.key for e in index.lookup("plan", "12/KH-BNG")] == ["p"]
    assert [e.key for e in index.lookup("plan", "12/kh-bng")] == ["p"]
    assert [e.key for e in index.lookup("agency", "cuc lanh su")] == ["a"]
    assert [e.key for e in index.lookup("agency", f"{ID}agency/c")] == ["c"]
    assert [e.key for e in index.lookup("agency", "E")] == ["e"]
    assert index.lookup("plan", "cuc lanh su") == []
    assert (index.count("agency"), index.count("plan"), index.count("task")) == (5, 1, 0)


class _Folder:
    """A store as the index file sees it: a folder and a number of quads."""

    def __init__(self, path: Path, quads: int) -> None:
        self.path, self.quads = path, quads

    def __len__(self) -> int:
        return self.quads


def test_the_index_file_is_read_back_only_for_a_store_of_the_same_size(tmp_path):
    index = _index()
    index.ready()
    assert names_file.save_for(_Folder(tmp_path, 7), index)
    again = names_file.read_for(_Folder(tmp_path, 7))
    assert again is not None
    assert [h.entry.key for h in again.search("lanh su")] == ["e", "b", "a", "c", "p", "d"]
    assert names_file.read_for(_Folder(tmp_path, 8)) is None  # written to since
    (tmp_path / names_file.NAMES_FILE).write_bytes(b"not a pickle")
    assert names_file.read_for(_Folder(tmp_path, 7)) is None


def test_the_index_stays_in_memory_when_the_folder_cannot_be_written(tmp_path):
    missing = tmp_path / "gone"
    assert not names_file.save_for(_Folder(missing, 1), _index())
    assert not (missing / names_file.NAMES_FILE).exists()


def test_search_json_gives_keys_of_one_kind(site_client):
    r = site_client.get("/search.json", query_string={"kind": "plan", "q": "402"})
    hits = json.loads(r.get_data(as_text=True))
    assert r.status_code == 200 and hits
    assert {h["kind"] for h in hits} == {"plan"}
    assert hits[0]["key"] == "402-qd-ttg"
    few = site_client.get("/search.json", query_string={"q": "a", "limit": "2"})
    assert len(json.loads(few.get_data(as_text=True))) <= 2


def test_search_json_names_a_bad_kind(site_client):
    r = site_client.get("/search.json", query_string={"kind": "planet", "q": "x"})
    assert r.status_code == 400
    assert "kind" in r.get_data(as_text=True)


@pytest.fixture()
def large_kinds(monkeypatch):
    """Every kind counts as too large to list on a form."""
    monkeypatch.setattr(queries_view, "LISTED", 0)


def test_a_kind_too_large_to_list_is_typed_with_suggestions(site_client, large_kinds):
    html = site_client.get("/queries/coordination_load").get_data(as_text=True)
    assert 'data-suggest-kind="plan"' in html
    assert "<option" not in html.split('data-suggest-kind="plan"', 1)[1].split("</datalist>")[0]
    assert "param-suggest.js" in html
    vi = site_client.get("/queries/coordination_load", headers={"Accept-Language": "vi"})
    assert 'placeholder="số hiệu, mã hoặc tên"' in vi.get_data(as_text=True)
    assert '<datalist id="choices-plan">' not in site_client.get("/queries").get_data(as_text=True)


def test_a_typed_plan_is_resolved_on_sending_and_an_unknown_one_named(site_client, large_kinds):
    ok = site_client.get("/queries/coordination_load", query_string={"plan": "402/QĐ-TTg"})
    assert ok.status_code == 200
    bad = site_client.get(
        "/queries/coordination_load",
        query_string={"plan": "Kế hoạch không có"},
        headers={"Accept-Language": "vi"},
    )
    assert bad.status_code == 400
    text = bad.get_data(as_text=True)
    assert "Tham số “plan”" in text


def test_filters_list_a_few_plans_and_instruments_in_a_select(site_client):
    html = site_client.get("/network").get_data(as_text=True)
    plans = html.split('<select name="plan">', 1)[1].split("</select>", 1)[0]
    assert '<option value="402-qd-ttg">402/QĐ-TTg</option>' in plans
    assert 'data-suggest-kind="plan"' not in html and "param-suggest.js" not in html


@pytest.mark.parametrize("page", ["/network", "/charts", "/exports"])
def test_filters_of_too_many_plans_are_typed_with_suggestions(site_client, large_kinds, page):
    html = site_client.get(page).get_data(as_text=True)
    assert '<select name="plan">' not in html and '<select name="instrument">' not in html
    for kind in ("plan", "instrument"):
        assert f'name="{kind}" value="" list="filter-suggest-{kind}"' in html
        assert f'data-suggest-kind="{kind}"' in html
        assert f'<datalist id="filter-suggest-{kind}"></datalist>' in html
    assert "param-suggest.js" in html
    vi = site_client.get(page, headers={"Accept-Language": "vi"}).get_data(as_text=True)
    assert 'placeholder="số hiệu hoặc mã"' in vi


def test_a_typed_plan_filters_by_its_number_or_key_and_a_wrong_one_is_named(
    site_client, large_kinds
):
    for plan in ("402/QĐ-TTg", "402-qd-ttg"):
        r = site_client.get("/charts", query_string={"plan": plan})
        assert r.status_code == 200
        assert f'name="plan" value="{plan}"' in r.get_data(as_text=True)
    bad = site_client.get("/charts", query_string={"plan": "999-khong-co"})
    assert bad.status_code == 400
    assert "plan: no plan with tasks in the graph" in bad.get_data(as_text=True)


def test_a_build_keeps_the_index_beside_the_store(corpus_store_dir):
    from graph.embedded import EmbeddedStore

    assert (corpus_store_dir / names_file.NAMES_FILE).is_file()
    store = EmbeddedStore(corpus_store_dir, read_only=True)
    try:
        index = names_file.read_for(store)
    finally:
        store.close()
    assert index is not None
    assert [e.key for e in index.lookup("agency", "Bộ Ngoại giao")] == ["mofa"]


def test_the_index_of_a_store_built_before_is_written_by_a_command(tmp_path, capsys):
    from conftest import DATA, write_trig_store

    from graph.embedded import EmbeddedStore

    folder = write_trig_store(tmp_path / "store", DATA / "mini.trig")
    assert names_file.main([str(folder)]) == 0
    assert names_file.NAMES_FILE in capsys.readouterr().out
    store = EmbeddedStore(folder, read_only=True)
    try:
        index = names_file.read_for(store)
    finally:
        store.close()
    assert index is not None and index.search("bo ngoai giao")[0].entry.key == "mofa"
    assert names_file.main([]) == 2
    assert names_file.main([str(tmp_path / "none")]) == 2


def test_one_kind_is_searched_alone_whether_it_holds_most_things_or_few():
    tasks = [_entry("task", f"t{i}", f"Hợp tác quốc tế {i}") for i in range(4)]
    index = NameIndex([*tasks, _entry("agency", "a", "Vụ Hợp tác quốc tế")])
    assert [h.entry.key for h in index.search("hop tac", ("task",))] == ["t0", "t1", "t2", "t3"]
    assert [h.entry.key for h in index.search("hop tac", ("agency",))] == ["a"]
    assert [h.entry.key for h in index.search("hop tac")][0] == "t0"
    assert {h.entry.kind for h in index.search("hoptac quoc", ("agency",))} == {"agency"}


def test_the_index_of_lists_counts_each_kind_as_the_graph_holds_it(site_client):
    import re

    from rdflib import Dataset
    from rdflib.namespace import RDF

    from migkg.namespaces import MKG

    graph = Dataset()
    graph.parse(Path(__file__).resolve().parent / "data" / "mini.trig", format="trig")
    html = site_client.get("/id/").get_data(as_text=True)
    for kind, cls in (("plan", MKG.Plan), ("document", MKG.SourceDocument)):
        held = len({s for s, _p, _o, _g in graph.quads((None, RDF.type, cls, None))})
        shown = re.search(rf'href="/id/{kind}/">[^<]*</a> <span class="count">(\d+)<', html)
        assert shown is not None and int(shown.group(1)) == held > 0, kind
