"""The coverage page: the 23 objectives of the GCM × the plans, with the tasks under each
(and the words that decided each tag), and the objectives no task serves."""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask import Blueprint, render_template
from rdflib import URIRef

from webapp import pagequery
from webapp.i18n import current_lang
from webapp.page_facts import PageFacts, remembered

# The plans shown as columns at most (those with the most tasks tagged).
COLUMNS = 40
bp = Blueprint("coverage", __name__)


def _label(iri: object) -> dict[str, Any]:
    found = pagequery.run("resource_label", s=URIRef(str(iri)))
    return found[0] if found else {}


@bp.get("/coverage")
def page() -> str:
    """Objectives (rows) × plans (columns): worked out once per store, language and width
    from the kept rows of queries/gcm_coverage.rq (webapp/page_facts.py)."""
    lang = current_lang()
    shown = remembered(("coverage", lang, COLUMNS), lambda facts: _table(facts, COLUMNS))
    return render_template("coverage.html", **shown, lang=lang)


def _table(facts: PageFacts, width: int) -> dict[str, Any]:
    """The objectives with their cells for the ``width`` plans with most tags."""
    rows = facts.coverage
    objectives: dict[str, dict[str, Any]] = {}
    plans: dict[str, dict[str, Any]] = {}
    tagged: Counter[str] = Counter()
    for r in rows:
        number = str(r["number"])
        obj = objectives.setdefault(
            number, {"iri": r["objective"], "number": number, "cells": {}, "label": None}
        )
        if obj["label"] is None:
            obj["label"] = _label(r["objective"]).get("sLabel") or str(r["objective_label"] or "")
        if r["task"] is None:
            continue
        plan = str(r["plan"])
        plans.setdefault(plan, {"iri": r["plan"]})
        tagged[plan] += 1
        obj["cells"].setdefault(plan, []).append(
            {"task": r["task"], "code": str(r["code"]), "words": str(r["words"] or r["note"] or "")}
        )
    # a national archive has thousands of plans: the columns are those with most tags
    shown = [k for k, _ in sorted(tagged.items(), key=lambda kv: (-kv[1], kv[0]))[:width]]
    for k in shown:
        named = _label(plans[k]["iri"])
        plans[k]["label"] = named.get("number") or named.get("sLabel")
    ordered = sorted(objectives.values(), key=lambda o: int(o["number"]))
    columns = sorted(shown, key=lambda k: str(plans[k]["label"]))
    for obj in ordered:
        obj["row"] = [obj["cells"].get(k, []) for k in columns]
    return {
        "objectives": ordered,
        "plans": [plans[k] for k in columns],
        "plans_total": len(plans),
        "unserved": [o for o in ordered if not o["cells"]],
    }


def task_tags(iri: URIRef) -> list[dict[str, Any]]:
    """The tags of a task page (functions and objectives) with their deciding words."""
    return pagequery.run("task_tags", s=iri)
