"""Checks a SPARQL request before any parser sees it, in time linear in its length.

Parsers are the weak point: pyoxigraph dies (the whole process) on a query nested a few
thousand groups deep or holding a flat chain of some thousands of one operator (``UNION``,
``/``, ``|``, ``!``, ``&&``, ``BIND`` …), rdflib raises RecursionError at about forty, and
both send ``SERVICE`` and ``LOAD`` to the network. So the text is first read as the
grammar reads it (graph/skeleton.py: strings, comments and IRIs cut out; depth and chains
counted within a budget), then checked: its size, its depth, its chains, and every
keyword that reaches outside the store.

* oxigraph's parser is a PEG without word boundaries: it reads ``service:x { … }`` as
  ``SERVICE :x { … }`` when no triple pattern fits. So a keyword is looked for at the
  start of every name-like run, whatever follows it; only its appearance inside a
  variable, after a prefix colon, in a blank node label or a language tag is let through.
  A ``FROM`` or ``USING`` glued to other characters is refused outright.
* Some servers (Jena) decode ``\\uXXXX`` escapes anywhere in the text before parsing;
  when the text holds such escapes, the decoded text is checked as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from graph.skeleton import UCHAR, Limits, Skeleton, decode, skeleton
from migkg.errors import QueryError

__all__ = [
    "Limits",
    "Skeleton",
    "check",
    "declares_dataset",
    "looks_light",
    "skeleton",
    "where_group",
]

# Name-like runs (keyword, prefixed name, variable, blank node label, language tag,
# number) are made of these bytes; every non-ASCII byte counts, as non-ASCII letters may
# make up names. "." is left out on purpose, so ``ex:a.service`` is looked at from the
# dot on. A run read backwards: name bytes, or an escape pair (reversed: byte, then "\").
_RUN_BYTE = rb"[\w\-:%?$@\\\x80-\xff]"
_IS_RUN_BYTE = re.compile(_RUN_BYTE)
_BACK_OVER_NAME = re.compile(rb"(?:[\w\-%\x80-\xff]|[\s\S]\\)*+")
_MARKS = frozenset(b":?$@")

_PN_LOCAL_CHAR = rb"(?:[\w\-:%\x80-\xff]|\\[_~.\-!$&'()*+,;=/?#@%]|\.(?=[\w\-:%\\\x80-\xff]))"
# Bounded so that no match can run on through the rest of a hostile text.
_PN_PREFIX = rb"(?:[A-Za-z\x80-\xff][\w.\-\x80-\xff]{0,200})?"
_PNAME = _PN_PREFIX + rb":" + _PN_LOCAL_CHAR + rb"{0,2000}"
_WS = rb"[ \t\r\n]{0,200}"
_IRI_AFTER = re.compile(
    _WS
    + rb"(?:(?P<named>(?i:named))(?![\w:])"
    + _WS
    + rb")?(?:(?P<iri><I>)|(?P<pname>"
    + _PNAME
    + rb"))"
)
_PREFIX_REST = re.compile(_WS + rb"(?P<name>" + _PN_PREFIX + rb"):" + _WS + rb"(?P<iri><I>)")
_BASE_REST = re.compile(_WS + rb"(?P<iri><I>)")

# More FROM / USING clauses than this are refused without being read one by one.
MAX_DATASET_CLAUSES = 64


@dataclass(frozen=True)
class _Place:
    """Where a keyword's letters stand: ``at`` its offset; ``glued`` when other name
    characters touch it."""

    at: int
    end: int
    glued: bool


def keyword_places(sk: Skeleton, word: str, limits: Limits | None = None) -> list[_Place]:
    """Where ``word`` may be read as a keyword (see the module notes)."""
    limits = limits or Limits()
    target = word.lower().encode()
    n = sk.low.count(target)
    if n == 0:
        return []
    if n > limits.max_chain:
        raise QueryError(
            f"query holds the word '{word.upper()}' {n} times (the limit is {limits.max_chain})"
        )
    rev = sk.low[::-1]
    size = len(rev)
    places: list[_Place] = []
    prev_end, prev_status = -1, (False, False)  # (a keyword, glued)
    at = sk.low.find(target)
    while at != -1:
        # Read the run backwards from the keyword, no further than the previous one.
        stop = size - prev_end if prev_end >= 0 else size
        back = _BACK_OVER_NAME.match(rev, size - at, stop)
        assert back is not None
        before = at - (back.end() - back.start())
        if prev_end >= 0 and before <= prev_end:
            keyword, glued = prev_status[0], True
        else:
            keyword = before == 0 or sk.low[before - 1] not in _MARKS
            glued = before < at or (
                before > 0 and _IS_RUN_BYTE.match(sk.low, before - 1) is not None
            )
        end = at + len(target)
        glued = glued or _IS_RUN_BYTE.match(sk.low, end) is not None
        if keyword:
            places.append(_Place(at, end, glued))
        prev_end, prev_status = end, (keyword, glued)
        at = sk.low.find(target, end)
    return places


def _declarations(sk: Skeleton, word: bytes, rest: re.Pattern[bytes]) -> list[re.Match[bytes]]:
    found = []
    at = sk.low.find(word)
    while at != -1:
        standalone = at == 0 or _IS_RUN_BYTE.match(sk.low, at - 1) is None
        m = rest.match(sk.code, at + len(word)) if standalone else None
        if m is not None:
            found.append(m)
        at = sk.low.find(word, at + len(word))
    return found


def _prefixes(sk: Skeleton) -> dict[bytes, str]:
    # Prefix names are case-sensitive; a later declaration replaces an earlier one.
    if sk.low.count(b"prefix") > MAX_DATASET_CLAUSES * 16:
        raise QueryError("too many PREFIX declarations")
    return {
        m["name"]: sk.iri_at(m.start("iri")) for m in _declarations(sk, b"prefix", _PREFIX_REST)
    }


def dataset_iris(sk: Skeleton, words: Iterable[str]) -> list[str | None]:
    """The IRIs after FROM [NAMED] / USING [NAMED]; None where none can be read."""
    places = [p for word in words for p in keyword_places(sk, word)]
    if not places:
        return []
    if len(places) > MAX_DATASET_CLAUSES:
        raise QueryError(
            f"more than {MAX_DATASET_CLAUSES} FROM or USING clauses", status=403, title="Refused"
        )
    prefixes = _prefixes(sk)
    bases = [sk.iri_at(m.start("iri")) for m in _declarations(sk, b"base", _BASE_REST)]
    base = bases[-1] if bases else ""
    out: list[str | None] = []
    for place in places:
        m = None if place.glued else _IRI_AFTER.match(sk.code, place.end)
        if m is None:
            out.append(None)
        elif m["iri"] is not None:
            iri = sk.iri_at(m.start("iri"))
            out.append(urljoin(base, iri) if base else iri)
        else:
            prefix, _, local = m["pname"].partition(b":")
            ns = prefixes.get(prefix)
            name = re.sub(rb"\\(.)", rb"\1", local).decode("utf-8", "surrogatepass")
            out.append(ns + name if ns is not None else None)
    return out


_WHERE_GROUP = re.compile(rb"(?<![\w:?$@\-])where\s*\{")
_FORM_GROUP = re.compile(rb"(?<![\w:?$@\-])(?:select|ask|describe)\b[^{]*\{")


def where_group(text: str) -> int:
    """Offset in ``text`` just inside the ``{`` that opens the query's WHERE clause (for
    the project's own queries: the search is not bounded for hostile text)."""
    sk = skeleton(text, keep_offsets=True)
    found = [m.end() for m in (_WHERE_GROUP.search(sk.low), _FORM_GROUP.search(sk.low)) if m]
    if not found:
        raise QueryError("the query has no WHERE clause")
    at = min(found)
    return len(sk.code[:at].decode("utf-8", "surrogatepass"))


def declares_dataset(text: str) -> bool:
    """True when the query has FROM or FROM NAMED (its own dataset, not the union)."""
    if "from" not in text.lower():  # the common case, without a scan
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
    """Raise QueryError (400 malformed, too deep or too long a chain, 403 refused, 413 too
    long); else return whether the text declares its own dataset (FROM, FROM NAMED, USING)."""
    size = len(text.encode("utf-8", "surrogatepass"))
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
    if UCHAR.search(text):
        _check_one(decode(text), update=update, own=own, limits=limits)
    return own_dataset


def _check_one(text: str, *, update: bool, own: set[str] | frozenset[str], limits: Limits) -> bool:
    sk = skeleton(text, limits)
    if sk.depth > limits.max_depth:
        raise QueryError(
            f"query nested too deep ({sk.depth} levels; the limit is {limits.max_depth})"
        )
    named = dataset_iris(sk, ("from", "using"))
    if limits.allow_remote:
        return bool(named)
    if keyword_places(sk, "service", limits):
        raise QueryError(
            "SERVICE is not allowed: this server does not query others", status=403, title="Refused"
        )
    if update and keyword_places(sk, "load", limits):
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


# A triple pattern of three variables reads the whole graph; a path with * or + may too.
_UNBOUND_PATTERN = re.compile(rb"[?$][\w\x80-\xff]+\s*[?$][\w\x80-\xff]+\s*[?$][\w\x80-\xff]+")
_STAR_USES = re.compile(
    rb"select\s*(?:distinct|reduced)?\s*\*|\(\s*\*\s*\)|\bcount\s*\(\s*distinct\s*\*"
)
LIGHT_MAX_BYTES = 4000
LIGHT_MAX_PATTERNS = 24


def looks_light(text: str) -> bool:
    """True when a checked query looks cheap to run: short, no triple pattern of three
    variables, no ``*`` or ``+`` path, few patterns. A guess by the text alone (the runner
    moves a query that proves slow out of the light lane)."""
    if len(text) > LIGHT_MAX_BYTES:
        return False
    try:
        sk = skeleton(text)
    except QueryError:
        return False
    low = sk.low
    if _UNBOUND_PATTERN.search(low):
        return False
    rest = _STAR_USES.sub(b" ", low)
    if b"*" in rest or b"+" in rest:
        return False
    patterns = sum(low.count(c) for c in (b".", b";", b",", b"{"))
    return patterns <= LIGHT_MAX_PATTERNS
