"""Reading one plan's appendix table from a corpus file, for the per-document task tests."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from loaders import table
from loaders.base import EmitContext, Segment
from loaders.gazetteer import Gazetteer
from loaders.reading import read_source
from loaders.report import BuildReport
from loaders.resolver import Resolver


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
