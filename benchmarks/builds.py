"""Benchmark of `migkg build` on generated corpora: 10, 100 and 1,000 documents of the real
genre (benchmarks/documents.py), then two rebuilds of the largest: after a change that
leaves a document's graph as it was (a blank line), and after a task's text changed.

    python benchmarks/builds.py [--counts 10,100,1000] [--keep DIR]

Targets: 1,000 documents in under 60 s; a rebuild after one change in under 5 s.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from documents import write_corpus  # noqa: E402

TARGETS = {1000: 60.0}
REBUILD_TARGET = 5.0


def timed_build(corpus: Path, store: Path) -> tuple[float, str]:
    """Seconds `migkg build` took and its closing line (or its error)."""
    seconds, _, line = timed_build_cpu(corpus, store)
    return seconds, line


def timed_build_cpu(corpus: Path, store: Path) -> tuple[float, float, str]:
    """Wall seconds `migkg build` took, the processor seconds it used (user and system, its
    worker processes included: the figure a busy machine does not inflate) and its
    closing line (or its error)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
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
    )
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        return seconds, cpu, "failed: " + proc.stderr.strip().splitlines()[-1]
    built = [line for line in proc.stdout.splitlines() if line.startswith("Built ")]
    return seconds, cpu, built[0] if built else ""


def run(counts: list[int], work: Path) -> list[str]:
    """Build each corpus size, then rebuild the largest after one change; print a table."""
    missed = []
    print("\n== builds of generated documents")
    print(f"{'documents':>10} {'seconds':>9} {'cpu s':>7} {'×target':>8}  closing line")
    largest = None
    for count in counts:
        corpus = work / f"docs-{count}"
        write_corpus(corpus, count)
        store = work / f"build-{count}" / "store"
        # from nothing: no store and no cache of read files from an earlier run (--keep)
        shutil.rmtree(store.parent, ignore_errors=True)
        seconds, cpu, line = timed_build_cpu(corpus, store)
        target = TARGETS.get(count)
        ratio = f"{seconds / target:8.2f}" if target else f"{'':8}"
        print(f"{count:10d} {seconds:9.1f} {cpu:7.1f} {ratio}  {line[:90]}")
        if target and seconds > target:
            missed.append(f"build of {count} documents: {seconds:.1f} s (target < {target:g} s)")
        largest = (corpus, store, count)
    if largest is not None:
        corpus, store, count = largest
        files = sorted(corpus.glob("*.txt"))
        for what, edit in (
            ("a blank line added", _touch),
            ("a task's text changed", _edit_task),
        ):
            changed = next(f for f in files[len(files) // 2 :] if edit(f))
            seconds, cpu, line = timed_build_cpu(corpus, store)
            print(
                f"{'rebuild':>10} {seconds:9.1f} {cpu:7.1f} {seconds / REBUILD_TARGET:8.2f}  "
                f"{count} documents, {what} in {changed.name}: {line[:40]}"
            )
            if seconds > REBUILD_TARGET:
                missed.append(f"rebuild after {what}: {seconds:.1f} s (target < 5 s)")
    return missed


def _touch(path: Path) -> bool:
    """A change that leaves the document's graph as it was."""
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    return True


def _edit_task(path: Path) -> bool:
    """A change to the text of the first task of an appendix table (a row that starts
    with its number and a tab); False when the document has none."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if len(cells) > 2 and cells[0].strip().isdigit():
            cells[1] = cells[1].rstrip(". ") + " ở vùng nông thôn."
            lines[i] = "\t".join(cells)
            path.write_text("\n".join(lines), encoding="utf-8")
            return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description="time `migkg build` on generated documents")
    parser.add_argument("--counts", default="10,100,1000")
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="migkg-builds-"))
    try:
        missed = run([int(c) for c in args.counts.split(",")], work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    for line in missed:
        print(f"  - {line}")


if __name__ == "__main__":
    main()
