"""The time limit of one fetch, and the slot that tells each connection whose limit applies.

A fetch's total limit is not a connection's: pooled connections serve fetch after fetch, so
every wait on a socket asks `DeadlineSlot.current()` for the deadline of the fetch its thread is
making, and is cut to what remains of it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from kiosk.net.errors import TimeLimitError


class Deadline:
    """The instant a fetch must be over by; each wait is cut to what remains."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self, timeout: float | None) -> float:
        """`timeout` cut to the time left; raises `TimeLimitError` when none is left."""
        left = self._end - time.monotonic()
        if left <= 0:
            raise self.exceeded()
        return left if timeout is None else min(timeout, left)

    def exceeded(self) -> TimeLimitError:
        return TimeLimitError(
            f"The server did not finish answering within the {self.seconds:g}-second limit."
        )

    def timed_out(self, what: str) -> TimeLimitError:
        """The error for a wait that timed out: the total limit's, or `what` for a single wait."""
        return self.exceeded() if self._end - time.monotonic() <= 0.01 else TimeLimitError(what)


class DeadlineSlot:
    """The deadline of the fetch each thread is making (fetches share pooled connections)."""

    IDLE_SECONDS = 30.0
    """The limit on a wait made outside any fetch (httpcore closing a pooled connection)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def current(self) -> Deadline:
        deadline: Deadline | None = getattr(self._local, "deadline", None)
        return deadline if deadline is not None else Deadline(self.IDLE_SECONDS)

    @contextmanager
    def using(self, deadline: Deadline) -> Iterator[Deadline]:
        """Make `deadline` this thread's for the duration of one fetch."""
        previous = getattr(self._local, "deadline", None)
        self._local.deadline = deadline
        try:
            yield deadline
        finally:
            self._local.deadline = previous
