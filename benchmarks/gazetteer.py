"""Benchmark: the gazetteer with every province's standard bodies, and the shipped corpus.

Prints the best of ``--repeats`` runs (seconds) of: loading the gazetteer (curated entries
plus the generated bodies of 63 provinces), building the resolver's indexes, reading and
resolving the shipped corpus, and the whole build (dataset and store).

    python benchmarks/gazetteer.py --repeats 5
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import corpus
from graph import build
from loaders import pipeline
from loaders.gazetteer import Gazetteer
from loaders.report import BuildReport
from loaders.resolver import Resolver


def main() -> None:
    """Run each step ``--repeats`` times and print the best time of each."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    files = pipeline.corpus_files(Path(corpus.CORPUS_DIR))
    best: dict[str, float] = {}

    def timed(name: str, start: float) -> float:
        now = time.perf_counter()
        best[name] = min(best.get(name, float("inf")), now - start)
        return now

    for _ in range(args.repeats):
        start = time.perf_counter()
        gazetteer = Gazetteer.load()
        start = timed("gazetteer load", start)
        resolver = Resolver(gazetteer)
        start = timed("resolver indexes", start)
        pipeline.load_corpus(files, resolver, BuildReport())
        start = timed("read and resolve the corpus", start)
        ds = build.build_dataset(Path(corpus.CORPUS_DIR), BuildReport())
        with tempfile.TemporaryDirectory() as folder:
            build.write_store(ds, Path(folder) / "store")
        timed("whole build", start)
    records = len(Gazetteer.load().records())
    print(f"gazetteer records: {records}")
    for name, seconds in best.items():
        print(f"{name:30s} {seconds:7.3f} s")


if __name__ == "__main__":
    main()
