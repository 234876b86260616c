"""Provides `ScanAgainScreen`: the scan itself failed — not a verdict on any credential.

A code damaged on its way in (a keyboard-mode scanner typing through the wrong keyboard layout
or with Caps Lock on; a scan cut off before its end) says nothing about the credential, so it
gets no verdict word, no verdict colour and no history row: a neutral screen saying "scan
again", what went wrong and how to fix it. It returns to scanning after `return_after_seconds`
(0 or less: on a key) or at once on Enter, Escape or Space.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Static

from kiosk.app.plain_text import plain
from kiosk.app.widgets.big_word import BigWord
from kiosk.app.widgets.key_footer import KeyFooter
from kiosk.verification.model import Verdict
from kiosk.wording import verdict_label

TITLE = "SCAN AGAIN"
NOT_A_VERDICT = "This is not a verdict: the code was not checked, and nothing is recorded."


class ScanAgainScreen(Screen[None]):
    """What went wrong with the scan, and the fix."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "back", "Back to scanning"),
        Binding("escape", "back", "Back to scanning", show=False),
        Binding("space", "back", "Back to scanning", show=False),
    ]

    def __init__(self, problem: str, fix: str, *, return_after_seconds: float) -> None:
        """
        Args:
            problem: What went wrong with the scan (one plain sentence).
            fix: How to make the next scan work.
            return_after_seconds: When to go back to scanning by itself (0: on a key).
        """
        super().__init__(id="scan-again")
        self.problem = problem
        self.fix = fix
        self.return_after_seconds = return_after_seconds

    def compose(self) -> ComposeResult:
        with Vertical(id="scan-again-body"):
            with Center():
                yield BigWord(
                    TITLE,
                    same_size_as=[verdict_label(verdict) for verdict in Verdict],
                    id="scan-again-word",
                )
            yield Static(plain(self.problem), id="scan-again-problem")
            yield Static(plain(self.fix), id="scan-again-fix")
            yield Static(NOT_A_VERDICT, id="scan-again-note", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.return_after_seconds > 0:
            self.set_timer(self.return_after_seconds, self.action_back)

    def action_back(self) -> None:
        """Return to scanning (once: a key and the timer may both ask)."""
        if self.is_active:
            self.dismiss()
