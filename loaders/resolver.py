"""Mention resolver: a text mention → a gazetteer agency, or honestly unresolved.

Matching goes from sure to less sure and stops at the first answer:

1. the mention's match key (no case, accents, dashes, punctuation; common abbreviations
   such as UBND, TW, LĐTBXH spelled out) equals the key of one agency label;
2. the same after taking off what does not name a body: a bracketed abbreviation
   ("(IOM)"), a Party term ("khóa XIII"), a role, count or list number before the name
   ("Thứ trưởng", "đại diện 31", "1."), where a collective works ("… trong tỉnh");
3. the "các bộ, cơ quan, địa phương, tổ chức có liên quan …" family, recognised by its
   grammar, → the collective ``relevant-bodies``;
4. a close spelling (typos, OCR) of one label, above a conservative threshold, when no
   other agency comes close and no other province is named.

A provincial body is placed in a province, never guessed. A name that ends with a province
("Sở Ngoại vụ tỉnh Thanh Hóa", "CA tỉnh Cà Mau") is that province's body, whatever the
document's province; a bare name ("Sở Ngoại vụ", "Công an tỉnh", "UBND tỉnh", the labels a
body has only inside its province) is the body of the ``province`` the caller gives (the
document's) and stays unresolved without one. An officeholder stands for the body he or
she heads (``data/office_titles.toml``). Anything else stays unresolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from loaders import office_titles
from loaders.gazetteer import AgencyRecord, Gazetteer
from loaders.mention_keys import is_relevant_bodies, mention_key
from loaders.name_pieces import Piece, best_cover, runs, split_cell
from loaders.placing import ProvinceNames, unit_forms
from migkg.text import nfc, squash_spaces

RELEVANT_BODIES = "relevant-bodies"
FUZZY_THRESHOLD = 90.0
FUZZY_MIN_LENGTH = 10
FUZZY_MARGIN = 4.0

_MARKUP = re.compile(r"</?b>|\*\*|__")
_EDGE = re.compile(r"^[\s\-–—•+*.,;:/\"'“”‘’]+|[\s\-–—•+*.,;:/\"'“”‘’…]+$")
_PAREN = re.compile(r"\s*\(([^()]*)\)")
# where a collective works, after its name: "… trong tỉnh", "… các cấp"
_WHERE = re.compile(
    r"\s+(?:trong tỉnh|trong tinh|các cấp|cac cap|ở trung ương|ở địa phương)$", re.IGNORECASE
)
# the bodies another is printed under in a header, as generic match keys
_PARENTS = {
    "uy ban nhan dan",
    "uy ban nhan dan tinh",
    "uy ban nhan dan thanh pho",
    "tinh uy",
    "thanh uy",
}
_TERM = re.compile(r"\s+khóa\s+[IVXLC]+$|\s+khoa\s+[IVXLC]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Resolution:
    """The outcome for one mention: ``key`` is None when it could not be placed."""

    mention: str
    key: str | None
    score: float = 0.0
    collective: bool = False
    province: str | None = None


def clean_mention(text: str) -> str:
    """A mention as printed, without markup, bullets, edge punctuation or extra spaces."""
    text = squash_spaces(_MARKUP.sub(" ", nfc(text)))
    previous = None
    while text != previous:
        previous = text
        text = _EDGE.sub("", text)
        # a bracket whose partner lies outside the mention
        if text.startswith("(") and ")" not in text:
            text = text[1:]
        if text.endswith(")") and "(" not in text:
            text = text[:-1]
        if text.endswith("("):
            text = text[:-1]
    return text.strip()


class Resolver:
    """Resolves mentions against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.titles = office_titles.shipped()
        self.places = ProvinceNames(gazetteer.provinces, mention_key)
        # labels that name their body anywhere, by match key
        self._index: dict[str, set[str]] = {}
        # labels that name a body only in a document of its province: key → province → keys
        self._context: dict[str, dict[str, set[str]]] = {}
        self._context_keys: dict[str, set[str]] = {}
        self._short: dict[str, set[str]] = {}
        fuzzy: set[str] = set()
        for record in gazetteer.records():
            own = mention_key(record.province) if record.province else None
            # a generated body's alt labels are its generic names with the province, which
            # _placed reads: only its two labels go into the index
            labels = [record.label_vi, record.label_en] if record.generated else record.labels
            for label in labels:
                key = mention_key(label)
                if own and not record.generated and f" {own} " not in f" {key} ":
                    self._in_context(key, record)  # a curated "Sở Ngoại vụ" of Kiên Giang
                else:
                    self._index.setdefault(key, set()).add(record.key)
                    if not record.generated:
                        fuzzy.add(key)
            for label in record.generic_labels:
                self._in_context(mention_key(label), record)
            for label in record.short_names:
                self._short.setdefault(mention_key(label), set()).add(record.key)
        self._index.pop("", None)
        # close spellings are looked for among the national and curated labels; a provincial
        # name's among the generic names of the province it names (or of its document)
        self._fuzzy_keys = sorted(k for k in fuzzy if len(k) >= FUZZY_MIN_LENGTH)
        self._provinces = {
            mention_key(name): name for name in gazetteer.provinces if len(mention_key(name)) > 2
        }
        self._heads = {k.split()[0] for k in self._index} - {"cac", "va"}
        self._cached = lru_cache(maxsize=8192)(self._resolve)

    def _in_context(self, key: str, record: AgencyRecord) -> None:
        if key and record.province:
            self._context.setdefault(key, {}).setdefault(record.province, set()).add(record.key)
            self._context_keys.setdefault(record.province, set()).add(key)

    # ------------------------------------------------------------------ one mention

    def resolve(self, mention: str, *, province: str | None = None) -> Resolution:
        """Resolve one mention; ``province`` (the document's) places bare provincial names.

        ``province`` is a province's name as the reference tables write it ("Cà Mau",
        "Thành phố Hồ Chí Minh"), or a spelling of it ("TP Hồ Chí Minh", "Ca Mau").
        """
        return self._cached(mention, self._province(province), False)

    def _province(self, province: str | None) -> str | None:
        return self.places.normalise(province, mention_key)

    def province_name(self, province: str | None) -> str | None:
        """The reference name of a province as a caller spells it (None if none is known)."""
        return self._province(province)

    def _resolve(self, mention: str, province: str | None, short: bool) -> Resolution:
        text = clean_mention(mention)
        if not re.search(r"\w", text) or text.isdigit():
            return Resolution(mention=text, key=None)
        key, score = self._place(text, province, short)
        record = self.gazetteer.record(key) if key else None
        if record is not None and record.generated:
            self.gazetteer.use(record.key)
        return Resolution(
            mention=text,
            key=key,
            score=score if key else 0.0,
            collective=bool(record and record.collective),
            province=record.province if record else None,
        )

    def _place(self, text: str, province: str | None, short: bool) -> tuple[str | None, float]:
        key = mention_key(text)
        if short and key in self._short:
            return self._pick(self._short[key], key, province), 1.0
        found = self._placed(key, province) or self._exact(key, province)
        if found is not None:
            return found, 1.0
        if self._brackets_another_body(text, province):
            return None, 0.0
        for variant in self._variants(text):
            vkey = mention_key(variant)
            found = (
                self._placed(vkey, province)
                or self._exact(vkey, province)
                or self._title(variant, province)
                or (self._short_pick(vkey, province) if short else None)
            )
            if found is not None:
                return found, 0.98
        found = self._title(text, province)
        if found is not None:
            return found, 0.98
        if key and is_relevant_bodies(key):
            return RELEVANT_BODIES, 0.95
        return self._fuzzy(key, province)

    def _placed(self, key: str, province: str | None) -> str | None:
        """A provincial body by its generic name: in the province the name ends with, or
        (when it names none) in the document's province."""
        split = self.places.split(key)
        if split is not None:
            key, province = split
        else:
            # an issuer printed under the body it belongs to: "UBND TỈNH CÀ MAU / SỞ NGOẠI VỤ"
            inside = self.places.find(key)
            parents = [f for f in unit_forms(inside[0]) if f in _PARENTS] if inside else []
            if inside and parents:
                # "VĂN PHÒNG" under the People's Committee is its office
                return self._in_province(inside[2], inside[1]) or self._in_province(
                    f"{inside[2]} {parents[0]}", inside[1]
                )
            if province is None:
                return None
        return self._in_province(key, province)

    def _in_province(self, key: str, province: str) -> str | None:
        for form in unit_forms(key):
            keys = self._context.get(form, {}).get(province)
            if keys and len(keys) == 1:
                return next(iter(keys))
        return None

    def _title(self, text: str, province: str | None) -> str | None:
        """A whole office title that stands for a body ("Chánh Văn phòng")."""
        body = self.titles.body_of(office_titles.title_key(text))
        if body is None:
            return None
        if body in self.gazetteer.agencies:
            return body
        record = self.gazetteer.body(province, body) if province else None
        return record.key if record else None

    def _exact(self, key: str, province: str | None) -> str | None:
        keys = self._index.get(key)
        return self._pick(keys, key, province) if keys else None

    def _short_pick(self, key: str, province: str | None) -> str | None:
        keys = self._short.get(key)
        return self._pick(keys, key, province) if keys else None

    def _pick(self, keys: set[str], key: str, province: str | None) -> str | None:
        """One agency out of those sharing a label, or None when the text cannot choose."""
        named = self._named_provinces(key)
        candidates = [r for k in sorted(keys) if (r := self.gazetteer.record(k)) is not None]
        if named or province:
            wanted: set[str | None] = set(named) if named else {province}
            candidates = [c for c in candidates if c.province is None or c.province in wanted]
            if not named:
                # a generic label read in a province's document names that province's body
                candidates = [c for c in candidates if c.province in (None, province)]
        return candidates[0].key if len(candidates) == 1 else None

    def _named_provinces(self, key: str) -> set[str]:
        padded = f" {key} "
        return {name for pkey, name in self._provinces.items() if f" {pkey} " in padded}

    def _brackets_another_body(self, text: str, province: str | None) -> bool:
        """ "Bộ Ngoại giao (Cục Lãnh sự)" names two bodies, not one."""
        groups = _PAREN.findall(text)
        if len(groups) != 1 or not text.endswith(")"):
            return False
        inner = self._exact(mention_key(groups[0]), province)
        outer = self._exact(mention_key(_PAREN.sub("", text)), province)
        return inner is not None and outer is not None and inner != outer

    def _variants(self, text: str) -> list[str]:
        """The mention without parts that do not name a body, most specific first."""
        out: list[str] = []
        groups = _PAREN.findall(text)
        # one bracketed note without a comma: an abbreviation or a description, not a list
        if len(groups) == 1 and "," not in groups[0] and text.endswith(")"):
            bare = _PAREN.sub("", text).strip()
            if bare:
                out.append(bare)
            if len(groups[0].split()) == 1:
                out.append(groups[0].strip())
        for base in [text, *out[:1]]:
            for strip in (_TERM.sub, self.titles.lead.sub, _WHERE.sub):
                stripped = strip("", base).strip()
                if stripped and stripped != base:
                    out.append(stripped)
        return out

    def _fuzzy(self, key: str, province: str | None) -> tuple[str | None, float]:
        if len(key) < FUZZY_MIN_LENGTH:
            return None, 0.0
        found = self._fuzzy_placed(key, province)
        if found is not None:
            return found
        choices = self._fuzzy_keys
        hits = process.extract(
            key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD - 15, limit=8
        )
        if not hits or hits[0][1] < FUZZY_THRESHOLD:
            return None, 0.0
        best_key, best_score = hits[0][0], hits[0][1]
        if best_key.split()[0] != key.split()[0]:
            return None, 0.0  # "Sở Tư pháp" is not a misspelt "Bộ Tư pháp"
        agency = self._pick(self._index[best_key], key, province)
        if agency is None:
            return None, 0.0
        # another agency nearly as close means the text cannot tell them apart, unless
        # only the best one shares the mention's head word ("Bộ …" against "Sở …")
        head = key.split()[0]
        same_head = best_key.split()[0] == head
        for other, score, _ in hits[1:]:
            if score < best_score - FUZZY_MARGIN or self._index[other] == {agency}:
                continue
            if same_head and other.split()[0] != head:
                continue
            return None, 0.0
        if not self._same_place(agency, key):
            return None, 0.0
        return agency, round(best_score / 100.0, 3)

    def _fuzzy_placed(self, key: str, province: str | None) -> tuple[str | None, float] | None:
        """A close spelling of a generic provincial name, in the province it is placed in."""
        split = self.places.split(key)
        if split is not None:
            key, province = split
        if province is None or len(key) < FUZZY_MIN_LENGTH:
            return None
        choices = sorted(self._context_keys.get(province, ()))
        hits = process.extract(
            key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=4
        )
        if not hits or hits[0][0].split()[0] != key.split()[0]:
            return None
        agencies = {k for hit in hits for k in self._context[hit[0]][province]}
        if len(agencies) != 1:
            return None  # two bodies nearly as close: the text cannot tell them apart
        return next(iter(agencies)), round(hits[0][1] / 100.0, 3)

    def _same_place(self, agency: str, key: str) -> bool:
        """A mention naming a province matches only that province's bodies."""
        named = self._named_provinces(key)
        record = self.gazetteer.record(agency)
        return not named or (
            record is not None and record.province is not None and record.province in named
        )

    # ------------------------------------------------------------------ cells and phrases

    def resolve_cell(self, text: str, *, province: str | None = None) -> list[Resolution]:
        """Split a cell or phrase into mentions and resolve each.

        Names keep their inner commas and "và": the split is the one that covers the most
        of the cell with known names, in the fewest pieces.
        """
        return self._cell(text, self._province(province), short=False)

    def resolve_short_names(self, text: str, *, province: str | None = None) -> list[Resolution]:
        """Resolve a list of short ministry names ("Công an, Quốc phòng, Nội vụ …").

        Text before "như" ("các bộ, ngành liên quan như …") is read as ordinary mentions.
        """
        province = self._province(province)
        head, sep, tail = nfc(text).partition(" như ")
        if not sep:
            return self._cell(text, province, short=True)
        return self._cell(head, province, short=False) + self._cell(tail, province, short=True)

    def _cell(self, text: str, province: str | None, short: bool) -> list[Resolution]:
        out: list[Resolution] = []
        for group in split_cell(_MARKUP.sub(" ", nfc(text))):
            out.extend(self._segment(group, province, short))
        return out

    def _segment(self, pieces: list[Piece], province: str | None, short: bool) -> list[Resolution]:
        """The best cover of one ';'-free group; each run of unnamed pieces one mention."""
        path = best_cover(pieces, lambda text: self._cached(text, province, short))
        out: list[Resolution] = []
        for found in runs(pieces, path, self._heads):
            if isinstance(found, Resolution):
                out.append(found)
                continue
            text = clean_mention(found)
            if re.search(r"\w", text):
                out.append(Resolution(mention=text, key=None))
        return out
