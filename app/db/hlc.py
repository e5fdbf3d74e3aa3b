"""Hybrid logical clock (Kulkarni et al.): stamps that follow wall time but never run backwards.

A stamp is ``"{millis:013d}-{counter:05d}-{node}"``; plain string order is (time, counter, node), which is
the deterministic tie-break ARCHITECTURE.md asks for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Stamp:
    millis: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.millis:013d}-{self.counter:05d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        millis, counter, node = text.split("-", 2)
        return cls(int(millis), int(counter), node)


class HybridClock:
    """Thread-safe HLC for one node; ``wall`` is injectable so tests can move time."""

    def __init__(self, node: str, last: str | None = None, wall: Callable[[], int] | None = None) -> None:
        self.node = node
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)
        self._lock = threading.Lock()
        parsed = Stamp.parse(last) if last else Stamp(0, 0, node)
        self._millis, self._counter = parsed.millis, parsed.counter

    def now(self) -> str:
        with self._lock:
            wall = self._wall()
            if wall > self._millis:
                self._millis, self._counter = wall, 0
            else:
                self._counter += 1
            return f"{self._millis:013d}-{self._counter:05d}-{self.node}"  # str(Stamp(...)), without the object

    def observe(self, remote: str) -> None:
        """Advance past a stamp received from another node (so later local stamps sort after it)."""
        other = Stamp.parse(remote)
        with self._lock:
            wall = self._wall()
            top = max(wall, self._millis, other.millis)
            if top == self._millis == other.millis:
                self._counter = max(self._counter, other.counter) + 1
            elif top == self._millis:
                self._counter += 1
            elif top == other.millis:
                self._counter = other.counter + 1
            else:
                self._counter = 0
            self._millis = top

    @property
    def last(self) -> str:
        with self._lock:
            return str(Stamp(self._millis, self._counter, self.node))
