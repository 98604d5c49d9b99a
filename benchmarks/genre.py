"""Score the reading of a genre folder: one line per document, then totals per category.

    python benchmarks/genre.py [FOLDER]      (default: tests/data/genre)

FOLDER holds NN_<slug>.txt beside NN_<slug>.toml (the facts each text states); every
document is built alone with the project's pipeline and scored through the public RDF
contract (tests/genre_score.py). A hidden set of the same layout is scored the same way.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]  # the scorer, then the project

from genre_score import (  # noqa: E402
    CATEGORIES,
    Counts,
    DocScore,
    GenreFolderError,
    score_folder,
    totals,
)

from migkg.errors import MigkgError  # noqa: E402

SHORT = {
    "header": "hdr",
    "links": "lnk",
    "assignments": "asg",
    "deadlines": "ddl",
    "duties": "dut",
    "events": "evt",
    "reports": "rep",
}


def doc_line(doc: DocScore) -> str:
    """One document: correct/expected (found) per category and wrong provinces."""
    cells = [
        f"{SHORT[c]} {doc.counts[c].correct}/{doc.counts[c].expected} ({doc.counts[c].found})"
        for c in CATEGORIES
    ]
    return f"{doc.name[:44]:44} " + "  ".join(cells) + f"  wrong-prov {doc.wrong_province}"


def total_line(category: str, counts: Counts) -> str:
    """One category over the folder: recall, precision, wrong provinces."""
    return (
        f"{category:12} expected {counts.expected:4}  found {counts.found:4}  correct "
        f"{counts.correct:4}  recall {counts.recall:.3f}  precision {counts.precision:.3f}  "
        f"wrong-province {counts.wrong_province}"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the per-document lines and the totals; exit 2 on a folder that cannot be read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "tests" / "data" / "genre")
    args = parser.parse_args(argv)
    folder: Path = args.folder
    if not folder.is_dir() or not any(folder.glob("*.txt")):
        print(f"{folder}: not a genre folder (no .txt documents)", file=sys.stderr)
        return 2
    missing = [t.name for t in sorted(folder.glob("*.txt")) if not t.with_suffix(".toml").exists()]
    if missing:
        print(f"{folder}: no facts file beside {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        scores = score_folder(folder)
    except (GenreFolderError, MigkgError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    for doc in scores:
        print(doc_line(doc))
    print(f"-- {len(scores)} documents")
    for category, counts in totals(scores).items():
        print(total_line(category, counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
