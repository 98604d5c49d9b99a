"""Benchmark: the query guard's time against the size of the body, up to 1 MB.

For each kind of hostile or ordinary content, bodies of 1 kB … 1 MB are checked (the
result, accepted or refused, does not matter here) and the best of three times printed,
with the time per kilobyte: a guard linear in its input keeps that column flat. The
target: any 1 MB body in under 100 ms.

    python benchmarks/guard.py          # CPU time
    python benchmarks/guard.py --wall   # wall-clock time
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from graph import guard
from migkg.errors import QueryError

SIZES = (1_000, 10_000, 100_000, 1_000_000)
TARGET_SECONDS = 0.1
OWN = frozenset({"https://w3id.org/migkg/id/graph/reference"})


def _fill(unit: str, head: str = "SELECT * WHERE { ", tail: str = " }") -> Callable[[int], str]:
    def make(size: int) -> str:
        n = max(1, (size - len(head) - len(tail)) // len(unit))
        return head + unit * n + tail

    return make


KINDS: dict[str, Callable[[int], str]] = {
    "from glued": _fill("from", head="", tail=""),
    "service glued": _fill("service", head="", tail=""),
    "prefix.": _fill("prefixa.", head="", tail=""),
    "from a.": _fill("from a.", head="", tail=""),
    "words": _fill("abc ", head="", tail=""),
    "triples": _fill("?s ?p ?o . "),
    "IRIs": _fill("<http://example.org/a> "),
    "IRIs with #": _fill("<#a>", tail=" '''x'''"),
    "strings": _fill("'' "),
    "long string": _fill("a", head="SELECT * WHERE { ?s ?p '''", tail=""),
    "comments": _fill("#\n"),
    "escapes": _fill("\\'"),
    "braces": _fill("{"),
    "UNION": _fill("{} UNION "),
    "slashes": _fill("/", head="SELECT * WHERE { ?s <p:a>", tail="<p:a> ?o }"),
    "bangs": _fill("!", head="SELECT * WHERE { FILTER(", tail="true) }"),
    "and-chain": _fill("true&&", head="SELECT * WHERE { FILTER(", tail="true) }"),
    "uchar": _fill("\\u0041"),
    "vietnamese": _fill("Kế hoạch thực hiện "),
    # the most tokens the budget lets through, then plain text
    "budget, strings": lambda size: "SELECT * WHERE { " + "'a' " * 4_990 + "?s " * (size // 3),
    "budget, IRIs": lambda size: "SELECT * WHERE { '' " + "<urn:a> " * 9_990 + "?s " * (size // 3),
}


def time_one(text: str, clock: Callable[[], float]) -> float:
    best = float("inf")
    for _ in range(5):
        started = clock()
        try:
            guard.check(text, update=False, graphs=OWN, limits=guard.Limits(max_length=2_000_000))
        except QueryError:
            pass
        best = min(best, clock() - started)
    return best


def main() -> int:
    # CPU time of this process (best of five): on a shared machine, wall time also counts
    # the waits for a core. ``--wall`` times by the wall clock instead.
    clock = time.perf_counter if "--wall" in sys.argv else time.process_time
    print(f"{'content':<16}" + "".join(f"{s:>12,} B" for s in SIZES) + "   µs/kB at 1 MB")
    worst = 0.0
    for name, make in KINDS.items():
        times = [time_one(make(size), clock) for size in SIZES]
        worst = max(worst, times[-1])
        per_kb = times[-1] / (SIZES[-1] / 1000) * 1e6
        print(f"{name:<16}" + "".join(f"{t * 1000:>12.2f} ms" for t in times) + f"   {per_kb:8.1f}")
    ok = worst < TARGET_SECONDS
    print(
        f"slowest 1 MB body: {worst * 1000:.1f} ms (target < {TARGET_SECONDS * 1000:.0f} ms): "
        + ("met" if ok else "NOT met")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
