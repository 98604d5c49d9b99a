"""``/sparql``: the SPARQL 1.1 Protocol endpoint (query and, when enabled, update).

Every request goes: size limit → operation read from the request → guard (depth,
chains, SERVICE, LOAD, FROM, graph parameters) → negotiation → admission (per-client
share, webapp/admission.py) → the runner, which answers under the time limit, the row
cap and the byte cap with bytes already serialised, in the light lane when the query
looks cheap and was not seen to run long before. The answer is streamed to the client
from where the runner spooled it.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Response, current_app, request
from werkzeug.wrappers import Response as BaseResponse

from graph import guard
from graph.execute import Job
from graph.recent import Recent
from graph.results import Answer
from migkg.errors import NotAcceptable, QueryError, RequestError
from webapp import negotiation
from webapp.admission import Admission
from webapp.db import get_runner

bp = Blueprint("sparql", __name__)

TRUNCATED_HEADER = "X-Migkg-Truncated"
CAP_HEADERS = ("X-Migkg-Max-Rows", "X-Migkg-Max-Bytes")
_GRAPH_PARAMS = ("default-graph-uri", "named-graph-uri")
_USING_PARAMS = ("using-graph-uri", "using-named-graph-uri")


def _settings() -> dict[str, Any]:
    return current_app.config["MIGKG"]


def _admission() -> Admission:
    ext = current_app.extensions.setdefault("migkg", {})
    if "admission" not in ext:
        settings = _settings()
        ext["admission"] = Admission(
            int(settings.get("client_queries") or 2),
            float(settings.get("client_seconds") or 60.0),
            float(settings["query_timeout"]),
        )
    return ext["admission"]


@bp.route("/sparql", methods=["GET", "HEAD", "POST", "OPTIONS"])
def endpoint() -> BaseResponse:
    """Answer a query or update sent by any of the protocol's three ways."""
    if request.method == "OPTIONS":
        return _preflight()
    settings = _settings()
    _limit_body(int(settings["max_body"]))
    operation, text, params = _read_operation()
    if text is None:
        from webapp.service_description import describe

        return describe()
    runner = get_runner()
    update = operation == "update"
    if update:
        _authorise_update(settings)
    graph_params = {name: params.getlist(name) for name in (*_GRAPH_PARAMS, *_USING_PARAMS)}
    own_dataset = _checked(
        text,
        update=update,
        graphs=runner.graph_iris(),
        limits=guard.Limits(
            max_length=int(settings["max_body"]),
            max_depth=int(settings["max_query_depth"]),
            allow_remote=bool(settings["allow_remote"]),
            max_chain=int(settings.get("max_query_chain") or guard.Limits.max_chain),
        ),
        protocol_graphs=tuple(g for values in graph_params.values() for g in values),
    )
    solutions, graph = (None, None) if update else _negotiate(params)
    defaults = graph_params["using-graph-uri" if update else "default-graph-uri"]
    named = graph_params["using-named-graph-uri" if update else "named-graph-uri"]
    given = bool(defaults or named)
    job = Job(
        text=text,
        update=update,
        solutions=solutions,
        graph=graph,
        max_rows=int(settings["max_rows"]),
        max_bytes=int(settings.get("max_result_bytes") or Job.max_bytes),
        default_graphs=tuple(defaults) if given else None,
        named_graphs=tuple(named) if given else None,
        own_dataset=own_dataset,
    )
    lane = "heavy" if update else runner.lane_for(job, guard.looks_light)
    # Over its share, a client gets 429 with Retry-After (webapp/errors.py).
    with _admission().enter(request.remote_addr or "-", heavy=lane == "heavy"):
        answer = runner.run(job, lane=lane)
    if update:
        return Response(status=204)
    return _respond(answer, job)


# Texts that passed the guard lately, with what it answered, keyed by everything it read:
# a client asking the same query again is not read again (a tenth of a millisecond for a
# canned query). Only short texts are kept, and only passes: a refusal raises, and is
# checked anew.
_PASSED: Recent[bool] = Recent()


def _checked(
    text: str,
    *,
    update: bool,
    graphs: frozenset[str],
    limits: guard.Limits,
    protocol_graphs: tuple[str, ...],
) -> bool:
    """``guard.check``, remembered for short texts it let pass."""
    graphs = graphs if isinstance(graphs, frozenset) else frozenset(graphs)
    return _PASSED.get(
        (text, update, graphs, limits, protocol_graphs),
        lambda: guard.check(
            text, update=update, graphs=graphs, limits=limits, protocol_graphs=protocol_graphs
        ),
        text,
    )


def _limit_body(limit: int) -> None:
    # Refuse on the declared length before reading anything; the same limit is enforced
    # again while the body is read (a chunked body has no declared length).
    length = request.content_length
    if length is not None and length > limit:
        raise RequestError(
            f"request body of {length} bytes is larger than the limit of {limit}",
            status=413,
            title="Request too large",
        )
    request.max_content_length = limit
    request.max_form_memory_size = limit


def _read_operation() -> tuple[str | None, str | None, Any]:
    """(``query`` or ``update``, its text, the parameters that go with it)."""
    if request.method in ("GET", "HEAD"):
        params = request.args
        if "update" in params:
            raise RequestError("an update must be sent with POST", status=405)
        return (
            ("query", _one(params, "query"), params) if "query" in params else (None, None, params)
        )
    mimetype = request.mimetype
    if mimetype == "application/x-www-form-urlencoded":
        params = request.form
        has_query, has_update = "query" in params, "update" in params
        if has_query and has_update:
            raise QueryError("send either query= or update=, not both")
        if not (has_query or has_update):
            raise QueryError("the form has no query= or update= field")
        name = "query" if has_query else "update"
        merged = request.values  # graph parameters may sit in the URL as well
        return name, _one(params, name), merged
    if mimetype in ("application/sparql-query", "application/sparql-update"):
        name = "query" if mimetype.endswith("query") else "update"
        charset = request.mimetype_params.get("charset", "utf-8")
        try:
            text = request.get_data(cache=False).decode(charset)
        except (LookupError, UnicodeDecodeError) as exc:
            raise QueryError(f"the body is not readable as {charset}: {exc}") from None
        return name, text, request.args
    raise RequestError(
        f"unsupported content type {mimetype or '(none)'}; send "
        "application/sparql-query, application/sparql-update or a form",
        status=415,
        title="Unsupported media type",
    )


def _one(params: Any, name: str) -> str:
    values = params.getlist(name)
    if len(values) != 1:
        raise QueryError(f"give exactly one {name}= parameter")
    return values[0]


def _authorise_update(settings: dict[str, Any]) -> None:
    if not settings.get("allow_updates"):
        raise QueryError("updates are disabled on this server", status=403, title="Forbidden")
    token = str(settings.get("update_token") or "")
    given = request.headers.get("Authorization", "")
    scheme, _, value = given.partition(" ")
    # Compared as bytes: a token of any characters is refused, not an error.
    given_token = value.strip().encode("utf-8", "surrogateescape")
    if (
        not token
        or scheme.lower() != "bearer"
        or not hmac.compare_digest(given_token, token.encode("utf-8"))
    ):
        raise QueryError(
            "an update needs the header Authorization: Bearer <update token>",
            status=403,
            title="Forbidden",
        )


def _negotiate(params: Any) -> tuple[str | None, str | None]:
    solutions, graph = negotiation.negotiate(
        request.headers.get("Accept"), params.getlist("format")
    )
    if solutions is None and graph is None:
        tables = ", ".join(_media(k) for k in ("json", "xml", "csv", "tsv"))
        graphs = ", ".join(_media(k) for k in ("turtle", "nt", "jsonld", "rdfxml"))
        raise NotAcceptable(
            f"none of the formats asked for can be sent; tables come as {tables}; "
            f"graphs as {graphs}"
        )
    return solutions, graph


def _media(key: str) -> str:
    return negotiation.CONTENT_TYPES[key].split(";")[0]


def _respond(answer: Answer, job: Job) -> Response:
    """Stream the answer; the caps go in headers, and, when one was hit, in the body too
    where the format has room."""
    body: bytes | Iterator[bytes]
    if answer.chunks is None:
        # Held whole (a short answer): sent with its length in one piece, not chunked.
        body = answer.body
        if answer.truncated is not None:
            body = _mark_truncated(body, answer.format, answer, job)
    else:
        body = answer.pieces()
        if answer.truncated is not None:
            body = _marked(body, answer, job)
    response = Response(
        body,
        content_type=negotiation.CONTENT_TYPES[answer.format],
        headers=[(CAP_HEADERS[0], str(job.max_rows)), (CAP_HEADERS[1], str(job.max_bytes))],
    )
    if answer.truncated is not None:
        response.headers[TRUNCATED_HEADER] = str(answer.truncated)
        response.headers["X-Migkg-Truncated-By"] = answer.cut_by or "rows"
    return response


def _marked(pieces: Iterator[bytes], answer: Answer, job: Job) -> Iterator[bytes]:
    """The pieces, with the first and last marked as ``_mark_truncated`` says."""
    first, last = True, None
    for piece in pieces:
        if first and answer.format == "xml":
            piece = _mark_truncated(piece, "xml", answer, job)
        first = False
        if last is not None:
            yield last
        last = piece
    if last is not None:
        yield _mark_truncated(last, "json", answer, job) if answer.format == "json" else last


def _mark_truncated(body: bytes, fmt: str, answer: Answer, job: Job) -> bytes:
    """State the cap inside the body where the format has room for it."""
    rows = answer.truncated or 0
    by_bytes = answer.cut_by == "bytes"
    if fmt == "json" and body.rstrip().endswith(b"}"):
        # A top-level key that SPARQL JSON readers ignore.
        if by_bytes:
            note = b',"migkg":{"truncated":true,"maxBytes":%d,"rows":%d}}' % (job.max_bytes, rows)
        else:
            note = b',"migkg":{"truncated":true,"maxRows":%d}}' % job.max_rows
        return body.rstrip()[:-1] + note
    if fmt == "xml":
        head, sep, rest = body.partition(b"?>")
        if sep:
            cap = b"the cap of %d bytes" % job.max_bytes if by_bytes else b"the row cap"
            note = b"<!-- results truncated at %d rows (%s) -->" % (rows, cap)
            return head + sep + note + rest
    return body


def _preflight() -> Response:
    response = Response(status=204)
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = (
        request.headers.get("Access-Control-Request-Headers")
        or "Accept, Content-Type, Authorization"
    )
    response.headers["Access-Control-Max-Age"] = "86400"
    return response


_CORS = (
    ("Access-Control-Allow-Origin", "*"),
    (
        "Access-Control-Expose-Headers",
        ", ".join((TRUNCATED_HEADER, "X-Migkg-Truncated-By", *CAP_HEADERS, "Retry-After")),
    ),
)


@bp.after_request
def cors(response: Response) -> Response:
    """Let browser clients on any origin read the answers (errors too)."""
    headers = response.headers
    # One look at the headers already there: a header is replaced where present, else added.
    present = {name.lower() for name in headers.keys()}
    added = []
    for name, value in _CORS:
        if name.lower() in present:
            headers[name] = value
        else:
            added.append((name, value))
    if "vary" in present:
        response.vary.add("Accept")
    else:
        added.append(("Vary", "Accept"))
    headers.extend(added)
    return response
