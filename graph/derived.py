"""The graphs that depend on every document, made from what each document gives them.

The reference graph (gazetteer and reference facts, with the generated bodies the
documents name) and the succession graph (loaders/responsibility.py) read only a small
part of each document: its tasks with their labels and the bodies named on them, its
task groups, its English labels and the agency IRIs it names. Each document's part is
taken out when the document is read (:func:`inputs_of`) and kept in the build cache with
its graph; the derived graphs are then made from these parts alone (:func:`make`), and
kept under the hash of all of them: a rebuild whose documents give the same parts (a
changed date, a fixed typo in a paragraph) makes nothing again.

When the parts did change, only what changed is made again. What no task decides (the
reference graph; functions, bodies, changes and objective labels of the succession graph)
is kept under the hash of the code and of the standard bodies the documents name; each
task's tags and answers under the hash of that, of its IRI, its merged text, the bodies
it names and the labels an answer's path may print (graph/task_parts.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from graph import task_parts
from loaders import responsibility
from migkg import atomic
from migkg.namespaces import ID

_AGENCY_NT = f"<{ID['agency/']}".encode()
# Raised whenever what inputs_of keeps or how it is hashed changes.
FORMAT = 3


def inputs_of(graph: Graph, ntriples: bytes | None = None) -> dict[str, Any]:
    """The part of one document graph the derived graphs depend on: its tasks (labels
    and bodies named, as :func:`loaders.responsibility.records_of` reads them), its task
    groups, the English labels it gives and the agency keys it names (``ntriples``: the
    graph as rdflib writes it, when at hand)."""
    if ntriples is None:
        ntriples = graph.serialize(format="nt", encoding="utf-8")
    tasks, groups = responsibility.records_of(graph)
    records: dict[str, Any] = {
        "tasks": {
            str(task): (tuple(rec["text"]), tuple(str(a) for a in rec["named"]))
            for task, rec in sorted(tasks.items())
        },
        "groups": sorted(str(g) for g in groups),
        "labels": {
            str(s): str(o)
            for s, o in graph.subject_objects(RDFS.label)
            if isinstance(o, Literal) and o.language == "en" and isinstance(s, URIRef)
        },
    }
    agencies = _agencies(ntriples)
    digest = hashlib.sha256(repr(sorted(records["tasks"].items())).encode("utf-8"))
    digest.update(repr((records["groups"], sorted(records["labels"].items()))).encode("utf-8"))
    digest.update(repr(sorted(agencies)).encode("utf-8"))
    records["hash"] = digest.hexdigest()
    return {"records": records, "agencies": agencies}


def _agencies(ntriples: bytes) -> set[str]:
    """The agency keys named as the subject or object of a statement (N-Triples)."""
    agencies = set()
    for line in ntriples.split(b"\n"):
        # an IRI or blank node, an IRI, then the object: no space inside the first two
        subject, _, rest = (line.split(b" ", 2) + [b"", b""])[:3]
        for term in (subject, rest):
            if term.startswith(_AGENCY_NT):
                agencies.add(term[len(_AGENCY_NT) : term.index(b">")].decode("utf-8"))
    return agencies


def key(stamp: str, parts: Iterable[dict[str, Any]]) -> str:
    """The hash of the code stamp and every document's part, in corpus order."""
    digest = hashlib.sha256(f"{FORMAT}:{stamp}".encode("ascii"))
    for part in parts:
        digest.update(b"\0doc\0" + part["records"]["hash"].encode("ascii"))
    return digest.hexdigest()


def make(parts: list[dict[str, Any]], stamp: str = "", folder: Path | None = None) -> bytes:
    """The reference and succession graphs as N-Quads, with their superclass types, from
    the documents' parts (in corpus order). With ``folder``, the parts of the previous
    build kept there are used for what did not change, and this build's kept there."""
    return task_parts.Maker(stamp, folder).make(parts)


def cached(folder: Path, derived_key: str) -> bytes | None:
    """The derived graphs kept under ``derived_key``, or None."""
    try:
        return (folder / f"derived-{derived_key}.nq").read_bytes()
    except OSError:
        return None


def keep(folder: Path, derived_key: str, data: bytes) -> None:
    """Keep the derived graphs for the next build (the previous ones are dropped)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"derived-{derived_key}.nq"
    atomic.write_bytes(target, data)
    for old in folder.glob("derived-*.nq"):
        if old != target:
            old.unlink(missing_ok=True)
