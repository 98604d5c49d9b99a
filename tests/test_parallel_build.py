"""The parallel, incremental build: the same store as reading the files one by one, and a
rebuild that reads again only the file that changed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from graph import parallel_build
from graph.build import build, build_dataset
from loaders.report import BuildReport

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SMALL = ("001_c4ab6684abae2230.txt", "003_5b15abab045aece6.txt")


def quads(store: Path) -> set[str]:
    """Every statement of a store without blank nodes, as text."""
    native = ox.Store.read_only(str(store))
    out = {
        f"{q.subject} {q.predicate} {q.object} {q.graph_name}"
        for q in native
        if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
    }
    del native
    return out


def dataset_quads(ds: Dataset) -> set[str]:
    store = ox.Store()
    store.bulk_load(ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    return {
        f"{q.subject} {q.predicate} {q.object} {q.graph_name}"
        for q in store
        if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
    }


def small_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in SMALL:
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.mark.slow
def test_parallel_build_gives_what_reading_one_by_one_gives(corpus_store_dir: Path) -> None:
    report = BuildReport()
    ds = build_dataset(CORPUS, report)
    assert quads(corpus_store_dir) == dataset_quads(ds)


def test_a_rebuild_reads_only_the_changed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = small_corpus(tmp_path / "corpus")
    store = tmp_path / "var" / "store"
    settings = {"corpus": str(corpus), "store_path": str(store), "build_workers": 1}
    read: list[str] = []
    real = parallel_build.read_one

    def counting(path: Path):
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(parallel_build, "read_one", counting)
    first, _ = build(settings)
    assert sorted(read) == sorted(SMALL)
    assert (tmp_path / "var" / ".store.cache").is_dir()
    read.clear()
    changed = corpus / SMALL[1]
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("IOM", "Tổ chức Di cư Quốc tế (IOM)"),
        encoding="utf-8",
    )
    second, _ = build(settings)
    assert read == [SMALL[1]]
    assert second.files == first.files
    monkeypatch.undo()
    # The patched store holds what a build from nothing holds.
    fresh = tmp_path / "fresh" / "store"
    build({"corpus": str(corpus), "store_path": str(fresh)})
    assert quads(store) == quads(fresh)
    # A document removed from the corpus leaves the store with the rebuild.
    (corpus / SMALL[0]).unlink()
    build(settings)
    assert not any(SMALL[0].split(".")[0] in q for q in quads(store))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_damaged_cache_entry_is_read_again(tmp_path: Path, workers: int) -> None:
    # with one process the files are read in this one; with two, in another process while
    # this one reads back the entries kept, the damaged one found among them
    corpus = small_corpus(tmp_path / "corpus")
    store = tmp_path / "var" / "store"
    settings = {"corpus": str(corpus), "store_path": str(store), "build_workers": workers}
    build(settings)
    cache = tmp_path / "var" / ".store.cache"
    kept = (
        cache / f"{parallel_build.file_key(corpus / SMALL[0], parallel_build.code_stamp())}.pickle"
    )
    kept.write_bytes(b"not a pickle")
    changed = corpus / SMALL[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nIOM.\n", encoding="utf-8")
    report, _ = build(settings)
    assert sorted(report.files) == sorted(SMALL)
    fresh = tmp_path / "fresh" / "store"
    build({"corpus": str(corpus), "store_path": str(fresh)})
    assert quads(store) == quads(fresh) != set()
    assert kept.read_bytes()[:1] == b"\x80"  # kept again, whole
    assert len(list(cache.glob("*.pickle"))) == len(SMALL)


def test_a_change_to_the_code_reads_every_file_again(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "corpus")
    path = corpus / SMALL[0]
    assert parallel_build.file_key(path, "a") != parallel_build.file_key(path, "b")
    assert parallel_build.file_key(path, "a") == parallel_build.file_key(path, "a")
    assert len(parallel_build.code_stamp()) == 64


def test_the_build_removes_what_a_killed_build_left_beside_the_store(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "corpus")
    leftover = tmp_path / "var" / ".store.new-killed"
    leftover.mkdir(parents=True)
    (leftover / "000001.sst").write_bytes(b"half written")
    build({"corpus": str(corpus), "store_path": str(tmp_path / "var" / "store")})
    assert not leftover.exists()
    assert (tmp_path / "var" / ".store.lock").is_file()


def test_a_change_that_leaves_every_graph_as_it_was_keeps_the_summary(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "corpus")
    store = tmp_path / "var" / "store"
    settings = {"corpus": str(corpus), "store_path": str(store), "build_workers": 1}
    first, _ = build(settings)
    summary = (store / "migkg-summary.pickle").read_bytes()
    before = quads(store)
    changed = corpus / SMALL[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    # in another process, where rdflib writes the same statements in another order
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "migkg",
            "build",
            "--corpus",
            str(corpus),
            "--store-path",
            str(store),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert quads(store) == before
    second = json.loads((store.parent / "build-report.json").read_text(encoding="utf-8"))
    assert {k: second["counts"][k] for k in first.counts} == first.counts
    assert first.counts["triples"] > 1000
    # the summary made by the first build (it records when it was made) is kept
    assert (store / "migkg-summary.pickle").read_bytes() == summary


def test_a_store_written_to_since_its_build_is_built_afresh(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "corpus")
    store = tmp_path / "var" / "store"
    settings = {"corpus": str(corpus), "store_path": str(store), "build_workers": 1}
    build(settings)
    before = quads(store)
    native = ox.Store(str(store))
    extra = ox.Quad(
        ox.NamedNode("https://w3id.org/migkg/id/agency/mofa"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
        ox.Literal("written through the endpoint"),
        ox.NamedNode("https://w3id.org/migkg/id/graph/updates"),
    )
    native.add(extra)
    native.flush()
    del native
    assert quads(store) == before | {f"{extra.subject} {extra.predicate} {extra.object} "
                                     f"{extra.graph_name}"}  # fmt: skip
    build(settings)
    assert quads(store) == before
