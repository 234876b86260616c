"""The app past the verification deadline: its worker process is stopped, the verdict is
CHECK MANUALLY "took too long to check", the screen returns to scanning and the next scan is
verified (issue 12, finding 4)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.app import make_app
from kiosk.app.jobs import IsolatedVerifier, Verifier
from kiosk.app.screens.scanning import ScanningScreen
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.settings import KioskSettings
from tests.large_payloads import empty_subjects

from .doubles import NoFrames
from .screen_text import screen_text
from .waiting import wait_for_screen, wait_for_text, wait_until

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]
DEMO_VALID = (ROOT / "kiosk/demo/credentials/01-valid.json").read_bytes()
SLOW_START = 60.0
"""Seconds to wait for a state on a busy machine (the first worker also starts a forkserver)."""


async def test_a_scan_past_the_deadline_is_check_manually_and_the_next_scan_verifies(
    demo_settings: KioskSettings,
) -> None:
    settings = dataclasses.replace(demo_settings, offline=True, verification_deadline_seconds=0.2)
    expected = Verifier(settings)(DEMO_VALID, lambda _step: None)
    app = make_app(settings, NoFrames())
    assert isinstance(app.verifier, IsolatedVerifier)
    async with app.run_test(size=(100, 34)) as pilot:
        app.submit_payload(empty_subjects())
        await wait_for_screen(pilot, VerdictScreen, SLOW_START)
        await wait_for_text(pilot, "took too long to check")
        assert app.screen.query_one("#verdict-word").word == "? CHECK MANUALLY"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for_screen(pilot, ScanningScreen)
        assert "Waiting for a QR code…" in screen_text(app)
        app.submit_payload(DEMO_VALID)
        await wait_until(pilot, lambda: isinstance(app.screen, VerdictScreen), SLOW_START)
        await wait_for_screen(pilot, VerdictScreen)
        word = app.screen.query_one("#verdict-word").word  # type: ignore[attr-defined]
        assert expected.verdict.value.replace("_", " ") in word
        assert expected.headline_reason in screen_text(app)
