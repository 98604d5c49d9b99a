"""The one place where a query is put in the form a remote engine answers correctly.

Every query stays standard SPARQL 1.1; what differs between engines is handled here, for
the remote store only (the embedded store runs the text as written):

- Virtuoso 7 loses steps of a property path (``?plan (mkg:adoptedBy|mkg:implements)+ ?x``)
  whose start is bound by a VALUES block, where the same path from a constant is right.
  It also drops rows of a pattern joined with VALUES when several OPTIONALs follow. So a
  one-row VALUES block that binds a variable to an IRI is folded into the query: the IRI
  stands where the variable stood, and is projected under the variable's name. This is
  the same query (a variable joined with a single constant is that constant), and every
  engine answers it the same way.
- Virtuoso 7 answers ``GRAPH ?g { }`` with one solution that binds nothing: the remote
  store then lists graphs by their statements (graph/remote.py, ``graph_names``).
- Virtuoso 7 never answers a POST of ``application/sparql-query``: the remote store sends
  every query and update form-encoded, which every SPARQL 1.1 server accepts.
- Virtuoso 7 answers ASK in JSON as a table of one variable ``__ASK_RETVAL`` holding 0 or
  1: ``standard_results`` turns that into the boolean answer the protocol defines.
"""

from __future__ import annotations

import json
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

    The IRI takes the variable's place in the patterns, and a projection that names the
    variable projects the IRI under the variable's name (``(<iri> AS ?s)``). A variable
    that BOUND() tests, that an AS binds or that a GROUP BY names stays bound by VALUES;
    queries that are not SELECT queries, or that project ``*``, are returned as they came.
    """
    selects = list(_SELECT.finditer(text))
    if not selects:
        return text
    heads: list[tuple[int, int]] = []  # where each projection (outer and subqueries) stands
    for select in selects:
        opened = _WHERE_OPEN.search(text, select.end())
        if opened is None or "*" in text[select.end() : opened.start()]:
            return text
        heads.append((select.end(), opened.start()))
    match = _VALUES_ROW.search(text, heads[0][1])
    if match is None:
        return text
    names = re.findall(r"\?(\w+)", match.group("vars"))
    cells = _CELL.findall(match.group("cells"))
    if len(names) != len(cells):
        return text
    body = text[heads[0][1] :]
    fixed = set(re.findall(r"(?i)\bBOUND\s*\(\s*[?$](\w+)", body))
    fixed |= set(re.findall(r"(?i)\bAS\s+[?$](\w+)", body))
    grouped = re.search(r"(?i)\bGROUP\s+BY\b", text)
    if grouped:
        fixed |= set(re.findall(r"[?$](\w+)", text[grouped.end() :]))
    keep: list[tuple[str, str]] = []
    folded: dict[str, str] = {}
    for name, cell in zip(names, cells, strict=True):
        if cell.startswith("<") and name not in fixed:
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
    pattern = re.compile(r"[?$](" + "|".join(map(re.escape, folded)) + r")\b")
    out: list[str] = []
    at = 0
    cut = [(a, b, True) for a, b in heads] + [(match.start(), match.end(), False)]
    for a, b, is_head in sorted(cut):
        out.append(pattern.sub(lambda m: folded[m.group(1)], text[at:a]) if at else text[at:a])
        piece = text[a:b]
        out.append(_project(piece, pattern, folded) if is_head else block)
        at = b
    out.append(pattern.sub(lambda m: folded[m.group(1)], text[at:]))
    return "".join(out)


def _project(projection: str, pattern: re.Pattern[str], folded: dict[str, str]) -> str:
    """A projection with each folded variable projected as its IRI: ``(<iri> AS ?v)``."""
    out: list[str] = []
    depth = 0
    at = 0
    for m in re.finditer(r"[()]|" + pattern.pattern, projection):
        token = m.group(0)
        if token == "(":
            depth += 1
            continue
        if token == ")":
            depth -= 1
            continue
        iri = folded[m.group(1)]
        out.append(projection[at : m.start()])
        out.append(iri if depth else f"({iri} AS ?{m.group(1)})")
        at = m.end()
    out.append(projection[at:])
    return "".join(out)


def standard_results(media: str, body: bytes) -> bytes:
    """A JSON results ``body`` in the protocol's form (Virtuoso's ASK table → a boolean)."""
    if media not in ("application/sparql-results+json", "application/json"):
        return body
    if b"__ASK_RETVAL" not in body[:200]:
        return body
    try:
        data = json.loads(body)
        if data["head"]["vars"] != ["__ASK_RETVAL"]:
            return body
        rows = data["results"]["bindings"]
        value = bool(rows) and rows[0]["__ASK_RETVAL"]["value"] not in ("0", "false")
    except (ValueError, KeyError, TypeError, IndexError):
        return body
    return json.dumps({"head": {}, "boolean": value}).encode()
