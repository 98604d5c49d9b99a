"""Reading one plan's appendix table from a corpus file, for the per-document task tests."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from migkg.loaders import table
from migkg.loaders.base import EmitContext, Segment
from migkg.loaders.gazetteer import Gazetteer
from migkg.loaders.reading import read_source
from migkg.loaders.report import BuildReport
from migkg.loaders.resolver import Resolver


def appendix_graph(path: Path, plan: str, start: int = 1) -> tuple[Graph, BuildReport]:
    """The table loader's output for lines ``start``..end of ``path``, as the plan ``plan``."""
    source = read_source(path)
    seg = Segment(
        source=source,
        start=start,
        end=len(source.lines),
        kind="instrument",
        number=plan,
        plan_number=plan,
    )
    graph, report = Graph(), BuildReport()
    ctx = EmitContext(graph=graph, segment=seg, resolver=Resolver(Gazetteer.load()), report=report)
    for fact in table.parse(seg):
        fact.emit(ctx)
    return graph, report
