"""Careless and hostile input: each case one line (or one page) naming what is wrong, with
the right status or exit code, never a traceback.

Web cases go through Flask's test client over the fixture graph; command-line cases run
`migkg` in a subprocess.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from graph.build import write_store
from graph.embedded import EmbeddedStore
from graph.results import neutralise_csv, safe_cell
from loaders.pipeline import corpus_files, link_problems
from migkg.iris import document
from webapp import create_app

DATA = Path(__file__).resolve().parent / "data"


def migkg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migkg", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line the command printed on stderr (it exited 1, with no traceback)."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1 and lines[0].startswith("migkg: error: "), result.stderr
    return lines[0]


# --- canned queries: an IRI parameter holding '>' or a space


@pytest.mark.parametrize("value", ["mofa> } ASK { ?s ?p ?o", "mofa and more", "http://x/a b"])
def test_iri_parameter_with_a_bad_character_on_the_web(site_client, value: str) -> None:
    r = site_client.get("/queries/agency_tasks", query_string={"agency": value, "lang": "en"})
    assert r.status_code == 400
    assert "“agency”" in r.get_data(as_text=True)  # the page names the parameter


def test_iri_parameter_with_a_bad_character_in_the_cli(mini_store_dir: Path) -> None:
    result = migkg(
        "query", "agency_tasks", "--param", "agency=mofa> x", "--store-path", str(mini_store_dir)
    )
    assert "parameter 'agency'" in one_line(result)


# --- a year that is a digit to Python but not a number


@pytest.mark.parametrize("path", ["/network", "/charts", "/exports/coordination.graphml"])
def test_superscript_year_is_400(site_client, path: str) -> None:
    r = site_client.get(path, query_string={"year": "²"})
    assert r.status_code == 400 and "year" in r.get_data(as_text=True)


# --- the endpoint


@pytest.fixture(scope="module")
def update_client(site_store):
    app = create_app(
        {"TESTING": True, "MIGKG_STORE": site_store, "allow_updates": True, "update_token": "t"}
    )
    return app.test_client()


def test_non_ascii_bearer_token_is_403(update_client) -> None:
    r = update_client.post(
        "/sparql",
        data={"update": "CLEAR GRAPH <urn:none>"},
        headers={"Authorization": "Bearer mật-khẩu".encode().decode("latin-1")},
    )
    assert r.status_code == 403 and "Bearer" in r.get_json()["message"]


def test_head_on_the_endpoint(site_client) -> None:
    r = site_client.head("/sparql", query_string={"query": "ASK {}"})
    assert r.status_code == 200 and r.mimetype == "application/sparql-results+json"
    r = site_client.head("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"


def test_formula_cells_are_neutralised_in_csv(site_client) -> None:
    query = (
        "SELECT ?a ?b ?c ?d WHERE { VALUES (?a ?b ?c ?d) "
        "{ ('=HYPERLINK(\"http://x\")' '+1+1' '@SUM(A1)' -3) } }"
    )
    r = site_client.get("/sparql", query_string={"query": query, "format": "csv"})
    rows = list(csv.reader(io.StringIO(r.get_data(as_text=True))))
    assert rows[1] == ['\'=HYPERLINK("http://x")', "'+1+1", "'@SUM(A1)", "-3"]


def test_safe_cell() -> None:
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("-5") == "-5" and safe_cell("a=b") == "a=b"
    assert neutralise_csv(b"x\r\nplain\r\n") == b"x\r\nplain\r\n"


def test_formula_cells_are_neutralised_by_migkg_query(tmp_path: Path) -> None:
    from graph.store import SelectResult
    from queries.render import as_csv

    result = SelectResult(["v"], [(Literal("=cmd|' /C calc'!A0"),), (URIRef("urn:x"),)])
    assert as_csv(result).splitlines()[1:] == ["'=cmd|' /C calc'!A0", "urn:x"]


# --- settings refused at the command line


@pytest.mark.parametrize(
    ("option", "value", "setting"),
    [
        ("--port", "-1", "port"),
        ("--port", "99999", "port"),
        ("--query-timeout", "-5", "query_timeout"),
    ],
)
def test_bad_serve_options_are_refused(
    option: str, value: str, setting: str, tmp_path: Path
) -> None:
    result = migkg("serve", "--store-path", str(tmp_path / "none"), option, value)
    assert f"setting '{setting}'" in one_line(result)


def test_a_damaged_store_at_serve_is_one_line(mini_store_dir: Path, tmp_path: Path) -> None:
    import shutil

    damaged = tmp_path / "store"
    shutil.copytree(mini_store_dir, damaged)
    (damaged / "CURRENT").write_text("garbage", encoding="utf-8")
    line = one_line(migkg("serve", "--store-path", str(damaged), "--port", "5999"))
    assert f"cannot open the store at {damaged}" in line


# --- the corpus folder and the build


def test_odd_file_names_give_valid_document_iris() -> None:
    for stem in ("Decision 402", 'He said "yes"', "it's", "two\nlines", "Quyết định 402"):
        iri = str(document(stem))
        assert not any(c in iri for c in " \"'\n<>")
        assert URIRef(iri).n3()  # rdflib refuses to write an invalid IRI
    assert str(document("000_2ea71573e8b386bf")).endswith("/document/000_2ea71573e8b386bf")
    assert str(document("Quyết định")).endswith("/document/Quyết%20định")


def test_links_out_of_the_corpus_loops_and_dangling_links_are_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.txt").write_text("Kế hoạch\n", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n", encoding="utf-8")
    (corpus / "out.txt").symlink_to(outside)
    (corpus / "inside.txt").symlink_to(corpus / "plan.txt")
    (corpus / "a.txt").symlink_to(corpus / "b.txt")
    (corpus / "b.txt").symlink_to(corpus / "a.txt")
    (corpus / "gone.txt").symlink_to(corpus / "nothing.txt")
    problems = {p.name: why for p, why in link_problems(corpus)}
    assert set(problems) == {"out.txt", "a.txt", "b.txt", "gone.txt"}
    assert "out of the corpus folder" in problems["out.txt"]
    assert "loops" in problems["a.txt"] and "nothing" in problems["gone.txt"]
    assert [p.name for p in corpus_files(corpus)] == ["inside.txt", "plan.txt"]


def test_a_killed_builds_leftovers_are_removed_by_the_next(tmp_path: Path) -> None:
    store = tmp_path / "store"
    leftover = tmp_path / ".store.new-abc123"
    leftover.mkdir()
    (leftover / "000001.sst").write_bytes(b"half written")
    ds = Dataset()
    ds.graph(URIRef("urn:g")).add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))
    write_store(ds, store)
    assert not leftover.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".store.")] == [".store.lock"]
    with EmbeddedStore(store, read_only=True) as s:
        assert len(s) == 1


def test_a_build_killed_between_its_renames_is_put_back(tmp_path: Path) -> None:
    # the old store renamed aside, the new one not yet in place: the next build restores it
    ds = Dataset()
    ds.graph(URIRef("urn:g")).add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))
    write_store(ds, tmp_path / "store")
    (tmp_path / "store").rename(tmp_path / ".store.old-xyz")
    from graph.build import sweep_leftovers

    sweep_leftovers(tmp_path / "store")
    assert (tmp_path / "store").is_dir() and not (tmp_path / ".store.old-xyz").exists()


def test_redirects_name_the_configured_address(site_store) -> None:
    app = create_app(
        {"TESTING": True, "MIGKG_STORE": site_store, "public_url": "https://kg.example"}
    )
    app.add_url_rule("/folder/", "folder", lambda: "inside")  # werkzeug adds the slash
    r = app.test_client().get("/folder", headers={"Host": "evil.example"})
    assert r.status_code == 308 and r.headers["Location"] == "https://kg.example/folder/"
