"""Provides `ScanningScreen`, the kiosk's resting state: what to do, and what is happening.

Top to bottom: a plain instruction; the live camera preview with a box where a code is and a
hint ("hold it closer and still"); where frames come from (or what is wrong with the camera);
the handheld scanners; a status line (waiting, "Checking…", and "Still checking: asking the
blockchain explorers…" once a step takes more than a moment); the last verdict in one line;
and at the bottom the kiosk's own status (`StatusBar`: online or offline, trust sources, how
long ago keys and lists were synced, the demo-PIN warning) above the keys.
The app calls the `show_*` methods on the UI thread; the screen itself does no work.
"""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from kiosk.app.plain_text import plain
from kiosk.app.widgets.camera_preview import CameraPreview
from kiosk.app.widgets.key_footer import KeyFooter
from kiosk.app.widgets.status_bar import StatusBar
from kiosk.app.widgets.trust_notice import TrustNotice
from kiosk.headline import headline
from kiosk.kiosk_status import KioskStatus
from kiosk.verification.model import VerificationReport
from kiosk.wording import VERDICT_CLASSES, verdict_label
from scanners.preview import CodeState, Preview

INSTRUCTION = "Hold the QR code up to the camera"
INSTRUCTION_NO_CAMERA = "Scan the QR code with the handheld scanner"
WAITING = "Waiting for a QR code…"
CHECKING = "Checking…"
STILL_CHECKING = "Still checking:"
NO_CAMERA = "The camera is not working. Use the handheld scanner, or ask a member of staff."
CAMERA_LOST = "Waiting for the camera to come back…"
KEYBOARD_READY = "Handheld scanner (keyboard mode): ready"
HINTS = {
    CodeState.NONE: "",
    CodeState.SEEN: "Code seen but not readable yet: hold it closer and keep it still",
    CodeState.READ: "Code read",
}
"""What the line under the preview says for each state of the code in view."""

SLOW_STEP_SECONDS = 0.5
"""A verification step taking longer than this is named on screen."""
TICK_SECONDS = 0.1


class ScanningScreen(Screen[None]):
    """Instruction, preview, sources, status and last verdict."""

    def __init__(
        self,
        source_line: str,
        *,
        preview: bool = True,
        pin_warning: bool = False,
        offline: bool = False,
        trust_notice: str | None = None,
    ) -> None:
        super().__init__(id="scanning")
        self._source_line = source_line
        self._preview_on = preview
        self._pin_warning = pin_warning
        self._offline = offline
        self._trust_notice = trust_notice
        self.scanning_off = False
        """True while the frame source cannot be opened (no camera)."""
        self.source_trouble = False
        """True while an open source has a problem (camera lost, reconnecting)."""
        self.checking = False
        """True while a verification is under way."""
        self._step = ""
        self._step_since = 0.0
        self._ticker: Timer | None = None
        self._preview: CameraPreview | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="scanning-body"):
            yield Static("Credential Kiosk", id="kiosk-title", markup=False)
            yield Static(INSTRUCTION, id="instruction", markup=False)
            if self._preview_on:
                self._preview = CameraPreview("Waiting for a picture…", id="preview")
                yield self._preview
                yield Static("", id="preview-hint", markup=False)
            yield Static(plain(self._source_line), id="source-line")
            yield Static(KEYBOARD_READY, id="scanner-line", markup=False)
            yield Static(WAITING, id="status-line", markup=False)
            yield Static("", id="last-verdict", markup=False)
            if self._trust_notice:
                yield TrustNotice(self._trust_notice)
        yield StatusBar(offline=self._offline, pin_warning=self._pin_warning, id="kiosk-status")
        yield KeyFooter()

    # ----- status: waiting / checking -----

    def show_status(self, text: str) -> None:
        """Replace the status line (text may name a verifier step, so it is kept plain)."""
        self.query_one("#status-line", Static).update(plain(text))

    def show_checking(self) -> None:
        """A code was received: say "Checking…" at once, in large friendly letters."""
        self.checking = True
        self._step = ""
        self._step_since = time.monotonic()
        self.query_one("#status-line", Static).add_class("-checking")
        self.show_status(CHECKING)
        if self._ticker is None:
            self._ticker = self.set_interval(TICK_SECONDS, self._tick)

    def show_step(self, label: str) -> None:
        """The verifier moved on to `label`; it is named if it takes more than a moment."""
        if not self.checking:
            self.show_checking()
        if label != self._step:
            self._step = label
            self._step_since = time.monotonic()
        self._tick()

    def _tick(self) -> None:
        if not self.checking:
            return
        slow = time.monotonic() - self._step_since >= SLOW_STEP_SECONDS
        self.show_status(f"{STILL_CHECKING} {self._step}…" if slow and self._step else CHECKING)

    def show_idle(self) -> None:
        """Nothing under way: waiting for a code, or saying what is wrong with the camera."""
        self.checking = False
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self.query_one("#status-line", Static).remove_class("-checking")
        if self.scanning_off:
            self.show_status(NO_CAMERA)
        elif self.source_trouble:
            self.show_status(CAMERA_LOST)
        else:
            self.show_status(WAITING)

    # ----- where codes come from -----

    def show_source_problem(self, text: str) -> None:
        """The frame source cannot be opened (no camera): say why, and what still works."""
        self._mark_source(text, problem=True)
        self.scanning_off = True
        self.query_one("#instruction", Static).update(INSTRUCTION_NO_CAMERA)
        self._show_preview_area(False)
        if not self.checking:
            self.show_idle()

    def show_source_trouble(self, text: str | None) -> None:
        """An open source lost its pictures (`text`), or has them back (None)."""
        self.source_trouble = text is not None
        if text is not None:
            self._mark_source(text, problem=True)
            self._preview_message("No picture: the camera is reconnecting…")
        else:
            self._mark_source(self._source_line, problem=False)
        if not self.checking:
            self.show_idle()

    def show_source_ok(self) -> None:
        """The source opened (perhaps after failing): back to the normal lines."""
        self.scanning_off = False
        self.source_trouble = False
        self._show_preview_area(True)
        self._mark_source(self._source_line, problem=False)
        self.query_one("#instruction", Static).update(INSTRUCTION)
        if not self.checking:
            self.show_idle()

    def show_scanner_line(self, text: str, *, problem: bool = False) -> None:
        """Say which handheld scanners work (kept plain: it may name a device path)."""
        line = self.query_one("#scanner-line", Static)
        line.update(plain(text))
        line.set_class(problem, "-problem")

    def _mark_source(self, text: str, *, problem: bool) -> None:
        line = self.query_one("#source-line", Static)
        line.update(plain(text))
        line.set_class(problem, "-problem")

    # ----- preview -----

    def show_preview(self, preview: Preview) -> None:
        """Show a new camera picture and the hint for the code in it."""
        if not self._preview_on or self.scanning_off:
            return
        previews, hints = self.query("#preview"), self.query("#preview-hint")
        if not previews or not hints:  # a picture that arrives while the app shuts down
            return
        previews.first(CameraPreview).show(preview)
        hint = hints.first(Static)
        hint.update(HINTS[preview.state])
        hint.set_class(preview.state is CodeState.SEEN, "-seen")
        hint.set_class(preview.state is CodeState.READ, "-read")

    def preview_cells(self) -> tuple[int, int] | None:
        """The preview's size in cells, or None when there is no preview.

        Called from the scanning thread: it reads one attribute, no DOM query.
        """
        if self._preview is None:
            return None
        cells = self._preview.cells
        return cells if cells[0] > 0 and cells[1] > 0 else None

    def _show_preview_area(self, shown: bool) -> None:
        """Without a camera there is nothing to preview: the area goes, the text moves up."""
        if self._preview is not None:
            self._preview.display = shown
            self.query_one("#preview-hint", Static).display = shown

    def _preview_message(self, text: str) -> None:
        if self._preview_on:
            self.query_one("#preview", CameraPreview).show_message(text)
            self.query_one("#preview-hint", Static).update("")

    # ----- the kiosk's own status -----

    def show_kiosk_status(self, status: KioskStatus) -> None:
        """Network, trust sources and sync age, gathered by the app's worker."""
        self.query_one(StatusBar).show(status)

    def show_pin_warning(self, shown: bool) -> None:
        """The demo-PIN warning (hidden once the operator sets a PIN)."""
        self.query_one(StatusBar).show_pin_warning(shown)

    # ----- last verdict -----

    def show_last_verdict(self, report: VerificationReport) -> None:
        """Put the last verdict in one line, coloured and worded by verdict."""
        line = self.query_one("#last-verdict", Static)
        line.update(plain(f"Last: {verdict_label(report.verdict)} — {headline(report)}"))
        line.remove_class(*VERDICT_CLASSES.values())
        line.add_class(VERDICT_CLASSES[report.verdict])
