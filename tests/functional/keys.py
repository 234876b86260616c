"""Provides key-event helpers for app tests: a scanner's burst with made-up key times, a
person's slow typing, and a terminal paste — delivered as the terminal driver would."""

from __future__ import annotations

import time
from typing import Any

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

SCANNER_GAP = 0.003
"""Seconds between keys of a fast USB keyboard-wedge scanner."""


def key_event(char: str, at: float) -> events.Key:
    """The key event the terminal driver makes for `char`, stamped with time `at`."""
    if char == "\r":
        event = events.Key("enter", "\r")
    elif char == "\t":
        event = events.Key("tab", "\t")
    else:
        event = events.Key(char if char.isalnum() else _character_to_key(char), char)
    event.time = at
    return event


async def scanner_burst(
    pilot: Pilot[Any], text: str, *, gap: float = SCANNER_GAP, suffix: str = "\r"
) -> None:
    """Deliver `text` + `suffix` as a wedge scanner does: one key event per character."""
    app = pilot.app
    start = time.monotonic()
    for index, char in enumerate(text + suffix):
        app.post_message(key_event(char, start + index * gap))
    await pilot.pause()


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Deliver a bracketed paste from the terminal."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def type_slowly(pilot: Pilot[Any], keys: str, gap: float = 0.12) -> None:
    """Type like a person: one key, then a pause longer than the scan window."""
    for char in keys:
        await pilot.press(char if char.isalnum() else _character_to_key(char))
        await pilot.pause(gap)
