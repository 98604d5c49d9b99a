"""How the query guard reads a SPARQL text: as the grammar does, in linear time.

Strings (all four kinds, with their escapes), comments and IRIs are cut out (the word
"service" in a literal or a comment is harmless), but the brackets inside IRIs still
count towards the depth, for a PEG parser may read ``<`` as less-than. Outside strings a
backslash can only be the escape of a prefixed name's local part (``ex:a\\'``,
``ex:a\\#``): the character after it is part of the name, never the start of a string or
a comment. What is left (the skeleton) is counted: its nesting depth, and the repeats of
each operator, bracket or clause that a parser handles by recursion (``CHAIN_*``).

Every step is one pass of a regular expression without nested repetition (possessive
where it could backtrack), or a loop whose number of turns is capped first by a count
made in C (the budget, ``Limits.max_tokens``): a 1 MB body of any content is read in
milliseconds (``benchmarks/guard.py``).
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from itertools import accumulate

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
UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LONG_OPENER = re.compile(rb"'''|\"\"\"")
_LINE_END = re.compile(rb"[\n\r]")
_PLACEHOLDER = b"<I>"

_BRACKETS = re.compile(rb"[^{}()\[\]]+")
_DEPTH_STEPS = bytes.maketrans(b"{([)]}", b"\x01\x01\x01\xff\xff\xff")

# What a parser handles by recursion, one level per repeat: some thousands of any one of
# these at a level overflow pyoxigraph's stack.
CHAIN_OPERATORS = (b"&&", b"||", b"/", b"|", b"!", b"^", b"+", b"*", b".", b";", b",")
CHAIN_KEYWORDS = (b"union", b"optional", b"minus", b"filter", b"bind", b"graph", b"exists")


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
        return decode(raw[1:-1].decode("utf-8", "surrogatepass"))


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


def decode(s: str) -> str:
    """``s`` with its ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes decoded."""
    return UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), s)
