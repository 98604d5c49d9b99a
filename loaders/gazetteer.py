"""The agency gazetteer: every body the corpus names, with labels, type, level, province.

The data live in ``data/agencies.toml`` (the national bodies, the provincial bodies the
corpus names, the collectives), in ``data/reference/`` (the provinces before and after
1 July 2025, the 2025 restructuring, the provincial departments) and in
``data/provincial_bodies.toml``: from these ``provincial_bodies`` generates the standard
bodies of every province. This module reads them all and writes them as RDF.

A curated provincial entry that is one of the standard bodies says which (``body``); it
keeps its key, and the generated key of that slot (``kien-giang/so-ngoai-vu``) becomes an
alias of it, written as ``owl:sameAs``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from data import DATA_DIR, REFERENCE_DIR
from loaders import provincial_bodies, restructuring, tabular
from loaders.restructuring import ChangeRecord, ProvinceRecord
from migkg import iris
from migkg.errors import InputError
from migkg.namespaces import MKG, ORG, bind_prefixes
from migkg.text import nfc
from ontology import AGENCY_CLASSES

AGENCIES_FILE = DATA_DIR / "agencies.toml"

#: The agency classes of the ontology a gazetteer entry may take (mkg:<name>).
AGENCY_TYPES = frozenset(AGENCY_CLASSES)
LEVELS = frozenset({"central", "provincial", "international"})


@dataclass
class AgencyRecord:
    """One agency of the gazetteer."""

    key: str
    label_vi: str
    label_en: str
    kind: str
    alt_labels: list[str] = field(default_factory=list)
    level: str | None = "central"
    province: str | None = None
    collective: bool = False
    parent: str | None = None
    short_names: list[str] = field(default_factory=list)
    note: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    #: the standard body of a province this record is (``so-ngoai-vu``), if it is one
    body: str | None = None
    #: province-less names a document of the province uses ("Sở Ngoại vụ", "CA tỉnh")
    generic_labels: list[str] = field(default_factory=list)
    #: how sure the record is (mkg:referenceStatus); None for curated entries
    status: str | None = None
    #: key of the national body a provincial branch belongs to (``vss`` for BHXH tỉnh)
    national: str | None = None

    @property
    def iri(self) -> URIRef:
        return iris.agency(self.key)

    @property
    def generated(self) -> bool:
        """True for a record made from the standard list rather than read from the file."""
        return self.status is not None

    @property
    def labels(self) -> list[str]:
        """Every label the agency answers to: vi, en, then the alt labels."""
        return [self.label_vi, self.label_en, *self.alt_labels]


@dataclass
class Gazetteer:
    """All agencies by key, plus the provinces and the 2025 changes (see ``restructuring``).

    ``agencies`` holds the curated entries and the generated bodies in use; ``standard``
    holds every generated body of every province (some 3,500), of which a body joins
    ``agencies`` once a mention is resolved to it (``use``): the graph of a corpus describes
    the bodies it names and stays small, while every province's bodies can be resolved.
    """

    agencies: dict[str, AgencyRecord] = field(default_factory=dict)
    #: every generated standard body, by key (``ca-mau/so-ngoai-vu``)
    standard: dict[str, AgencyRecord] = field(default_factory=dict, repr=False)
    provinces: dict[str, ProvinceRecord] = field(default_factory=dict)
    changes: list[ChangeRecord] = field(default_factory=list)
    province_kinds: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    #: a generated key whose slot a curated entry holds → the curated key (owl:sameAs)
    aliases: dict[str, str] = field(default_factory=dict)
    _by_label: dict[str, str] = field(default_factory=dict, repr=False)
    _slots: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    @classmethod
    def load(
        cls,
        path: Path | None = None,
        reference_dir: Path | None = None,
        bodies_path: Path | None = None,
    ) -> Gazetteer:
        """Load the gazetteer file (or ``path``), the reference CSVs and the standard bodies."""
        path = path or AGENCIES_FILE
        data = tabular.read_toml(path, "gazetteer file")
        gaz = cls()
        for n, entry in enumerate(data.get("agency", []), start=1):
            record = _agency(path, n, entry)
            if record.key in gaz.agencies:
                raise InputError(path, f"agency {n}: key '{record.key}' is used twice")
            gaz.agencies[record.key] = record
        for record in gaz.agencies.values():
            if record.parent is not None and record.parent not in gaz.agencies:
                raise InputError(path, f"agency '{record.key}': unknown parent '{record.parent}'")
        for n, entry in enumerate(data.get("province", []), start=1):
            try:
                name = nfc(entry["name"])
                gaz.province_kinds[name] = (
                    nfc(entry["en"]),
                    entry["kind"],
                    nfc(entry["source"]),
                )
            except KeyError as exc:
                raise InputError(path, f"province {n}: missing field {exc}") from None
        reference_dir = reference_dir or REFERENCE_DIR
        restructuring.load_into(gaz, reference_dir)
        for record in gaz.agencies.values():
            if record.province and record.province not in gaz.provinces:
                raise InputError(
                    path, f"agency '{record.key}': unknown province '{record.province}'"
                )
        kinds = provincial_bodies.body_kinds(gaz, reference_dir, bodies_path)
        slugs = {kind.slug for kind in kinds}
        for record in gaz.agencies.values():
            if record.body and record.body not in slugs:
                raise InputError(
                    path, f"agency '{record.key}': unknown standard body '{record.body}'"
                )
        gaz.standard = {r.key: r for r in provincial_bodies.generate(gaz, kinds)}
        for record in gaz.records():
            if record.body and record.province:
                gaz._slots[(record.province, record.body)] = record.key
        return gaz

    def _index_labels(self) -> None:
        self._by_label = {}
        for record in self.agencies.values():
            for label in record.labels:
                self._by_label.setdefault(label, record.key)

    def records(self) -> list[AgencyRecord]:
        """Every record: the curated entries and every generated standard body."""
        return [
            *self.agencies.values(),
            *(r for k, r in self.standard.items() if k not in self.agencies),
        ]

    def record(self, key: str) -> AgencyRecord | None:
        """The record of ``key``, curated or generated (None if there is none)."""
        return self.agencies.get(key) or self.standard.get(key)

    def use(self, key: str) -> None:
        """Make a generated body (and the bodies it belongs to) part of ``agencies``."""
        while key in self.standard and key not in self.agencies:
            record = self.standard[key]
            self.agencies[key] = record
            key = self.canonical(record.parent) if record.parent else ""

    def body(self, province: str, slug: str) -> AgencyRecord | None:
        """The record of a standard body of ``province`` (``"Cà Mau"``, ``"so-ngoai-vu"``)."""
        key = self._slots.get((province, slug))
        return self.record(key) if key else None

    def canonical(self, key: str) -> str:
        """The key an alias stands for (``kien-giang/so-ngoai-vu`` → ``kien-giang-dofa``)."""
        return self.aliases.get(key, key)

    def get(self, key: str) -> AgencyRecord:
        """The agency with this key (KeyError if there is none)."""
        return self.agencies[key]

    def key_for_label(self, label: str) -> str | None:
        """The key of the curated agency whose vi, en or alt label is ``label`` (after NFC)."""
        if not self._by_label:
            self._index_labels()
        return self._by_label.get(nfc(label).strip())

    def to_graph(self, *, full: bool = False) -> Graph:
        """The gazetteer as RDF: agencies (every generated body too if ``full``), the aliases
        of curated entries (``owl:sameAs``), provinces and change events."""
        graph = Graph()
        bind_prefixes(graph)
        for record in self.records() if full else self.agencies.values():
            add_agency(graph, record, self)
        for alias, key in sorted(self.aliases.items()):
            graph.add((iris.agency(alias), OWL.sameAs, iris.agency(key)))
        restructuring.add_to_graph(graph, self)
        return graph


def add_agency(graph: Graph, record: AgencyRecord, gaz: Gazetteer) -> None:
    """Write one agency: type, labels in both languages, alt labels, level, province."""
    node = record.iri
    graph.add((node, RDF.type, MKG[record.kind]))
    graph.add((node, RDF.type, MKG.Agency))
    graph.add((node, RDFS.label, Literal(record.label_vi, lang="vi")))
    graph.add((node, RDFS.label, Literal(record.label_en, lang="en")))
    graph.add((node, SKOS.prefLabel, Literal(record.label_vi, lang="vi")))
    graph.add((node, SKOS.prefLabel, Literal(record.label_en, lang="en")))
    for alt in record.alt_labels:
        graph.add((node, SKOS.altLabel, Literal(alt)))
    if record.level:
        graph.add((node, MKG.level, Literal(record.level)))
    if record.province:
        graph.add((node, MKG.province, iris.province(record.province)))
    if record.parent:
        graph.add((node, ORG.subOrganizationOf, iris.agency(gaz.canonical(record.parent))))
    if record.note:
        graph.add((node, RDFS.comment, Literal(record.note, lang="en")))
    if record.valid_from:
        graph.add((node, MKG.validFrom, Literal(record.valid_from, datatype=XSD.date)))
    if record.valid_until:
        graph.add((node, MKG.validUntil, Literal(record.valid_until, datatype=XSD.date)))
    if record.body:
        graph.add((node, MKG.standardBody, Literal(record.body)))
    for label in record.generic_labels:
        graph.add((node, MKG.contextLabel, Literal(label, lang="vi")))
    if record.status:
        graph.add((node, MKG.referenceStatus, Literal(record.status)))


def _agency(path: Path, n: int, entry: dict) -> AgencyRecord:
    """One [[agency]] table → a record, with every field checked."""
    where = f"agency {n}"
    missing = [f for f in ("key", "vi", "en", "type") if not entry.get(f)]
    if missing:
        raise InputError(path, f"{where}: missing {', '.join(missing)}")
    key = entry["key"]
    if iris.slug(key) != key:
        raise InputError(path, f"{where}: key '{key}' is not a slug (a-z, 0-9, '-')")
    body = entry.get("body")
    if body is not None and (iris.slug(body) != body or not entry.get("province")):
        raise InputError(path, f"agency '{key}': body '{body}' needs a slug and a province")
    kind = entry["type"]
    if kind not in AGENCY_TYPES:
        raise InputError(path, f"agency '{key}': unknown type '{kind}'")
    level = entry.get("level")
    if level is not None and level not in LEVELS:
        raise InputError(path, f"agency '{key}': unknown level '{level}'")
    if kind != "CollectiveActor" and level is None:
        raise InputError(path, f"agency '{key}': missing level")
    province = entry.get("province")
    if level == "provincial" and kind != "CollectiveActor" and not province:
        raise InputError(path, f"agency '{key}': a provincial body needs a province")
    return AgencyRecord(
        key=key,
        label_vi=nfc(entry["vi"]),
        label_en=nfc(entry["en"]),
        kind=kind,
        alt_labels=list(dict.fromkeys(nfc(a) for a in entry.get("alt", []))),
        level=level,
        province=nfc(province) if province else None,
        collective=kind == "CollectiveActor",
        parent=entry.get("parent"),
        short_names=[nfc(s) for s in entry.get("short", [])],
        note=entry.get("note"),
        valid_from=_date(path, key, entry.get("valid_from")),
        body=body,
    )


def _date(path: Path, key: str, value: object) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    raise InputError(path, f"agency '{key}': valid_from must be a date (YYYY-MM-DD)")
