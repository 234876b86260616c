"""Issue 16 on screen: the status line, and the verdict screen at 80x24 (one block size for
every verdict word, the checks reached with the keyboard)."""

from __future__ import annotations

import dataclasses

import pytest
from textual.widgets import Static

from kiosk.app import KioskApp
from kiosk.app.operator import OperatorStore
from kiosk.app.screens.pin import ChangePinScreen
from kiosk.app.screens.scanning import ScanningScreen
from kiosk.app.screens.settings import SettingsScreen
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.app.widgets.big_word import BigWord
from kiosk.settings import KioskSettings
from kiosk.verification.model import VerificationReport
from tests.helpers import DEMO_LISTS

from . import reports, statuses
from .doubles import NoFrames
from .screen_text import screen_text
from .test_operator import enter_pin, open_settings
from .waiting import wait_for_screen, wait_for_text, wait_until

pytestmark = pytest.mark.anyio

QUIET = KioskSettings(
    trust_list_paths=DEMO_LISTS, return_after_seconds=0, bell=False, serial_device="off"
)
SMALL = (80, 24)


async def test_the_status_line_says_online_trust_and_sync_age() -> None:
    app = KioskApp(QUIET, NoFrames(), status=statuses.status(synced_days_ago=2))
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: part(app, "#status-sync") != "")
        assert part(app, "#status-sync") == "Keys and lists synced 2 days ago"
        assert part(app, "#status-network") == "● Online"
        assert part(app, "#status-trust") == "Trust: 1 source, 1 issuer, updated 3 days ago"
        text = screen_text(app)
        assert "● Online" in text and "Trust: 1 source, 1 issuer," in text
        assert "q Quit (PIN)" in text


@pytest.mark.parametrize(
    ("days", "css_class"), [(2, "-fine"), (25, "-near"), (40, "-stale"), (None, "-stale")]
)
async def test_the_sync_age_is_coloured_by_class(days: float | None, css_class: str) -> None:
    settings = dataclasses.replace(QUIET, offline=True)
    app = KioskApp(settings, NoFrames(), status=statuses.status(offline=True, synced_days_ago=days))
    async with app.run_test(size=SMALL) as pilot:
        part = app.screen.query_one("#status-sync")
        await wait_until(pilot, lambda: part.has_class(css_class))
        assert "○ Offline" in screen_text(app)


async def test_the_real_status_reads_the_shipped_list_and_an_empty_cache(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = dataclasses.replace(QUIET, offline=True, cache_dir=tmp_path / "cache")
    app = KioskApp(settings, NoFrames())
    async with app.run_test(size=SMALL) as pilot:
        sync = "Nothing synced yet: run kiosk sync"
        await wait_until(pilot, lambda: part(app, "#status-sync") == sync, seconds=30)
        assert part(app, "#status-trust").startswith("Trust: 1 source, 1 issuer, updated ")


async def test_the_demo_pin_warning_goes_once_a_pin_is_set(tmp_path) -> None:  # type: ignore[no-untyped-def]
    camera = dataclasses.replace(QUIET, camera_index=0)
    store = OperatorStore(tmp_path / "operator.json")
    app = KioskApp(camera, NoFrames("camera 0"), operator=store, status=statuses.status())
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_text(pilot, "still the demo PIN")
        await open_settings(pilot)
        await pilot.click("#change-pin")
        await wait_for_screen(pilot, ChangePinScreen)
        await enter_pin(pilot, "3141")
        await enter_pin(pilot, "3141")
        await wait_for_screen(pilot, SettingsScreen)
        await wait_for_text(pilot, "The operator PIN was changed.")
        await pilot.press("escape")
        await wait_for_screen(pilot, ScanningScreen)
        await wait_until(pilot, lambda: "still the demo PIN" not in screen_text(app))
        assert not store.pin_is_default
        assert "still the demo PIN" not in screen_text(app)


def part(app: KioskApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).visual)


WORDS = (reports.verified, reports.tampered, reports.untrusted_issuer)


@pytest.mark.parametrize(("size", "rows"), [(SMALL, 3), ((100, 40), 5), ((160, 50), 5)])
async def test_every_verdict_word_has_the_same_block_size(size: tuple[int, int], rows: int) -> None:
    heights = []
    for build in WORDS:
        app = KioskApp(QUIET, NoFrames(), status=statuses.status())
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await app.push_screen(VerdictScreen(build(), return_after_seconds=0))
            screen = await wait_for_screen(pilot, VerdictScreen)
            word = screen.query_one("#verdict-word", BigWord)
            await wait_until(pilot, lambda: pilot.app.screen.query_one(BigWord).size.height > 0)
            heights.append(word.size.height)
            assert "█" in screen_text(app) or "▀" in screen_text(app)
    assert heights == [rows] * len(WORDS)


def last_check_line(report: VerificationReport) -> str:
    return report.checks[-1].reason.split(":")[0]


@pytest.mark.parametrize("keys", [("pagedown", "pagedown", "pagedown"), ("end",), ("down",) * 30])
async def test_the_checks_are_reached_with_the_keyboard_at_80x24(keys: tuple[str, ...]) -> None:
    report = reports.tampered()
    app = KioskApp(QUIET, NoFrames(), status=statuses.status())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await app.push_screen(VerdictScreen(report, return_after_seconds=0))
        screen = await wait_for_screen(pilot, VerdictScreen)
        assert "Trusted issuer" not in screen_text(app), "the last check starts off screen"
        for key in keys:
            await pilot.press(key)
        await wait_for_text(pilot, "Trusted issuer")
        assert isinstance(app.screen, VerdictScreen), "scrolling does not leave the verdict"
        await pilot.press("home")
        await wait_until(pilot, lambda: "About this credential" in screen_text(app))
        assert screen.is_active
