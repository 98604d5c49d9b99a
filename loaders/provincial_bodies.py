"""The standard bodies of every province, generated from the reference tables.

For each province of ``reference/provinces_2025.csv`` (the 63 before 1 July 2025, which
include the 34 after) this module makes one gazetteer record per standard body: the
departments that ``reference/provincial_departments_2025.csv`` names (before and after the
2025 mergers), and the bodies and collectives of ``data/provincial_bodies.toml`` (People's
Committee and Council, police, military and border-guard commands, Party committee and its
commissions, Fatherland Front and mass organisations, branches of national bodies).

A record's key is ``<province-slug>/<body-slug>`` (``ca-mau/so-ngoai-vu``). Its labels name
the province ("Sở Ngoại vụ tỉnh Cà Mau"); the province-less forms a document of the
province uses ("Sở Ngoại vụ", "CA tỉnh") are its ``generic_labels``, which the resolver
reads only with the document's province. Where the table's ``scope`` does not cover a
province, the record says that it was generated from the standard list and is not
confirmed for that province.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from data import DATA_DIR
from loaders.placing import FORMER_NAMES
from loaders.restructuring import reference_status
from loaders.tabular import read_csv, read_toml
from migkg import iris
from migkg.errors import InputError
from migkg.text import fold, nfc
from ontology import AGENCY_CLASSES

if TYPE_CHECKING:
    from loaders.gazetteer import AgencyRecord, Gazetteer

BODIES_FILE = DATA_DIR / "provincial_bodies.toml"
DEPARTMENTS_CSV = "provincial_departments_2025.csv"
ALL = "all provinces"
STATUSES = ("confirmed", "to verify", "unconfirmed")
# a name in the table that is a body (not "bộ phận ngoại vụ của …", a share of one)
_BODY_HEAD = re.compile(r"^(?:Sở|Ban|Văn phòng|Thanh tra|Công an)\s")
_UNIT_TAIL = re.compile(r"\s+(?:tỉnh|thành phố)$")


@dataclass(frozen=True)
class Place:
    """How the bodies of one province are named: "tỉnh Cà Mau", "Thành ủy Hà Nội"."""

    name: str
    city: bool

    @property
    def unit(self) -> str:
        return "thành phố" if self.city else "tỉnh"

    @property
    def short(self) -> str:
        """The name without a leading "Thành phố" ("Hồ Chí Minh")."""
        return re.sub(r"^Thành phố\s+", "", self.name)

    @property
    def at(self) -> str:
        """The province as a body's name ends with it: "tỉnh Cà Mau", "Thành phố Hồ Chí Minh"."""
        return self.name if self.name != self.short else f"{self.unit} {self.name}"

    @cached_property
    def values(self) -> dict[str, str]:
        """What the template fields stand for in this province."""
        return {
            "unit": self.unit,
            "uy": "Thành ủy" if self.city else "Tỉnh ủy",
            "doan": "Thành đoàn" if self.city else "Tỉnh đoàn",
            "at": self.at,
            "en_name": self.short,
            "en_unit": "City" if self.city else "Provincial",
        }

    def fill(self, template: str) -> str:
        """A template with {unit}, {uy}, {doan}, {at}, {en_name}, {en_unit} filled in."""
        return template.format_map(self.values)

    @staticmethod
    def named(template: str) -> str:
        """A generic template with the province: "Công an {unit}" → "Công an {at}"."""
        if "{en_name}" in template or "{at}" in template:
            return template  # "Báo {en_name}" names its province already
        if template.endswith("{unit}"):
            return template[: -len("{unit}")] + "{at}"
        if template.endswith(("{uy}", "{doan}")):
            return template + " {en_name}"
        return template + " {at}"


@dataclass
class BodyKind:
    """One standard body (or collective) of a province, before any province is filled in."""

    slug: str
    generic: list[str]
    en: str
    kind: str
    vi: str | None = None
    parent: str | None = None
    national: str | None = None
    status: str = "confirmed"
    scope: str = ALL
    basis: str = ""
    confirmed_in: frozenset[str] = frozenset()
    only_in: frozenset[str] | None = None  # None: every province
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    def status_in(self, province: str) -> str:
        return "confirmed" if province in self.confirmed_in else self.status


def body_kinds(gaz: Gazetteer, reference_dir: Path, path: Path | None = None) -> list[BodyKind]:
    """The standard bodies: those of the data file, then the table's departments."""
    path = path or BODIES_FILE
    data = read_toml(path, "provincial bodies file")
    kinds: dict[str, BodyKind] = {}
    for n, entry in enumerate(data.get("body", []), start=1):
        kind = _kind(path, f"body {n}", entry, entry.get("type"))
        kinds[kind.slug] = kind
    for n, entry in enumerate(data.get("collective", []), start=1):
        kind = _kind(path, f"collective {n}", entry, "CollectiveActor")
        kinds[kind.slug] = kind
    extra = {
        nfc(d["name"]): [nfc(g) for g in d.get("generic", [])] for d in data.get("department", [])
    }
    _departments(gaz, reference_dir / DEPARTMENTS_CSV, kinds, extra)
    for kind in kinds.values():
        if kind.parent and kind.parent not in kinds:
            raise InputError(path, f"body '{kind.slug}': unknown parent '{kind.parent}'")
        if kind.national and kind.national not in gaz.agencies:
            raise InputError(path, f"body '{kind.slug}': unknown national body '{kind.national}'")
    return list(kinds.values())


def _kind(path: Path, where: str, entry: dict, kind: str | None) -> BodyKind:
    missing = [f for f in ("slug", "generic", "en") if not entry.get(f)]
    if missing or not kind:
        raise InputError(path, f"{where}: missing {', '.join(missing or ['type'])}")
    if kind not in AGENCY_CLASSES:
        raise InputError(path, f"{where}: unknown type '{kind}'")
    if iris.slug(entry["slug"]) != entry["slug"]:
        raise InputError(path, f"{where}: slug '{entry['slug']}' is not a slug (a-z, 0-9, '-')")
    status = entry.get("status", "confirmed")
    if status not in STATUSES:
        raise InputError(path, f"{where}: unknown status '{status}'")
    return BodyKind(
        slug=entry["slug"],
        generic=[nfc(g) for g in entry["generic"]],
        en=entry["en"],
        kind=kind,
        vi=nfc(entry["vi"]) if entry.get("vi") else None,
        parent=entry.get("parent"),
        national=entry.get("national"),
        status=status,
        scope=entry.get("scope", ALL),
        basis=entry.get("basis", ""),
    )


def _departments(
    gaz: Gazetteer, path: Path, kinds: dict[str, BodyKind], extra: dict[str, list[str]]
) -> None:
    """Every body the departments table names, with the provinces its rows cover."""
    cols = ("department_before_vi", "change", "department_after_vi", "scope", "status")
    by_key = {_fold_generic(g): k.slug for k in kinds.values() for g in k.generic}
    seen: dict[str, BodyKind] = {}
    for line, row in read_csv(path, cols):
        if reference_status(row["status"]) == "unconfirmed":
            continue  # "do not model unless a province is found"
        scope = _scope(gaz, row["scope"])
        effective = _date(path, line, row.get("effective", ""))
        before = [(n, "before") for n in row["department_before_vi"].split(";") if n.strip()]
        after = [(row["department_after_vi"], "after")] if row["department_after_vi"] else []
        for name, side in before + after:
            base, province, en = _body_name(gaz, name, row, side)
            if base is None:
                continue
            template = _UNIT_TAIL.sub(" {unit}", base)
            fkey = _fold_generic(template)
            kind = kinds.get(by_key.get(fkey, "")) or seen.get(fkey)
            if kind is None:
                kind = BodyKind(
                    slug=iris.slug(template.replace(" {unit}", "")),
                    generic=[template, *extra.get(base, [])],
                    en=_en_template(en),
                    kind="ProvincialDepartment" if base.startswith("Sở ") else "ProvincialBody",
                    parent="ubnd",
                    status="unconfirmed",
                    scope="",
                    only_in=frozenset(),
                    basis=f"reference/{DEPARTMENTS_CSV}",
                )
                seen[fkey] = kinds[kind.slug] = kind
            _cover(kind, row, scope, province, side, effective)


def _cover(
    kind: BodyKind,
    row: dict[str, str],
    scope: tuple[bool, bool, frozenset[str]],
    province: str | None,
    side: str,
    effective: dt.date | None,
) -> None:
    """Widen where ``kind`` exists and where it is confirmed, by one row of the table.

    A row for all provinces confirms the body everywhere, unless it is a specific
    department (set up only where the criteria are met); a row naming provinces confirms
    it there, and where it also speaks of other provinces the body is generated for every
    province, unconfirmed outside those named.
    """
    every, sure, named = scope
    if " / " in row["department_before_vi"] and side == "before":
        named = frozenset()  # a body or a function ("Ban Dân tộc tỉnh / công tác dân tộc")
    if province:
        every, sure, named = False, False, frozenset({province})
    if row["change"].startswith("specific"):
        sure = False
    if every:
        kind.only_in = None
    elif kind.only_in is not None:
        kind.only_in = kind.only_in | named
    if sure:
        kind.status, kind.scope = "confirmed", ALL
    elif kind.scope != ALL and (every or not kind.scope):
        kind.status = "unconfirmed"
        kind.scope = row["scope"] if not row["scope"].startswith(ALL) else "where set up"
    kind.confirmed_in = kind.confirmed_in | named
    change = row["change"]
    if effective and sure and side == "before" and change.startswith(("merged into", "became")):
        if "(" not in row["department_before_vi"]:
            kind.valid_until = effective - dt.timedelta(days=1)
    if effective and side == "after" and change == "became":
        kind.valid_from = effective


def _body_name(
    gaz: Gazetteer, name: str, row: dict[str, str], side: str
) -> tuple[str | None, str | None, str]:
    """ "Sở Ngoại vụ tỉnh Đồng Nai" → ("Sở Ngoại vụ", "Đồng Nai", English name)."""
    name = nfc(name).split(" / ")[0].strip()
    name = re.sub(r"\s*\(.*\)$", "", name).strip()
    if not _BODY_HEAD.match(name):
        return None, None, ""
    en = row["department_before_en" if side == "before" else "department_after_en"]
    en = re.sub(r"\s*\(.*\)$", "", en.split(";")[0]).strip()
    for province in sorted(gaz.provinces, key=len, reverse=True):
        for form in (f" tỉnh {province}", f" thành phố {province}", f" {province}"):
            if name.endswith(form) and len(name) > len(form):
                en = en.replace(f"{Place(province, False).short} ", "", 1)
                return name[: -len(form)], province, en
    return name, None, en


def _en_template(en: str) -> str:
    """ "Department of Justice" → "{en_name} Department of Justice"."""
    if "Provincial" in en:
        return en.replace("Provincial", "{en_name} {en_unit}", 1)
    return "{en_name} " + en


def _scope(gaz: Gazetteer, text: str) -> tuple[bool, bool, frozenset[str]]:
    """(every province?, confirmed in every one?, the provinces named).

    Names outside brackets count, else those inside ("… (e.g. Quảng Trị, Lạng Sơn)").
    """
    if text.strip().lower() == ALL:
        return True, True, frozenset()
    outside = re.sub(r"\([^)]*\)", " ", text)
    named = _provinces_in(gaz, outside) or _provinces_in(gaz, text)
    generic = bool(re.search(r"\b(?:provinces|other|units)\b", outside))
    return generic, False, named


def _provinces_in(gaz: Gazetteer, text: str) -> frozenset[str]:
    folded = fold(re.sub(r"\bTP\.?\s+", "Thành phố ", text))
    found = set()
    for name in sorted(gaz.provinces, key=len, reverse=True):
        pattern = re.compile(rf"\b{re.escape(fold(name))}\b")
        if pattern.search(folded):
            found.add(name)
            folded = pattern.sub(" ", folded)
    return frozenset(found)


def _date(path: Path, line: int, text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(path, f"bad date '{text}'", line=line) from None


def _fold_generic(template: str) -> str:
    """The key two spellings of one body meet under, with or without the unit word."""
    words = fold(template.replace("{unit}", "")).replace("-", " ").split()
    return " ".join(words)


def place_of(gaz: Gazetteer, province: str) -> Place:
    """How ``province`` names its bodies (a centrally run city says "thành phố")."""
    rec = gaz.provinces[province]
    return Place(province, (rec.kind or "province") == "city" and rec.exists_after)


def generate(gaz: Gazetteer, kinds: list[BodyKind]) -> list[AgencyRecord]:
    """One record per province and standard body, except the slots a curated entry holds."""
    from loaders.gazetteer import AgencyRecord

    claimed = {(r.province, r.body): r.key for r in gaz.agencies.values() if r.body}
    out: list[AgencyRecord] = []
    # the generic names depend only on whether the province is a city
    generics: dict[tuple[str, bool], list[str]] = {}
    for province in sorted(gaz.provinces, key=iris.slug):
        place = place_of(gaz, province)
        pslug = iris.slug(province)
        for kind in kinds:
            if kind.only_in is not None and province not in kind.only_in:
                continue
            generic = generics.get((kind.slug, place.city))
            if generic is None:
                generic = _unique(place.fill(g) for g in kind.generic)
                generics[(kind.slug, place.city)] = generic
            key = f"{pslug}/{kind.slug}"
            curated = claimed.get((province, kind.slug))
            if curated is not None:
                record = gaz.agencies[curated]
                record.generic_labels = _unique([*record.generic_labels, *generic])
                gaz.aliases[key] = curated
                continue
            status = kind.status_in(province)
            label = place.fill(kind.vi or Place.named(kind.generic[0]))
            alts = _unique(place.fill(Place.named(g)) for g in kind.generic)
            for former in FORMER_NAMES.get(province, []):
                # a city that was a province: "Công an tỉnh Thừa Thiên Huế", "Tỉnh ủy"
                was = Place(former, False)
                forms = [g for g in kind.generic if "{en_name}" not in g]
                alts = _unique([*alts, *(was.fill(Place.named(g)) for g in forms)])
                generic = _unique([*generic, *(was.fill(g) for g in forms)])
            collective = kind.kind == "CollectiveActor"
            out.append(
                AgencyRecord(
                    key=key,
                    label_vi=label,
                    label_en=place.fill(kind.en),
                    kind=kind.kind,
                    alt_labels=[a for a in alts if a != label],
                    level="provincial",
                    province=province,
                    collective=collective,
                    parent=f"{pslug}/{kind.parent}" if kind.parent else None,
                    note=_note(kind, province, status),
                    valid_from=kind.valid_from,
                    valid_until=kind.valid_until,
                    body=kind.slug,
                    generic_labels=list(generic),
                    status=status,
                    national=kind.national,
                )
            )
    return out


def _note(kind: BodyKind, province: str, status: str) -> str:
    if status == "confirmed":
        return f"Generated from the standard list of provincial bodies ({kind.basis or ALL})."
    return (
        f"Generated from the standard list of provincial bodies; not confirmed for {province} "
        f"(where it exists: {kind.scope}; {kind.basis})."
    )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
