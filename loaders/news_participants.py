"""Who attended, from the phrase after "… đại biểu đến từ": bodies, lists and collectives.

The phrase mixes three things, which are told apart by their words:

- a list under a heading: ``các tổ chức quốc tế gồm A, B và C``, ``các bộ, ngành liên
  quan như Công an, Quốc phòng …`` (ministries by their short names), or
  ``đại diện các tổ chức quốc tế tại Việt Nam (A, B, C...)``: the listed bodies attended,
  the heading is not itself a participant;
- a collective: ``đại diện 31 địa phương``, ``các bộ, cơ quan, địa phương (khu vực phía
  Bắc và miền Trung)``: a ``mkg:CollectiveActor`` of this event, labelled as printed,
  with the number kept (``rdf:value``) where one is printed;
- a named body (``Hội Liên hiệp Phụ nữ Việt Nam``), resolved through the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from loaders.base import EmitContext
from loaders.news_extract import split_top
from loaders.resolver import Resolution, Resolver
from migkg import iris
from migkg.namespaces import MKG
from migkg.text import match_key

# Collective nouns and their English, in the order an English label lists them.
COLLECTIVE_NOUNS = {
    "bộ": "ministries",
    "ngành": "sectors",
    "cơ quan": "agencies",
    "địa phương": "localities",
    "tỉnh": "provinces",
    "tổ chức": "organisations",
}
_COLLECTIVE = re.compile(
    r"^(?:các|những|\d+)\s+(?:" + "|".join(COLLECTIVE_NOUNS) + r")(?!\w)", re.IGNORECASE
)
# Regions a collective may be qualified by, in English.
REGIONS_EN = {
    match_key("khu vực phía Bắc và miền Trung"): "northern and central regions",
    match_key("khu vực phía Nam"): "southern region",
    match_key("khu vực phía Bắc"): "northern region",
    match_key("miền Trung"): "central region",
}
_REPRESENTATIVES = re.compile(r"^(?:đại diện|lãnh đạo)\s+", re.IGNORECASE)
_LIST = re.compile(r"\s+(?P<sep>gồm|bao gồm|như)\s+")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")


@dataclass(frozen=True)
class Group:
    """One part of the attendance phrase: ``kind`` is ``list``, ``collective`` or ``named``."""

    kind: str
    text: str
    short_names: bool = False
    count: int | None = None


def participant_groups(phrase: str) -> list[Group]:
    """The attendance phrase cut into lists, collectives and named bodies."""
    groups: list[Group] = []
    for chunk in _chunks(phrase):
        text = _REPRESENTATIVES.sub("", chunk.strip(" ,.;")).strip()
        if not text:
            continue
        listed = _LIST.search(text)
        paren = re.search(r"\((?P<inner>[^()]*)\)\s*$", text)
        if listed:
            members = text[listed.end() :]
            short = listed.group("sep") == "như" and re.match(r"(?i)các bộ", text) is not None
            groups.append(Group("list", _ELLIPSIS.sub(" ", members).strip(), short_names=short))
        elif paren and paren.group("inner")[:1].isupper() and _COLLECTIVE.match(text):
            groups.append(Group("list", _ELLIPSIS.sub(" ", paren.group("inner")).strip()))
        elif _COLLECTIVE.match(text):
            number = re.match(r"(\d+)\s", text)
            groups.append(Group("collective", text, count=int(number.group(1)) if number else None))
        else:
            groups.append(Group("named", text))
    return groups


def _chunks(phrase: str) -> list[str]:
    """Split at ``;``, at ``cùng`` and after a closing parenthesis followed by a comma."""
    out: list[str] = []
    for part in split_top(phrase, ";"):
        for piece in re.split(r"\s+cùng\s+(?=các|những|đại diện)", part):
            # "…(…), đại diện các …": a new group starts, not the next item of a list
            out.extend(re.split(r"(?<=\)),\s+(?=các|những|đại diện|lãnh đạo|\d)", piece))
    return out


def emit_participants(
    ctx: EmitContext, event: URIRef, groups: list[Group], line: int, key: tuple[str, ...]
) -> None:
    """Write each group's bodies as participants of ``event``."""
    for group in groups:
        if group.kind == "collective":
            ctx.add(event, MKG.participant, _collective(ctx, group, key))
            continue
        for agency in _resolve_list(ctx, event, group, line):
            ctx.add(event, MKG.participant, agency)


def _resolve_list(ctx: EmitContext, event: URIRef, group: Group, line: int) -> list[URIRef]:
    resolver = ctx.resolver
    if group.short_names and hasattr(resolver, "resolve_short_names"):
        results = resolver.resolve_short_names(group.text)
    else:
        results = []
        for item in split_top(group.text, ","):
            results.extend(_resolve_item(resolver, item.strip()))
    out: list[URIRef] = []
    for res in results:
        agency = iris.agency(res.key) if res.key else None
        record_mention(ctx, event, res.mention, agency, line)
        if agency is not None and agency not in out:
            out.append(agency)
    return out


def _resolve_item(resolver: Resolver, item: str) -> list[Resolution]:
    """One item of a list; "A (X) và B (Y)" is two bodies when each part is one."""
    if not item:
        return []
    whole = resolver.resolve_cell(item)
    if all(r.key for r in whole) or " và " not in item:
        return whole
    parts = [resolver.resolve_cell(p.strip()) for p in re.split(r"\s+và\s+", item)]
    if all(r.key for rs in parts for r in rs):
        return [r for rs in parts for r in rs]
    return whole


def _collective(ctx: EmitContext, group: Group, key: tuple[str, ...]) -> URIRef:
    node = iris.resource("collective", *key, short_slug(group.text))
    ctx.add(node, RDF.type, MKG.CollectiveActor)
    ctx.add(node, RDFS.label, Literal(group.text, lang="vi"))
    ctx.add(node, RDFS.label, Literal(_collective_en(group), lang="en"))
    if group.count is not None:
        ctx.add(node, RDF.value, Literal(group.count, datatype=XSD.integer))
    if "địa phương" in group.text and not re.search(r"\bbộ\b|cơ quan", group.text):
        ctx.add(node, MKG.level, Literal("provincial"))
    return node


def _collective_en(group: Group) -> str:
    """``đại diện 31 địa phương`` → ``31 localities``; nouns in the order printed."""
    head = re.sub(r"\(.*", "", group.text)
    nouns = sorted(
        (m.start(), en)
        for vi, en in COLLECTIVE_NOUNS.items()
        for m in [re.search(rf"(?<!\w){vi}(?!\w)", head, re.IGNORECASE)]
        if m
    )
    words = [en for _, en in nouns]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    label = f"{group.count} {listed}" if group.count is not None else listed
    qualifier = re.search(r"\((?P<q>[^()]*)\)", group.text)
    if qualifier:
        q = qualifier.group("q")
        label += f" ({REGIONS_EN.get(match_key(q), q)})"
    return label[:1].upper() + label[1:]


def mention(ctx: EmitContext, subject: URIRef, text: str, line: int) -> URIRef | None:
    """Resolve one agency mention and record it; the agency, or None (reported)."""
    province = ctx.segment.meta.get("province")
    res = ctx.resolver.resolve(text, province=province if isinstance(province, str) else None)
    agency = iris.agency(res.key) if res.key else None
    record_mention(ctx, subject, text, agency, line)
    return agency


def record_mention(
    ctx: EmitContext, subject: URIRef, text: str, target: URIRef | None, line: int
) -> None:
    """A ``mkg:Mention`` of a body or instrument in ``subject``'s words; an unresolved
    agency mention has no ``mkg:resolvedTo`` and goes to the build report."""
    node = iris.resource("mention", iris.slug(ctx.source.stem), str(line), short_slug(text))
    ctx.add(node, RDF.type, MKG.Mention)
    ctx.add(node, MKG.mentionText, Literal(text, lang="vi"))
    ctx.add(node, MKG.mentionedIn, subject)
    ctx.provenance(node, line, line)
    if target is None:
        ctx.report.unresolved(ctx.source.path, line, text)
    else:
        ctx.add(node, MKG.resolvedTo, target)


def short_slug(text: str, limit: int = 60) -> str:
    """A slug of at most ``limit`` characters, cut at a word boundary."""
    slug = iris.slug(text)
    if len(slug) <= limit:
        return slug
    return slug[:limit].rsplit("-", 1)[0]
