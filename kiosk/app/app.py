"""Provides `KioskApp` and `make_app`: composition and routing for the kiosk's screens.

Two thread workers do all blocking work (see `kiosk.app.jobs`): group "scan" reads frames and
posts each new QR payload; group "verify" (exclusive: a newer payload supersedes an older one)
runs `verify_payload` and posts its steps and its report. The app routes those messages to the
scanning screen and pushes a verdict screen for each report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from kiosk.app.jobs import Verifier, VerifyFunction, internal_error_report, scan_frames
from kiosk.app.messages import (
    PayloadScanned,
    SourceFailed,
    SourceOpened,
    VerificationDone,
    VerificationStep,
)
from kiosk.app.screens.scanning import ScanningScreen
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.settings import KioskSettings
from kiosk.verification.plain_text import plain_text
from kiosk.wording import verdict_label

if TYPE_CHECKING:
    from scanners.frames import FrameSource

MIN_HOLD_SECONDS = 5.0
"""The same code is not verified again while it stays in view for at least this long."""


class KioskApp(App[None]):
    """The reception kiosk: scan a QR code, show a verdict, return to scanning."""

    CSS_PATH = "kiosk.tcss"
    TITLE = "Credential Kiosk"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_image", "Next demo image"),
        Binding("q", "quit", "Quit", show=False),
    ]

    def __init__(
        self,
        settings: KioskSettings,
        source: FrameSource,
        *,
        verify: VerifyFunction | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.source = source
        self.demo_mode = settings.camera_index is None
        """A demo source (no camera index set): N shows the next image."""
        self._verify = verify if verify is not None else Verifier(settings)
        self._scanning = ScanningScreen(self._source_line())

    def _source_line(self) -> str:
        if self.demo_mode:
            return f"Demo mode: {self.source.description} — press N for the next one"
        return f"Camera: {self.source.description}"

    def get_default_screen(self) -> Screen[None]:
        return self._scanning

    def on_mount(self) -> None:
        self._scan()

    # ----- workers (threads; they only post messages) -----

    @work(thread=True, exclusive=True, exit_on_error=False, group="scan")
    def _scan(self) -> None:
        worker = get_current_worker()
        hold = max(self.settings.return_after_seconds, MIN_HOLD_SECONDS)
        scan_frames(self.source, self.post_message, lambda: worker.is_cancelled, hold_seconds=hold)

    @work(thread=True, exclusive=True, exit_on_error=False, group="verify")
    def _verify_payload(self, data: bytes) -> None:
        worker = get_current_worker()

        def on_step(label: str) -> None:
            if not worker.is_cancelled:
                self.post_message(VerificationStep(label))

        report = self._verify(data, on_step)
        if not worker.is_cancelled:
            self.post_message(VerificationDone(report))

    def submit_payload(self, data: bytes) -> Worker[None]:
        """Verify a payload from anywhere (tests, a handheld scanner), as a scan would.

        Returns:
            The verify worker; the verdict screen follows when it finishes.
        """
        self._scanning.show_status("Code received — checking…")
        return self._verify_payload(data)

    # ----- routing (UI thread) -----

    def on_payload_scanned(self, message: PayloadScanned) -> None:
        self._scanning.show_status("Code seen — checking…")
        self._verify_payload(message.data)

    def on_verification_step(self, message: VerificationStep) -> None:
        label = message.label.strip()
        self._scanning.show_status(f"{label[:1].upper()}{label[1:]}…" if label else "Checking…")

    def on_verification_done(self, message: VerificationDone) -> None:
        report = message.report
        self._scanning.show_idle()
        self._scanning.show_last_verdict(report)
        self.log.info("verdict", verdict_label(report.verdict))
        screen = VerdictScreen(report, return_after_seconds=self.settings.return_after_seconds)
        if isinstance(self.screen, VerdictScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def on_source_opened(self, message: SourceOpened) -> None:
        for problem in message.problems:
            self.notify(plain_text(problem), title="Frame source", severity="warning", markup=False)

    def on_source_failed(self, message: SourceFailed) -> None:
        self._scanning.show_source_problem(message.reason)  # the source's own plain sentence

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
            return self.demo_mode
        return True

    async def action_quit(self) -> None:
        """Quit the kiosk (Q, Ctrl+Q).

        This is the one place quitting goes through: the operator-PIN check goes here
        (push a PIN modal; exit only when it returns True).
        """
        self.exit()


def make_app(settings: KioskSettings, source: FrameSource) -> KioskApp:
    """Build the kiosk app for these settings, reading frames from `source`."""
    return KioskApp(settings, source)
