"""`migkg build`: corpus → a new store written beside the old one, swapped in when complete."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from migkg import corpus as shipped_corpus
from migkg import queries
from migkg.graph.embedded import EmbeddedStore
from migkg.loaders import pipeline
from migkg.loaders.gazetteer import Gazetteer
from migkg.loaders.report import BuildReport
from migkg.loaders.resolver import Resolver
from migkg.namespaces import ID, bind_prefixes
from migkg.ontology import ONTOLOGY_TTL

ONTOLOGY_GRAPH = ID["graph/ontology"]
REFERENCE_GRAPH = ID["graph/reference"]


def reference_graph(gazetteer: Gazetteer) -> Graph:
    """Gazetteer and reference facts (conventions, restructuring, provinces)."""
    graph = gazetteer.to_graph()
    try:
        from migkg.loaders import reference
    except ImportError:
        return graph
    graph += reference.to_graph()
    return graph


def build_dataset(
    corpus: Path,
    report: BuildReport,
    *,
    on_file: Callable[[Path], None] | None = None,
    skip_bad: bool = False,
) -> Dataset:
    """Everything the graph holds: ontology, reference data and every corpus document."""
    files = pipeline.corpus_files(corpus)
    gazetteer = Gazetteer.load()
    resolver = Resolver(gazetteer)
    ds = pipeline.load_corpus(files, resolver, report, on_file=on_file, skip_bad=skip_bad)
    bind_prefixes(ds)
    ds.graph(ONTOLOGY_GRAPH).parse(data=ONTOLOGY_TTL.read_text(encoding="utf-8"), format="turtle")
    ref = ds.graph(REFERENCE_GRAPH)
    for triple in reference_graph(gazetteer):
        ref.add(triple)
    count_things(ds, report)
    return ds


def count_things(ds: Dataset, report: BuildReport) -> None:
    """Fill the report's counts from the dataset itself."""
    union = Graph()
    for g in ds.graphs():
        union += g
    row = next(iter(union.query(queries.internal("counts"))))
    for name, value in row.asdict().items():
        report.counts[name] = int(value)
    report.counts["triples"] = len(union)


def write_store(ds: Dataset, store_path: Path) -> None:
    """Write ``ds`` to a fresh store beside ``store_path`` and swap it in only when complete."""
    store_path = store_path.resolve()
    store_path.parent.mkdir(parents=True, exist_ok=True)
    fresh = store_path.with_name(store_path.name + ".new")
    old = store_path.with_name(store_path.name + ".old")
    for leftover in (fresh, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    store = EmbeddedStore(fresh)
    try:
        store.replace(ds)
    finally:
        store.close()
    if store_path.exists():
        store_path.rename(old)
    fresh.rename(store_path)
    if old.exists():
        shutil.rmtree(old)


def build(
    settings: dict[str, Any],
    *,
    on_file: Callable[[Path], None] | None = None,
    skip_bad: bool = False,
) -> tuple[BuildReport, Path]:
    """Build the graph from the configured corpus into the embedded store; return the report."""
    corpus = Path(settings.get("corpus") or shipped_corpus.CORPUS_DIR)
    store_path = Path(settings.get("store_path") or "var/store")
    report = BuildReport()
    ds = build_dataset(corpus, report, on_file=on_file, skip_bad=skip_bad)
    write_store(ds, store_path)
    report_path = Path(settings.get("report") or store_path.parent / "build-report.json")
    report.write(report_path)
    return report, report_path
