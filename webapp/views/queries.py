"""The canned-queries page: each question with its parameter form, and its results.

A question's page is sent at once: when its answer is not ready within ``preview_wait``
seconds (a question over a national graph takes a minute), the page says so and its script
fetches the results table (``/queries/<name>/results``) as soon as the answer is in; without
a script, a link gives the page with the results once they are ready (``?wait=1``). The
question is asked once however many visitors wait for it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request
from rdflib import Literal

from graph.store import SelectResult
from migkg.errors import MigkgError
from migkg.text import fold
from queries.catalogue import CannedQuery, catalogue, get
from webapp.db import content_stamp, get_store
from webapp.i18n import current_lang
from webapp.names import get_index
from webapp.params import RESOURCE_TYPES, BadParameter, accepts, check_all
from webapp.views.query import ENDPOINT

bp = Blueprint("queries", __name__)


# A parameter's form lists every thing of its kind up to this many; a kind that grows with
# the graph past it (plans, at national scale) is typed, with names suggested as one types.
LISTED = 1000


def choices(queries: tuple[CannedQuery, ...]) -> dict[str, list[dict[str, Any]] | None]:
    """For each resource parameter type in use: (key, label) pairs sorted by label, or
    None for a kind with more than :data:`LISTED` things (suggested as one types)."""
    used = {p.type for q in queries for p in q.params if p.type in RESOURCE_TYPES}
    if not used:
        return {}  # no names to list: the name index need not be read (a minute at 10^7)
    index = get_index()
    ext = current_app.extensions.setdefault("migkg", {})
    if ext.get("choices", (None,))[0] is not index:
        ext["choices"] = (index, {})  # made again for a new index
    kept: dict[tuple[str, str, int], list[dict[str, Any]] | None] = ext["choices"][1]
    out: dict[str, list[dict[str, Any]] | None] = {}
    for kind in sorted(used):
        key = (kind, current_lang(), LISTED)
        if key not in kept:
            if index.count(kind) > LISTED:
                kept[key] = None
            else:
                rows = [
                    {"key": e.key, "label": e.label(), "iri": e.iri} for e in index.of_kind(kind)
                ]
                kept[key] = sorted(rows, key=lambda r: fold(str(r["label"])))
        out[kind] = kept[key]
    return out


def in_order(rows: list[dict[str, Any]], joined: dict[str, str]) -> list[dict[str, Any]]:
    """``rows`` with the parts of each joined column (``joined``: column → separator) in
    sorted order, so that a page shows the same list whatever order the store joined it in."""
    for row in rows:
        for var, sep in joined.items():
            term = row.get(var)
            if isinstance(term, Literal) and sep in term:
                parts = sep.join(sorted(str(term).split(sep)))
                row[var] = Literal(parts, lang=term.language, datatype=term.datatype)
    return rows


# Answers kept per store: the most recently asked.
KEPT_ANSWERS = 32
_KEEPING = threading.Lock()


# Questions asked at once while their pages are sent (each holds a query worker anyway).
ASKING_AT_ONCE = 2


def answering(text: str) -> Future[SelectResult]:
    """The answer to the canned query ``text``, now or to come: the same question on the same
    store gets the same answer, asked once (kept with the store's stamp, not its summary: a
    first visit need not read the summary of 10^7 quads to show one question's answer); a
    question being asked is not asked again by the next visitor."""
    ext = current_app.extensions.setdefault("migkg", {})
    store = get_store()
    stamp = content_stamp()
    with _KEEPING:
        kept = ext.get("canned_answers")
        if kept is None or kept[0] != stamp:
            kept = ext["canned_answers"] = (stamp, OrderedDict(), {})
        answers: OrderedDict[str, SelectResult] = kept[1]
        asked: dict[str, Future[SelectResult]] = kept[2]
        if text in answers:
            answers.move_to_end(text)
            done: Future[SelectResult] = Future()
            done.set_result(answers[text])
            return done
        if text in asked:
            return asked[text]
        pool = ext.get("canned_pool")
        if pool is None:
            pool = ext["canned_pool"] = ThreadPoolExecutor(ASKING_AT_ONCE, "canned-query")
        future = asked[text] = pool.submit(store.select, text)

    def keep(finished: Future[SelectResult]) -> None:
        with _KEEPING:
            asked.pop(text, None)  # a failed question is asked again at the next visit
            if finished.exception() is None:
                answers[text] = finished.result()
                while len(answers) > KEPT_ANSWERS:
                    answers.popitem(last=False)

    future.add_done_callback(keep)
    return future


def answer(text: str) -> SelectResult:
    """The answer to the canned query ``text`` (waiting for it: :func:`answering`)."""
    return answering(text).result()


# Rows shown on one page of a canned query's results (the downloads hold them all).
ROWS_PER_PAGE = 200


@bp.get("/queries")
def index() -> str:
    """Every canned query with its parameter form."""
    queries = catalogue()
    return render_template(
        "queries/index.html", queries=queries, choices=choices(queries), accepts=accepts
    )


@bp.get("/queries/<name>")
def run(name: str) -> Response | str:
    """One canned query run with the parameters of its form (defaults for the rest); a bad
    value is a 400 page naming the parameter, what it accepts and the nearest names. The
    page does not wait more than ``preview_wait`` seconds for the answer unless ``?wait=``
    asks it to (the module docstring)."""
    wait = HOLD if request.args.get("wait") else _preview_wait()
    return _answered(name, "queries/run.html", wait)


@bp.get("/queries/<name>/results")
def results(name: str) -> Response | str:
    """The results part of a canned query's page once the answer is in (the page's script
    puts it in place); 202 with a note when it is not in after :data:`HOLD` seconds (the
    script asks again)."""
    return _answered(name, RESULTS, HOLD)


# Seconds a request waits for an answer still to come at most (a slow request is cut at
# request_timeout): a page or its script then asks again.
HOLD = 10.0
RESULTS = "queries/_results.html"


def _preview_wait() -> float:
    return float(current_app.config["MIGKG"].get("preview_wait", 0.2))


def _within(future: Future[SelectResult], wait: float | None) -> tuple[SelectResult | None, bool]:
    """The answer if it is in within ``wait`` seconds, and whether it is still to come."""
    try:
        return future.result(timeout=wait), False
    except TimeoutError:
        if future.done():
            raise  # the question itself gave up: not an answer still to come
        return None, True  # it comes afterwards (canned-results.js, or ?wait=1)


def _answered(name: str, template: str, wait: float) -> Response | str:
    """``template`` for the canned query ``name`` with the request's parameters, waiting
    ``wait`` seconds for the answer at most."""
    query = get(name)
    names = {p.name for p in query.params}
    values = {k: v for k, v in request.args.items() if k in names}
    error, problem, result, text = None, None, None, query.text
    pending = False
    try:
        text = query.render(check_all(query.params, values))
        result, pending = _within(answering(text), wait)
    except BadParameter as exc:
        error, problem = exc.message, exc
    except MigkgError as exc:
        error = exc.message
    cap = int(current_app.config["MIGKG"].get("max_rows", 10000))
    rows = in_order(result.dicts()[:cap], query.joined()) if result is not None else []
    raw_page = request.args.get("page", "1")
    pages = max(1, -(-len(rows) // ROWS_PER_PAGE))
    page = min(int(raw_page), pages) if raw_page.isdigit() and int(raw_page) > 0 else 1
    html = render_template(
        template,
        q=query,
        pending=pending,
        values=values,
        choices=choices((query,)),
        accepts=accepts,
        text=text,
        result=result,
        rows=rows[(page - 1) * ROWS_PER_PAGE : page * ROWS_PER_PAGE],
        rows_total=len(rows),
        page=page,
        pages=pages,
        truncated=result is not None and len(result) > cap,
        error=error,
        problem=problem,
        endpoint=ENDPOINT,
    )
    # the results alone, not in yet: 202 tells the page's script to ask again
    status = 202 if pending and template == RESULTS else 200
    return Response(html, status=400 if error else status, mimetype="text/html")
