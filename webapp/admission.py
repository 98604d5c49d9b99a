"""Who may start an analyst query now: per-client limits, as public endpoints have.

A client (its address, or the one a trusted proxy forwards) may have ``client_queries``
heavy queries running at once, and may use ``client_seconds`` seconds of query time in
any minute; past either it is answered 429 with ``Retry-After``. The site's own pages are
not counted.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from migkg.errors import MigkgError

WINDOW = 60.0
_MAX_CLIENTS = 10_000


class TooManyRequests(MigkgError):
    """A client over its share; ``retry_after`` seconds until it may try again."""

    status = 429
    title = "Too many requests"

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = max(1, math.ceil(retry_after))


class Admission:
    """Per-client counts of running queries and of query seconds in the last minute."""

    def __init__(self, per_client: int, seconds_per_minute: float, retry_after: float):
        self.per_client = per_client
        self.budget = seconds_per_minute
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._running: dict[str, int] = {}
        self._spent: dict[str, deque[tuple[float, float]]] = {}
        # The sum of each client's deque, kept as uses come and go: a client asking a
        # thousand quick queries a minute would otherwise have them added up at each one.
        self._total: dict[str, float] = {}

    def _used(self, client: str, now: float) -> tuple[float, float]:
        """(seconds used in the window, when the oldest use leaves it); lock held."""
        spent = self._spent.get(client)
        if not spent:
            return 0.0, now
        total = self._total[client]
        while spent and spent[0][0] < now - WINDOW:
            total -= spent.popleft()[1]
        if not spent:
            del self._spent[client], self._total[client]
            return 0.0, now
        # Rounding never takes the running sum below what is left (all positive).
        self._total[client] = total = max(total, 0.0)
        return total, spent[0][0] + WINDOW

    @contextmanager
    def enter(self, client: str, *, heavy: bool) -> Iterator[None]:
        """Admit one query of ``client`` (429 when over its share) and count its time.

        Light queries (bounded by the light lane's time limit) are always admitted; their
        time counts towards the share all the same.
        """
        now = time.monotonic()
        with self._lock:
            used, frees = self._used(client, now)
            if heavy and used >= self.budget:
                raise TooManyRequests(
                    f"this client used {used:.3g} s of query time in the last minute "
                    f"(the share is {self.budget:g} s); try again later",
                    frees - now,
                )
            running = self._running.get(client, 0)
            if heavy and running >= self.per_client:
                raise TooManyRequests(
                    f"this client already has {running} queries running "
                    f"(the share is {self.per_client}); wait for them",
                    self.retry_after,
                )
            self._running[client] = running + 1
        started = time.monotonic()
        try:
            yield
        finally:
            ended = time.monotonic()
            with self._lock:
                left = self._running.get(client, 1) - 1
                if left:
                    self._running[client] = left
                else:
                    self._running.pop(client, None)
                self._spent.setdefault(client, deque()).append((ended, ended - started))
                self._total[client] = self._total.get(client, 0.0) + (ended - started)
                if len(self._spent) > _MAX_CLIENTS:  # forget clients gone quiet
                    for quiet in [c for c, d in self._spent.items() if d[-1][0] < ended - WINDOW]:
                        del self._spent[quiet], self._total[quiet]
