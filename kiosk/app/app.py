"""Provides `KioskApp` and `make_app`: composition and routing for the kiosk's screens.

Thread workers do all blocking work (see `kiosk.app.jobs`): group "scan" reads frames and
posts each new QR payload and a small preview; group "serial" reads a USB serial scanner;
group "verify" (exclusive: a newer payload supersedes an older one) runs `verify_payload`,
records the result in the history and posts its steps and its report. A match at the desk
(`VerdictScreen.Matched`) is recorded too, with the origin "desk match". A keyboard-mode scanner
is caught before anything else sees its keys (`KeyboardScanner`). The app routes messages to
the scanning screen and pushes a verdict screen for each report.

Kiosk mode: quitting, the settings, the trust lists and the history need the operator PIN
(`kiosk.app.operator`); the operator's actions live in `OperatorRoutes`, the candidate session's in
`SessionRoutes`.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState, get_current_worker

from kiosk.app.jobs import (
    CAMERA,
    DEMO,
    DESK_MATCH,
    KEYBOARD,
    PASTE,
    IsolatedVerifier,
    StatusFunction,
    Verifier,
    VerifyFunction,
    internal_error_report,
    keyboard_scan_problem,
    kiosk_status,
    read_serial,
    scan_frames,
)
from kiosk.app.keyboard_scanner import KeyboardScanner
from kiosk.app.messages import (
    KioskStatusReady,
    PayloadScanned,
    PreviewReady,
    ScanFailed,
    SerialStatus,
    SourceFailed,
    SourceOpened,
    SourceProblem,
    VerificationDone,
    VerificationStep,
)
from kiosk.app.operator import OperatorStore, config_dir, data_dir
from kiosk.app.screens.match_email import MatchEmailScreen
from kiosk.app.screens.pin import PinScreen
from kiosk.app.screens.scan_again import ScanAgainScreen
from kiosk.app.screens.scanning import ScanningScreen
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.app.session_routes import SessionRoutes
from kiosk.app.widgets.trust_notice import trust_notice
from kiosk.history import HistoryLog
from kiosk.settings import KioskSettings
from kiosk.verification.model import Verdict, VerificationReport
from kiosk.verification.plain_text import plain_text
from kiosk.wording import verdict_label

if TYPE_CHECKING:
    from scanners.frames import FrameSource
    from scanners.serial_scanner import SerialScanner

log = logging.getLogger(__name__)

TRUST_REFRESH_SECONDS = 6 * 3600
"""How often the app reloads its trust sources when online (docs/fleet.md)."""

MIN_HOLD_SECONDS = 5.0
"""The same code is not verified again while it stays in view for at least this long."""
SCAN_DROPPED_FIX = (
    "Scan the code again, holding the scanner still until it beeps; if this keeps happening, "
    "set the scanner to send Enter after each code."
)
"""The fix shown when a keyboard-mode scan was cut off or too long."""
FIRST_STATUS_SECONDS = 2.0
"""The real status loads the trust lists through the verifier, which first imports the whole
verification stack (about a second of CPU): not while the kiosk is drawing its first screens."""
STATUS_REFRESH_SECONDS = 60.0
"""How often the status line's ages ("synced 2 days ago") are gathered again."""
SECOND_BELL_SECONDS = 0.35
"""A verdict other than VERIFIED rings twice, this far apart (a cue that is not colour)."""


class KioskApp(SessionRoutes):
    """The reception kiosk: scan a QR code, show a verdict, return to scanning."""

    CSS_PATH = "kiosk.tcss"
    TITLE = "Credential Kiosk"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_image", "Next demo image"),
        Binding("c", "candidate_session", "Candidate session"),
        Binding("h", "history", "History"),
        Binding("o", "settings", "Settings"),
        Binding("t", "show_trust", "Trust sources", show=False),
        Binding("q", "quit", "Quit (PIN)"),
    ]

    def __init__(
        self,
        settings: KioskSettings,
        source: FrameSource,
        *,
        verify: VerifyFunction | None = None,
        verifier: Verifier | None = None,
        operator: OperatorStore | None = None,
        history: HistoryLog | None = None,
        serial: SerialScanner | None = None,
        notices: tuple[str, ...] = (),
        status: StatusFunction | None = None,
    ) -> None:
        """
        Args:
            settings: What the operator set.
            source: Where camera (or demo) frames come from.
            verify: Verifies one payload (default: `verifier`).
            verifier: The real verifier (default: in this process; `make_app` gives the one
                in a worker process, with the hard deadline).
            operator: The PIN and saved settings (default: in memory, demo PIN).
            history: The verification log (default: in memory).
            serial: A USB serial scanner to read, if any.
            notices: Sentences for the operator, shown once at start.
            status: Gathers the kiosk's own status for the status line (default: from the
                verifier's trust lists and cache).
        """
        super().__init__()
        self.settings = settings
        self.source = source
        self.demo_mode = settings.camera_index is None
        """A demo source (no camera index set): N shows the next image."""
        self.verifier = verifier if verifier is not None else Verifier(settings)
        self._verify = verify if verify is not None else self.verifier
        self._verify_demo_image = verify if verify is not None else self.verifier.verify_demo_image
        """The bundled demo images (origin DEMO) alone are verified with the demo list."""
        self.operator = operator if operator is not None else OperatorStore()
        if history is None:
            days = settings.history_retention_days
            history = HistoryLog(retention_days=days, clock=settings.clock)
        self.history = history
        self._serial = serial
        self._notices = notices
        self._status = status or (lambda: kiosk_status(self.verifier, self.settings))
        self._first_status_after = 0.0 if status is not None else FIRST_STATUS_SECONDS
        self._keyboard = KeyboardScanner(
            self,
            self._dispatch_key,
            self._keyboard_scanned,
            self._scan_dropped,
            max_median_gap=settings.wedge_max_gap_ms / 1000,
        )
        self._scanning = ScanningScreen(
            self._source_line(),
            preview=settings.preview,
            pin_warning=self.operator.pin_is_default and not self.demo_mode,
            offline=settings.offline,
            trust_notice=trust_notice(settings, demo_images=self.demo_mode),
        )

    def _source_line(self) -> str:
        if self.demo_mode:
            return f"Demo mode: {self.source.description} — press N for the next one"
        return f"Camera: {self.source.description}"

    def get_default_screen(self) -> Screen[None]:
        return self._scanning

    def on_mount(self) -> None:
        self.call_after_refresh(self.verifier.start)  # after the first screen is drawn
        if self._first_status_after > 0:
            self.set_timer(self._first_status_after, self._gather_status)
        else:
            self.call_after_refresh(self._gather_status)
        self.set_interval(STATUS_REFRESH_SECONDS, self._gather_status)
        self._scan()
        if self._serial is not None:
            self._read_serial()
        for notice in self._notices:
            self.notify(plain_text(notice), title="Operator", severity="warning", markup=False)
        if not self.settings.offline and self.settings.trust_config is not None:
            self.set_interval(TRUST_REFRESH_SECONDS, self._refresh_trust)

    @work(thread=True, exclusive=True, group="trust-refresh")
    def _refresh_trust(self) -> None:
        """Reload the trust sources (list URLs fetched again) while online; on failure the
        sources in use stay."""
        try:
            self.verifier.refresh()
        except Exception:  # a refresh must never stop the kiosk
            log.exception("refreshing the trust sources failed")

    def on_unmount(self) -> None:
        self.verifier.close()

    # ----- keys and pastes: a keyboard-mode scanner is caught before anything else -----

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if await self._keyboard.handle_key(event):
                return
        elif (
            isinstance(event, events.Paste)
            and not event.is_forwarded
            and self._keyboard.handle_paste(event)
        ):
            return
        await super().on_event(event)

    async def _dispatch_key(self, event: events.Key) -> None:
        await App.on_event(self, event)

    def _keyboard_scanned(self, text: str, from_keys: bool) -> None:
        self.submit_payload(text.encode("utf-8"), origin=KEYBOARD if from_keys else PASTE)

    def _scan_dropped(self, reason: str) -> None:
        self.post_message(ScanFailed(reason, SCAN_DROPPED_FIX))

    # ----- workers (threads; they only post messages) -----

    @work(thread=True, exclusive=True, exit_on_error=False, group="scan")
    def _scan(self) -> None:
        worker = get_current_worker()
        hold = max(self.settings.return_after_seconds, MIN_HOLD_SECONDS)
        scan_frames(
            self.source,
            self.post_message,
            lambda: worker.is_cancelled,
            hold_seconds=hold,
            origin=DEMO if self.demo_mode else CAMERA,
            preview_cells=self._scanning.preview_cells,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="status")
    def _gather_status(self) -> None:
        self.post_message(KioskStatusReady(self._status()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="serial")
    def _read_serial(self) -> None:
        worker = get_current_worker()
        if self._serial is not None:
            read_serial(self._serial, self.post_message, lambda: worker.is_cancelled)

    @work(thread=True, exclusive=True, exit_on_error=False, group="verify")
    def _verify_payload(self, data: bytes, origin: str) -> None:
        worker = get_current_worker()

        def on_step(label: str) -> None:
            if not worker.is_cancelled:
                self.post_message(VerificationStep(label))

        problem = keyboard_scan_problem(data) if origin == KEYBOARD else None
        if problem is not None:
            self.post_message(problem)  # not a verdict, and not recorded
            return
        verify = self._verify_demo_image if origin == DEMO else self._verify
        report = verify(data, on_step)
        if worker.is_cancelled:
            return
        self._record(report, origin)
        self.post_message(VerificationDone(report))

    def _record(self, report: VerificationReport, origin: str) -> None:
        if origin == DEMO and self.history.path is not None:
            return  # a demo image's verdict is never written to a history on disk
        try:
            self.history.record(report, origin)
        except (sqlite3.Error, OSError):
            log.exception("the verification could not be written to the history")

    def submit_payload(self, data: bytes, origin: str = PASTE) -> Worker[None] | None:
        """Verify a payload from anywhere (a handheld scanner, a paste, tests), as a scan would.

        A PIN prompt or a desk-match dialog on screen is cancelled (the candidate's scan
        comes first).

        Returns:
            The verify worker (the verdict screen follows when it finishes), or None when the
            operator screens are open and scanning waits.
        """
        if self.operator_unlocked:
            self.notify(
                "Scanning waits while the operator screens are open.",
                title="Scan ignored",
                severity="warning",
                markup=False,
            )
            return None
        if isinstance(self.screen, PinScreen):
            self.screen.dismiss(False)  # a candidate's scan comes first; the PIN can wait
        elif isinstance(self.screen, MatchEmailScreen):
            self.screen.dismiss(None)  # the new code is verified; its own verdict follows
        self._scanning.show_checking()
        return self._verify_payload(data, origin)

    # ----- routing (UI thread) -----

    def on_payload_scanned(self, message: PayloadScanned) -> None:
        self.submit_payload(message.data, message.origin)

    def on_verification_step(self, message: VerificationStep) -> None:
        if not self._scanning.is_attached:
            return
        self._scanning.show_step(message.label.strip())

    def on_scan_failed(self, message: ScanFailed) -> None:
        """The scan was damaged on its way in: "scan again" with the fix, no verdict."""
        self._scanning.show_idle()
        screen = ScanAgainScreen(
            message.problem, message.fix, return_after_seconds=self.settings.return_after_seconds
        )
        if isinstance(self.screen, VerdictScreen | ScanAgainScreen):
            self.switch_screen(screen)
        elif isinstance(self.screen, ScanningScreen):
            self.push_screen(screen)
        else:  # an operator screen or dialog is open: a short note is enough
            self.notify(message.problem, title="Scan again", severity="warning", markup=False)

    def on_kiosk_status_ready(self, message: KioskStatusReady) -> None:
        if self._scanning.is_attached:  # not while the app is closing
            self._scanning.show_kiosk_status(message.status)

    def on_verification_done(self, message: VerificationDone) -> None:
        if not self._scanning.is_attached:
            return  # the app is closing: nobody to show the verdict to
        self._gather_status()  # a verification online may have fetched new copies
        report = message.report
        self._scanning.show_idle()
        self._scanning.show_last_verdict(report)
        self.log.info("verdict", verdict_label(report.verdict))
        if self.settings.bell:
            self.bell()
            if report.verdict is not Verdict.VERIFIED:
                self.set_timer(SECOND_BELL_SECONDS, self.bell)
        self.note_for_session(report)
        screen = VerdictScreen(report, return_after_seconds=self.settings.return_after_seconds)
        if isinstance(self.screen, VerdictScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    async def on_verdict_screen_matched(self, message: VerdictScreen.Matched) -> None:
        """Staff matched the holder at the desk: record the new verdict like any other."""
        report = message.report
        self._scanning.show_last_verdict(report)
        self.log.info("desk match", verdict_label(report.verdict))
        await asyncio.to_thread(self._record, report, DESK_MATCH)

    def on_source_opened(self, message: SourceOpened) -> None:
        if not self._scanning.is_attached:
            return
        self._scanning.show_source_ok()
        for problem in message.problems:
            self.notify(plain_text(problem), title="Frame source", severity="warning", markup=False)

    def on_source_failed(self, message: SourceFailed) -> None:
        if not self._scanning.is_attached:
            return
        self._scanning.show_source_problem(message.reason)  # the source's own plain sentence

    def on_source_problem(self, message: SourceProblem) -> None:
        if not self._scanning.is_attached:
            return
        was_in_trouble = self._scanning.source_trouble
        self._scanning.show_source_trouble(message.problem)
        if message.problem is None and was_in_trouble:
            self.notify("The camera is back.", title="Camera", markup=False)

    def on_serial_status(self, message: SerialStatus) -> None:
        if not self._scanning.is_attached:
            return
        self._scanning.show_scanner_line(message.text, problem=not message.connected)

    def on_preview_ready(self, message: PreviewReady) -> None:
        if not self._scanning.is_attached:
            return  # a picture from the camera thread while the app closes
        self._scanning.show_preview(message.preview)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR or event.worker.error is None:
            return
        if event.worker.group == "scan":
            self._scanning.show_source_problem(f"The scanner stopped: {event.worker.error}")
        elif event.worker.group == "verify" and not event.worker.is_cancelled:
            self.post_message(VerificationDone(internal_error_report(event.worker.error)))

    # ----- actions -----

    def action_next_image(self) -> None:
        """Demo mode: show the next demo image to the scanner now."""
        self.source.advance()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_image":
            return self.demo_mode and isinstance(self.screen, ScanningScreen)
        if action in ("history", "settings", "candidate_session"):
            return isinstance(self.screen, ScanningScreen)
        if action == "quit":
            return not isinstance(self.screen, ModalScreen)
        return self.check_operator_action(action)


def make_app(settings: KioskSettings, source: FrameSource) -> KioskApp:
    """Build the kiosk for these settings, reading frames from `source`, with the operator
    file, the history database and a USB serial scanner (when one is there) in place.

    In demo mode (no camera) the history is kept in memory only: demo scans never reach the
    history database."""
    notices: list[str] = []
    store = OperatorStore(config_dir(settings) / "operator.json")
    if store.problem:
        notices.append(store.problem)
    from kiosk.context_setup import check_trust_list_files

    check_trust_list_files(settings)  # an unreadable list stops the start (exit 64)
    history_path = data_dir(settings) / "history.sqlite3"
    days, clock = settings.history_retention_days, settings.clock
    if settings.camera_index is None:
        # Demo mode: demo scans never reach the real history; this one is forgotten on exit.
        history = HistoryLog(retention_days=days, clock=clock)
    else:
        try:
            history = HistoryLog(history_path, retention_days=days, clock=clock)
        except (sqlite3.Error, OSError) as error:
            log.exception("history database unusable")
            notices.append(
                f"The history {history_path} cannot be used ({error}); verifications are not kept."
            )
            history = HistoryLog(retention_days=0)
    return KioskApp(
        settings,
        source,
        operator=store,
        history=history,
        serial=serial_scanner_for(settings),
        notices=tuple(notices),
        verifier=IsolatedVerifier(settings),
    )


def serial_scanner_for(settings: KioskSettings) -> SerialScanner | None:
    """The USB serial scanner to read: the device named, the first found ("auto"), or none."""
    from scanners.serial_scanner import SerialScanner, find_serial_scanners

    choice = settings.serial_device.strip()
    if choice.lower() in ("off", "none", ""):
        return None
    if choice.lower() == "auto":
        found = find_serial_scanners()
        return SerialScanner(found[0]) if found else None
    return SerialScanner(Path(choice))
