"""Pilot tests of handheld scanners in keyboard mode: bursts, typing, pastes, layout damage."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from kiosk.app import KioskApp
from kiosk.app.screens.history import HistoryScreen
from kiosk.app.screens.pin import PinScreen
from kiosk.app.screens.scan_again import NOT_A_VERDICT, ScanAgainScreen
from kiosk.app.screens.scanning import ScanningScreen
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.settings import KioskSettings
from kiosk.verification.model import Verdict
from scanners.wedge import typed_through
from tests.helpers import DEMO_LISTS

from . import reports
from .doubles import FakeVerify, NoFrames
from .keys import paste, scanner_burst, type_slowly
from .screen_text import screen_text
from .waiting import wait_for_screen

pytestmark = pytest.mark.anyio

SIZE = (100, 40)
DEMO = Path(__file__).resolve().parents[2] / "kiosk" / "demo" / "credentials"
VALID = (DEMO / "01-valid.json").read_text("utf-8").strip()
GARBAGE = (DEMO / "05-garbage.txt").read_text("utf-8").strip()
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
QUIET = KioskSettings(
    trust_list_paths=DEMO_LISTS, return_after_seconds=0, bell=False, serial_device="off"
)
REAL = KioskSettings(
    trust_list_paths=DEMO_LISTS,
    return_after_seconds=0,
    bell=False,
    serial_device="off",
    clock=lambda: NOW,
)


async def test_a_burst_is_one_scan_and_its_keys_do_nothing_else() -> None:
    source = NoFrames("demo images (5)")
    verify = FakeVerify(reports.verified())
    app = KioskApp(QUIET, source, verify=verify)
    payload = "https://wallet.example/n?h=o&q=1\tnext"  # n, h, o, q and Tab are all bound keys
    async with app.run_test(size=SIZE) as pilot:
        await scanner_burst(pilot, payload)
        await wait_for_screen(pilot, VerdictScreen)
        assert verify.payloads == [payload.encode()]
        assert source.advanced == 0, "N inside a scan is not 'next demo image'"
        assert not any(isinstance(s, PinScreen) for s in app.screen_stack)
        (entry,) = app.history.recent()
        assert entry.origin == "keyboard scanner"


async def test_a_real_credential_typed_by_a_scanner_verifies() -> None:
    app = KioskApp(REAL, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await scanner_burst(pilot, VALID)
        await wait_for_screen(pilot, VerdictScreen)
        screen = app.screen
        assert isinstance(screen, VerdictScreen)
        assert screen.report.verdict is Verdict.VERIFIED


async def test_the_garbage_demo_code_typed_by_a_scanner_is_not_a_credential() -> None:
    app = KioskApp(REAL, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await scanner_burst(pilot, GARBAGE)
        await wait_for_screen(pilot, VerdictScreen)
        screen = app.screen
        assert isinstance(screen, VerdictScreen)
        assert screen.report.verdict is Verdict.NOT_VERIFIED
        assert "does not hold a credential" in screen_text(app)
        assert "keyboard layout" not in screen_text(app)


@pytest.mark.parametrize(
    ("mangle", "cause"),
    [(str.swapcase, "Caps Lock"), (lambda text: typed_through(text, "de"), "German")],
    ids=["caps-lock", "german-layout"],
)
async def test_layout_damage_is_scan_again_not_a_verdict(mangle, cause) -> None:  # type: ignore[no-untyped-def]
    verify = FakeVerify(reports.verified())
    app = KioskApp(QUIET, NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        await scanner_burst(pilot, mangle(VALID))
        screen = await wait_for_screen(pilot, ScanAgainScreen)
        assert screen.problem.startswith("The scanner keyboard layout looks wrong")
        assert cause in screen.problem
        assert verify.payloads == [], "a mangled scan is not verified as if it were data"
        assert app.history.recent() == [], "nothing is recorded"
        text = screen_text(app)
        assert "The scanner keyboard layout looks wrong" in text
        assert NOT_A_VERDICT in text
        for word in ("NOT VERIFIED", "CHECK MANUALLY"):
            assert word not in text
        await pilot.press("enter")
        await wait_for_screen(pilot, ScanningScreen)
        assert "keyboard layout" not in screen_text(app), "no 'last verdict' line for it"


async def test_a_person_typing_still_uses_the_keys() -> None:
    app = KioskApp(QUIET, NoFrames(), verify=FakeVerify(reports.verified()))
    async with app.run_test(size=SIZE) as pilot:
        await type_slowly(pilot, "h")
        await wait_for_screen(pilot, PinScreen)


async def test_a_scan_on_the_pin_prompt_cancels_it_and_is_verified() -> None:
    verify = FakeVerify(reports.verified())
    app = KioskApp(QUIET, NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        await type_slowly(pilot, "o")
        await wait_for_screen(pilot, PinScreen)
        field = app.screen.query_one("#pin-input", Input)
        await scanner_burst(pilot, "1234567890123456")
        await wait_for_screen(pilot, VerdictScreen)
        assert verify.payloads == [b"1234567890123456"]
        assert field.value == "", "no digit reached the PIN field"
        assert not any(isinstance(s, PinScreen) for s in app.screen_stack)
        assert app.pin_guard.tries_left == 5, "a scan is not a wrong PIN"


async def test_a_paste_is_a_scan() -> None:
    verify = FakeVerify(reports.verified())
    app = KioskApp(QUIET, NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        await paste(pilot, VALID + "\n")
        await wait_for_screen(pilot, VerdictScreen)
        assert verify.payloads == [VALID.encode()]
        assert app.history.recent()[0].origin == "paste"


async def test_a_paste_into_a_text_field_stays_there() -> None:
    verify = FakeVerify(reports.verified())
    app = KioskApp(QUIET, NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        await type_slowly(pilot, "o")
        await wait_for_screen(pilot, PinScreen)
        await paste(pilot, "2468")
        assert app.screen.query_one("#pin-input", Input).value == "2468"
        assert verify.payloads == []


async def test_a_scan_without_enter_is_dropped_with_a_reason() -> None:
    verify = FakeVerify(reports.verified())
    app = KioskApp(QUIET, NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        await scanner_burst(pilot, "https://example.org/credential", suffix="")
        screen = await wait_for_screen(pilot, ScanAgainScreen)
        assert "without its Enter key" in screen.problem
        assert verify.payloads == []
        assert app.history.recent() == []


async def test_history_key_after_a_scan_still_works() -> None:
    app = KioskApp(QUIET, NoFrames(), verify=FakeVerify(reports.verified()))
    async with app.run_test(size=SIZE) as pilot:
        await scanner_burst(pilot, "https://example.org/credential")
        await wait_for_screen(pilot, VerdictScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, ScanningScreen)
        await type_slowly(pilot, "h")
        await wait_for_screen(pilot, PinScreen)
        await type_slowly(pilot, "2468", gap=0.06)  # a person's pace, not a scanner's
        await pilot.press("enter")
        await wait_for_screen(pilot, HistoryScreen)
