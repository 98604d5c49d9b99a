"""Checks a SPARQL request before any parser sees it, in time linear in its length.

Parsers are the weak point: pyoxigraph dies (the whole process) on a query nested a few
thousand groups deep or holding a flat chain of some thousands of one operator (``UNION``,
``/``, ``|``, ``!``, ``&&``, ``BIND`` …), rdflib raises RecursionError at about forty, and
both send ``SERVICE`` and ``LOAD`` to the network. So the text is checked lexically first:
its size, its nesting depth, the length of its chains, and every keyword that reaches
outside the store.

The text is read as the SPARQL grammar reads it, so that no character means one thing to
the guard and another to the parser:

* Strings (all four kinds, with their escapes), comments and IRIs are cut out first (the
  word "service" in a literal or a comment is harmless), but parentheses inside IRIs
  still count towards the depth. Outside strings a backslash can only be the escape of a
  prefixed name's local part (``ex:a\\'``, ``ex:a\\#``): the character after it is part
  of the name, never the start of a string or a comment.
* oxigraph's parser is a PEG without word boundaries: it reads ``service:x { … }`` as
  ``SERVICE :x { … }`` when no triple pattern fits. So a keyword is looked for at the
  start of every name-like run, whatever follows it; only its appearance inside a
  variable, after a prefix colon, in a blank node label or a language tag is let through.
  A ``FROM`` or ``USING`` glued to other characters is refused outright.
* Some servers (Jena) decode ``\\uXXXX`` escapes anywhere in the text before parsing;
  when the text holds such escapes, the decoded text is checked as well.

Every step is one pass of a regular expression without nested repetition, or a loop
whose number of turns is capped first by a count made in C (the budget): a 1 MB body of
any content is checked in milliseconds (``benchmarks/guard.py``).
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from urllib.parse import urljoin

from migkg.errors import QueryError

_IRIREF_BODY = rb'<(?:[^<>"{}|^`\\\x00-\x20]++|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*+>'
# The tokens the guard cuts out, tried in this order at each special character (the
# lookahead lets the engine skip plain text in C). Possessive repeats: a long unclosed
# string costs one pass, never a backtrack. A string becomes an empty one of its quote
# (two quote marks), a comment its "#" (its line end stays), an escape and an IRI
# themselves, and a quote that opens no string stays as it is (the parser refuses it).
_SPECIAL = re.compile(
    rb"(?=['\"#<\\])(?:"
    rb"(?P<q1>')(?:''(?:[^'\\]++|\\[\s\S]|'(?!''))*+'''|(?:[^'\\\n\r]++|\\[^\n\r])*+')"
    rb'|(?P<q2>")(?:""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""|(?:[^"\\\n\r]++|\\[^\n\r])*+")'
    rb"|(?P<hash>#)[^\n\r]*+"
    rb"|(?P<iri>" + _IRIREF_BODY + rb")"
    rb"|(?P<escape>\\[\s\S]?)"
    rb"|(?P<other>['\"<]))"
)
_IRIREF = re.compile(_IRIREF_BODY)
_SPECIAL_BYTES = (b"'", b'"', b"#", b"\\")
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LONG_OPENER = re.compile(rb"'''|\"\"\"")
_LINE_END = re.compile(rb"[\n\r]")
_PLACEHOLDER = b"<I>"

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

_OPENERS = b"{(["
_BRACKETS = re.compile(rb"[^{}()\[\]]+")
_DEPTH_STEPS = bytes.maketrans(b"{([)]}", b"\x01\x01\x01\xff\xff\xff")

# What a parser handles by recursion, one level per repeat: some thousands of any one of
# these at a level overflow pyoxigraph's stack.
CHAIN_OPERATORS = (b"&&", b"||", b"/", b"|", b"!", b"^", b"+", b"*", b".", b";", b",")
CHAIN_KEYWORDS = (b"union", b"optional", b"minus", b"filter", b"bind", b"graph", b"exists")
# More FROM / USING clauses than this are refused without being read one by one.
MAX_DATASET_CLAUSES = 64


@dataclass(frozen=True)
class Limits:
    """What a request may do."""

    max_length: int = 1_000_000
    max_depth: int = 64
    allow_remote: bool = False
    # The most repeats of any one operator, bracket or keyword of CHAIN_OPERATORS and
    # CHAIN_KEYWORDS (three times as many in all); the most strings, IRIs, comments and
    # escapes (IRIs count only beside the others).
    max_chain: int = 2000
    max_tokens: int = 10_000


@dataclass
class Skeleton:
    """The query as UTF-8 with strings and comments blanked and each IRI replaced by
    ``<I>`` (the n-th such mark stands for ``iris[n]``); ``low`` is ``code`` in ASCII
    lower case, offset for offset."""

    code: bytes
    low: bytes
    raw_iris: list[bytes] = field(default_factory=list)
    depth: int = 0
    _marks: list[int] | None = None

    def iri_at(self, offset: int) -> str:
        """The IRI whose ``<I>`` mark starts at ``offset`` in ``code``."""
        if self._marks is None:
            self._marks = [m.start() for m in re.finditer(re.escape(_PLACEHOLDER), self.code)]
        raw = self.raw_iris[bisect.bisect_left(self._marks, offset)]
        return _decode(raw[1:-1].decode("utf-8", "surrogatepass"))


def _tokens(data: bytes, limits: Limits) -> bool:
    """Whether the text holds strings, comments or escapes (which are cut out token by
    token); refuse, by counts made in C, more of them than the budget allows."""
    specials = sum(data.count(c) for c in _SPECIAL_BYTES)
    if specials == 0:
        return False  # IRIs and less-than signs only: cut out in C
    specials += data.count(b"<")
    if specials > limits.max_tokens:
        raise QueryError(
            f"query holds {specials} strings, IRIs, comments and escapes "
            f"(the limit is {limits.max_tokens}); split it into smaller queries"
        )
    return True


def _chains(low: bytes, nesting: bytes, limits: Limits, *, brackets: bool = True) -> None:
    """Refuse a query holding too many of one chain operator, bracket or keyword."""
    total = 0
    counted = [(op, low) for op in (*CHAIN_OPERATORS, *CHAIN_KEYWORDS)]
    if brackets:
        counted += [(bytes([b]), nesting) for b in b"{}()[]"]
    for op, where in counted:
        n = where.count(op)
        total += n
        if n > limits.max_chain:
            shown = op.decode().upper()
            raise QueryError(
                f"query holds {n} times '{shown}' (the limit is {limits.max_chain}); "
                "split it into smaller queries"
            )
    if total > 3 * limits.max_chain:
        raise QueryError(
            f"query holds {total} operators, brackets and clauses "
            f"(the limit is {3 * limits.max_chain}); split it into smaller queries"
        )


def _depth(nesting: bytes) -> int:
    steps = _BRACKETS.sub(b"", nesting).translate(_DEPTH_STEPS)
    return max(accumulate(array("b", steps)), default=0)


def skeleton(text: str, limits: Limits | None = None, *, keep_offsets: bool = False) -> Skeleton:
    """Cut strings, comments and IRIs out of ``text``; count the nesting depth.

    Raises QueryError for an IRI the parsers may read otherwise, or a text over the
    budget or the chain limits of ``limits``. ``keep_offsets``: blank what is cut with as
    many spaces, so that offsets in the code are offsets in the UTF-8 text.
    """
    limits = limits or Limits()
    data = text.encode("utf-8", "surrogatepass")
    tokens = _tokens(data, limits)
    if keep_offsets:
        code = _SPECIAL.sub(_same_length, data)
        return Skeleton(code, code.lower())
    # IRIs stay in this first pass: their brackets nest for a PEG parser that reads "<"
    # as less-than; the second pass replaces them.
    nesting = _SPECIAL.sub(_cut, data) if tokens else data
    raw = _IRIREF.findall(nesting)
    if raw:
        inside = b" ".join(raw)
        if b"'" in inside:
            raise QueryError("an IRI may not contain a quote mark here")
        if b"#" in inside and _LONG_OPENER.search(data) and _hash_iri_by_long_string(data):
            # A PEG parser may read this "<" as an operator and "#" as a comment.
            raise QueryError("an IRI with '#' may not share a line with a long string")
        code = _IRIREF.sub(b" <I> ", nesting)
    else:
        code = nesting
    low = code.lower()
    depth = _depth(nesting)
    # Too deep is the clearer message where both hold: the depth is checked by the caller.
    _chains(low, nesting, limits, brackets=depth <= limits.max_depth)
    return Skeleton(code, low, raw, depth)


def _cut(m: re.Match[bytes]) -> bytes:
    kind = m.lastgroup
    if kind == "q1":
        return b"''"
    if kind == "q2":
        return b'""'
    if kind == "hash":
        return b"#"
    return m.group()


def _same_length(m: re.Match[bytes]) -> bytes:
    if m.lastgroup in ("escape", "other"):
        return m.group()
    return b" " * (m.end() - m.start())


def _hash_iri_by_long_string(data: bytes) -> bool:
    """True when an IRI holding "#" shares its line with the opening of a long string."""
    openers = [m.start() for m in _LONG_OPENER.finditer(data)]
    ends = [m.start() for m in _LINE_END.finditer(data)]
    for m in _SPECIAL.finditer(data):
        if m.lastgroup == "iri" and b"#" in m.group():
            i = bisect.bisect_left(ends, m.end())
            eol = ends[i] if i < len(ends) else len(data)
            j = bisect.bisect_left(openers, m.end())
            if j < len(openers) and openers[j] < eol:
                return True
    return False


def _decode(s: str) -> str:
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), s)


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


def keyword_at(sk: Skeleton, word: str) -> list[int]:
    """Offsets in ``sk.code`` where ``word`` may be read as a keyword."""
    return [p.at for p in keyword_places(sk, word)]


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
    if _UCHAR.search(text):
        _check_one(_decode(text), update=update, own=own, limits=limits)
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
