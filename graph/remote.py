"""The remote back end: any SPARQL 1.1 store (Oxigraph server, Fuseki, GraphDB, Virtuoso).

Queries and updates go through SPARQLWrapper; named graphs are loaded with the Graph
Store Protocol when its URL is given, else with SPARQL Update.

The union default graph: servers differ (Oxigraph only with ``--union-default-graph``,
Fuseki only with ``unionDefaultGraph``, GraphDB and Virtuoso by default). So this store
does not rely on the server's setting: every query it sends names the migkg graphs as
``default-graph-uri`` (and ``named-graph-uri``), which makes their merge the default
graph on any server that follows the protocol, and keeps other data on the same server
out of the answers. Virtuoso does not merge: a statement held in several graphs comes
back once per graph. With the setting ``union_graph``, `migkg push` also loads one merged
graph (``id:graph/union``) and queries name it alone as their default graph. What else
differs between engines is handled in graph/dialect.py. A query with its own FROM /
FROM NAMED is sent as written. The migkg graphs are those whose IRI starts with the
``id:`` namespace, as ``migkg push`` names them.

Time limit: the request is abandoned at the limit, but only the server can stop its
own work; configure its timeout too (``oxigraph serve --timeout-s``, Fuseki
``arq:queryTimeout``).
"""

from __future__ import annotations

import ast
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import INSERT, POST, SELECT, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

import queries
from graph import dialect, guard
from graph.convert import from_ox_result, with_values
from graph.execute import Job
from graph.pool import QueryStopped
from graph.results import written
from graph.store import QueryResult, SelectResult, Store
from migkg.errors import ConfigError, MigkgError, QueryError
from migkg.namespaces import ID, bind_prefixes

_GRAPHS_TTL = 30.0  # seconds the list of graphs is reused
# The merged graph of every migkg graph, kept where the setting union_graph asks for it,
# and the list of the graphs it merges (listing graphs is slow on such servers).
UNION = ID["graph/union"]
CATALOGUE = ID["graph/catalogue"]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SD_NAMED_GRAPH = "http://www.w3.org/ns/sparql-service-description#NamedGraph"


class RemoteStore(Store):
    """A SPARQL 1.1 store at ``endpoint`` (query), ``update_endpoint`` and ``gsp_endpoint``."""

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        gsp_endpoint: str | None = None,
        timeout: float = 60.0,
        user_agent: str = "migkg",
        union_graph: bool = False,
    ):
        if not endpoint:
            raise ConfigError("setting 'endpoint' is empty: give the remote query endpoint URL")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.gsp_endpoint = gsp_endpoint or None
        self.timeout = timeout
        self.user_agent = user_agent
        self.union_graph = union_graph
        self._graphs: tuple[float, list[URIRef]] | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> RemoteStore:
        """The store that ``endpoint``, ``update_endpoint`` and ``gsp_endpoint`` name."""
        return cls(
            str(settings.get("endpoint") or ""),
            update_endpoint=str(settings.get("update_endpoint") or "") or None,
            gsp_endpoint=str(settings.get("gsp_endpoint") or "") or None,
            timeout=float(settings.get("query_timeout") or 60.0),
            union_graph=bool(settings.get("union_graph")),
        )

    # --- talking to the server

    def _wrapper(self, url: str, text: str, *, update: bool, timeout: float) -> SPARQLWrapper:
        sw = SPARQLWrapper(url, agent=self.user_agent)
        sw.setMethod(POST)
        # Form-encoded POST (query= / update=) is the one request form every SPARQL 1.1
        # server answers; Virtuoso 7 never answers a POST of application/sparql-query.
        sw.setRequestMethod(URLENCODED)
        sw.setOnlyConneg(True)
        sw.setTimeout(max(1, round(timeout)))
        # setQuery would guess the kind of request from the text and warn when it cannot;
        # the caller knows it, and it only decides query vs update here.
        sw.queryString = text
        sw.queryType = INSERT if update else SELECT
        return sw

    def _send(
        self, text: str, *, timeout: float, default: list[str] | None, named: list[str] | None
    ) -> tuple[str, bytes]:
        """POST a query; (content type, body)."""
        sw = self._wrapper(self.endpoint, dialect.for_remote(text), update=False, timeout=timeout)
        sw.addCustomHttpHeader("Accept", dialect.accept(text))
        for g in default or ():
            sw.addDefaultGraph(g)
        for g in named or ():
            sw.addNamedGraph(g)
        started = time.monotonic()
        try:
            response = sw.query().response
            body = response.read()
        except SPARQLWrapperException as exc:
            raise _remote_error(exc, self.endpoint) from None
        except (urllib.error.URLError, OSError) as exc:
            if isinstance(exc, TimeoutError) or isinstance(
                getattr(exc, "reason", None), TimeoutError
            ):
                raise QueryStopped(
                    f"query stopped after {time.monotonic() - started:.0f} s (the time limit)"
                ) from None
            raise _unreachable(self.endpoint, exc) from None
        return response.headers.get("Content-Type", ""), body

    def _dataset(self, text: str) -> tuple[list[str] | None, list[str] | None]:
        if guard.declares_dataset(text):
            return None, None
        names = [str(g) for g in self.graph_names()]
        return self._default(names), names

    def _default(self, names: list[str]) -> list[str]:
        """The graphs that make the default graph: the merged one where the store keeps it."""
        return [str(UNION)] if self.union_graph else names

    def _result(self, content_type: str, body: bytes) -> Any:
        media = content_type.split(";")[0].strip().lower()
        if media in ("application/sparql-results+json", "application/json"):
            body = dialect.standard_results(media, body)
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        if media in ("application/n-triples", "text/plain"):
            return (q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        if media in ("text/turtle", "application/x-turtle"):
            return (q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE))
        raise QueryError(f"the remote store answered in {media or 'no stated format'}", status=502)

    # --- the Store interface

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        if bindings:
            sparql = with_values(sparql, bindings)
        default, named = self._dataset(sparql)
        ctype, body = self._send(sparql, timeout=self.timeout, default=default, named=named)
        result = self._result(ctype, body)
        converted = from_ox_result(result)
        if isinstance(converted, tuple):
            return SelectResult(*converted)
        return converted

    def evaluate(self, job: Job, timeout: float) -> Any:
        if job.default_graphs is not None or job.named_graphs is not None:
            default, named = list(job.default_graphs or ()), list(job.named_graphs or ())
        elif job.own_dataset:
            default, named = None, None
        else:
            names = [str(g) for g in self.graph_names()]
            default, named = self._default(names), names
        ctype, body = self._send(job.text, timeout=timeout, default=default, named=named)
        return self._result(ctype, body)

    def update(self, sparql: str) -> None:
        self._update(sparql, self.timeout)

    def _update(self, text: str, timeout: float) -> None:
        sw = self._wrapper(self.update_endpoint, text, update=True, timeout=timeout)
        try:
            sw.query().response.read()
        except SPARQLWrapperException as exc:
            raise _remote_error(exc, self.update_endpoint) from None
        except (urllib.error.URLError, OSError) as exc:
            raise _unreachable(self.update_endpoint, exc) from None
        finally:
            self._graphs = None

    def graph_names(self) -> list[URIRef]:
        with self._lock:
            if self._graphs is not None and time.monotonic() - self._graphs[0] < _GRAPHS_TTL:
                return list(self._graphs[1])
        found = self._graph_names("remote_graphs_catalogue") if self.union_graph else None
        if not found:
            found = self._graph_names("remote_graphs")
        if found is None:
            found = self._graph_names("remote_graphs_scan") or []
        own = (str(UNION), str(CATALOGUE))
        names = sorted(URIRef(g) for g in found if g.startswith(str(ID)) and g not in own)
        with self._lock:
            self._graphs = (time.monotonic(), names)
        return list(names)

    def _graph_names(self, query: str) -> list[str] | None:
        """The graph names the canned ``query`` lists; None where the server left ?g unbound.

        ``GRAPH ?g { }`` lists the named graphs without reading them on Oxigraph, Fuseki
        and GraphDB; Virtuoso 7 answers it with one solution that binds nothing, and then
        the names are read from the graphs' statements instead (remote_graphs_scan.rq).
        """
        text = queries.internal(query)
        ctype, body = self._send(text, timeout=self.timeout, default=None, named=None)
        names: list[str] = []
        for sol in self._result(ctype, body):
            g = sol["g"]
            if g is None:
                return None
            names.append(str(g.value))
        return names

    def load_graph(self, name: str, data: bytes, format: str = "nt") -> None:
        try:
            if self.gsp_endpoint:
                self._gsp("PUT", name, data, format)
            else:
                nt = data if format == "nt" else _to_ntriples(data, format)
                body = f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n"
                self._update(body + nt.decode("utf-8") + "\n} }", self.timeout)
        finally:
            self._graphs = None

    def load_union(self, graphs: Mapping[str, bytes]) -> None:
        """Load the merged graph (each statement of the N-Triples dumps once) and the list
        of the graphs it merges, which is how graph_names() finds them on such a server."""
        lines: set[bytes] = set()
        for data in graphs.values():
            lines.update(line for line in data.splitlines() if line.strip())
        self.load_graph(str(UNION), b"\n".join(sorted(lines)) + b"\n", "nt")
        listed = "".join(f"<{name}> <{RDF_TYPE}> <{SD_NAMED_GRAPH}> .\n" for name in graphs)
        self.load_graph(str(CATALOGUE), listed.encode(), "nt")

    def drop_graph(self, name: str) -> None:
        """Remove the named graph ``name``."""
        if self.gsp_endpoint:
            try:
                self._gsp("DELETE", name, b"", "nt")
            except QueryError as exc:
                if exc.status != 404:
                    raise
        else:
            self._update(f"DROP SILENT GRAPH <{name}>", self.timeout)
        self._graphs = None

    def dump_graph(self, name: str) -> bytes:
        text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
        ctype, body = self._send(text, timeout=self.timeout, default=None, named=None)
        triples = self._result(ctype, body)
        return written(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))

    def _gsp(self, method: str, name: str, data: bytes, format: str) -> None:
        assert self.gsp_endpoint is not None
        sep = "&" if "?" in self.gsp_endpoint else "?"
        url = f"{self.gsp_endpoint}{sep}{urllib.parse.urlencode({'graph': name})}"
        ctype = {"nt": "application/n-triples", "turtle": "text/turtle"}[format]
        req = urllib.request.Request(url, data=data or None, method=method)
        if data:
            req.add_header("Content-Type", ctype)
        req.add_header("User-Agent", self.user_agent)
        try:
            with urllib.request.urlopen(req, timeout=max(self.timeout, 60.0)) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            raise QueryError(f"{method} {url}: {exc.code} {detail}", status=exc.code) from None
        except (urllib.error.URLError, OSError) as exc:
            raise _unreachable(self.gsp_endpoint, exc) from None

    def replace(self, dataset: Dataset) -> None:
        keep: set[str] = set()
        for g in dataset.graphs():
            if g.identifier == dataset.default_graph.identifier:
                continue
            name = str(g.identifier)
            keep.add(name)
            self.load_graph(name, g.serialize(format="nt", encoding="utf-8"))
        for name in self.graph_names():
            if str(name) not in keep:
                self.drop_graph(str(name))

    def dataset(self) -> Dataset:
        ds = Dataset()
        bind_prefixes(ds)
        for name in self.graph_names():
            ds.graph(name).parse(data=self.dump_graph(str(name)), format="nt")
        return ds

    def __len__(self) -> int:
        names = " ".join(f"<{g}>" for g in self.graph_names())
        if not names:
            return 0
        text = (
            f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        )
        result = self.select(text)
        count = result.rows[0][0] if result.rows else None
        return int(count) if isinstance(count, Literal) else 0


def _to_ntriples(data: bytes, format: str) -> bytes:
    fmt = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}[format]
    return written(
        ox.serialize((q.triple for q in ox.parse(data, format=fmt)), format=ox.RdfFormat.N_TRIPLES)
    )


def _remote_error(exc: SPARQLWrapperException, url: str) -> MigkgError:
    message = str(exc).split("Response:", 1)[-1].strip() or str(exc)
    if message.startswith(("b'", 'b"')):  # SPARQLWrapper shows the body as a bytes repr
        try:
            message = ast.literal_eval(message).decode("utf-8", "replace")
        except (ValueError, SyntaxError):
            pass
    status = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404}.get(
        type(exc).__name__, 502
    )
    return QueryError(f"the remote store at {url} refused: {message[:1000]}", status=status)


def _unreachable(url: str, exc: BaseException) -> MigkgError:
    reason = getattr(exc, "reason", exc)
    return MigkgError(f"cannot reach the remote store at {url}: {reason}", status=502)
