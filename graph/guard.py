"""Checks a SPARQL request before any parser sees it.

Parsers are the weak point: pyoxigraph dies (the whole process) on a query nested a few
thousand groups deep, rdflib raises RecursionError at about forty, and both send
``SERVICE`` and ``LOAD`` to the network. So the text is checked lexically first: its
size, its nesting depth, and every keyword that reaches outside the store.

The check is built to err on the side of refusing:

* Strings, comments and IRIs are cut out first (the word "service" in a literal or a
  comment is harmless), but parentheses inside IRIs still count towards the depth.
* oxigraph's parser is a PEG without word boundaries: it reads ``service:x { … }`` as
  ``SERVICE :x { … }`` when no triple pattern fits. So a keyword is looked for at the
  start of every name-like run, whatever follows it; only its appearance inside a
  variable, after a prefix colon, in a blank node label or a language tag is let through.
* Some servers (Jena) decode ``\\uXXXX`` escapes anywhere in the text before parsing;
  when the text holds such escapes, the decoded text is checked as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

from migkg.errors import QueryError

_STRING = re.compile(
    r"'''(?:(?:'|'')?(?:[^'\\]|\\[\s\S]))*'''"
    r'|"""(?:(?:"|"")?(?:[^"\\]|\\[\s\S]))*"""'
    r"|'(?:[^'\\\n\r]|\\[^\n\r])*'"
    r'|"(?:[^"\\\n\r]|\\[^\n\r])*"'
)
_IRIREF = re.compile(r'<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>')
_COMMENT = re.compile(r"#[^\n\r]*")
_PLAIN = re.compile(r"[^'\"#<]+")
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

# A run of characters that can make up one name-like token (keyword, prefixed name,
# variable, blank node label, language tag, number). "." is left out on purpose, so
# ``ex:a.service`` is looked at from the dot on.
_RUN_CHAR = re.compile(r"[\w\-:%\\?$@\u00B7]")
# Inside a run, a keyword after one of these is part of another token.
_INNER_MARKS = frozenset(":?$@")

_OPEN = frozenset("{([")
_BRACKET = re.compile(r"[{}()\[\]]")

_PN_LOCAL_CHAR = r"(?:[\w\-:%]|\\[_~.\-!$&'()*+,;=/?#@%]|\.(?=[\w\-:%\\]))"
_PNAME = r"(?:[^\W\d_][\w.\-]*)?:" + _PN_LOCAL_CHAR + "*"
_IRI_AFTER = re.compile(
    r"\s*(?:(?P<named>named)\b\s*)?(?:<I(?P<iri>\d+)>|(?P<pname>" + _PNAME + "))", re.I
)
_PREFIX_DECL = re.compile(
    r"(?<![\w:?$@])prefix\s*(?P<name>(?:[^\W\d_][\w.\-]*)?):\s*<I(?P<iri>\d+)>", re.I
)
_BASE_DECL = re.compile(r"(?<![\w:?$@])base\s*<I(?P<iri>\d+)>", re.I)


@dataclass(frozen=True)
class Limits:
    """What a request may do."""

    max_length: int = 1_000_000
    max_depth: int = 64
    allow_remote: bool = False


@dataclass
class Skeleton:
    """The query with strings and comments blanked and IRIs replaced by ``<In>``."""

    code: str
    iris: list[str] = field(default_factory=list)
    depth: int = 0
    # (offset in code, offset in the text) of each stretch copied unchanged
    spans: list[tuple[int, int]] = field(default_factory=list)

    def origin(self, at: int) -> int:
        """Where the code character at ``at`` (inside a copied stretch) is in the text."""
        code_start, text_start = max((s for s in self.spans if s[0] <= at), default=(0, 0))
        return text_start + (at - code_start)


def skeleton(text: str) -> Skeleton:
    """Cut strings, comments and IRIs out of ``text``; count the nesting depth."""
    parts: list[str] = []
    iris: list[str] = []
    spans: list[tuple[int, int]] = []
    written = 0
    depth = deepest = 0
    pos, end = 0, len(text)

    def count(chunk: str) -> None:
        nonlocal depth, deepest
        for m in _BRACKET.finditer(chunk):
            if m.group() in _OPEN:
                depth += 1
                deepest = max(deepest, depth)
            else:
                depth -= 1

    def emit(chunk: str, copied: bool = False) -> None:
        nonlocal written
        if copied:
            spans.append((written, pos))
        parts.append(chunk)
        written += len(chunk)

    while pos < end:
        ch = text[pos]
        if ch in "'\"":
            m = _STRING.match(text, pos)
            if m is None:
                line = text.count("\n", 0, pos) + 1
                raise QueryError(f"unterminated string at line {line}")
            emit(' "" ')
            pos = m.end()
        elif ch == "#":
            m = _COMMENT.match(text, pos)
            assert m is not None
            emit(" ")
            pos = m.end()
        elif ch == "<":
            m = _IRIREF.match(text, pos)
            if m is None:  # the less-than operator
                emit("<", copied=True)
                pos += 1
                continue
            iri = m.group()[1:-1]
            # A PEG parser may read this "<" as an operator: the brackets inside still
            # nest for it, and a quote or "#" inside would open a string or a comment.
            count(iri)
            if "'" in iri:
                raise QueryError("an IRI may not contain a quote mark here")
            if "#" in iri and _long_string_follows(text, m.end()):
                raise QueryError("an IRI with '#' may not share a line with a long string")
            emit(f" <I{len(iris)}> ")
            iris.append(_decode(iri))
            pos = m.end()
        else:
            m = _PLAIN.match(text, pos)
            assert m is not None
            chunk = m.group()
            count(chunk)
            emit(chunk, copied=True)
            pos = m.end()
    return Skeleton("".join(parts), iris, deepest, spans)


def _long_string_follows(text: str, pos: int) -> bool:
    eol = len(text)
    for nl in ("\n", "\r"):
        i = text.find(nl, pos)
        if i != -1:
            eol = min(eol, i)
    rest = text[pos:eol]
    return "'''" in rest or '"""' in rest


def _decode(s: str) -> str:
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), s)


def keyword_at(code: str, word: str) -> list[int]:
    """Offsets in ``code`` where ``word`` may be read as a keyword (see the module notes)."""
    found: list[int] = []
    for m in re.finditer(re.escape(word), code, re.I):
        start = m.start()
        run = start
        while run > 0 and _RUN_CHAR.match(code, run - 1):
            run -= 1
        if not any(c in _INNER_MARKS for c in code[run:start]):
            found.append(start)
    return found


_WHERE_GROUP = re.compile(r"(?<![\w:?$@\-])where\s*\{", re.I)
_FORM_GROUP = re.compile(r"(?<![\w:?$@\-])(?:select|ask|describe)\b[^{]*\{", re.I)


def where_group(text: str) -> int:
    """Offset in ``text`` just inside the ``{`` that opens the query's WHERE clause."""
    sk = skeleton(text)
    found = [m.end() for m in (_WHERE_GROUP.search(sk.code), _FORM_GROUP.search(sk.code)) if m]
    if not found:
        raise QueryError("the query has no WHERE clause")
    return sk.origin(min(found) - 1) + 1


def _prefixes(sk: Skeleton) -> dict[str, str]:
    # Prefix names are case-sensitive; a later declaration replaces an earlier one.
    return {m["name"]: sk.iris[int(m["iri"])] for m in _PREFIX_DECL.finditer(sk.code)}


def dataset_iris(sk: Skeleton, words: Iterable[str]) -> list[str | None]:
    """The IRIs after FROM [NAMED] / USING [NAMED]; None where none can be read."""
    prefixes = _prefixes(sk)
    bases = [sk.iris[int(m["iri"])] for m in _BASE_DECL.finditer(sk.code)]
    base = bases[-1] if bases else ""
    out: list[str | None] = []
    for word in words:
        for at in keyword_at(sk.code, word):
            m = _IRI_AFTER.match(sk.code, at + len(word))
            if m is None:
                out.append(None)
            elif m["iri"] is not None:
                iri = sk.iris[int(m["iri"])]
                out.append(urljoin(base, iri) if base else iri)
            else:
                prefix, _, local = m["pname"].partition(":")
                ns = prefixes.get(prefix)
                out.append(ns + re.sub(r"\\(.)", r"\1", local) if ns is not None else None)
    return out


_MAYBE_FROM = re.compile(r"from", re.I)


def declares_dataset(text: str) -> bool:
    """True when the query has FROM or FROM NAMED (its own dataset, not the union)."""
    if _MAYBE_FROM.search(text) is None:  # the common case, without a scan
        return False
    try:
        return bool(dataset_iris(skeleton(text), ("from",)))
    except QueryError:
        return False  # malformed: the parser will say how


def check(
    text: str,
    *,
    update: bool,
    graphs: Iterable[str],
    limits: Limits,
    protocol_graphs: Iterable[str] = (),
) -> bool:
    """Raise QueryError (400 malformed or too deep, 403 refused, 413 too long); else return
    whether the text declares its own dataset (FROM, FROM NAMED, USING)."""
    size = len(text.encode("utf-8"))
    if size > limits.max_length:
        raise QueryError(
            f"query of {size} bytes is larger than the limit of {limits.max_length}",
            status=413,
            title="Request too large",
        )
    own = graphs if isinstance(graphs, set | frozenset) else set(graphs)
    for iri in protocol_graphs:
        if iri not in own and not limits.allow_remote:
            raise QueryError(
                f"<{iri}> does not name a graph of this store", status=403, title="Refused"
            )
    own_dataset = _check_one(text, update=update, own=own, limits=limits)
    if _UCHAR.search(text):
        _check_one(_decode(text), update=update, own=own, limits=limits)
    return own_dataset


def _check_one(text: str, *, update: bool, own: set[str] | frozenset[str], limits: Limits) -> bool:
    sk = skeleton(text)
    if sk.depth > limits.max_depth:
        raise QueryError(
            f"query nested too deep ({sk.depth} levels; the limit is {limits.max_depth})"
        )
    named = dataset_iris(sk, ("from", "using"))
    if limits.allow_remote:
        return bool(named)
    if keyword_at(sk.code, "service"):
        raise QueryError(
            "SERVICE is not allowed: this server does not query others", status=403, title="Refused"
        )
    if update and keyword_at(sk.code, "load"):
        raise QueryError(
            "LOAD is not allowed: this server does not fetch data", status=403, title="Refused"
        )
    for iri in named:
        if iri is None:
            raise QueryError(
                "FROM or USING must name a graph of this store", status=403, title="Refused"
            )
        if iri not in own:
            raise QueryError(
                f"<{iri}> does not name a graph of this store", status=403, title="Refused"
            )
    return bool(named)
