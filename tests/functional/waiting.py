"""Provides waits for app tests: until a screen is shown or some text is on screen."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from textual.pilot import Pilot

from .screen_text import screen_text

S = TypeVar("S")


async def wait_for_screen(pilot: Pilot[Any], kind: type[S], seconds: float = 10) -> S:
    """Pause until the app's current screen is a `kind`; returns it."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind), seconds)
    screen = pilot.app.screen
    assert isinstance(screen, kind), f"{kind.__name__} not shown: {screen}"
    await pilot.pause()
    return screen


async def wait_for_text(pilot: Pilot[Any], text: str, seconds: float = 10) -> None:
    """Pause until `text` is on screen."""
    await wait_until(pilot, lambda: text in screen_text(pilot.app), seconds)
    assert text in screen_text(pilot.app), f"{text!r} not on screen"


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], seconds: float = 10) -> None:
    """Pause until `condition()` holds (or the time is up)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.02)
