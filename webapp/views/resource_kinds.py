"""What each kind of resource page shows, gathered from the graph by ``page_*.rq`` queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import request
from rdflib import URIRef

from migkg.codes import code_key
from migkg.namespaces import MKG, ORG
from webapp import pagequery, sourcetext
from webapp.i18n import kind_name
from webapp.pagequery import short

KINDS = ("agency", "task", "plan", "instrument", "convention", "province", "document", "resource")

# Types decide first (most specific first); the IRI's path decides for untyped resources.
_BY_TYPE: list[tuple[set[URIRef], str]] = [
    # parts of a task (its phases, tags, who holds it at a date) have the generic page
    ({MKG.Phase, MKG.Tag, MKG.Responsibility}, "resource"),
    ({MKG.Task, MKG.TaskGroup, MKG.Assignment}, "task"),
    ({MKG.Plan}, "plan"),
    ({MKG.Convention}, "convention"),
    ({MKG.Instrument}, "instrument"),
    ({MKG.Province}, "province"),
    ({MKG.SourceDocument}, "document"),
    (
        {
            MKG.Agency,
            ORG.Organization,
            MKG.Ministry,
            MKG.MinisterialLevelAgency,
            MKG.GovernmentAgency,
            MKG.CentralGovernment,
            MKG.PartyBody,
            MKG.ProvincialPeoplesCommittee,
            MKG.ProvincialDepartment,
            MKG.ProvincialBody,
            MKG.MassOrganisation,
            MKG.InternationalOrganisation,
            MKG.CollectiveActor,
        },
        "agency",
    ),
]
_BY_PATH = {
    "agency": "agency",
    "task": "task",
    "plan": "plan",
    "province": "province",
    "document": "document",
}


def kind_of(iri: URIRef, path: str) -> str:
    """Which page shows ``iri``: one of ``KINDS``."""
    types = {row["type"] for row in pagequery.run("resource_kind", s=iri)}
    for classes, kind in _BY_TYPE:
        if types & classes:
            return kind
    first = path.split("/", 1)[0]
    if first == "instrument":
        return "instrument"
    return _BY_PATH.get(first, "resource")


def gather(kind: str, iri: URIRef) -> dict[str, Any]:
    """Everything the page of ``kind`` shows about ``iri``."""
    names = pagequery.one("resource_label", s=iri) or {}
    context: dict[str, Any] = {
        "names": names,
        "alt_labels": [row["alt"] for row in pagequery.run("resource_altlabels", s=iri)],
        "sources": pagequery.run("resource_source", s=iri),
        "outgoing": pagequery.run("resource_outgoing", s=iri),
        "incoming": pagequery.run("resource_incoming", s=iri),
    }
    context.update(_GATHER.get(kind, lambda _iri: {})(iri))
    context["title"] = _title(kind, iri, names, context)
    return context


def _title(kind: str, iri: URIRef, names: dict[str, Any], context: dict[str, Any]) -> Any:
    if kind == "task":
        task = context.get("task") or {}
        code = task.get("code") or names.get("code") or short(iri)
        plan = task.get("planNumber")
        return f"{kind_name('task')} {code}" + (f" — {plan}" if plan else "")
    if kind == "document":
        items = context.get("items") or []
        named = [i for i in items if i.get("number") or i.get("itemLabel")]
        if named:
            first = named[0]
            parts = [str(x) for x in (first.get("number"), first.get("itemLabel")) if x]
            return " · ".join(parts)
    for key in ("sLabel", "title", "number", "code"):
        if names.get(key):
            return names[key]
    return short(iri)


def _agency(iri: URIRef) -> dict[str, Any]:
    tasks = pagequery.run("agency_tasks", s=iri)
    tasks.sort(key=lambda r: (str(r["planNumber"] or r["plan"] or ""), code_key(r["code"])))
    return {
        "info": pagequery.run("agency_info", s=iri),
        "led": [r for r in tasks if r["role"] == "lead"],
        "joined": [r for r in tasks if r["role"] == "cooperating"],
        "partners": pagequery.run("agency_partners", s=iri),
        "changes": pagequery.run("resource_changes", s=iri),
    }


def _task(iri: URIRef) -> dict[str, Any]:
    rows = pagequery.run("task", s=iri)
    agencies = pagequery.run("task_agencies", s=iri)
    children = pagequery.run("task_children", s=iri)
    children.sort(key=lambda r: code_key(r["code"]))
    return {
        "task": rows[0] if rows else {},
        "outputs": _distinct(r["output"] for r in rows),
        "leads": [r for r in agencies if r["role"] == "lead"],
        "cooperators": [r for r in agencies if r["role"] == "cooperating"],
        "refers": pagequery.run("task_refers", s=iri),
        "children": children,
    }


def _plan(iri: URIRef) -> dict[str, Any]:
    tasks: dict[Any, dict[str, Any]] = {}
    for row in pagequery.run("plan_tasks", s=iri):
        entry = tasks.setdefault(row["task"], {**row, "leads": []})
        if row["lead"] is not None and all(x["lead"] != row["lead"] for x in entry["leads"]):
            entry["leads"].append(row)
    ordered = sorted(tasks.values(), key=lambda r: code_key(r["code"]))
    for entry in ordered:
        entry["depth"] = str(entry["code"] or "").count(".")
    return {
        "plan": pagequery.one("plan", s=iri) or {},
        "tasks": ordered,
        "links": pagequery.run("instrument_links", s=iri),
    }


def _instrument(iri: URIRef) -> dict[str, Any]:
    rows = pagequery.run("instrument", s=iri)
    tasks: dict[Any, dict[str, Any]] = {}
    for row in pagequery.run("instrument_tasks", s=iri):
        entry = tasks.setdefault(row["task"], {**row, "leads": []})
        if row["lead"] is not None and all(x["lead"] != row["lead"] for x in entry["leads"]):
            entry["leads"].append(row)
    return {
        "instrument": rows[0] if rows else {},
        "issuers": [r for r in rows if r["issuer"] is not None],
        "links": pagequery.run("instrument_links", s=iri),
        "tasks": sorted(tasks.values(), key=lambda r: (str(r["planNumber"]), code_key(r["code"]))),
    }


def _document(iri: URIRef) -> dict[str, Any]:
    items = pagequery.run("document", s=iri)
    file_name = next((str(r["fileName"]) for r in items if r.get("fileName")), "")
    return {
        "items": [r for r in items if r.get("item") is not None],
        "file_name": file_name,
        "lines": sourcetext.lines_of(file_name),
        "highlight": sourcetext.line_span(request.args.get("lines", "")),
    }


def _province(iri: URIRef) -> dict[str, Any]:
    return {
        "province": pagequery.one("province", s=iri) or {},
        "agencies": pagequery.run("province_agencies", s=iri),
        "changes": pagequery.run("resource_changes", s=iri),
    }


def _distinct(values: Any) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if v is not None and v not in out:
            out.append(v)
    return out


_GATHER: dict[str, Callable[[URIRef], dict[str, Any]]] = {
    "agency": _agency,
    "task": _task,
    "plan": _plan,
    "instrument": _instrument,
    "convention": _instrument,
    "province": _province,
    "document": _document,
}
