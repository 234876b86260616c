"""Provides `VerdictScreen`: the verdict a receptionist cannot misread, then back to scanning.

Top to bottom: the banner (symbol + verdict word in block letters, on the verdict's colour,
with the headline reason), the credential's fields labelled by source, one line per check,
and a countdown. The screen dismisses itself after `return_after_seconds` (0 or less means
it stays until a key is pressed) or at once on Enter, Escape or Space.
"""

from __future__ import annotations

import math
import time
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from kiosk.app.widgets.check_list import CheckList
from kiosk.app.widgets.field_list import FieldList
from kiosk.app.widgets.verdict_banner import VerdictBanner
from kiosk.verification.model import VerificationReport
from kiosk.wording import VERDICT_CLASSES

TICK_SECONDS = 0.25
"""How often the countdown is redrawn."""


class VerdictScreen(Screen[None]):
    """One report, shown until the countdown ends or a key returns to scanning."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "back", "Back to scanning"),
        Binding("escape", "back", "Back to scanning", show=False),
        Binding("space", "back", "Back to scanning", show=False),
        Binding("d", "toggle_details", "Details"),
    ]

    def __init__(self, report: VerificationReport, *, return_after_seconds: float) -> None:
        super().__init__(classes=VERDICT_CLASSES[report.verdict])
        self.report = report
        self.return_after_seconds = return_after_seconds
        self._deadline: float | None = None
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        yield VerdictBanner(self.report.verdict, self.report.headline_reason, id="banner")
        with VerticalScroll(id="verdict-body", can_focus=False):
            yield Static("About this credential", classes="section-title", markup=False)
            yield FieldList(self.report.fields, id="fields")
            yield Static("Checks", classes="section-title", markup=False)
            yield CheckList(self.report.checks, id="checks")
        yield Static("", id="countdown", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.return_after_seconds > 0:
            self._deadline = time.monotonic() + self.return_after_seconds
            self.set_timer(self.return_after_seconds, self.action_back)
            self._ticker = self.set_interval(TICK_SECONDS, self._show_countdown)
        self._show_countdown()

    @property
    def seconds_left(self) -> int | None:
        """Whole seconds until the screen returns by itself, or None if it never does."""
        if self._deadline is None:
            return None
        return max(0, math.ceil(self._deadline - time.monotonic()))

    def _show_countdown(self) -> None:
        left = self.seconds_left
        if left is None:
            text = "Press Enter to return to scanning."
        else:
            text = f"Back to scanning in {left} s — press Enter to return now."
        self.query_one("#countdown", Static).update(text)

    def action_back(self) -> None:
        """Return to scanning (once: a key and the timer may both ask)."""
        if self._ticker is not None:
            self._ticker.stop()
        if self.is_active:
            self.dismiss()

    def action_toggle_details(self) -> None:
        """Show or hide the support details under each check."""
        self.toggle_class("-show-details")
