"""The one place where a query is put in the form a remote engine answers correctly.

Every query stays standard SPARQL 1.1; what differs between engines is handled here, for
the remote store only (the embedded store runs the text as written):

- Virtuoso 7 loses steps of a property path (``?plan (mkg:adoptedBy|mkg:implements)+ ?x``)
  whose start is bound by a VALUES block, where the same path from a constant is right.
  So a one-row VALUES block that binds a variable to an IRI is folded into the query: the
  IRI stands where the variable stood. This is the same query (a variable joined with a
  single constant is that constant), and every engine answers it the same way. Variables
  the query projects, or that a subquery could see in another scope, are left bound by
  VALUES.
- Virtuoso 7 answers ``GRAPH ?g { }`` with one solution that binds nothing: the remote
  store then lists graphs by their statements (graph/remote.py, ``graph_names``).
- Virtuoso 7 never answers a POST of ``application/sparql-query``: the remote store sends
  every query and update form-encoded, which every SPARQL 1.1 server accepts.
"""

from __future__ import annotations

import re

# A VALUES block with one row of cells: ``VALUES (?a ?b) { (<x> UNDEF) }``.
_VALUES_ROW = re.compile(
    r"VALUES\s*\((?P<vars>\s*\?\w+(?:\s+\?\w+)*\s*)\)\s*\{\s*\((?P<cells>[^(){}]*)\)\s*\}",
    re.IGNORECASE,
)
_CELL = re.compile(r"<[^<>\s]*>|UNDEF|\"(?:[^\"\\]|\\.)*\"\S*|'(?:[^'\\]|\\.)*'\S*|\S+")
_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)
_WHERE_OPEN = re.compile(r"\bWHERE\b|\{", re.IGNORECASE)


def inline_values(text: str) -> str:
    """``text`` with each single-row VALUES binding of an IRI folded into the query.

    Only SELECT queries are rewritten, and only variables that no projection (of the
    query or a subquery) names, that no BOUND() tests and that no AS binds; anything else is
    returned as it came.
    """
    selects = list(_SELECT.finditer(text))
    if not selects:
        return text
    projected: set[str] = set()
    for select in selects:  # the outer query's and every subquery's projection
        opened = _WHERE_OPEN.search(text, select.end())
        if opened is None:
            return text
        projection = text[select.end() : opened.start()]
        if "*" in projection:
            return text
        projected |= set(re.findall(r"\?(\w+)", projection))
    head_end = _WHERE_OPEN.search(text, selects[0].end())
    assert head_end is not None
    match = _VALUES_ROW.search(text, head_end.start())
    if match is None:
        return text
    names = re.findall(r"\?(\w+)", match.group("vars"))
    cells = _CELL.findall(match.group("cells"))
    if len(names) != len(cells):
        return text
    # a variable the query tests with BOUND() or binds itself must stay a variable
    rest_text = text[head_end.start() :]
    fixed = set(re.findall(r"(?i)\bBOUND\s*\(\s*[?$](\w+)", rest_text))
    fixed |= set(re.findall(r"(?i)\bAS\s+[?$](\w+)", rest_text))
    keep: list[tuple[str, str]] = []
    folded: dict[str, str] = {}
    for name, cell in zip(names, cells, strict=True):
        if cell.startswith("<") and name not in projected and name not in fixed:
            folded[name] = cell
        else:
            keep.append((name, cell))
    if not folded:
        return text
    block = ""
    if keep:
        block = "VALUES ({}) {{ ({}) }}".format(
            " ".join(f"?{n}" for n, _ in keep), " ".join(c for _, c in keep)
        )
    body = text[: match.start()] + block + text[match.end() :]
    head, rest = body[: head_end.start()], body[head_end.start() :]
    for name, iri in folded.items():
        rest = re.sub(rf"[?$]{name}\b", lambda _m, iri=iri: iri, rest)
    return head + rest
