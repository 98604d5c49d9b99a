"""`migkg query`, `export` and `validate` read the same graph from every store the command
line offers: ``embedded`` (the folder) and ``memory`` (the folder read into memory).

Over an on-disk store of tests/data/mini.trig; expected values read from that file.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from graph.validate import load_graph
from queries import cli_query
from viz.exports import cli_export

KINDS = ("embedded", "memory")


def settings(kind: str, path: Path) -> dict[str, str]:
    return {"store": kind, "store_path": str(path)}


@pytest.mark.parametrize("kind", KINDS)
def test_query(kind: str, mini_store_dir: Path) -> None:
    text = cli_query(
        settings(kind, mini_store_dir),
        "agency_tasks",
        list_=False,
        params=("agency=molisa",),
        fmt="csv",
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    # mini.trig: MOLISA leads 3.2.3 of Decision 402
    assert any(r["code"] == "3.2.3" and r["role"] == "lead" for r in rows), text


@pytest.mark.parametrize("kind", KINDS)
def test_export(kind: str, mini_store_dir: Path) -> None:
    data = cli_export(settings(kind, mini_store_dir), "graph", "nt")
    g = Graph().parse(data=data, format="nt")
    held = load_graph(settings("embedded", mini_store_dir))
    assert len(g) == len(held) > 0


@pytest.mark.parametrize("kind", KINDS)
def test_validate_reads_the_whole_graph(kind: str, mini_store_dir: Path) -> None:
    graph = load_graph(settings(kind, mini_store_dir))
    assert len(graph) == len(load_graph(settings("embedded", mini_store_dir))) > 100


def test_memory_on_the_command_line(mini_store_dir: Path) -> None:
    out = []
    for kind in KINDS:
        result = subprocess.run(
            [sys.executable, "-m", "migkg", "query", "agency_tasks", "--param", "agency=molisa"]
            + ["--format", "csv", "--store", kind, "--store-path", str(mini_store_dir)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        out.append(result.stdout)
    assert out[0] == out[1] and "3.2.3" in out[0]


def test_memory_of_a_missing_store_is_one_line(tmp_path: Path) -> None:
    from migkg.errors import MigkgError

    with pytest.raises(MigkgError, match="no store at"):
        load_graph(settings("memory", tmp_path / "none"))
