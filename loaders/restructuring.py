"""The 2025 restructuring: provinces before and after 1 July 2025, and the central bodies
merged, renamed or given new functions, as W3C ORG change events.

Facts come from ``data/reference/provinces_2025.csv`` and ``restructuring_2025.csv``,
each with its status; a row marked "to verify" or "unconfirmed" keeps that status.

A province merger is modelled on the provinces themselves (mkg:Province), not on their
People's Committees: the CSV speaks of provinces, and a province is what an analyst looks
up. One change event per resulting province that absorbed others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from loaders.placing import FORMER_NAMES
from loaders.tabular import read_csv
from migkg import iris
from migkg.errors import InputError
from migkg.namespaces import MKG, ORG

if TYPE_CHECKING:
    from loaders.gazetteer import Gazetteer

PROVINCES_CSV = "provinces_2025.csv"
RESTRUCTURING_CSV = "restructuring_2025.csv"
LOCAL_GOVERNMENT_CSV = "local_government_2025.csv"
# gazetteer keys of the collectives the end of the district level concerns
DISTRICTS, PROVINCES_PCS, COMMUNES = (
    "district-peoples-committees",
    "provincial-peoples-committees",
    "commune-peoples-committees",
)
PROVINCE_MERGER_DATE = dt.date(2025, 7, 1)
PROVINCE_BASIS = "Resolution 202/2025/QH15"


@dataclass
class ProvinceRecord:
    """A province or centrally run city, before or after 1 July 2025."""

    name: str
    label_en: str | None = None
    kind: str | None = None
    kind_source: str | None = None
    merged_into: str | None = None
    status: str = "confirmed"
    status_text: str = ""
    sources: list[str] = field(default_factory=list)
    exists_after: bool = False

    @property
    def iri(self) -> URIRef:
        return iris.province(self.name)

    @property
    def valid_until(self) -> dt.date | None:
        """The last day of a province merged away into another."""
        if self.merged_into and self.merged_into != self.name and not self.exists_after:
            return PROVINCE_MERGER_DATE - dt.timedelta(days=1)
        return None


@dataclass
class ChangeRecord:
    """One org:ChangeEvent: originals → results on a date, with basis and status."""

    slug: str
    originals: list[URIRef]
    results: list[URIRef]
    date: dt.date
    kind: str
    basis: str
    status: str
    source: str
    note: str | None = None
    # how the reference names what changed, e.g. "MOLISA (vocational education)"
    moved_text: str = ""
    # the results are alternatives, one of which holds the functions (not yet known)
    alternatives: bool = False

    @property
    def iri(self) -> URIRef:
        return iris.resource("change", str(self.date.year), self.slug)


def reference_status(text: str) -> str:
    """The CSV's status text → "confirmed" | "unconfirmed" | "to verify" (never upgraded)."""
    low = text.lower()
    if "to verify" in low:
        return "to verify"
    if "unconfirmed" in low or "not confirmed" in low:
        return "unconfirmed"
    if "confirmed" in low:
        return "confirmed"
    return "unconfirmed"


def load_into(gaz: Gazetteer, reference_dir: Path) -> None:
    """Fill ``gaz.provinces`` and ``gaz.changes`` from the reference CSVs."""
    _load_provinces(gaz, reference_dir / PROVINCES_CSV)
    _load_agency_changes(gaz, reference_dir / RESTRUCTURING_CSV)
    if (reference_dir / LOCAL_GOVERNMENT_CSV).is_file():
        _load_district_level(gaz, reference_dir / LOCAL_GOVERNMENT_CSV)


def _load_district_level(gaz: Gazetteer, path: Path) -> None:
    """The end of the district level (1 July 2025): the district People's Committees'
    tasks pass to the communes and, where they need province-wide handling, the province."""
    if not all(k in gaz.agencies for k in (DISTRICTS, PROVINCES_PCS, COMMUNES)):
        return
    facts = {row["key"]: (line, row) for line, row in read_csv(path, ("key", "effective", "basis"))}
    if "district_level_ends" not in facts:
        return
    line, row = facts["district_level_ends"]
    try:
        date = dt.date.fromisoformat(row["effective"])
    except ValueError:
        raise InputError(path, f"bad date '{row['effective']}'", line=line) from None
    principle = facts.get("district_tasks_principle", (0, {}))[1].get("fact_en")
    gaz.changes.append(
        ChangeRecord(
            slug="district-level-abolished",
            originals=[gaz.agencies[DISTRICTS].iri],
            results=[gaz.agencies[COMMUNES].iri, gaz.agencies[PROVINCES_PCS].iri],
            date=date,
            kind="district level abolished",
            basis=row["basis"],
            status=reference_status(row.get("status", "")),
            source=f"{row['basis']} (reference/{LOCAL_GOVERNMENT_CSV}, line {line})",
            note=principle or None,
        )
    )


def _load_provinces(gaz: Gazetteer, path: Path) -> None:
    rows = read_csv(path, ("province_before", "province_after", "kind_after", "status", "source"))
    provinces: dict[str, ProvinceRecord] = {}
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, row in rows:
        before, after = row["province_before"], row["province_after"]
        if not before or not after:
            raise InputError(path, "a province name is empty", line=line)
        if before in provinces:
            raise InputError(path, f"'{before}' is listed twice", line=line)
        status = reference_status(row["status"])
        rec = provinces.setdefault(before, ProvinceRecord(name=before))
        rec.merged_into, rec.status, rec.status_text = after, status, row["status"]
        rec.sources.append(row["source"])
        groups.setdefault(after, []).append((line, row))
    for after, members in groups.items():
        rec = provinces.setdefault(after, ProvinceRecord(name=after))
        rec.exists_after = True
        rec.kind = members[0][1]["kind_after"]
        rec.kind_source = PROVINCE_BASIS
        if len({m[1]["kind_after"] for m in members}) > 1:
            raise InputError(path, f"'{after}' is given two kinds", line=members[-1][0])
        if after not in {m[1]["province_before"] for m in members}:
            # a resulting province the CSV lists only as a result: it holds what it says
            rec.status = _weakest(reference_status(m[1]["status"]) for m in members)
            rec.sources = sorted({m[1]["source"] for m in members})
    for name, (label_en, kind, source) in gaz.province_kinds.items():
        named = provinces.get(name)
        if named is None:
            raise InputError(path, f"'{name}' (named in the gazetteer) is not in the file")
        named.label_en = label_en
        if named.kind is None:
            named.kind, named.kind_source = kind, source
    gaz.provinces = dict(provinces)
    for after, members in groups.items():
        absorbed = [m for m in members if m[1]["province_before"] != after]
        if not absorbed:
            continue
        originals = sorted({m[1]["province_before"] for m in members}, key=iris.slug)
        gaz.changes.append(
            ChangeRecord(
                slug=f"province-{iris.slug(after)}",
                originals=[iris.province(n) for n in originals],
                results=[iris.province(after)],
                date=PROVINCE_MERGER_DATE,
                kind="provinces merged",
                basis=PROVINCE_BASIS,
                status=_weakest(reference_status(m[1]["status"]) for m in members),
                source="; ".join(sorted({m[1]["source"] for m in members})),
                note=f"{', '.join(originals)} → {after}",
            )
        )


def _load_agency_changes(gaz: Gazetteer, path: Path) -> None:
    cols = ("predecessor_vi", "change", "successor_vi", "effective", "basis", "status", "note")
    for line, row in read_csv(path, cols):
        pred = _agency_key(gaz, path, line, row["predecessor_vi"])
        succ = _agency_key(gaz, path, line, row["successor_vi"])
        originals = [pred]
        change = row["change"]
        # "merged with <body> into": the other body is an original organisation too
        if change.startswith("merged with ") and change.endswith(" into"):
            originals.append(_agency_key(gaz, path, line, change[len("merged with ") : -5]))
        try:
            date = dt.date.fromisoformat(row["effective"])
        except ValueError:
            raise InputError(path, f"bad date '{row['effective']}'", line=line) from None
        gaz.changes.append(
            ChangeRecord(
                slug=f"{pred}-{iris.slug('merged into' if len(originals) > 1 else change)}-{succ}",
                originals=[gaz.agencies[k].iri for k in originals],
                results=[gaz.agencies[succ].iri],
                date=date,
                kind=change,
                basis=row["basis"],
                status=reference_status(row["status"]),
                source=f"{row['basis']} (reference/{RESTRUCTURING_CSV}, line {line})",
                note=row["note"] or None,
                moved_text=row.get("predecessor_en", ""),
            )
        )


def _agency_key(gaz: Gazetteer, path: Path, line: int, label: str) -> str:
    key = gaz.key_for_label(label)
    if key is None:
        raise InputError(path, f"'{label}' is not a gazetteer agency", line=line)
    return key


def _weakest(statuses: Iterable[str]) -> str:
    order = ["unconfirmed", "to verify", "confirmed"]
    found = list(statuses)
    for status in order:
        if status in found:
            return status
    return "unconfirmed"


#: Kinds of change after which an original body no longer exists in its own form.
ENDING_CHANGES = ("merged into", "became", "merged with", "moved to", "district level abolished")


def add_to_graph(graph: Graph, gaz: Gazetteer) -> None:
    """Write the provinces and every change event, and the last day of merged bodies."""
    for rec in gaz.provinces.values():
        _add_province(graph, rec)
    agencies = {record.iri for record in gaz.agencies.values()}
    for change in gaz.changes:
        _add_change(graph, change)
        if change.kind.startswith(ENDING_CHANGES):
            last_day = change.date - dt.timedelta(days=1)
            for org in change.originals:
                if org in agencies and org not in change.results:
                    graph.add((org, MKG.validUntil, Literal(last_day, datatype=XSD.date)))


def _add_province(graph: Graph, rec: ProvinceRecord) -> None:
    node = rec.iri
    graph.add((node, RDF.type, MKG.Province))
    graph.add((node, RDFS.label, Literal(rec.name, lang="vi")))
    graph.add((node, RDFS.label, Literal(rec.label_en or rec.name, lang="en")))
    for former in FORMER_NAMES.get(rec.name, []):  # "Thừa Thiên Huế" before Huế's city status
        graph.add((node, RDFS.label, Literal(former)))
        graph.add((node, SKOS.altLabel, Literal(former, lang="vi")))
    if rec.kind:
        graph.add((node, MKG.provinceKind, Literal(rec.kind)))
    if rec.valid_until:
        graph.add((node, MKG.validUntil, Literal(rec.valid_until, datatype=XSD.date)))
    graph.add((node, MKG.referenceStatus, Literal(rec.status)))
    if rec.status_text and rec.status_text != rec.status:
        graph.add((node, SKOS.note, Literal(f"status: {rec.status_text}", lang="en")))
    for source in rec.sources:
        graph.add((node, DCTERMS.source, Literal(source)))


def _add_change(graph: Graph, change: ChangeRecord) -> None:
    node = change.iri
    graph.add((node, RDF.type, ORG.ChangeEvent))
    for org in change.originals:
        graph.add((node, ORG.originalOrganization, org))
        graph.add((org, ORG.changedBy, node))
    for org in change.results:
        graph.add((node, ORG.resultingOrganization, org))
        graph.add((org, ORG.resultedFrom, node))
    graph.add((node, DCTERMS.date, Literal(change.date, datatype=XSD.date)))
    graph.add((node, MKG.changeKind, Literal(change.kind)))
    graph.add((node, MKG.basisText, Literal(change.basis)))
    graph.add((node, MKG.referenceStatus, Literal(change.status)))
    graph.add((node, DCTERMS.source, Literal(change.source)))
    label = f"{change.kind} ({change.date.isoformat()})"
    graph.add((node, RDFS.label, Literal(label, lang="en")))
    if change.note:
        graph.add((node, RDFS.comment, Literal(change.note, lang="en")))
