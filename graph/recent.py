"""Answers kept for the most recent short query texts, so that a text asked again is not
read again: bounded in number and in the length of the texts kept (a long text would hold
memory, and reading it is rare next to its running). An answer that raises is not kept."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Recent(Generic[T]):
    """The answers of the most recent ``size`` keys whose text is at most ``longest``."""

    def __init__(self, size: int = 1024, longest: int = 8192):
        self.size = size
        self.longest = longest
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, T] = OrderedDict()

    def get(self, key: Hashable, text: str, compute: Callable[[], T]) -> T:
        """``compute()``, from memory when ``key`` was answered lately."""
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
