"""Pilot tests of binding at the desk: the photo-ID reminder, matching the candidate's email
with the credential's hashed recipient (M), and the challenge and domain in the settings."""

from __future__ import annotations

import dataclasses
import json
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input

from kiosk.app import KioskApp, make_app
from kiosk.app.screens.match_email import MatchEmailScreen
from kiosk.app.screens.scanning import ScanningScreen
from kiosk.app.screens.verdict import PHOTO_ID_LINE, VerdictScreen
from kiosk.config import effective_settings
from kiosk.settings import KioskSettings
from kiosk.verification.model import CheckId, CheckStatus, Verdict, VerificationReport
from tests.helpers import DEMO_LISTS

from . import reports
from .doubles import FakeVerify, NoFrames
from .keys import paste, scanner_burst, type_slowly
from .screen_text import screen_text
from .test_operator import open_settings
from .waiting import wait_for_screen, wait_for_text, wait_until

pytestmark = pytest.mark.anyio

SIZE = (100, 40)
QUIET = KioskSettings(
    trust_list_paths=DEMO_LISTS, return_after_seconds=0, bell=False, serial_device="off"
)
PEER_VP = Path(__file__).resolve().parents[1] / "fixtures" / "vectors" / "peer-generated"
PEER_CHALLENGE, PEER_DOMAIN = "kiosk-challenge-9879188af9d6bf02", "kiosk.example"


async def verdict_for(app: KioskApp, pilot, payload: bytes = b"code") -> VerdictScreen:  # type: ignore[no-untyped-def]
    app.submit_payload(payload)
    await wait_for_screen(pilot, VerdictScreen)
    screen = app.screen
    assert isinstance(screen, VerdictScreen)
    return screen


async def match(pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    await type_slowly(pilot, "m")
    await wait_for_screen(pilot, MatchEmailScreen)
    pilot.app.screen.query_one("#match-input", Input).value = typed
    await pilot.press("enter")
    await wait_for_screen(pilot, VerdictScreen)
    await pilot.pause()


def holder_status(report: VerificationReport) -> CheckStatus | None:
    check = report.check(CheckId.HOLDER)
    return None if check is None else check.status


async def test_the_match_key_is_offered_only_for_recipient_identifiers() -> None:
    verify = FakeVerify(reports.verified(), reports.issued_to_an_email())
    app = KioskApp(QUIET, NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        screen = await verdict_for(app, pilot)
        assert screen.report.recipient == ()
        assert PHOTO_ID_LINE in screen_text(app)
        assert "Match email" not in screen_text(app)
        await type_slowly(pilot, "m")
        assert app.screen is screen, "M does nothing without recipient identifiers"
        await verdict_for(app, pilot)
        await wait_for_text(pilot, "Match email")
        assert PHOTO_ID_LINE in screen_text(app)


async def test_no_photo_id_line_when_the_credential_is_rejected() -> None:
    app = KioskApp(QUIET, NoFrames(), verify=FakeVerify(reports.tampered()))
    async with app.run_test(size=SIZE) as pilot:
        await verdict_for(app, pilot)
        assert "Alex Candidate" in screen_text(app)
        assert PHOTO_ID_LINE not in screen_text(app)


async def test_a_matching_email_passes_the_holder_check_and_stays_verified() -> None:
    app = KioskApp(QUIET, NoFrames(), verify=FakeVerify(reports.issued_to_an_email()))
    async with app.run_test(size=SIZE) as pilot:
        screen = await verdict_for(app, pilot)
        await type_slowly(pilot, "m")
        await wait_for_screen(pilot, MatchEmailScreen)
        await type_slowly(pilot, "Alex@Example.EDU", gap=0.07)  # a person typing, any case
        await pilot.press("enter")
        await wait_for_screen(pilot, VerdictScreen)
        assert app.screen is screen
        assert screen.report.verdict is Verdict.VERIFIED
        assert holder_status(screen.report) is CheckStatus.PASSED
        await wait_for_text(pilot, "matches the credential's recipient")
        text = screen_text(app)
        assert PHOTO_ID_LINE in text
        assert "✔ passed    Holder" in text
        await wait_until(pilot, lambda: len(app.history.recent()) == 2)
        newest = app.history.recent()[0]
        assert (newest.verdict, newest.origin) == ("VERIFIED", "desk match")


async def test_a_wrong_email_is_not_verified_and_can_be_typed_again() -> None:
    app = KioskApp(QUIET, NoFrames(), verify=FakeVerify(reports.issued_to_an_email()))
    async with app.run_test(size=SIZE) as pilot:
        screen = await verdict_for(app, pilot)
        await match(pilot, "sam@example.edu")
        assert screen.report.verdict is Verdict.NOT_VERIFIED
        assert holder_status(screen.report) is CheckStatus.FAILED
        assert screen.has_class("-not-verified") and not screen.has_class("-verified")
        text = screen_text(app)
        assert "does not match the credential's recipient" in text
        assert "✘ failed    Holder" in text
        assert PHOTO_ID_LINE not in text
        assert "Match email" in text, "staff can type it again"
        await wait_until(pilot, lambda: len(app.history.recent()) == 2)
        newest = app.history.recent()[0]
        assert (newest.verdict, newest.origin) == ("NOT VERIFIED", "desk match")
        assert "Holder: failed" in newest.problems
        await match(pilot, reports.RECIPIENT_EMAIL)  # a typo corrected: matched afresh
        assert screen.report.verdict is Verdict.VERIFIED
        assert [c.status for c in screen.report.checks if c.check_id is CheckId.HOLDER] == [
            CheckStatus.PASSED
        ]


async def test_escape_keeps_the_report_and_the_countdown_starts_again() -> None:
    settings = dataclasses.replace(QUIET, return_after_seconds=60)
    app = KioskApp(settings, NoFrames(), verify=FakeVerify(reports.issued_to_an_email()))
    async with app.run_test(size=SIZE) as pilot:
        screen = await verdict_for(app, pilot)
        report = screen.report
        await type_slowly(pilot, "m")
        await wait_for_screen(pilot, MatchEmailScreen)
        assert screen.seconds_left is None, "the countdown waits while staff type"
        await pilot.press("escape")
        await wait_for_screen(pilot, VerdictScreen)
        assert screen.report is report
        left = screen.seconds_left
        assert left is not None and left > 50, "the countdown runs again, from the start"
        await match(pilot, reports.RECIPIENT_EMAIL)
        left = screen.seconds_left
        assert left is not None and left > 50


async def test_a_scan_while_matching_closes_the_dialog_and_is_verified() -> None:
    verify = FakeVerify(reports.issued_to_an_email(), reports.verified())
    app = KioskApp(QUIET, NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        first = await verdict_for(app, pilot)
        await type_slowly(pilot, "m")
        await wait_for_screen(pilot, MatchEmailScreen)
        field = app.screen.query_one("#match-input", Input)
        await scanner_burst(pilot, "1234567890123456")
        await wait_until(pilot, lambda: len(verify.payloads) == 2)
        await wait_until(pilot, lambda: isinstance(app.screen, VerdictScreen))
        assert app.screen is not first
        assert verify.payloads[1] == b"1234567890123456"
        assert field.value == "", "no character of the scan reached the email field"
        assert not any(isinstance(s, MatchEmailScreen) for s in app.screen_stack)
        assert sum(isinstance(s, VerdictScreen) for s in app.screen_stack) == 1
        assert holder_status(first.report) is None, "nothing was matched"


async def test_a_paste_into_the_email_field_stays_there() -> None:
    verify = FakeVerify(reports.issued_to_an_email())
    app = KioskApp(QUIET, NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        await verdict_for(app, pilot)
        await type_slowly(pilot, "m")
        await wait_for_screen(pilot, MatchEmailScreen)
        await paste(pilot, reports.RECIPIENT_EMAIL)
        assert app.screen.query_one("#match-input", Input).value == reports.RECIPIENT_EMAIL
        assert len(verify.payloads) == 1


async def test_challenge_and_domain_are_saved_and_used_for_the_next_presentation(
    private_dirs: Path,
) -> None:
    settings = dataclasses.replace(QUIET, offline=True, cache_dir=private_dirs / "cache")
    app = make_app(settings, NoFrames())
    vp = (PEER_VP / "vp-vc2-eddsa-rdfc-2022.json").read_text("utf-8")
    async with app.run_test(size=SIZE) as pilot:
        assert app.verifier.context().challenge is None
        screen = await open_settings(pilot)
        screen.query_one("#setting-challenge", Input).value = f"  {PEER_CHALLENGE} "
        screen.query_one("#setting-domain", Input).value = PEER_DOMAIN
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "Saved.")
        assert (app.settings.challenge, app.settings.domain) == (PEER_CHALLENGE, PEER_DOMAIN)
        context = app.verifier.context()
        assert (context.challenge, context.domain) == (PEER_CHALLENGE, PEER_DOMAIN)
        await pilot.press("escape")
        await wait_for_screen(pilot, ScanningScreen)
        await paste(pilot, json.dumps(json.loads(vp)))
        await wait_for_screen(pilot, VerdictScreen, seconds=30)
        verdict = app.screen
        assert isinstance(verdict, VerdictScreen)
        assert holder_status(verdict.report) is CheckStatus.PASSED, verdict.report.checks
        assert "signed this presentation for this kiosk" in screen_text(app)
    config = private_dirs / "config" / "credential-kiosk" / "kiosk.toml"
    stored = tomllib.loads(config.read_text())["verification"]
    assert (stored["challenge"], stored["domain"]) == (PEER_CHALLENGE, PEER_DOMAIN)
    again = effective_settings().settings
    assert (again.challenge, again.domain) == (PEER_CHALLENGE, PEER_DOMAIN)


async def test_a_blank_challenge_means_none() -> None:
    app = KioskApp(dataclasses.replace(QUIET, challenge="old", domain="old.example"), NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        assert screen.query_one("#setting-challenge", Input).value == "old"
        screen.query_one("#setting-challenge", Input).value = "   "
        screen.query_one("#setting-domain", Input).value = ""
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "Saved.")
        assert (app.settings.challenge, app.settings.domain) == (None, None)
        assert app.verifier.settings.challenge is None
