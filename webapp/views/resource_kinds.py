"""What each kind of resource page shows, gathered from the graph by ``page_*.rq`` queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import request
from rdflib import URIRef

from migkg.codes import code_key
from migkg.namespaces import MKG, ORG
from webapp import linked, ordered, pagequery, paging, sourcetext
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
    }
    context["sources"], context["sources_pager"] = paging.part(
        paging.rows("resource_source", iri), param="source_page", anchor="source"
    )
    # the statements about it and those that point at it, a page at a time
    context["outgoing"], context["outgoing_pager"] = paging.window(
        "resource_statements", iri, param="statements_page", anchor="all-data"
    )
    context["incoming"], context["incoming_pager"] = linked.window(
        iri, param="linked_page", anchor="incoming"
    )
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
    context: dict[str, Any] = {
        "info": pagequery.run("agency_info", s=iri),
        "changes": paging.rows("resource_restructuring", iri),
    }
    # tasks led, tasks joined and partners, each a page at a time
    for key, prop in (("led", MKG.leadAgency), ("joined", MKG.cooperatingAgency)):
        rows, pager = ordered.window(
            f"agency_{key}",
            iri,
            keys_name="resource_subjects",
            prop=prop,
            columns=("x",),
            order=ordered.task_order("x"),
            param=f"{key}_page",
            anchor=key,
        )
        context[key], context[f"{key}_pager"] = rows, pager
    context["partners"], context["partners_pager"] = ordered.window(
        "agency_partners",
        iri,
        columns=("agency", "shared"),
        order=ordered.partner_order,
        param="partners_page",
        anchor="partners",
    )
    return context


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
    counted = paging.counts("plan_tasks_page", iri)
    rows, pager = paging.window(
        "plan_tasks_page", iri, param="tasks_page", anchor="plan-tasks", total=counted["n"]
    )
    tasks = _with_leads(rows)
    for entry in tasks:
        entry["depth"] = str(entry["code"] or "").count(".")
    return {
        "plan": pagequery.one("plan", s=iri) or {},
        "tasks": tasks,
        "tasks_pager": pager,
        "task_count": counted.get("tasks", 0),
        **_links(iri),
    }


def _links(iri: URIRef) -> dict[str, Any]:
    """One page of the links to and from other instruments and plans."""
    rows, pager = paging.window("instrument_links_page", iri, param="links_page", anchor="links")
    return {"links": rows, "links_pager": pager}


def _with_leads(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per task (in the rows' order) with the list of its lead agencies."""
    tasks: dict[Any, dict[str, Any]] = {}
    for row in rows:
        entry = tasks.setdefault(row["task"], {**row, "leads": []})
        if row["lead"] is not None and all(x["lead"] != row["lead"] for x in entry["leads"]):
            entry["leads"].append(row)
    return list(tasks.values())


def _instrument(iri: URIRef) -> dict[str, Any]:
    rows = pagequery.run("instrument", s=iri)
    tasks, pager = ordered.window(
        "instrument_tasks",
        iri,
        columns=("task",),
        order=ordered.task_order(),
        param="tasks_page",
        anchor="referring-tasks",
    )
    return {
        "instrument": rows[0] if rows else {},
        "issuers": [r for r in rows if r["issuer"] is not None],
        **_links(iri),
        "tasks": _with_leads(tasks),
        "tasks_pager": pager,
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
        "changes": paging.rows("resource_restructuring", iri),
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
