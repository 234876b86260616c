"""Provides ``ScanDebouncer``: act on a payload once while it stays in view.

A camera sees the same phone many times a second. ``accept(data)`` is true the first
time a payload is seen and false while that payload keeps being seen, i.e. each sighting
within ``hold_seconds`` of its previous sighting extends the hold. A payload not seen
for ``hold_seconds`` is accepted again. Each payload is remembered separately, so a
different payload is accepted at once, and two codes alternating in view are each
accepted once rather than on every switch.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

MAX_REMEMBERED = 64
"""At most this many distinct payloads are remembered (the least recently seen go)."""


class ScanDebouncer:
    """Suppresses repeated sightings of the same payload. Thread-safe."""

    def __init__(
        self, hold_seconds: float = 5.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if hold_seconds < 0:
            raise ValueError("hold_seconds must not be negative")
        self._hold = hold_seconds
        self._clock = clock
        self._last_seen: OrderedDict[bytes, float] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def hold_seconds(self) -> float:
        return self._hold

    def accept(self, data: bytes) -> bool:
        """Record a sighting of ``data``; true if it should be acted on now."""
        now = self._clock()
        with self._lock:
            self._forget_older_than(now - self._hold)
            previous = self._last_seen.pop(data, None)
            self._last_seen[data] = now
            while len(self._last_seen) > MAX_REMEMBERED:
                self._last_seen.popitem(last=False)
            return previous is None or now - previous > self._hold

    def reset(self) -> None:
        """Forget every payload (e.g. when the kiosk returns to its idle screen)."""
        with self._lock:
            self._last_seen.clear()

    def _forget_older_than(self, cutoff: float) -> None:
        # Entries are kept in order of last sighting, oldest first.
        while self._last_seen:
            oldest_key, oldest_time = next(iter(self._last_seen.items()))
            if oldest_time >= cutoff:
                break
            del self._last_seen[oldest_key]
