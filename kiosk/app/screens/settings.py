"""Provides `SettingsScreen`: the operator's settings, reached only with the operator PIN.

The operator changes how long a verdict stays, the sound, the camera preview, how long the
history is kept and the challenge and domain presentations must answer, and from here changes
the PIN, reads the history and the trust lists, exports the history, or quits the kiosk.
Saving posts `SettingsScreen.Saved`; the app writes them to kiosk.toml and applies them. The
buttons run app actions, so this screen holds no kiosk logic.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Static, Switch

from kiosk.app.plain_text import plain
from kiosk.app.widgets.key_footer import KeyFooter
from kiosk.settings import KioskSettings

SCREEN_FIELDS = (
    "return_after_seconds",
    "history_retention_days",
    "bell",
    "preview",
    "challenge",
    "domain",
)
"""The `KioskSettings` fields this screen changes (and the app writes to kiosk.toml)."""
MAX_RETURN_SECONDS = 600
MAX_RETENTION_DAYS = 3650
MAX_BINDING_CHARS = 200
"""The longest challenge or domain the form takes."""


class SettingsScreen(Screen[None]):
    """Operator settings and the operator's other doors (history, trust lists, PIN, quit)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back to scanning"),
        Binding("ctrl+s", "save", "Save"),
    ]

    class Saved(Message):
        """The operator saved new settings."""

        def __init__(self, settings: KioskSettings) -> None:
            super().__init__()
            self.settings = settings

    def __init__(self, settings: KioskSettings, facts: list[str]) -> None:
        """
        Args:
            settings: The settings in use.
            facts: Plain lines about the kiosk (PIN state, file locations, scanners).
        """
        super().__init__(id="settings")
        self.settings = settings
        self._facts = facts

    def compose(self) -> ComposeResult:
        yield Static("Operator settings", classes="screen-title", markup=False)
        with VerticalScroll(id="settings-body"):
            yield from _row(
                "Verdict stays on screen (seconds, 0 = until a key)",
                Input(
                    f"{self.settings.return_after_seconds:g}",
                    restrict=r"[0-9]*\.?[0-9]*",
                    max_length=6,
                    id="setting-return-after",
                ),
            )
            yield from _row(
                "Keep the history for (days, 0 = keep none)",
                Input(
                    str(self.settings.history_retention_days),
                    restrict=r"[0-9]*",
                    max_length=5,
                    id="setting-retention",
                ),
            )
            yield from _row(
                "Sound when a verdict appears", Switch(self.settings.bell, id="setting-bell")
            )
            yield from _row(
                "Camera preview (from the next start)",
                Switch(self.settings.preview, id="setting-preview"),
            )
            yield from _row(
                "Presentation challenge (blank = none)",
                _binding_input(self.settings.challenge, "setting-challenge"),
            )
            yield from _row(
                "Presentation domain (blank = none)",
                _binding_input(self.settings.domain, "setting-domain"),
            )
            yield Static("", id="settings-message", markup=False)
            with Horizontal(classes="button-row"):
                yield Button("Save", variant="primary", id="save", action="screen.save")
                yield Button("Change PIN", id="change-pin", action="app.change_pin")
                yield Button("History", id="history", action="app.open_history")
                yield Button("Trust lists", id="trust", action="app.open_trust")
                yield Button("Quit kiosk", variant="error", id="quit", action="app.quit_kiosk")
            for fact in self._facts:
                yield Static(plain(fact), classes="fact")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#setting-return-after", Input).focus()

    def read_form(self) -> KioskSettings | str:
        """The settings in the form, or a sentence saying what is wrong with them."""
        try:
            seconds = float(self.query_one("#setting-return-after", Input).value or "0")
            days = int(self.query_one("#setting-retention", Input).value or "0")
        except ValueError:
            return "Type numbers only."
        if not 0 <= seconds <= MAX_RETURN_SECONDS:
            return f"The verdict can stay at most {MAX_RETURN_SECONDS} seconds."
        if not 0 <= days <= MAX_RETENTION_DAYS:
            return f"The history can be kept at most {MAX_RETENTION_DAYS} days."
        return dataclasses.replace(
            self.settings,
            return_after_seconds=seconds,
            history_retention_days=days,
            bell=self.query_one("#setting-bell", Switch).value,
            preview=self.query_one("#setting-preview", Switch).value,
            challenge=self.query_one("#setting-challenge", Input).value.strip() or None,
            domain=self.query_one("#setting-domain", Input).value.strip() or None,
        )

    @on(Input.Submitted)
    def action_save(self) -> None:
        """Check the form and hand the settings to the app."""
        result = self.read_form()
        message = self.query_one("#settings-message", Static)
        if isinstance(result, str):
            message.update(result)
            message.add_class("-problem")
            return
        self.settings = result
        message.remove_class("-problem")
        message.update("Saving…")
        self.post_message(self.Saved(result))

    def show_saved(self, text: str, *, problem: bool = False) -> None:
        """Say whether saving worked."""
        message = self.query_one("#settings-message", Static)
        message.update(plain(text))
        message.set_class(problem, "-problem")


def _binding_input(value: str | None, id: str) -> Input:
    """A text field for a challenge or a domain (blank means none)."""
    return Input(value or "", max_length=MAX_BINDING_CHARS, id=id, classes="-wide")


def _row(label: str, control: Input | Switch) -> ComposeResult:
    with Horizontal(classes="setting-row"):
        yield Static(label, classes="setting-label", markup=False)
        with Vertical(classes="setting-control"):
            yield control
