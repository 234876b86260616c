"""Provides `ScanningScreen`, the kiosk's resting state: what to do, and what is happening.

It shows a plain instruction, where frames come from (or why they cannot), a status line
(waiting / code seen / checking, naming the step) and the last verdict in one line. The app
calls its `show_*` methods on the UI thread; the screen itself does no work.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from kiosk.app.plain_text import plain
from kiosk.verification.model import VerificationReport
from kiosk.wording import VERDICT_CLASSES, verdict_label

INSTRUCTION = "Hold the QR code up to the camera"
WAITING = "Waiting for a QR code…"
SCANNING_OFF = "Scanning is off. Please ask a member of staff for help."


class ScanningScreen(Screen[None]):
    """Instruction, source, status and last verdict."""

    def __init__(self, source_line: str) -> None:
        super().__init__(id="scanning")
        self._source_line = source_line
        self.scanning_off = False
        """True once the frame source has failed."""

    def compose(self) -> ComposeResult:
        with Vertical(id="scanning-body"):
            yield Static("Credential Kiosk", id="kiosk-title", markup=False)
            yield Static(INSTRUCTION, id="instruction", markup=False)
            yield Static(plain(self._source_line), id="source-line")
            yield Static(WAITING, id="status-line", markup=False)
            yield Static("", id="last-verdict", markup=False)
        yield Footer()

    def show_status(self, text: str) -> None:
        """Replace the status line (text may name a verifier step, so it is kept plain)."""
        self.query_one("#status-line", Static).update(plain(text))

    def show_source_problem(self, text: str) -> None:
        """Say plainly that frames cannot be read, and why; scanning is then off."""
        line = self.query_one("#source-line", Static)
        line.update(plain(text))
        line.add_class("-problem")
        self.scanning_off = True
        self.show_idle()

    def show_idle(self) -> None:
        """Nothing under way: waiting for a code, or saying that scanning is off."""
        self.show_status(SCANNING_OFF if self.scanning_off else WAITING)

    def show_last_verdict(self, report: VerificationReport) -> None:
        """Put the last verdict in one line, coloured and worded by verdict."""
        line = self.query_one("#last-verdict", Static)
        line.update(plain(f"Last: {verdict_label(report.verdict)} — {report.headline_reason}"))
        line.remove_class(*VERDICT_CLASSES.values())
        line.add_class(VERDICT_CLASSES[report.verdict])
