"""The bodies a charge names, resolved in the document's province, each with the words the
document names it by.

A provincial document charges "các cơ quan, tổ chức, cá nhân có liên quan", "các doanh
nghiệp", "các ngành liên quan" without naming them: these are the province's bodies
concerned (the collective ``<province>/co-quan-to-chuc-lien-quan``), not the nation's, and
the graph keeps the words as printed (``skos:altLabel``) on the province's collective and on
every generated body, so that a reader finds the body under the document's own name for it.
A national document's same words stay the national collective.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.assignments import names_body
from loaders.resolver import Resolver
from migkg.text import fold

#: the collective of a province that stands for its bodies concerned
SLUG = "co-quan-to-chuc-lien-quan"
# national collectives that, read in a provincial document, are the province's
_UNSPECIFIED = {"relevant-bodies", "business-community"}
# a phrase that names bodies only by their kind ("các tổ chức, doanh nghiệp", "đơn vị liên quan")
_KIND_ONLY = re.compile(
    r"^(?:(?:cac|nhung|thu truong cac) )?(?:co quan|to chuc|ca nhan|don vi|doanh nghiep|nganh)\b"
)
# "… và các …": a second group of bodies joined to the first
_AND_THE = re.compile(r"\s*\bvà\s*(?=các\b)", re.IGNORECASE)


@dataclass
class Named:
    """A body a charge names: its gazetteer key and the words the document uses for it."""

    key: str
    text: str


def concerned(resolver: Resolver, key: str | None, text: str, province: str | None) -> str | None:
    """The province's bodies-concerned collective for a mention, or None.

    ``key`` is what the mention resolved to (None if nothing): a national unspecified
    collective, or an unresolved phrase naming bodies only by their kind, is the province's.
    """
    place = resolver.province_name(province)
    if place is None:
        return None
    folded = fold(text).strip()
    kind_only = bool(_KIND_ONLY.match(folded)) and (
        "lien quan" in folded
        or bool(re.match(r"(?:cac )?(?:doanh nghiep|to chuc|ca nhan)", folded))
    )
    if key in _UNSPECIFIED or (key is None and kind_only):
        record = resolver.gazetteer.body(place, SLUG)
        if record is not None:
            resolver.gazetteer.use(record.key)
            return record.key
    return None


def bodies(resolver: Resolver, text: str, province: str | None) -> tuple[list[Named], list[str]]:
    """The bodies a mention names, and the parts of it that name none.

    The whole phrase first; else each group joined by "và các"; else the group's list, where
    neighbouring parts that are all the province's bodies concerned ("các doanh nghiệp, tổ
    chức, cá nhân có liên quan") are one body named by their joined words.
    """
    out: list[Named] = []
    unresolved: list[str] = []
    for part in [p.strip(" ,;") for p in _AND_THE.split(text) if p.strip(" ,;")]:
        whole = resolver.resolve(part, province=province)
        key = concerned(resolver, whole.key, part, province) or whole.key
        if key is not None:
            out.append(Named(key, part))
            continue
        pieces = resolver.resolve_cell(part, province=province)
        known = [(res.key, res.mention) for res in pieces if res.key is not None]
        rest = [res.mention for res in pieces if res.key is None]
        if len(known) == 1 and rest and not any(names_body(r) for r in rest):
            # "Ban Quản lý Khu Kinh tế, công nghiệp tỉnh": one body, its name longer than
            # the gazetteer's; the document's words name it
            only, mention = known[0]
            key = concerned(resolver, only, mention, province) or only
            out.append(Named(key, part))
            continue
        joined: Named | None = None  # the run of bodies concerned being read
        cursor = 0
        for res in pieces:
            at = part.find(res.mention, cursor)
            start, cursor = (at, at + len(res.mention)) if at >= 0 else (cursor, cursor)
            own = concerned(resolver, res.key, res.mention, province)
            if own is not None and joined is not None and joined.key == own:
                joined.text = part[part.find(joined.text) : cursor].strip(" ,;")
                continue
            if own is None and res.key is None:
                unresolved.append(res.mention)
                joined = None
                continue
            named = Named(own or res.key or "", part[start:cursor] if at >= 0 else res.mention)
            out.append(named)
            joined = named if own is not None else None
    return out, unresolved
