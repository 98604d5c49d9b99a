"""Answers kept for the most recent keys, so that a question asked again is not worked
out again: bounded in number and, for a question asked by its text, in the length of the
texts kept (a long text would hold memory, and reading it is rare next to its running).
An answer that raises is not kept."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Recent(Generic[T]):
    """The answers of the most recent ``size`` keys (whose ``text`` is at most ``longest``)."""

    def __init__(self, size: int = 1024, longest: int = 8192):
        self.size = size
        self.longest = longest
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, T] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], T], text: str = "") -> T:
        """``compute()``, from memory when ``key`` was answered lately; ``text``: the query
        text the answer is of, not kept when longer than ``longest``."""
        if len(text) > self.longest:
            return compute()
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        value = compute()
        with self._lock:
            self._kept[key] = value
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value
