"""Pilot tests of kiosk mode: the operator PIN, settings, PIN change, history, export, trust."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Switch

from kiosk.app import KioskApp, make_app
from kiosk.app.operator import DEMO_PIN, OperatorStore
from kiosk.app.screens.history import HistoryScreen
from kiosk.app.screens.pin import ChangePinScreen, PinScreen
from kiosk.app.screens.scanning import ScanningScreen
from kiosk.app.screens.settings import SettingsScreen
from kiosk.app.screens.trust import TrustScreen
from kiosk.config import Flag, effective_settings
from kiosk.settings import KioskSettings
from kiosk.verification.model import FieldSource, ShownField
from tests.helpers import DEMO_LISTS

from . import reports
from .doubles import FakeVerify, NoFrames
from .keys import type_slowly
from .screen_text import screen_text
from .waiting import wait_for_screen, wait_for_text, wait_until

pytestmark = pytest.mark.anyio

SIZE = (100, 40)
QUIET = KioskSettings(
    trust_list_paths=DEMO_LISTS, return_after_seconds=0, bell=False, serial_device="off"
)


async def enter_pin(pilot, pin: str) -> None:  # type: ignore[no-untyped-def]
    # At a person's pace: keys faster than a scanner's threshold would be taken for a scan.
    await type_slowly(pilot, pin, gap=0.06)
    await pilot.press("enter")
    await pilot.pause(0.3)  # the PIN is checked in a thread (scrypt)


async def open_settings(pilot, pin: str = DEMO_PIN) -> SettingsScreen:  # type: ignore[no-untyped-def]
    await type_slowly(pilot, "o")
    await wait_for_screen(pilot, PinScreen)
    await enter_pin(pilot, pin)
    await wait_for_screen(pilot, SettingsScreen)
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def test_q_asks_for_the_pin_and_a_wrong_one_does_not_quit() -> None:
    app = KioskApp(QUIET, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await type_slowly(pilot, "q")
        await wait_for_screen(pilot, PinScreen)
        assert "The operator PIN quits the kiosk." in screen_text(app)
        await enter_pin(pilot, "1111")
        await wait_for_text(pilot, "Wrong PIN. 4 tries left.")
        assert app.is_running
        await pilot.press("escape")
        await wait_for_screen(pilot, ScanningScreen)
        await type_slowly(pilot, "q")
        await wait_for_screen(pilot, PinScreen)
        await enter_pin(pilot, DEMO_PIN)
        await wait_until(pilot, lambda: not app.is_running)
        assert not app.is_running


async def test_ctrl_q_and_ctrl_c_do_not_quit_without_the_pin() -> None:
    app = KioskApp(QUIET, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause(0.2)
        assert app.is_running
        assert "Quitting needs the operator PIN" in next(iter(app._notifications)).message
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, PinScreen)
        assert app.is_running


async def test_five_wrong_pins_lock_the_prompt() -> None:
    app = KioskApp(QUIET, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await type_slowly(pilot, "o")
        await wait_for_screen(pilot, PinScreen)
        for _ in range(5):
            await enter_pin(pilot, "9999")
        await wait_for_text(pilot, "Too many wrong PINs. Try again in")
        await enter_pin(pilot, DEMO_PIN)
        assert isinstance(app.screen, PinScreen), "even the right PIN waits out the lock"


async def test_settings_are_saved_to_kiosk_toml_and_used_next_time(private_dirs: Path) -> None:
    config = private_dirs / "config" / "credential-kiosk" / "kiosk.toml"
    config.parent.mkdir(parents=True)
    config.write_text("# Front desk kiosk\n[screen]\nbell = false  # quiet lobby\n")
    config.chmod(0o640)
    app = make_app(effective_settings().settings, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#setting-return-after", Input).value = "20"
        screen.query_one("#setting-retention", Input).value = "30"
        screen.query_one("#setting-bell", Switch).value = True
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "Saved.")
        assert app.settings.return_after_seconds == 20
        assert app.history.retention_days == 30
    text = config.read_text()
    assert text.startswith("# Front desk kiosk\n"), "the administrator's comment is kept"
    assert config.stat().st_mode & 0o777 == 0o640, "the file keeps its mode"
    operator_file = private_dirs / "config" / "credential-kiosk" / "operator.json"
    assert not operator_file.exists(), "settings no longer go to the operator file"
    again = effective_settings().settings
    assert again.return_after_seconds == 20
    assert again.history_retention_days == 30
    assert again.bell is True
    explicit = effective_settings(flags={"return_after_seconds": Flag("--return-after", 5.0)})
    assert explicit.settings.return_after_seconds == 5, "the command line wins"


async def test_bad_numbers_are_refused_in_words() -> None:
    app = KioskApp(QUIET, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#setting-return-after", Input).value = "9999"
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "The verdict can stay at most 600 seconds.")
        assert app.settings.return_after_seconds == 0


async def test_the_pin_can_be_changed_and_only_its_hash_is_kept(private_dirs: Path) -> None:
    app = make_app(QUIET, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await pilot.click("#change-pin")
        await wait_for_screen(pilot, ChangePinScreen)
        await enter_pin(pilot, "3141")
        await enter_pin(pilot, "3141")
        await wait_for_screen(pilot, SettingsScreen)
        await wait_for_text(pilot, "The operator PIN was changed.")
    text = (private_dirs / "config" / "credential-kiosk" / "operator.json").read_text()
    assert "3141" not in text
    store = OperatorStore(private_dirs / "config" / "credential-kiosk" / "operator.json")
    assert store.check_pin("3141")
    assert not store.check_pin(DEMO_PIN)
    again = make_app(QUIET, NoFrames())
    async with again.run_test(size=SIZE) as pilot:
        await open_settings(pilot, "3141")


async def test_a_new_pin_must_be_typed_twice_the_same() -> None:
    app = KioskApp(QUIET, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await pilot.click("#change-pin")
        await wait_for_screen(pilot, ChangePinScreen)
        app.screen.query_one("#new-pin", Input).value = "5555"
        app.screen.query_one("#repeat-pin", Input).value = "5555"
        await app.screen._submitted()  # type: ignore[attr-defined]
        await wait_for_text(pilot, "Choose a PIN that is not one digit repeated.")
        app.screen.query_one("#new-pin", Input).value = "1357"
        app.screen.query_one("#repeat-pin", Input).value = "1358"
        await app.screen._submitted()  # type: ignore[attr-defined]
        await wait_for_text(pilot, "The two PINs differ.")
        assert app.operator.pin_is_default


async def test_the_history_shows_initials_and_exports_csv(private_dirs: Path) -> None:
    app = KioskApp(QUIET, NoFrames(), verify=FakeVerify(reports.tampered()))
    async with app.run_test(size=SIZE) as pilot:
        await app.submit_payload(b"x").wait()  # type: ignore[union-attr]
        await pilot.press("escape")
        await type_slowly(pilot, "h")
        await wait_for_screen(pilot, PinScreen)
        await enter_pin(pilot, DEMO_PIN)
        await wait_for_screen(pilot, HistoryScreen)
        await wait_for_text(pilot, "1 verification (kept for 90 days)")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        text = screen_text(app)
        assert "A. C." in text
        assert "Alex Candidate" not in text
        assert "NOT VERIFIED" in text
        await type_slowly(pilot, "e")
        await wait_until(pilot, lambda: bool(app._notifications))
        message = next(iter(app._notifications)).message
        assert message.startswith("1 rows exported to ")
    (exported,) = (private_dirs / "data" / "credential-kiosk" / "exports").glob("history-*.csv")
    with exported.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert rows[0]["holder_initials"] == "A. C."
    assert rows[0]["verdict"] == "NOT VERIFIED"


async def test_history_cells_are_plain_text() -> None:
    base = reports.markup_in_values()
    hostile = dataclasses.replace(
        base,
        fields=dataclasses.replace(
            base.fields, issuer=ShownField("[b red]FAKE[/] Uni", FieldSource.CLAIMED)
        ),
    )
    app = KioskApp(QUIET, NoFrames(), verify=FakeVerify(hostile))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.submit_payload(b"x").wait()  # type: ignore[union-attr]
        await pilot.press("escape")
        await type_slowly(pilot, "h")
        await enter_pin(pilot, DEMO_PIN)
        await wait_for_screen(pilot, HistoryScreen)
        await wait_until(pilot, lambda: app.screen.query_one(DataTable).row_count == 1)
        await pilot.pause()
        text = screen_text(app)
        assert "[b red]FAKE[/] Uni" in text, "markup from a credential is shown literally"
        assert "\x1b" not in text


async def test_the_trust_screen_lists_the_demo_issuer() -> None:
    app = KioskApp(QUIET, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await pilot.click("#trust")
        await wait_for_screen(pilot, TrustScreen)
        await wait_for_text(pilot, "Northfield College (demo issuer)")
        assert "id: did:key:z6Mk" in screen_text(app)


async def test_scans_wait_while_the_operator_screens_are_open() -> None:
    verify = FakeVerify(reports.verified())
    app = KioskApp(QUIET, NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        assert app.submit_payload(b"x") is None
        assert verify.payloads == []
        await pilot.click("#quit")
        await wait_until(pilot, lambda: not app.is_running)


async def test_operator_actions_need_the_pin() -> None:
    app = KioskApp(QUIET, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for action in ("quit_kiosk", "open_history", "open_trust", "change_pin"):
            assert not app.check_action(action, ())
        await app.run_action("quit_kiosk")
        await pilot.pause()
        assert app.is_running


def test_the_serial_scanner_is_chosen_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    import scanners.serial_scanner as serial_module
    from kiosk.app.app import serial_scanner_for

    assert serial_scanner_for(KioskSettings(serial_device="off")) is None
    monkeypatch.setattr(serial_module, "find_serial_scanners", lambda: [])
    assert serial_scanner_for(KioskSettings(serial_device="auto")) is None
    monkeypatch.setattr(serial_module, "find_serial_scanners", lambda: [Path("/dev/ttyACM3")])
    chosen = serial_scanner_for(KioskSettings())
    assert chosen is not None and chosen.device == Path("/dev/ttyACM3")
    named = serial_scanner_for(KioskSettings(serial_device="/dev/serial/by-id/x"))
    assert named is not None and named.device == Path("/dev/serial/by-id/x")


async def test_t_shows_the_trust_sources_without_the_pin() -> None:
    app = KioskApp(QUIET, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, ScanningScreen)
        await type_slowly(pilot, "t")
        await wait_for_screen(pilot, TrustScreen)
        await wait_for_text(pilot, "Northfield College (demo issuer)")
        assert not isinstance(app.screen, PinScreen)
        assert (
            app.screen.query(Input) is not None and len(app.screen.query(Input)) == 0
        )  # read-only
        await pilot.press("escape")
        await wait_for_screen(pilot, ScanningScreen)


async def test_the_trust_screen_shows_each_source_its_state_and_freshness() -> None:
    from .trust_sources import NOW, three_sources

    app = KioskApp(QUIET, NoFrames())
    async with app.run_test(size=(120, 60)) as pilot:
        await app.push_screen(TrustScreen(three_sources, lambda: NOW))
        await wait_for_text(pilot, "3. DCC Member Registry — OpenID Federation")
        text = screen_text(app)
        assert "1. Northfield fleet list — signed list" in text
        assert "Loaded — 1 issuer" in text and "signed by did:key:z6MkPublisher" in text
        assert "expires in 2 days: refresh it (kiosk sync)" in text
        assert "saved copy as of 2026-11-12 12:00 UTC" in text
        assert "test only: its matches give CHECK MANUALLY" in text
        assert "Could not be checked: the kiosk is offline and has no saved copy" in text
        assert "legal name: Northfield College of Arts Ltd" in text
