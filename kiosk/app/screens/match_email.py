"""Provides `MatchEmailScreen`: staff type what the candidate gives (their email address) to
compare with the credential's recipient identifier ("binding at the desk").

Modal, typed by its result: the text typed (stripped, never empty) on Enter, None on Escape.
The comparison itself (`kiosk.verification.holder_match.match_recipient`) is the verdict
screen's job. A keyboard-mode scan arriving meanwhile never types into the field: the app
catches it, closes this dialog and verifies the scan (the candidate's code comes first).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

MAX_TYPED_CHARS = 320
"""The longest email address (RFC 3696 limits): nothing longer is worth comparing."""


class MatchEmailScreen(ModalScreen[str | None]):
    """ "Match the holder" — Enter to compare, Escape to cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, identity_types: tuple[str, ...] = ()) -> None:
        """
        Args:
            identity_types: The kinds of recipient identifier the credential carries
                (e.g. "emailAddress"), to say what to ask for.
        """
        super().__init__(classes="pin-screen")
        self._emails_only = all(kind == "emailAddress" for kind in identity_types)

    def compose(self) -> ComposeResult:
        asked = "email address" if self._emails_only else "email address or identifier"
        with Vertical(classes="dialog"):
            yield Static("Match the holder", classes="dialog-title", markup=False)
            yield Static(
                f"Ask the candidate for the {asked} the credential was issued to, and type it.",
                classes="dialog-text",
                markup=False,
            )
            yield Input(
                max_length=MAX_TYPED_CHARS,
                placeholder="name@example.org" if self._emails_only else "",
                id="match-input",
            )
            yield Static("Enter to compare · Escape to cancel", classes="dialog-hint", markup=False)

    @on(Input.Submitted, "#match-input")
    def _submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if typed:
            self.dismiss(typed)

    def action_cancel(self) -> None:
        self.dismiss(None)
