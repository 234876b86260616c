"""Provides the work the kiosk does off the UI thread: the frame loop and one verification.

These are plain functions and classes, so they can be read and tested without a running app;
`app.py` runs them in thread workers. They never touch a widget: whatever they learn goes out
through the `post` callable they are given (the app's thread-safe `post_message`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

from kiosk.app.messages import PayloadScanned, SourceFailed, SourceOpened
from kiosk.verification.model import (
    CheckId,
    CheckResult,
    Verdict,
    VerificationReport,
)

if TYPE_CHECKING:
    from kiosk.settings import KioskSettings
    from kiosk.verification.context import VerificationContext
    from scanners.frames import FrameSource

log = logging.getLogger(__name__)

Post = Callable[[Message], object]
"""Where a job sends what it learns (the app's `post_message`)."""

StepCallback = Callable[[str], None]
"""Called with a short label of the verification step under way."""

VerifyFunction = Callable[[bytes, StepCallback], VerificationReport]
"""Verifies one payload, reporting steps; the app calls it in the "verify" worker."""

READ_TIMEOUT_SECONDS = 0.5
"""How long one `read()` may wait for a frame; bounds how long quitting waits for the loop."""


def scan_frames(
    source: FrameSource,
    post: Post,
    cancelled: Callable[[], bool],
    *,
    hold_seconds: float,
) -> None:
    """Open `source` and read frames until `cancelled()`, posting each new QR payload.

    A source that cannot be opened is reported with `SourceFailed` and the loop ends; the
    source is always closed on the way out.

    Args:
        source: Where frames come from.
        post: Receives `SourceOpened` or `SourceFailed`, then `PayloadScanned` messages.
        cancelled: Polled between frames; True stops the loop.
        hold_seconds: A payload seen again within this time is not posted again.
    """
    from scanners.debounce import ScanDebouncer
    from scanners.frames import FrameSourceError
    from scanners.qr_decoder import decode_qr

    try:
        source.open()
    except FrameSourceError as error:
        post(SourceFailed(error.reason))
        return
    problems = getattr(source, "problems", ())
    post(SourceOpened(tuple(str(problem) for problem in problems)))
    debouncer = ScanDebouncer(hold_seconds)
    frames_read = 0
    try:
        while not cancelled():
            frame = source.read(timeout=READ_TIMEOUT_SECONDS)
            if frame is None:
                continue
            frames_read += 1
            # zbar costs ~44 ms on a frame with no code (zxing-cpp ~1.5 ms): a second opinion
            # on every ZBAR_EVERY-th frame only, so idle scanning stays cheap.
            use_zbar = frames_read % ZBAR_EVERY == 0
            for code in decode_qr(frame.image, use_zbar=use_zbar):
                if debouncer.accept(code.data):
                    post(PayloadScanned(code.data, frame.origin))
                    break
    finally:
        source.close()


ZBAR_EVERY = 8
"""Ask the zbar fallback decoder on one frame in this many (see `bench/bench_decode.py`)."""


def internal_error_report(error: BaseException) -> VerificationReport:
    """The report shown when verification itself broke: never a pass, always "check manually"."""
    return VerificationReport(
        verdict=Verdict.CHECK_MANUALLY,
        checks=(
            CheckResult.not_done(
                CheckId.PAYLOAD,
                "The kiosk could not finish checking this code. Check the credential by hand.",
                f"{type(error).__name__}: {error}",
            ),
        ),
    )


class Verifier:
    """Verifies payloads with `verify_payload`, building the verification context once.

    The context (trust lists, caches) is built on first use, in the worker thread, under a
    lock, so the UI never waits for it.
    """

    def __init__(self, settings: KioskSettings) -> None:
        self._settings = settings
        self._context: VerificationContext | None = None
        self._lock = threading.Lock()

    def __call__(self, data: bytes, on_step: StepCallback) -> VerificationReport:
        """Verify one payload. Any unexpected error becomes a "check manually" report."""
        try:
            from kiosk.verification import build_context, verify_payload

            with self._lock:
                if self._context is None:
                    self._context = build_context(self._settings)
                context = self._context
            return verify_payload(data, context, on_step=on_step)
        except Exception as error:
            log.exception("verification failed unexpectedly")
            return internal_error_report(error)
