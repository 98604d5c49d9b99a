"""The query runner: runs checked jobs against any store, under the limits.

The store (graph/store.py) only stores: it reads, writes, swaps and names graphs. The
runner runs: it takes a store and answers jobs within the time limit, the row cap and the
byte cap, already serialised. Where the store lives in a folder, jobs go to worker
processes that can be killed (graph/pool.py), in two lanes:

* the light lane (``light_workers``, one by default) takes the site's own page queries
  and the endpoint's queries that look cheap (``guard.looks_light``); a query admitted
  there that runs past ``light_timeout`` is moved to the heavy lane;
* the heavy lane (``workers``) takes every other analyst query.

So the pages and light queries never queue behind long analyst queries. Whether a query
looks cheap is guessed from its text at first; after that, what it took decides
(``lane_for``): a text seen to run past the light lane's limit goes to the heavy lane (it
would only lose that time again), and a text seen to answer in a few milliseconds in the
heavy lane is tried in the light lane, then kept in whichever answered it faster. The
light lane reads the store on disk (see ``memory_copies``), where a join of some
milliseconds in memory takes several times longer, but a query that looks up a few
things answers there as fast or faster than in the heavy lane's copy. With ``memory``,
``memory_copies`` workers hold the graph in memory (the heavy lane's first, where the
long joins run), each copy costing as much memory as the graph takes there; the others
read the store on disk. A store with no folder (in memory, remote) answers in this
process; a remote server stops its own work at the time limit it was given.

A runner is itself a Store (reads pass through it, page queries go to the light lane), so
the site asks it whatever it asked the store.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from graph.convert import from_ox_result, with_values
from graph.execute import Job, answer
from graph.pool import QueryStopped, WorkerPool, generation
from graph.recent import Recent
from graph.results import Answer
from graph.sandbox import machine_memory
from graph.store import QueryResult, SelectResult, Store
from migkg.errors import QueryError
from migkg.namespaces import bind_prefixes

__all__ = ["QueryStopped", "Runner", "TimeLimit", "generation"]

# Page queries are the site's own: they are not capped like an analyst's.
_NO_CAP = 10**9


class TimeLimit(QueryStopped):
    """A query stopped at a time limit (not by its worker's end)."""


_REMEMBERED = 4096  # texts whose last time is kept
# A query that took less than this share of the light lane's limit in the heavy lane is
# tried in the light lane: on disk it takes at most several times longer, so the trial
# costs little, and a query that only looks things up answers faster there.
_TRIAL_SHARE = 1 / 40
# The times kept per lane: a lane's time is the least of them, so that one run slowed by
# a busy machine, or by what a worker had not yet read from disk, does not move a query.
_KEPT_TIMES = 3
# Each lane runs a query this many times before the two are compared (a first run is the
# one slowed by a worker's cold caches).
_TRIES = 2


@dataclass(frozen=True)
class Seen:
    """The last times a query took in each lane (most recent last), and whether the light
    lane stopped it at its time limit."""

    light: tuple[float, ...] = ()
    heavy: tuple[float, ...] = ()
    stopped: bool = False


class Timings:
    """The last times each recent query text took in each lane (most recent 4,096 texts),
    kept under a digest of the text: a text may be as long as the request body allows, and
    4,096 of them would hold gigabytes."""

    def __init__(self, size: int = _REMEMBERED):
        self.size = size
        self._lock = threading.Lock()
        self._seen: OrderedDict[bytes, Seen] = OrderedDict()

    @staticmethod
    def key(job: Job) -> bytes:
        """What decides how long a job runs, its text and dataset, as a digest."""
        digest = hashlib.blake2b(job.text.encode("utf-8"), digest_size=20)
        digest.update(repr((job.default_graphs, job.named_graphs)).encode("utf-8"))
        return digest.digest()

    def get(self, job: Job) -> Seen | None:
        """What the same query took lately in each lane (None: not seen)."""
        with self._lock:
            return self._seen.get(self.key(job))

    def put(self, job: Job, lane: str, seconds: float, *, stopped: bool = False) -> None:
        """Count a run of ``job`` in ``lane`` (``light`` or ``heavy``) that took
        ``seconds``; ``stopped``: the light lane stopped it at its time limit."""
        key = self.key(job)
        with self._lock:
            seen = self._seen.get(key) or Seen()
            if lane == "light":
                light = (*seen.light, seconds)[-_KEPT_TIMES:]
                seen = replace(seen, light=light, stopped=seen.stopped or stopped)
            else:
                seen = replace(seen, heavy=(*seen.heavy, seconds)[-_KEPT_TIMES:])
            self._seen[key] = seen
            self._seen.move_to_end(key)
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)


class Guesses:
    """The guess of a lane from each recent query text of up to ``longest`` characters,
    kept (most recent ``size``): reading a canned query's text again for each request costs
    a tenth of a millisecond. Longer texts are not kept (they would hold memory), nor need
    to be: a text longer than the light lane takes is refused at its length."""

    def __init__(self, size: int = 1024, longest: int = 8192):
        self._kept: Recent[bool] = Recent(size, longest)

    def get(self, looks_light: Callable[[str], bool], text: str) -> bool:
        """``looks_light(text)``, from memory when this text was guessed before."""
        return self._kept.get((looks_light, text), lambda: looks_light(text), text)


def worker_memory_mb(setting: int, workers: int) -> int:
    """Each worker's memory limit in MB: the setting, or half the machine shared out."""
    if setting > 0:
        return setting
    total = machine_memory()
    if not total:
        return 0
    # Opening the store reserves about half a gigabyte of address space before any query.
    return max(1024, total // 2 // max(workers, 1) // (1024 * 1024))


class Runner(Store):
    """Runs jobs against ``store`` under limits (see the module notes)."""

    def __init__(
        self,
        store: Store,
        *,
        workers: int = 2,
        light_workers: int = 1,
        timeout: float = 10.0,
        light_timeout: float = 2.0,
        deny_network: bool = True,
        memory: bool = True,
        memory_mb: int = 0,
        owns_store: bool = True,
        memory_copies: int = 1,
    ):
        self.store = store
        self.owns_store = owns_store
        self.timings = Timings()
        self._guesses = Guesses()
        self.timeout = timeout
        self.light_timeout = light_timeout
        path = store.worker_path()
        self.memory_mb = worker_memory_mb(memory_mb, workers + light_workers) if path else 0
        self.heavy: WorkerPool | None = None
        self.light: WorkerPool | None = None
        if path is not None:
            copies = max(memory_copies, 0) if memory else 0

            def pool(size: int, name: str, nice: int, slots: int) -> WorkerPool:
                return WorkerPool(
                    path,
                    size,
                    deny_network=deny_network,
                    memory_slots=slots,
                    memory_mb=self.memory_mb,
                    nice=nice,
                    name=name,
                )

            # Heavy workers run at a lower priority: on a small machine, the pages and the
            # light lane keep the processor when long queries run.
            self.heavy = pool(workers, "query", 10, min(copies, workers))
            if light_workers > 0:
                self.light = pool(
                    light_workers, "light", 0, min(max(copies - workers, 0), light_workers)
                )
            for started in (self.light, self.heavy):
                if started is not None:
                    started.warm()  # in the background: the first page need not wait

    @classmethod
    def from_settings(
        cls, store: Store, settings: Mapping[str, Any], *, owns_store: bool = True
    ) -> Runner:
        """A runner with the limits the settings give."""
        return cls(
            store,
            owns_store=owns_store,
            workers=int(settings.get("workers") or 2),
            light_workers=int(settings.get("light_workers", 1)),
            timeout=float(settings.get("query_timeout") or 10.0),
            light_timeout=float(settings.get("light_timeout") or 2.0),
            deny_network=not settings.get("allow_remote", False),
            memory=bool(settings.get("query_memory", True)),
            memory_copies=int(settings.get("memory_copies", 1)),
            memory_mb=int(settings.get("worker_memory") or 0),
        )

    # --- running

    def lane_for(self, job: Job, looks_light: Callable[[str], bool]) -> str:
        """``light`` or ``heavy`` for an analyst's query, from what it took before (see
        the module notes), else by ``looks_light``, a guess from its text."""
        seen = self.timings.get(job)
        if seen is None:
            return "light" if self._guesses.get(looks_light, job.text) else "heavy"
        if seen.stopped:
            return "heavy"  # it would only lose that time in the light lane again
        if not seen.light:
            return "light" if min(seen.heavy) < self.light_timeout * _TRIAL_SHARE else "heavy"
        if not seen.heavy:
            return "light"
        if len(seen.light) < _TRIES or len(seen.heavy) < _TRIES:
            return "light" if len(seen.light) <= len(seen.heavy) else "heavy"
        return "light" if min(seen.light) <= min(seen.heavy) else "heavy"

    def run(self, job: Job, timeout: float | None = None, *, lane: str = "heavy") -> Answer:
        """Answer ``job`` within ``timeout`` seconds (the runner's by default).

        ``lane``: ``heavy`` (analyst queries), ``light`` (an analyst query that looks cheap:
        moved to the heavy lane past ``light_timeout``) or ``site`` (the pages' own).
        """
        limit = self.timeout if timeout is None else timeout
        if self.heavy is None:
            return self._here(job, limit)
        if job.update:
            return self.heavy.run(job, limit)
        if lane == "site" and self.light is not None:
            return self.light.run(job, limit)
        if lane == "light" and self.light is not None and self.light.waiting < 4:
            try:
                return self._in_lane("light", self.light, job, min(limit, self.light_timeout))
            except TimeLimit:
                if limit <= self.light_timeout:
                    raise
                limit -= self.light_timeout
        return self._in_lane("heavy", self.heavy, job, limit)

    def _in_lane(self, name: str, pool: WorkerPool, job: Job, limit: float) -> Answer:
        # Timed out or answered, what it took says which lane it goes to next time; a query
        # that failed otherwise (malformed, refused) says nothing.
        started = time.monotonic()
        try:
            answer = self._timed(pool, job, limit)
        except TimeLimit:
            self.timings.put(job, name, time.monotonic() - started, stopped=True)
            raise
        self.timings.put(job, name, time.monotonic() - started)
        return answer

    @staticmethod
    def _timed(pool: WorkerPool, job: Job, limit: float) -> Answer:
        try:
            return pool.run(job, limit)
        except QueryStopped as exc:
            if "time limit" in exc.message:
                raise TimeLimit(exc.message) from None
            raise

    def _here(self, job: Job, timeout: float) -> Answer:
        # No folder for workers to open: in memory, or a remote server.
        if job.update:
            if job.default_graphs is not None or job.named_graphs is not None:
                raise QueryError("using-graph-uri is not supported here; write USING in the update")
            self.store.update(job.text)
            return Answer(b"", "update", "")
        result = self.store.evaluate(job, timeout)
        return answer(job, result)

    def worker_pids(self) -> list[int]:
        """The process ids of the idle workers of both lanes."""
        return [pid for pool in (self.light, self.heavy) if pool for pid in pool.pids()]

    # --- the Store interface: reads pass through, page queries take the light lane

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        if self.heavy is None:
            return self.store.query(sparql, bindings)
        from graph import guard

        text = with_values(sparql, bindings) if bindings else sparql
        job = Job(
            text,
            solutions="tsv",
            graph="nt",
            max_rows=_NO_CAP,
            max_bytes=_NO_CAP,
            own_dataset=guard.declares_dataset(text),
        )
        answer = self.run(job, lane="site")
        body = answer.read()
        if answer.kind == "graph":
            graph = Graph()
            bind_prefixes(graph)
            graph.parse(data=body, format="nt")
            return graph
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
        converted = from_ox_result(parsed)
        if isinstance(converted, tuple):
            return SelectResult(*converted)
        return converted

    def evaluate(self, job: Job, timeout: float) -> Any:
        return self.store.evaluate(job, timeout)

    def worker_path(self) -> Path | None:
        return self.store.worker_path()

    # Where the store lives, as the store itself says: the site finds the build's summary
    # and tells a changed store by these, not by counting every quad on each request.
    @property
    def path(self) -> Path | None:
        """The folder of an embedded store on disk (None otherwise)."""
        return getattr(self.store, "path", None)

    @property
    def read_only(self) -> bool:
        """True when the store was opened read-only."""
        return bool(getattr(self.store, "read_only", False))

    @property
    def endpoint(self) -> str | None:
        """The address of a remote store (None otherwise)."""
        return getattr(self.store, "endpoint", None)

    def update(self, sparql: str) -> None:
        if self.heavy is None:
            self.store.update(sparql)
        else:
            self.run(Job(sparql, update=True))

    def replace(self, dataset: Dataset) -> None:
        self.store.replace(dataset)

    def dataset(self) -> Dataset:
        return self.store.dataset()

    def __len__(self) -> int:
        return len(self.store)

    def graph_names(self) -> list[URIRef]:
        return self.store.graph_names()

    def graph_iris(self) -> frozenset[str]:
        return self.store.graph_iris()

    def load_graph(self, name: str, data: bytes, format: str = "nt") -> None:
        self.store.load_graph(name, data, format)

    def dump_graph(self, name: str) -> bytes:
        return self.store.dump_graph(name)

    def close(self) -> None:
        """Stop the workers, and close the store when the runner opened it."""
        for pool in (self.light, self.heavy):
            if pool is not None:
                pool.close()
        self.light = self.heavy = None
        if self.owns_store:
            self.store.close()
