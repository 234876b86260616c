"""Provides `KeyboardScanner`: keyboard-wedge scans and pastes caught at the app level.

A handheld scanner in keyboard mode types its code as key events, which Textual would send to
whatever has focus (and Tab would move focus, "n" would show the next demo image, "h" would
open the history…). The app hands every key to `handle` *before* bindings and widgets see it.
The timing rule lives in `scanners.wedge.WedgeBuffer`; this module only applies its answers:

* held keys are replayed, in order, as fresh key events when they turn out to be typing;
* keys of a scan are stopped, so nothing on screen acts on them;
* a finished scan goes to `on_scan`, a dropped one to `on_dropped` (with the reason).

One timer at a time serves the buffer's deadline (a 3 KB burst does not make 3,000 timers).
A paste (bracketed paste from the terminal) is a scan too, unless a text field has focus.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.timer import Timer
from textual.widgets import Input

from scanners.wedge import HOLD_SECONDS, WedgeAction, WedgeBuffer, WedgeStep

Dispatch = Callable[[events.Key], Awaitable[None]]
"""Delivers a key as if it had just been typed (the app's normal key handling)."""

MIN_TIMER_SECONDS = 0.001
"""The shortest wait the scanner's timer is set for (a deadline already past fires after it)."""
MAX_PASTE_CHARS = 256 * 1024
"""A paste longer than this is not a code (the kiosk's payload limit)."""


class KeyboardScanner:
    """Tells scans from typing at the app level; see the module docstring."""

    def __init__(
        self,
        app: App[Any],
        dispatch: Dispatch,
        on_scan: Callable[[str, bool], None],
        on_dropped: Callable[[str], None],
        *,
        max_median_gap: float = 0.030,
    ) -> None:
        """
        Args:
            app: Where timers run and what has focus.
            dispatch: Delivers a replayed key normally.
            on_scan: Receives a finished scan's text, and True for a keyboard scan (False for
                a paste).
            on_dropped: Receives the reason a scan was dropped.
            max_median_gap: Seconds; keys closer than this (median) are a scan.
        """
        self._app = app
        self._dispatch = dispatch
        self._on_scan = on_scan
        self._on_dropped = on_dropped
        self._buffer: WedgeBuffer[events.Key] = WedgeBuffer(
            max_median_gap=max_median_gap, hold_seconds=max(HOLD_SECONDS, 2 * max_median_gap)
        )
        self._timer: Timer | None = None
        self._last_key_time = 0.0
        """`event.time` of the last key handled (when it arrived)."""
        self._last_handled = 0.0
        """`time.monotonic()` when the last key was handled. Silence is measured from here: a
        busy kiosk may handle queued keys late, and a backlog is not silence."""

    @property
    def scanning(self) -> bool:
        """True while a scan is arriving."""
        return self._buffer.scanning

    async def handle_key(self, event: events.Key) -> bool:
        """Take a key before anything else sees it; True if it was taken (do not dispatch)."""
        at = event.time
        self._last_key_time, self._last_handled = at, time.monotonic()
        if event.key == "enter":
            action = self._buffer.enter(at)
        elif event.is_printable and event.character and len(event.character) == 1:
            action = self._buffer.key(event.character, at, event)
        else:
            action = self._buffer.other_key(event.character, at)
        taken = await self._apply(action)
        if taken:
            event.stop()
            event.prevent_default()
        return taken

    def handle_paste(self, event: events.Paste) -> bool:
        """A paste is a scan unless a text field has focus; True if it was taken."""
        if isinstance(self._app.focused, Input):
            return False
        text = event.text.strip("\r\n")
        if not text:
            return False
        event.stop()
        if len(text) > MAX_PASTE_CHARS:
            self._on_dropped(f"The pasted text is longer than {MAX_PASTE_CHARS} characters.")
        else:
            self._on_scan(text, False)
        return True

    async def _apply(self, action: WedgeAction[events.Key]) -> bool:
        for held in action.release:
            await self._dispatch(events.Key(held.key, held.character))
        step = action.step
        if step is WedgeStep.SCAN:
            self._on_scan(action.text, True)
        elif step is WedgeStep.DROPPED:
            self._on_dropped(action.reason)
        elif step in (WedgeStep.HOLD, WedgeStep.SWALLOW):
            self._arm()
        return step is not WedgeStep.PASS

    def _arm(self) -> None:
        deadline = self._buffer.deadline
        if self._timer is not None or deadline is None:
            return
        waited = time.monotonic() - self._last_handled
        self._timer = self._app.set_timer(
            # never 0: a Textual timer of interval 0 that starts late divides by zero
            max(MIN_TIMER_SECONDS, deadline - self._last_key_time - waited),
            self._on_timer,
            name="keyboard-scanner",
        )

    async def _on_timer(self) -> None:
        self._timer = None
        # Translate "now" into the keys' own clock, counting only time since the last key was
        # handled, so keys still waiting in the queue never count as silence.
        now = self._last_key_time + (time.monotonic() - self._last_handled)
        action = self._buffer.timeout(now)
        if action is None:
            self._arm()  # more keys came: wait for the new deadline
            return
        await self._apply(action)
