"""A hard deadline on one verification: past it the verdict is CHECK MANUALLY, "took too long".

Most of a verification is CPU-bound pure Python (pyld's expansion and canonicalization), which
no network timeout stops. Two ways enforce the deadline, one per way the kiosk runs:

- in the main thread (`kiosk verify`, the app's verification worker process, tests), the
  entry points of `pipeline.py` arm a `SIGALRM` timer (`run_within_deadline`); its handler
  raises `DeadlineExceeded` wherever the work is, inside pyld as well (again every 50 ms until
  it is seen: see `REPEAT_SECONDS`), and the entry point returns `too_long_report`. No process
  is started: the CLI stays as fast as before.
- the app verifies in a worker process that it kills and replaces when the deadline passes
  (`kiosk/app/verify_process.py`): the hard stop, even for work a signal cannot interrupt.

`DeadlineExceeded` derives from `BaseException`, so the `except Exception` that turns a check's
bug into "not done" does not swallow it and let the next check run. After an interruption the
process-wide context cache is dropped (`forget_resolved_contexts`), since the interrupted
work may have been filling it; the verification lock is a `with` block, released on the way out.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
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


REPEAT_SECONDS = 0.05
"""After the deadline the alarm fires again this often until the stop is seen: Python ignores
an exception raised while it runs a weakref callback or a `__del__` (the garbage collector may
be running one when the alarm comes), so one raise alone can be lost."""


class _Alarm:
    """The main thread's alarm state (signal handlers run in the main thread only)."""

    armed = False
    """A deadline is running and not yet settled: the handler raises, nested calls share it."""


def _raise_deadline(_signum: int, _frame: Any) -> None:
    if _Alarm.armed:
        raise DeadlineExceeded


def _ignore_lost_stops(previous: Callable[[Any], object]) -> Callable[[Any], object]:
    """An unraisable hook that drops the stops Python could not raise (see `REPEAT_SECONDS`):
    they must not print "Exception ignored" on stderr; the next alarm raises again."""

    def hook(unraisable: Any) -> object:
        if isinstance(unraisable.exc_value, DeadlineExceeded):
            return None
        return previous(unraisable)

    return hook


def can_interrupt() -> bool:
    """Whether this thread can arm the in-process deadline (the main thread, with SIGALRM, and
    no interval timer of someone else's already running)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


def run_within_deadline(
    work: Callable[[], VerificationReport],
    seconds: float | None,
    checked_at: datetime | None = None,
) -> VerificationReport:
    """`work()`, or `too_long_report` when it runs past `seconds`.

    Only the outermost call arms the timer (an entry point calling another shares its
    deadline). Where the timer cannot be armed (`can_interrupt`), `work` runs without it: the
    caller's own limit applies (the app's worker process).

    Once the stop is caught, the first statement disarms the handler: CPython runs signal
    handlers only at calls and backward jumps, and there is neither between catching the
    exception and that assignment, so no second stop can escape from here.
    """
    if seconds is None or _Alarm.armed or not can_interrupt():
        return work()
    previous_handler = signal.signal(signal.SIGALRM, _raise_deadline)
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _ignore_lost_stops(previous_hook)
    report: VerificationReport | None = None
    _Alarm.armed = True
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
        report = work()
    except DeadlineExceeded:
        _Alarm.armed = False
    finally:
        _Alarm.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        sys.unraisablehook = previous_hook
    if report is None:
        forget_resolved_contexts()
        return too_long_report(seconds, checked_at)
    return report
