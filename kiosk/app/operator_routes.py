"""Provides `OperatorRoutes`: the kiosk's operator doors, behind the operator PIN.

Q (or Ctrl+Q) quits, O opens the settings and H the history — each only after the PIN
(`PinScreen`); T shows the trust sources, read-only, to anyone. From the settings the operator
reaches the history, the trust lists, a PIN
change, the CSV export and "Quit kiosk" without typing the PIN again: those actions are allowed
only while an operator screen is open (`operator_unlocked`). Ctrl+C does not quit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from kiosk.app.operator import DEMO_PIN, OperatorStore, PinGuard, data_dir
from kiosk.app.screens.history import HistoryScreen
from kiosk.app.screens.pin import ChangePinScreen, PinScreen
from kiosk.app.screens.scanning import ScanningScreen
from kiosk.app.screens.settings import SCREEN_FIELDS, SettingsScreen
from kiosk.app.screens.trust import TrustScreen
from kiosk.config import ConfigError, default_config_path
from kiosk.config.writer import write_settings
from kiosk.history import HistoryLog
from kiosk.settings import KioskSettings

if TYPE_CHECKING:
    from kiosk.app.jobs import Verifier
    from scanners.frames import FrameSource

log = logging.getLogger(__name__)

OPERATOR_SCREENS = (SettingsScreen, HistoryScreen, TrustScreen)
"""Screens that are open only after the PIN."""
UNLOCKED_ACTIONS = frozenset(
    {"open_history", "open_trust", "change_pin", "quit_kiosk", "export_history"}
)
"""Actions allowed only while an operator screen is open."""


class OperatorRoutes(App[None]):
    """Operator actions for `KioskApp` (which provides the attributes declared here)."""

    settings: KioskSettings
    operator: OperatorStore
    history: HistoryLog
    verifier: Verifier
    source: FrameSource

    def __init__(self) -> None:
        super().__init__()
        self.pin_guard = PinGuard()
        """Wrong PINs in a row, across every PIN prompt."""

    @property
    def config_path(self) -> Path:
        """The kiosk.toml the settings screen writes."""
        return self.settings.config_file or default_config_path()

    @property
    def operator_unlocked(self) -> bool:
        """True while an operator screen is open (the PIN was given)."""
        return any(isinstance(screen, OPERATOR_SCREENS) for screen in self.screen_stack)

    def check_operator_action(self, action: str) -> bool:
        """Whether an operator action may run now."""
        return action not in UNLOCKED_ACTIONS or self.operator_unlocked

    def with_pin(self, then: Callable[[], object], purpose: str) -> None:
        """Run `then` once the operator PIN is given (at once if already unlocked)."""
        if self.operator_unlocked:
            then()
            return

        def done(right: bool | None) -> None:
            if right:
                then()

        self.push_screen(PinScreen(self.operator, self.pin_guard, purpose), callback=done)

    # ----- the receptionist's keys: each asks for the PIN -----

    def action_settings(self) -> None:
        """O: the operator settings."""
        self.with_pin(self._open_settings, "The operator PIN opens the settings.")

    def action_history(self) -> None:
        """H: the verification history."""
        self.with_pin(self.action_open_history, "The operator PIN opens the history.")

    async def action_quit(self) -> None:
        """Q, Ctrl+Q: quit the kiosk, with the operator PIN."""
        self.with_pin(self.exit, "The operator PIN quits the kiosk.")

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit a kiosk."""
        self.notify("Quitting needs the operator PIN: press Q.", markup=False)

    # ----- operator actions (after the PIN) -----

    def _open_settings(self) -> None:
        self.push_screen(SettingsScreen(self.settings, self._facts()))

    def action_open_history(self) -> None:
        """The history table."""
        self.push_screen(HistoryScreen(self.history))

    def action_open_trust(self) -> None:
        """The trust sources in use."""
        self.push_screen(TrustScreen(self.verifier.trust_registry, self.settings.clock))

    def action_show_trust(self) -> None:
        """T: the trust sources, read-only, without the PIN (anyone may see whom the kiosk
        trusts; only the operator changes it, outside the app)."""
        if not isinstance(self.screen, TrustScreen):
            self.push_screen(TrustScreen(self.verifier.trust_registry, self.settings.clock))

    def action_change_pin(self) -> None:
        """A new operator PIN."""

        def done(changed: bool | None) -> None:
            if changed:
                self.notify("The operator PIN was changed.", title="Operator", markup=False)
                for screen in self.screen_stack:
                    if isinstance(screen, ScanningScreen):
                        screen.show_pin_warning(False)
                if isinstance(self.screen, SettingsScreen):
                    self.screen.show_saved("The operator PIN was changed.")

        self.push_screen(ChangePinScreen(self.operator), callback=done)

    def action_quit_kiosk(self) -> None:
        """Quit (from the settings screen, already unlocked)."""
        self.exit()

    @work(thread=True, exclusive=True, group="export")
    def action_export_history(self) -> None:
        """Write the whole history as CSV into the exports folder."""
        moment = self.settings.clock().astimezone(UTC)
        target = data_dir(self.settings) / "exports" / f"history-{moment:%Y%m%d-%H%M%S}.csv"
        try:
            rows = self.history.export_csv(target)
        except OSError as error:
            log.exception("history export failed")
            self.call_from_thread(
                self.notify,
                f"The history could not be exported: {error.strerror or error}.",
                title="Export",
                severity="error",
                markup=False,
            )
            return
        self.call_from_thread(
            self.notify, f"{rows} rows exported to {target}", title="Export", markup=False
        )

    async def on_settings_screen_saved(self, message: SettingsScreen.Saved) -> None:
        """Apply and keep the settings the operator saved."""
        new = message.settings
        self.settings = new
        self.verifier.settings = new  # a new challenge or domain applies to the next scan
        screen = self.screen if isinstance(self.screen, SettingsScreen) else None
        try:
            await asyncio.to_thread(write_settings, self.config_path, new, SCREEN_FIELDS)
            days = new.history_retention_days
            removed = await asyncio.to_thread(self.history.set_retention, days)
        except ConfigError as error:
            if screen is not None:
                screen.show_saved(f"Not saved: {error}.", problem=True)
            return
        except OSError as error:
            if screen is not None:
                screen.show_saved(f"Not saved: {error.strerror or error}.", problem=True)
            return
        if screen is not None:
            note = f" {removed} old verifications were deleted." if removed else ""
            screen.show_saved(f"Saved.{note}")

    def _facts(self) -> list[str]:
        pin = (
            f"Operator PIN: the demo PIN ({DEMO_PIN}) still works. Set your own: Change PIN."
            if self.operator.pin_is_default
            else "Operator PIN: set (stored as a salted scrypt hash)."
        )
        where = self.operator.path or "kept in memory only"
        history = self.history.path or "kept in memory only"
        serial = self.settings.serial_device
        return [
            pin,
            f"Settings file: {self.config_path}",
            f"Operator file: {where}",
            f"History: {history}; exports go to {data_dir(self.settings) / 'exports'}",
            f"Frames: {self.source.description}",
            f"Handheld scanners: keyboard mode (a scan types its keys under "
            f"{self.settings.wedge_max_gap_ms:g} ms apart); USB serial: {serial}",
        ]
