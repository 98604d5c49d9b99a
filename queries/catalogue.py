"""Canned queries: each ``queries/<name>.rq`` starts with a header of ``# key: value`` lines.

    # title: Coordination load per agency
    # title@vi: Khối lượng điều phối theo cơ quan
    # description: Tasks each agency leads and joins ...
    # param: year integer "" Only tasks active in this year (empty: all years)

A parameter line gives the variable name, its type (integer, date, string, agency,
plan, province, iri), its default in double quotes (empty for none) and a help text.
The query body holds one line ``VALUES (?year ?plan) { (UNDEF UNDEF) }`` naming every
parameter; running the query fills that line in. An empty value stays UNDEF, which each
query reads as "no filter". This is plain SPARQL, so the same text runs on any store and
an analyst can copy it and edit the VALUES line by hand.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from migkg import iris
from migkg.errors import MigkgError, NotFound, ParameterError, QueryError

QUERIES_DIR = Path(__file__).resolve().parent
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_VALUES = re.compile(
    r"^([ \t]*)VALUES[ \t]*\(([^)]*)\)[ \t]*\{[ \t]*\(([^)]*)\)[ \t]*\}[ \t]*$", re.M
)
# A list a query joins: ``(GROUP_CONCAT(DISTINCT ?x; separator="; ") AS ?xs)``.
_JOINED = re.compile(
    r'GROUP_CONCAT\s*\([^;]*;\s*separator\s*=\s*"([^"]+)"\s*\)\s+AS\s+[?$](\w+)', re.I
)
PARAM_TYPES = ("integer", "date", "string", "agency", "plan", "province", "iri")


@dataclass(frozen=True)
class Param:
    """One parameter of a canned query."""

    name: str
    type: str
    default: str
    help: str


@dataclass(frozen=True)
class CannedQuery:
    """A canned query with its metadata, as the CLI and the site show it."""

    name: str
    title_en: str
    title_vi: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)

    def title(self, lang: str = "en") -> str:
        """The title in ``lang`` (``vi`` or ``en``)."""
        return self.title_vi if lang == "vi" else self.title_en

    def joined(self) -> dict[str, str]:
        """The columns this query joins from several values (GROUP_CONCAT), each with its
        separator: SPARQL leaves the order of the parts open."""
        return {var: sep for sep, var in _JOINED.findall(self.text)}

    def render(self, values: dict[str, str] | None = None) -> str:
        """The query text with its VALUES line filled from ``values`` over defaults."""
        if not self.params:
            return self.text
        bound = self.bindings(values)
        cells = " ".join(bound[p.name].n3() if p.name in bound else "UNDEF" for p in self.params)
        names = " ".join(f"?{p.name}" for p in self.params)

        def fill(m: re.Match[str]) -> str:
            return f"{m.group(1)}VALUES ({names}) {{ ({cells}) }}"

        return _VALUES.sub(fill, self.text, count=1)

    def bindings(self, values: dict[str, str] | None = None) -> dict[str, Node]:
        """Terms to substitute, from given values over defaults; unknown names are refused."""
        values = dict(values or {})
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            names = ", ".join(sorted(unknown))
            raise ParameterError(f"query '{self.name}' has no parameter {names}")
        out: dict[str, Node] = {}
        for p in self.params:
            raw = values.get(p.name, p.default).strip()
            if raw:
                out[p.name] = to_term(p, raw)
        return out


# What an IRI may not hold (RFC 3987 / SPARQL IRIREF): spaces, controls, <>"{}|^`\.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def to_term(param: Param, raw: str) -> Node:
    """The RDF term for a parameter value; a bad value names the parameter."""
    iri_like = param.type not in ("integer", "date", "string")
    if iri_like and _NOT_IN_IRI.search(raw):
        raise QueryError(
            f"parameter '{param.name}': {raw!r} cannot be part of an IRI "
            '(it holds a space or one of < > " { } | ^ ` \\)'
        )
    return _to_term(param, raw)


def _to_term(param: Param, raw: str) -> Node:
    try:
        if param.type == "integer":
            return Literal(int(raw), datatype=XSD.integer)
        if param.type == "date":
            return Literal(date.fromisoformat(raw), datatype=XSD.date)
        if param.type == "string":
            return Literal(raw)
        if raw.startswith(("http://", "https://")):
            return URIRef(raw)
        if param.type == "agency":
            return iris.agency(raw)
        if param.type == "plan":
            return iris.plan(raw)
        if param.type == "province":
            return iris.province(raw)
    except ValueError as exc:
        raise ParameterError(f"parameter '{param.name}': {exc}") from None
    raise ParameterError(f"parameter '{param.name}': not an IRI: {raw!r}")


def parse(name: str, text: str) -> CannedQuery:
    """Read the header of a canned query file."""
    meta: dict[str, str] = {}
    params: list[Param] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].strip().partition(":")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        if key == "param":
            try:
                pname, ptype, default, *rest = shlex.split(value)
            except ValueError:
                raise MigkgError(f"queries/{name}.rq:{n}: bad param line") from None
            if ptype not in PARAM_TYPES:
                raise MigkgError(f"queries/{name}.rq:{n}: unknown param type '{ptype}'")
            params.append(Param(pname, ptype, default, " ".join(rest)))
        else:
            meta[key] = value
    for required in ("title", "title@vi", "description"):
        if required not in meta:
            raise MigkgError(f"queries/{name}.rq: header lacks '{required}'")
    if params:
        m = _VALUES.search(text)
        declared = [v.strip().lstrip("?") for v in m.group(2).split()] if m else []
        if declared != [p.name for p in params]:
            raise MigkgError(
                f"queries/{name}.rq: the VALUES line must name the parameters "
                f"{', '.join(p.name for p in params)} in order"
            )
    return CannedQuery(
        name=name,
        title_en=meta["title"],
        title_vi=meta["title@vi"],
        description=meta["description"],
        text=text,
        params=tuple(params),
    )


@cache
def catalogue() -> tuple[CannedQuery, ...]:
    """Every canned query, sorted by name."""
    out = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        if _NAME.match(path.stem):
            out.append(parse(path.stem, path.read_text(encoding="utf-8")))
    return tuple(out)


def get(name: str) -> CannedQuery:
    """The canned query called ``name``."""
    for q in catalogue():
        if q.name == name:
            return q
    raise NotFound(f"no canned query '{name}' (see `migkg query --list`)")


_PROJECTION = re.compile(r"^\s*SELECT\b(.*?)\bWHERE\b", re.S | re.M | re.I)


def columns_of(text: str) -> list[str]:
    """The variable names a SELECT query projects (``?a (COUNT(?x) AS ?n)`` → a, n)."""
    m = _PROJECTION.search(text)
    if not m:
        return []
    head = re.sub(r"\([^()]*\([^()]*\)[^()]*\)|\([^()]*\)", _as_name, m.group(1))
    return re.findall(r"\?(\w+)", head)


def _as_name(m: re.Match[str]) -> str:
    found = re.search(r"\bAS\s+\?(\w+)", m.group(0), re.I)
    return f" ?{found.group(1)} " if found else " "


def extract_rq(fileobj, keywords, comment_tags, options):
    """Babel extractor for ``queries/*.rq``: each canned query's description, parameter help
    and result columns become messages of the site's catalogues (titles carry both languages
    in the file). Registered in ``webapp/babel.cfg``."""
    text = fileobj.read().decode("utf-8")
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        key, _sep, value = line[1:].strip().partition(":")
        key, value = key.strip(), value.strip()
        if key == "description":
            yield n, "_", value, ["description of a canned query"]
        elif key == "param":
            parts = shlex.split(value)
            if len(parts) > 3:
                yield n, "_", " ".join(parts[3:]), ["help for a query parameter"]
    for name in columns_of(text):
        yield 1, "_", name, ["a column of a query's results"]
