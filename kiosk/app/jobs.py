"""Provides the work the kiosk does off the UI thread: the frame loop, the serial scanner loop,
and one verification.

These are plain functions and classes, so they can be read and tested without a running app;
`app.py` runs them in thread workers. They never touch a widget: whatever they learn goes out
through the `post` callable they are given (the app's thread-safe `post_message`).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from kiosk.app.messages import (
    PayloadScanned,
    PreviewReady,
    ScanFailed,
    SerialStatus,
    SourceFailed,
    SourceOpened,
    SourceProblem,
)
from kiosk.verification.model import (
    CheckId,
    CheckResult,
    VerificationReport,
)

if TYPE_CHECKING:
    from kiosk.kiosk_status import KioskStatus
    from kiosk.settings import KioskSettings
    from kiosk.verification.context import VerificationContext
    from kiosk.verify_worker import VerificationWorker
    from scanners.frames import Frame, FrameSource
    from scanners.preview import Corners, Preview
    from scanners.serial_scanner import SerialScanner
    from trust_lists import TrustRegistry

log = logging.getLogger(__name__)

Post = Callable[[Message], object]
"""Where a job sends what it learns (the app's `post_message`)."""

StepCallback = Callable[[str], None]
"""Called with a short label of the verification step under way."""

VerifyFunction = Callable[[bytes, StepCallback], VerificationReport]
"""Verifies one payload, reporting steps; the app calls it in the "verify" worker."""

StatusFunction = Callable[[], "KioskStatus"]
"""Gathers the kiosk's own status (network, trust sources, sync age); runs in a worker."""

PreviewCells = Callable[[], tuple[int, int] | None]
"""The preview's size in cells right now, or None when no preview is wanted."""

CAMERA, DEMO, KEYBOARD, SERIAL, PASTE = (
    "camera",
    "demo image",
    "keyboard scanner",
    "serial scanner",
    "paste",
)
"""Where a payload came from (shown in the history)."""
DESK_MATCH = "desk match"
"""The history origin of a verdict changed by staff matching the holder at the desk."""

READ_TIMEOUT_SECONDS = 0.5
"""How long one `read()` may wait for a frame; bounds how long quitting waits for the loop."""
RETRY_SECONDS = 3.0
"""A source that cannot be opened (no camera yet, scanner unplugged) is tried again this often."""
PREVIEW_PERIOD = 0.2
"""Seconds between two preview pictures (5 per second: enough to aim, cheap to draw)."""
ZBAR_EVERY = 8
"""Ask the zbar fallback decoder on one frame in this many (see `bench/bench_decode.py`)."""


def wait_unless_cancelled(seconds: float, cancelled: Callable[[], bool]) -> bool:
    """Sleep up to `seconds`, waking early when cancelled; returns True if cancelled."""
    deadline = time.monotonic() + seconds
    while not cancelled():
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(left, 0.05))
    return True


def open_source(source: FrameSource, post: Post, cancelled: Callable[[], bool]) -> bool:
    """Open `source`, trying again every `RETRY_SECONDS` until it opens or the job is cancelled.

    Each new reason it cannot be opened is posted once as `SourceFailed` (for a camera, with
    the cameras that are present); returns False if cancelled first.
    """
    from scanners.frames import FrameSourceError

    last_reason = None
    while not cancelled():
        try:
            source.open()
        except FrameSourceError as error:
            reason = error.reason + _other_cameras(source)
            if reason != last_reason:
                post(SourceFailed(reason))
                last_reason = reason
            if wait_unless_cancelled(RETRY_SECONDS, cancelled):
                return False
            continue
        post(SourceOpened(tuple(str(problem) for problem in getattr(source, "problems", ()))))
        return True
    return False


def _other_cameras(source: FrameSource) -> str:
    from scanners.camera import CameraSource, list_cameras

    if not isinstance(source, CameraSource):
        return ""
    others = list_cameras(source.device.parent)
    present = [index for index in others if source.device.name != f"video{index}"]
    if not present:
        return " No camera is connected to this computer."
    numbers = ", ".join(str(index) for index in present)
    return f" Cameras present: {numbers} (start with --camera N)."


def scan_frames(
    source: FrameSource,
    post: Post,
    cancelled: Callable[[], bool],
    *,
    hold_seconds: float,
    origin: str = CAMERA,
    preview_cells: PreviewCells = lambda: None,
) -> None:
    """Open `source` and read frames until `cancelled()`, posting each new QR payload.

    A source that cannot be opened is reported (`SourceFailed`) and tried again; a problem of
    an open source (camera unplugged) is posted as `SourceProblem` when it starts and ends.
    Up to 5 times a second a `PreviewReady` picture is posted, sized by `preview_cells()`.
    The source is always closed on the way out.

    Args:
        source: Where frames come from.
        post: Receives the messages above and `PayloadScanned`.
        cancelled: Polled between frames; True stops the loop.
        hold_seconds: A payload seen again within this time is not posted again.
        origin: Recorded with each payload ("camera" or "demo image").
        preview_cells: The preview size in cells, or None for no preview.
    """
    from scanners.debounce import ScanDebouncer
    from scanners.qr_decoder import decode_qr

    if not open_source(source, post, cancelled):
        return
    debouncer = ScanDebouncer(hold_seconds)
    frames_read = 0
    problem: str | None = None
    next_preview = 0.0
    try:
        while not cancelled():
            now_problem = getattr(source, "problem", None)
            if now_problem != problem:
                problem = now_problem
                post(SourceProblem(problem))
            frame = source.read(timeout=READ_TIMEOUT_SECONDS)
            if frame is None:
                continue
            frames_read += 1
            # zbar costs ~44 ms on a frame with no code (zxing-cpp ~1.5 ms): a second opinion
            # on every ZBAR_EVERY-th frame only, so idle scanning stays cheap.
            codes = decode_qr(frame.image, use_zbar=frames_read % ZBAR_EVERY == 0)
            cells = preview_cells()
            if cells is not None and time.monotonic() >= next_preview:
                next_preview = time.monotonic() + PREVIEW_PERIOD
                post(PreviewReady(_preview(frame, cells, codes[0].position if codes else None)))
            for code in codes:
                if debouncer.accept(code.data):
                    post(PayloadScanned(code.data, origin))
                    break
    finally:
        source.close()


def _preview(frame: Frame, cells: tuple[int, int], read_box: Corners | None) -> Preview:
    """A preview of `frame`: the box of the code read, else of a code seen but not read."""
    from scanners.preview import CodeState, find_unreadable_codes, make_preview

    if read_box is not None:
        return make_preview(frame.image, *cells, box=read_box, state=CodeState.READ)
    seen = find_unreadable_codes(frame.image)
    if seen:
        return make_preview(frame.image, *cells, box=seen[0], state=CodeState.SEEN)
    return make_preview(frame.image, *cells)


def read_serial(scanner: SerialScanner, post: Post, cancelled: Callable[[], bool]) -> None:
    """Read payloads from a serial scanner until cancelled, reconnecting when it is unplugged.

    The scanner is announced as connected after its first clean read (a device that opens but
    fails at once is not announced), and each change of state is posted once.
    """
    from scanners.serial_scanner import SerialScannerError

    connected: bool | None = None

    def announce(now_connected: bool, text: str) -> None:
        nonlocal connected
        if connected is not now_connected:
            post(SerialStatus(now_connected, text))
            connected = now_connected

    try:
        while not cancelled():
            if not scanner.is_open:
                try:
                    scanner.open()
                except SerialScannerError as error:
                    announce(False, error.reason)
                    if wait_unless_cancelled(RETRY_SECONDS, cancelled):
                        return
                    continue
            try:
                data = scanner.read_payload(timeout=READ_TIMEOUT_SECONDS)
            except SerialScannerError as error:
                announce(False, error.reason + " Trying to reconnect…")
                if wait_unless_cancelled(RETRY_SECONDS, cancelled):
                    return
                continue
            announce(True, f"Handheld scanner: {scanner.device} (USB serial)")
            if data:
                post(PayloadScanned(data, SERIAL))
    finally:
        scanner.close()


def internal_error_report(error: BaseException) -> VerificationReport:
    """The report shown when verification itself broke: never a pass, always "check manually"."""
    return VerificationReport(
        checks=(
            CheckResult.not_done(
                CheckId.PAYLOAD,
                "The kiosk could not finish checking this code. Check the credential by hand.",
                f"{type(error).__name__}: {error}",
            ),
        ),
    )


def keyboard_scan_problem(data: bytes) -> ScanFailed | None:
    """For a keyboard-scanner payload mangled by the keyboard layout or Caps Lock: the "scan
    again" message saying so and how to fix it; None when the payload shows no such damage.
    Such a scan says nothing about the credential, so it gets no verdict."""
    from scanners.wedge import detect_layout_damage

    damage = detect_layout_damage(data.decode("utf-8", errors="replace"))
    if damage is None:
        return None
    return ScanFailed(damage.explanation, damage.remedy)


def kiosk_status(verifier: Verifier, settings: KioskSettings) -> KioskStatus:
    """The status line's facts from the verifier's trust lists and document cache (reads files
    and may build the verification context: call it in a worker)."""
    from kiosk.kiosk_status import collect_status
    from trust_lists import TrustList, TrustListError

    lists: tuple[TrustList, ...] | str
    cache = None
    try:
        context = verifier.context()
        lists, cache = context.trust.lists, context.cache
    except TrustListError as error:
        lists = f"Trust list {Path(str(error.source)).name} cannot be used"
    return collect_status(
        now=settings.clock(),
        offline=settings.offline,
        lists=lists,
        cache=cache,
        max_cache_age=settings.max_cache_age,
    )


class Verifier:
    """Verifies payloads with `verify_payload`, building the verification context once.

    The context (trust lists, caches) is built on first use, in the worker thread, under a
    lock, so the UI never waits for it; each verification gets the clock's time of its own,
    and the challenge and domain of the settings in use now (the operator may change them on
    the settings screen: assign `settings`).

    Two contexts: the operator's trust lists (plus the demo list under `--demo`) for every
    scanned code, and the same plus the demo list for the bundled demo images only
    (`verify_demo_image`), so a code anyone signs with the public demo key is never trusted
    when it comes from a camera or a scanner.
    """

    def __init__(self, settings: KioskSettings) -> None:
        self.settings = settings
        """The settings in use; the app assigns the operator's new ones when they are saved."""
        self._contexts: dict[bool, VerificationContext] = {}
        self._lock = threading.Lock()

    def context(self, *, demo_image: bool = False) -> VerificationContext:
        """The context for a verification now (built on first use; raises `TrustListError`)."""
        from kiosk.context_setup import build_context

        with self._lock:
            settings = self.settings
            demo = settings.demo or demo_image
            built = self._contexts.get(demo)
            if built is None:
                built = self._contexts[demo] = build_context(settings, demo=demo)
            return dataclasses.replace(
                built,
                now=settings.clock(),
                challenge=settings.challenge,
                domain=settings.domain,
            )

    def refresh(self) -> None:
        """Build a new context (the trust sources loaded again) and use it from now on; the
        old one serves until the new one is ready. Raises what `build_context` raises."""
        from kiosk.context_setup import build_context

        settings = self.settings
        fresh = build_context(settings)
        with self._lock:
            self._contexts = {settings.demo: fresh}  # the demo images' context is built again

    def trust_registry(self) -> TrustRegistry:
        """The trust lists in use for scanned codes (for the operator's trust screen)."""
        return self.context().trust

    def start(self) -> None:
        """Get ready for the first scan (nothing to do here; see `IsolatedVerifier`)."""

    def close(self) -> None:
        """Release what verifying holds (the app is quitting)."""

    def __call__(self, data: bytes, on_step: StepCallback) -> VerificationReport:
        """Verify one scanned payload. Any unexpected error becomes a "check manually" report."""
        return self._verify(data, on_step, demo_image=False)

    def verify_demo_image(self, data: bytes, on_step: StepCallback) -> VerificationReport:
        """Verify a payload read from the bundled demo images: the demo issuer is trusted."""
        return self._verify(data, on_step, demo_image=True)

    def _verify(
        self, data: bytes, on_step: StepCallback, *, demo_image: bool
    ) -> VerificationReport:
        try:
            from kiosk.verification import verify_payload

            return verify_payload(data, self.context(demo_image=demo_image), on_step=on_step)
        except Exception as error:
            log.exception("verification failed unexpectedly")
            return internal_error_report(error)


class IsolatedVerifier(Verifier):
    """Verifies each payload in a worker process (`kiosk.verify_worker`), which is killed and
    replaced when it does not answer within the deadline: the report is then CHECK MANUALLY,
    "took too long to check", and the next scan goes to the fresh worker."""

    def __init__(self, settings: KioskSettings, worker: VerificationWorker | None = None) -> None:
        from kiosk.verify_worker import VerificationWorker

        super().__init__(settings)
        self.worker = worker if worker is not None else VerificationWorker()

    def start(self) -> None:
        """Start the worker process now, in the background (the first start also starts the
        forkserver, about a second), so neither the screen nor the first scan waits for it."""
        threading.Thread(target=self.worker.start, name="kiosk-verify-start", daemon=True).start()

    def close(self) -> None:
        self.worker.close()

    def _verify(
        self, data: bytes, on_step: StepCallback, *, demo_image: bool
    ) -> VerificationReport:
        from kiosk.verification.deadline import too_long_report
        from kiosk.verify_worker import KILL_GRACE_SECONDS, Job, Outcome, portable_settings

        settings = self.settings
        if demo_image:  # the bundled demo images: the worker adds the demo list
            settings = dataclasses.replace(settings, demo=True)
        now = settings.clock()
        deadline = settings.verification_deadline_seconds
        job = Job(data, portable_settings(settings), now)
        try:
            answer = self.worker.verify(job, on_step, deadline + KILL_GRACE_SECONDS)
        except Exception as error:
            log.exception("the verification worker failed")
            return internal_error_report(error)
        if isinstance(answer, VerificationReport):
            return answer
        if answer is Outcome.TIMED_OUT:
            log.warning("verification stopped at the deadline (%g s)", deadline)
        return too_long_report(deadline, now)  # superseded: the app shows a newer scan instead
