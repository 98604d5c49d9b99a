"""The light prefix table and rdflib's namespaces agree, and query workers stay light."""

from __future__ import annotations

import subprocess
import sys

from migkg.namespaces import PREFIXES
from migkg.prefixes import PREFIX_IRIS


def test_one_prefix_table() -> None:
    assert {p: str(ns) for p, ns in PREFIXES.items()} == PREFIX_IRIS


def test_query_worker_does_not_import_rdflib() -> None:
    # Each worker holds a copy of the graph; rdflib would add its weight to every one.
    code = "import sys, graph.worker, graph.execute; print('rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
