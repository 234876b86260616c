"""Provides waits for app tests: until a screen is shown or some text is on screen."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from .screen_text import screen_text


async def wait_for_screen(pilot: Pilot[Any], kind: type, seconds: float = 10) -> None:
    """Pause until the app's current screen is a `kind`."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind), seconds)
    assert isinstance(pilot.app.screen, kind), f"{kind.__name__} not shown: {pilot.app.screen}"
    await pilot.pause()


async def wait_for_text(pilot: Pilot[Any], text: str, seconds: float = 10) -> None:
    """Pause until `text` is on screen."""
    await wait_until(pilot, lambda: text in screen_text(pilot.app), seconds)
    assert text in screen_text(pilot.app), f"{text!r} not on screen"


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], seconds: float = 10) -> None:
    """Pause until `condition()` holds (or the time is up)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.02)
