"""The 2025 changes of provincial bodies, as change events of the bodies the gazetteer holds.

Two steps, both from ``data/reference``: the department mergers of 1 March 2025
(``provincial_departments_2025.csv``, rows that apply to all provinces: DOLISA merged into
the Department of Home Affairs, its vocational education moved to Education, …; a
Department of Foreign Affairs kept where the criteria are met, otherwise merged into the
People's Committee Office), then the province mergers of 1 July 2025
(``provinces_2025.csv``): each body of a province merged away passes to the body of the
same name in the resulting province.

A body the step leads to and the gazetteer lacks is made here, as
``id:agency/<province>/<body>`` (e.g. ``id:agency/an-giang/so-noi-vu``), with its labels,
province and the dates it exists.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from loaders.restructuring import (
    PROVINCE_BASIS,
    PROVINCE_MERGER_DATE,
    ChangeRecord,
    ProvinceRecord,
    reference_status,
)
from loaders.tabular import read_csv
from migkg import iris
from migkg.namespaces import ID
from migkg.text import match_key, nfc

if TYPE_CHECKING:
    from loaders.gazetteer import AgencyRecord

DEPARTMENTS_CSV = "provincial_departments_2025.csv"
# (province, match key of a body's name) → the body's IRI, as bodies are met
_Known = dict[tuple[str, str], URIRef]
_OTHERWISE = "otherwise merged into"


@dataclass
class Body:
    """A provincial body: its base name (``Sở Ngoại vụ``) in one province."""

    base_vi: str
    base_en: str
    province: str
    iri: URIRef
    kind: str = "ProvincialDepartment"
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    made_here: bool = False

    @property
    def label_vi(self) -> str:
        return f"{self.base_vi} tỉnh {self.province}"

    @property
    def label_en(self) -> str:
        return f"{self.base_en}, {self.province}"


@dataclass
class ProvincialChanges:
    """The bodies and change events of provincial bodies."""

    bodies: dict[URIRef, Body] = field(default_factory=dict)
    changes: list[ChangeRecord] = field(default_factory=list)


def base_name(label: str, province: str) -> str:
    """``Sở Ngoại vụ tỉnh Kiên Giang`` → ``Sở Ngoại vụ``."""
    return re.sub(rf"\s+(tỉnh|thành phố)?\s*{re.escape(province)}$", "", nfc(label)).strip()


def body_iri(province: str, base_vi: str) -> URIRef:
    """``id:agency/<province>/<body>``: a provincial body the gazetteer does not list."""
    return ID[f"agency/{iris.slug(province)}/{iris.slug(base_vi)}"]


def derive(
    agencies: Iterable[AgencyRecord], provinces: Mapping[str, ProvinceRecord], reference_dir: Path
) -> ProvincialChanges:
    """Events for every provincial body of ``agencies`` (gazetteer records)."""
    out = ProvincialChanges()
    rows = read_csv(reference_dir / DEPARTMENTS_CSV, ("department_before_vi", "change", "scope"))
    known: dict[tuple[str, str], URIRef] = {}
    for rec in agencies:
        if rec.province and not rec.collective:
            base = base_name(rec.label_vi, rec.province)
            base_en = re.sub(rf"\b{re.escape(rec.province)}\b\s*", "", rec.label_en).strip(" ,")
            body = Body(base, base_en, rec.province, rec.iri, rec.kind)
            out.bodies[rec.iri] = body
            known[(rec.province, match_key(base))] = rec.iri
    start = list(out.bodies.values())
    for body in start:
        _department_changes(out, body, rows, known)
    for body in list(out.bodies.values()):
        _province_merger(out, body, provinces, known)
    return out


def _get(
    out: ProvincialChanges, known: _Known, province: str, base_vi: str, base_en: str, kind: str = ""
) -> Body:
    base_vi = re.sub(r"\s+tỉnh$", "", nfc(base_vi))  # "Văn phòng Ủy ban nhân dân tỉnh"
    iri = known.get((province, match_key(base_vi)))
    if iri is None:
        iri = body_iri(province, base_vi)
        known[(province, match_key(base_vi))] = iri
    if iri not in out.bodies:
        if not kind:
            kind = "ProvincialDepartment" if base_vi.startswith("Sở") else "ProvincialBody"
        out.bodies[iri] = Body(base_vi, base_en, province, iri, kind, made_here=True)
    return out.bodies[iri]


def _department_changes(
    out: ProvincialChanges, body: Body, rows: list[tuple[int, dict[str, str]]], known: _Known
) -> None:
    for line, row in rows:
        before = row["department_before_vi"]
        if not before or row["scope"] != "all provinces" or not row["effective"]:
            continue
        name, _, part = before.partition(" (")
        if match_key(name) != match_key(body.base_vi):
            continue
        change = row["change"]
        date = dt.date.fromisoformat(row["effective"])
        after = _get(
            out, known, body.province, row["department_after_vi"], row["department_after_en"]
        )
        results, alternatives = [after.iri], False
        if _OTHERWISE in change:  # kept where the criteria are met, otherwise merged
            results, alternatives = [body.iri, after.iri], True
            kind = change
        elif change.startswith("merged into"):
            kind = "merged into"
        else:
            kind = change
        if kind.startswith("merged into") and not alternatives:
            body.valid_until = date - dt.timedelta(days=1)
        if after.made_here and after.valid_from is None:
            after.valid_from = date
        slug = f"{iris.slug(body.province)}-{iris.slug(name)}-{iris.slug(kind)}-"
        slug += iris.slug(row["department_after_vi"] or "")
        if part:
            slug += "-" + iris.slug(part.rstrip(")"))[:40]
        out.changes.append(
            ChangeRecord(
                slug=slug,
                originals=[body.iri],
                results=results,
                date=date,
                kind=kind,
                basis=row["basis"],
                status=reference_status(row["status"]),
                source=f"{row['basis']} (reference/{DEPARTMENTS_CSV}, line {line})",
                note=row.get("note") or None,
                moved_text=row.get("department_before_en", ""),
                alternatives=alternatives,
            )
        )


def _province_merger(
    out: ProvincialChanges, body: Body, provinces: Mapping[str, ProvinceRecord], known: _Known
) -> None:
    rec = provinces.get(body.province)
    if rec is None or not rec.merged_into or rec.merged_into == body.province:
        return
    after = _get(out, known, rec.merged_into, body.base_vi, body.base_en, body.kind)
    if after.made_here:
        after.valid_from = PROVINCE_MERGER_DATE
    body.valid_until = body.valid_until or PROVINCE_MERGER_DATE - dt.timedelta(days=1)
    out.changes.append(
        ChangeRecord(
            slug=f"province-{iris.slug(body.province)}-{iris.slug(body.base_vi)}",
            originals=[body.iri],
            results=[after.iri],
            date=PROVINCE_MERGER_DATE,
            kind="province merged",
            basis=PROVINCE_BASIS,
            status=rec.status,
            source=f"{PROVINCE_BASIS} (reference/provinces_2025.csv)",
            note=f"{body.province} → {rec.merged_into}",
        )
    )
