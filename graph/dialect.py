"""The one place where a query is put in the form a remote engine answers correctly.

Every query stays standard SPARQL 1.1; what differs between engines is handled here, for
the remote store only (the embedded store runs the text as written). ``for_remote`` makes
each rewrite below, ``standard_results`` reads each answer back; every rewrite is the same
query in SPARQL 1.1 terms, so every engine (Oxigraph as well) answers it the same way:

- Virtuoso 7 loses steps of a property path (``?plan (mkg:adoptedBy|mkg:implements)+ ?x``)
  whose start is bound by a VALUES block, where the same path from a constant is right.
  It also drops rows of a pattern joined with VALUES when several OPTIONALs follow. So a
  one-row VALUES block that binds a variable to an IRI is folded into the query: the IRI
  stands where the variable stood, and is projected under the variable's name
  (``inline_values``; a variable joined with a single constant is that constant).
- Virtuoso 7 ignores a VALUES block of several rows when its group also holds a UNION and
  an OPTIONAL (``VALUES ?p { … } { ?s ?p ?o } UNION { ?o ?p ?s } OPTIONAL { … }`` gives
  every predicate), or a FILTER with ``||`` and EXISTS followed by an OPTIONAL; in a
  subquery too. So every VALUES block inside a group is written as the union of its rows,
  each a group of BINDs (``values_as_union``): the same table of solutions.
- Virtuoso 7 has no boolean values: ``true``, ``false`` and EXISTS bound to a variable come
  back as the integers 1 and 0. A BIND of a truth value binds the typed literal instead
  (``STRDT("true", xsd:boolean)``, ``typed_booleans``), which Virtuoso writes ``"1"``;
  ``standard_results`` gives every ``xsd:boolean`` its canonical form ``true``/``false``.
- GROUP_CONCAT over a group where its argument has no value in some solution: SPARQL 1.1
  makes the aggregate an error (unbound), as Oxigraph does; Virtuoso 7 skips the missing
  values (``""`` when all are missing). Virtuoso refuses GROUP_CONCAT DISTINCT inside an
  expression, so two counts are projected beside it (``strict_group_concat``) and
  ``standard_results`` unbinds the list where they differ, then drops them.
- Virtuoso 7 answers a CONSTRUCT or DESCRIBE as a table of ``?s ?p ?o`` when JSON results
  come first in the Accept header (and writes a language tag where the JSON results
  format has none): ``accept`` asks for N-Triples or Turtle for these forms, results for
  SELECT and ASK.
- Virtuoso 7 answers ``GRAPH ?g { }`` with one solution that binds nothing: the remote
  store then lists graphs by their statements (graph/remote.py, ``graph_names``).
- Virtuoso 7 never answers a POST of ``application/sparql-query``: the remote store sends
  every query and update form-encoded, which every SPARQL 1.1 server accepts.
- Virtuoso 7 answers ASK in JSON as a table of one variable ``__ASK_RETVAL`` holding 0 or
  1: ``standard_results`` turns that into the boolean answer the protocol defines.
- Virtuoso's default graph repeats a statement held in several graphs (once per graph):
  with the setting ``union_graph`` the remote store answers from one merged graph that
  ``migkg push --union-graph`` loads (graph/remote.py).

What SPARQL leaves open is not an engine difference, and the queries and pages do not
depend on it: the value SAMPLE picks (a query samples one value per group), the order of
rows without ORDER BY (the name index ranks a thing's kinds and its names, webapp/names.py)
and the order of GROUP_CONCAT's parts (a canned query's page sorts them,
webapp/views/queries.py).
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
# What is not SPARQL syntax to rewrite: comments, strings and IRIs (which may hold braces,
# keywords or a '#').
_OPAQUE = re.compile(
    r'<[^<>"{}|^`\\\s]*>|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*'
)
# A VALUES block: ``VALUES ?p { ... }`` or ``VALUES (?a ?b) { (...) ... }`` (on masked text).
_VALUES_BLOCK = re.compile(r"\bVALUES\s*(?:[?$]\w+|\([^()]*\))\s*\{[^{}]*\}", re.IGNORECASE)
# A BIND whose value is a truth value: a constant, or whether a pattern matches.
_BOOLEAN_BIND = re.compile(
    r"\bBIND\s*\(\s*(?:(?P<const>true|false)\b|(?P<exists>(?:NOT\s+)?EXISTS)\s*\{)", re.IGNORECASE
)
_AS_VAR = re.compile(r"\s*AS\s+[?$]\w+\s*\)", re.IGNORECASE)
_XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
# The query form: its first keyword (not a prefixed name's local part, nor a variable).
_FORM = re.compile(r"(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_RESULTS = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_TRIPLES = "application/n-triples, text/turtle;q=0.8"
_GROUP_CONCAT = re.compile(r"\bGROUP_CONCAT\s*\(\s*(?:DISTINCT\b)?", re.IGNORECASE)
# Counts projected beside a GROUP_CONCAT (see strict_group_concat).
_HEAD_END = re.compile(r"\bFROM\b|\bWHERE\b|\{", re.IGNORECASE)
_AS_NAME = re.compile(r"\s*AS\s+[?$](\w+)\s*\)", re.IGNORECASE)
_ROWS, _VALUES = "migkg_rows__", "migkg_values__"


def for_remote(text: str) -> str:
    """``text`` in the form a remote engine answers as the embedded store answers ``text``:
    single-row VALUES folded (:func:`inline_values`), other VALUES blocks written as
    unions (:func:`values_as_union`), truth values bound in their typed form
    (:func:`typed_booleans`) and a GROUP_CONCAT over a missing value left unbound
    (:func:`strict_group_concat`).
    """
    return strict_group_concat(typed_booleans(values_as_union(inline_values(text))))


def accept(text: str) -> str:
    """The Accept header for the answer to ``text``: triples for CONSTRUCT and DESCRIBE,
    JSON results for SELECT and ASK."""
    form = _FORM.search(_mask(text))
    if form is not None and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE"):
        return _TRIPLES
    return _RESULTS


def _mask(text: str) -> str:
    """``text`` with comments, strings and IRIs blanked out (same length, same offsets)."""
    return _OPAQUE.sub(lambda m: " " * len(m.group(0)), text)


def values_as_union(text: str) -> str:
    """``text`` with each VALUES block inside a group pattern written as the union of its
    rows, each row a group of BINDs: ``VALUES ?p { :a :b }`` → ``{ BIND(:a AS ?p) } UNION
    { BIND(:b AS ?p) }``, the same table of solutions joined with the same group (an UNDEF
    cell binds nothing). A VALUES block after the WHERE clause is left where it stands.
    """
    masked = _mask(text)
    solid = _OPAQUE.sub(lambda m: "_" * len(m.group(0)), text)  # one token per term
    out: list[str] = []
    at = 0
    for m in _VALUES_BLOCK.finditer(masked):
        if masked.count("{", 0, m.start()) == masked.count("}", 0, m.start()):
            continue  # the VALUES clause that follows the query
        head, body = masked[m.start() : m.end()].split("{", 1)
        names = re.findall(r"[?$](\w+)", head)
        offset = m.start() + len(head) + 1
        if "(" in head:
            rows = [
                _terms(text, solid, offset + r.start(1), offset + r.end(1))
                for r in re.finditer(r"\(([^()]*)\)", body)
            ]
        else:
            rows = [[t] for t in _terms(text, solid, offset, offset + len(body) - 1)]
        if not rows or any(len(row) != len(names) for row in rows):
            continue
        groups = [
            "{ "
            + " ".join(
                f"BIND({cell} AS ?{name})"
                for name, cell in zip(names, row, strict=True)
                if cell.upper() != "UNDEF"
            )
            + " }"
            for row in rows
        ]
        out.append(text[at : m.start()])
        out.append(" UNION ".join(groups))
        at = m.end()
    out.append(text[at:])
    return "".join(out)


def _terms(text: str, solid: str, start: int, end: int) -> list[str]:
    """The terms written in ``text[start:end]`` (split where ``solid`` has white space)."""
    return [
        text[start + t.start() : start + t.end()] for t in re.finditer(r"\S+", solid[start:end])
    ]


def typed_booleans(text: str) -> str:
    """``text`` with each ``BIND(true|false|EXISTS {…}|NOT EXISTS {…} AS ?v)`` binding
    ``?v`` to an explicitly typed ``xsd:boolean`` literal (``STRDT("true", xsd:boolean)``),
    the same term the plain expression stands for."""
    masked = _mask(text)
    yes = f'STRDT("true", <{_XSD_BOOLEAN}>)'
    no = f'STRDT("false", <{_XSD_BOOLEAN}>)'
    out: list[str] = []
    at = 0
    for m in _BOOLEAN_BIND.finditer(masked):
        start = m.start("const") if m.group("const") else m.start("exists")
        if start < at:
            continue  # inside a pattern already rewritten
        if m.group("const"):
            end = m.end("const")
            typed = yes if m.group("const").lower() == "true" else no
        else:
            end = _closing(masked, m.end() - 1)
            if end < 0:
                continue
            typed = f"IF({text[start:end]}, {yes}, {no})"
        if not _AS_VAR.match(masked, end):
            continue  # the truth value is part of a larger expression
        out.append(text[at:start])
        out.append(typed)
        at = end
    out.append(text[at:])
    return "".join(out)


def strict_group_concat(text: str) -> str:
    """``text`` with two counts projected beside each ``(GROUP_CONCAT(E …) AS ?v)`` of its
    projection: the solutions of the group and those where ``E`` has a value
    (``?migkg_rows__v``, ``?migkg_values__v``). SPARQL 1.1 makes the aggregate unbound when
    ``E`` has no value in some solution; :func:`standard_results` unbinds ``?v`` where the
    counts differ and removes them. (Virtuoso 7 refuses GROUP_CONCAT DISTINCT inside an
    expression, so the test cannot be written in the query itself.)"""
    select = _SELECT.search(text)
    if select is None:
        return text
    masked = _mask(text)
    head_end = _HEAD_END.search(masked, select.end())
    if head_end is None:
        return text
    added: list[str] = []
    for m in _GROUP_CONCAT.finditer(masked, select.end(), head_end.start()):
        end = _closing(masked, masked.index("(", m.start()), "(", ")")
        named = _AS_NAME.match(masked, end) if 0 < end <= head_end.start() else None
        if named is None:
            continue
        inner = masked[m.end() : end - 1]
        depth, cut = 0, len(inner)
        for i, ch in enumerate(inner):
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if ch == ";" and depth == 0:
                cut = i
                break
        argument = text[m.end() : m.end() + cut].strip()
        var = named.group(1)
        added.append(f"(COUNT(*) AS ?{_ROWS}{var}) (COUNT({argument}) AS ?{_VALUES}{var})")
    if not added:
        return text
    at = head_end.start()
    return text[:at].rstrip() + "\n       " + " ".join(added) + "\n" + text[at:]


def _strict_concat_rows(data: dict) -> bool:
    """Unbind each GROUP_CONCAT that :func:`strict_group_concat` counted over a missing
    value, and drop the counts; whether there were any."""
    names = data.get("head", {}).get("vars", [])
    helpers = [n for n in names if n.startswith((_ROWS, _VALUES))]
    if not helpers:
        return False
    counted = [n[len(_ROWS) :] for n in names if n.startswith(_ROWS)]
    for row in data.get("results", {}).get("bindings", []):
        for var in counted:
            rows = row.get(_ROWS + var, {}).get("value")
            values = row.get(_VALUES + var, {}).get("value")
            if rows != values:
                row.pop(var, None)
        for n in helpers:
            row.pop(n, None)
    data["head"]["vars"] = [n for n in names if n not in helpers]
    return True


def _closing(masked: str, opening: int, left: str = "{", right: str = "}") -> int:
    """The offset just past the bracket that closes the one at ``opening``; -1 if none."""
    depth = 0
    for i in range(opening, len(masked)):
        if masked[i] == left:
            depth += 1
        elif masked[i] == right:
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


def inline_values(text: str) -> str:
    """``text`` with each single-row VALUES binding of an IRI folded into the query.

    The IRI takes the variable's place in the patterns (bracketed in ORDER BY, where a
    bare IRI would call a function), and a projection that names the variable projects
    the IRI under the variable's name (``(<iri> AS ?s)``). A variable
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
    # keywords are found on masked text: BOUND, AS, GROUP BY or ORDER BY in a comment or a
    # string is no part of the query
    masked = _mask(text)
    body = masked[heads[0][1] :]
    fixed = set(re.findall(r"(?i)\bBOUND\s*\(\s*[?$](\w+)", body))
    fixed |= set(re.findall(r"(?i)\bAS\s+[?$](\w+)", body))
    grouped = re.search(r"(?i)\bGROUP\s+BY\b", masked)
    if grouped:
        fixed |= set(re.findall(r"[?$](\w+)", masked[grouped.end() :]))
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
    # In ORDER BY a bare IRI would read as a call of a function: the IRI is bracketed
    # there, an expression (ordering by a constant orders nothing).
    ordered = [(m.end(), _order_end(masked, m.end())) for m in _ORDER_BY.finditer(masked)]

    def fold(start: int, segment: str) -> str:
        def one(m: re.Match[str]) -> str:
            at = start + m.start()
            iri = folded[m.group(1)]
            return f"({iri})" if any(a <= at < b for a, b in ordered) else iri

        return pattern.sub(one, segment)

    out: list[str] = []
    at = 0
    cut = [(a, b, True) for a, b in heads] + [(match.start(), match.end(), False)]
    for a, b, is_head in sorted(cut):
        out.append(fold(at, text[at:a]) if at else text[at:a])
        piece = text[a:b]
        out.append(_project(piece, pattern, folded) if is_head else block)
        at = b
    out.append(fold(at, text[at:]))
    return "".join(out)


_ORDER_BY = re.compile(r"(?i)\bORDER\s+BY\b")
_ORDER_END = re.compile(r"(?i)\bLIMIT\b|\bOFFSET\b|\}")


def _order_end(masked: str, start: int) -> int:
    """Where the ORDER BY clause that starts at ``start`` ends: at LIMIT, OFFSET, the
    brace that closes its subquery, or the end of the text (``masked``: see ``_mask``)."""
    end = _ORDER_END.search(masked, start)
    return end.start() if end else len(masked)


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
    """A JSON results ``body`` in the protocol's form: Virtuoso's ASK table → a boolean,
    each ``xsd:boolean`` in its canonical form (``"1"`` → ``"true"``, ``"0"`` → ``"false"``),
    and each GROUP_CONCAT counted by :func:`strict_group_concat` unbound where SPARQL leaves
    it so."""
    if media not in ("application/sparql-results+json", "application/json"):
        return body
    if b"__ASK_RETVAL" in body[:200]:
        return _ask_answer(body)
    if _XSD_BOOLEAN.encode() not in body and _ROWS.encode() not in body[:2000]:
        return body
    try:
        data = json.loads(body)
        rows = data["results"]["bindings"]
    except (ValueError, KeyError, TypeError):
        return body
    changed = _strict_concat_rows(data)
    for row in rows:
        for term in row.values():
            if term.get("datatype") == _XSD_BOOLEAN and term.get("value") in _CANONICAL:
                term["value"] = _CANONICAL[term["value"]]
                changed = True
    return json.dumps(data).encode() if changed else body


_CANONICAL = {"1": "true", "0": "false"}


def _ask_answer(body: bytes) -> bytes:
    """Virtuoso's ASK table (one variable ``__ASK_RETVAL``, 0 or 1) as the boolean answer."""
    try:
        data = json.loads(body)
        if data["head"]["vars"] != ["__ASK_RETVAL"]:
            return body
        rows = data["results"]["bindings"]
        value = bool(rows) and rows[0]["__ASK_RETVAL"]["value"] not in ("0", "false")
    except (ValueError, KeyError, TypeError, IndexError):
        return body
    return json.dumps({"head": {}, "boolean": value}).encode()
