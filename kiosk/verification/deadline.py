"""A hard deadline on one verification: past it the verdict is CHECK MANUALLY, "took too long".

Most of a verification is CPU-bound pure Python (pyld's expansion and canonicalization), which
no network timeout stops. Two ways enforce the deadline, one per way the kiosk runs:

- in the main thread (`kiosk verify`, the app's verification worker process, tests), the
  entry points of `pipeline.py` arm a one-shot `SIGALRM` timer (`run_within_deadline`); its
  handler raises `DeadlineExceeded` wherever the work is, inside pyld as well, and the entry
  point returns `too_long_report`. No process is started: the CLI stays as fast as before.
- the app verifies in a worker process that it kills and replaces when the deadline passes
  (`kiosk/app/verify_process.py`): the hard stop, even for work a signal cannot interrupt.

`DeadlineExceeded` derives from `BaseException`, so the `except Exception` that turns a check's
bug into "not done" does not swallow it and let the next check run. After an interruption the
process-wide context cache is dropped (`forget_resolved_contexts`), since the interrupted
work may have been filling it; the verification lock is a `with` block, released on the way out.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from kiosk.verification.jsonld.context_cache import forget_resolved_contexts
from kiosk.verification.model import CheckId, CheckResult, VerificationReport

DEFAULT_DEADLINE_SECONDS = 10.0
"""How long one verification may take, fetches included (`KioskSettings`)."""


class DeadlineExceeded(BaseException):
    """Raised inside a verification whose deadline passed."""


def too_long_reason(seconds: float) -> str:
    return (
        f"The kiosk took too long to check this code and stopped after {seconds:g} s. "
        "Check the credential by hand."
    )


def too_long_report(seconds: float, checked_at: datetime | None = None) -> VerificationReport:
    """The report of a verification stopped at its deadline: a check not done, never a pass."""
    check = CheckResult.not_done(CheckId.PAYLOAD, too_long_reason(seconds))
    return VerificationReport(checks=(check,), checked_at=checked_at)


_armed = threading.local()


def _raise_deadline(_signum: int, _frame: Any) -> None:
    raise DeadlineExceeded


def can_interrupt() -> bool:
    """Whether this thread can arm the in-process deadline (the main thread, with SIGALRM, and
    no interval timer of someone else's already running)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _raise_deadline)
    _armed.on = True
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        _armed.on = False
        signal.signal(signal.SIGALRM, previous)


def run_within_deadline(
    work: Callable[[], VerificationReport],
    seconds: float | None,
    checked_at: datetime | None = None,
) -> VerificationReport:
    """`work()`, or `too_long_report` when it runs past `seconds`.

    Only the outermost call arms the timer (an entry point calling another shares its
    deadline). Where the timer cannot be armed (`can_interrupt`), `work` runs without it: the
    caller's own limit applies (the app's worker process).
    """
    if seconds is None or getattr(_armed, "on", False) or not can_interrupt():
        return work()
    try:
        with _alarm(seconds):
            return work()
    except DeadlineExceeded:
        forget_resolved_contexts()
        return too_long_report(seconds, checked_at)
