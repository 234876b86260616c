"""Pilot tests of the verdict screen: word and symbol per verdict, fields, return to scanning."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.content import Content
from textual.widgets import Static

from kiosk.app import KioskApp
from kiosk.app.screens.scanning import ScanningScreen
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.app.widgets.big_word import BigWord
from kiosk.app.widgets.sourced_value import SourcedValue
from kiosk.headline import headline
from kiosk.settings import KioskSettings
from kiosk.verification.model import VerificationReport
from tests.helpers import DEMO_LISTS

from . import reports
from .doubles import NoFrames
from .screen_text import screen_text
from .waiting import wait_for_screen, wait_for_text

pytestmark = pytest.mark.anyio

SIZE = (100, 40)


def make(return_after_seconds: float = 0) -> KioskApp:
    return KioskApp(
        KioskSettings(trust_list_paths=DEMO_LISTS, return_after_seconds=return_after_seconds),
        NoFrames(),
    )


async def show(app: KioskApp, report: VerificationReport) -> VerdictScreen:
    screen = VerdictScreen(report, return_after_seconds=app.settings.return_after_seconds)
    await app.push_screen(screen)
    return screen


@pytest.mark.parametrize(
    ("build", "word", "symbol", "css_class"),
    [
        (reports.verified, "VERIFIED", "✔", "-verified"),
        (reports.tampered, "NOT VERIFIED", "✘", "-not-verified"),
        (reports.untrusted_issuer, "CHECK MANUALLY", "?", "-check-manually"),
    ],
)
async def test_each_verdict_shows_its_word_symbol_and_colour_class(
    build: Callable[[], VerificationReport], word: str, symbol: str, css_class: str
) -> None:
    app = make()
    report = build()
    async with app.run_test(size=SIZE) as pilot:
        screen = await show(app, report)
        await pilot.pause()
        big = screen.query_one("#verdict-word", BigWord)
        assert big.word == f"{symbol} {word}"
        assert big.size.height == 5, "large block letters at 100x40"
        assert screen.query_one("VerdictBanner").has_class(css_class)
        assert "█" in screen_text(app)
        reason = screen.query_one("#verdict-reason", Static).visual
        assert str(reason) == headline(report)


async def test_narrow_terminal_falls_back_to_a_plain_word() -> None:
    app = make()
    async with app.run_test(size=(40, 30)) as pilot:
        screen = await show(app, reports.untrusted_issuer())
        await pilot.pause()
        assert "? CHECK MANUALLY" in screen_text(app)
        assert screen.query_one("#verdict-word", BigWord).size.height == 1


async def test_fields_say_where_each_value_comes_from() -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await show(app, reports.verified())
        await pilot.pause()
        text = screen_text(app)
        issuer_line = next(line for line in text.splitlines() if "Issuer " in line)
        assert "Northfield College (demo issuer)" in issuer_line
        assert "(trusted name)" in issuer_line
        until_line = next(line for line in text.splitlines() if "Valid until" in line)
        assert "2036-01-15 09:00 UTC" in until_line
        assert "claimed" not in text


async def test_missing_values_are_shown_as_a_dash() -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await show(app, reports.garbage())
        await pilot.pause()
        issuer_line = next(line for line in screen_text(app).splitlines() if "Issuer " in line)
        assert "—" in issuer_line


async def test_claimed_values_are_marked_as_claims() -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await show(app, reports.tampered())
        await pilot.pause()
        holder_line = next(line for line in screen_text(app).splitlines() if "Holder" in line)
        assert "Alex Candidate" in holder_line
        assert "claimed — not verified" in holder_line
        value = screen.query_one("#field-holder SourcedValue", SourcedValue)
        assert value.has_class("-claimed")
        value_style = value.get_visual_style("sourced-value--value", partial=True)
        assert value_style.italic, "a claim is never styled like a fact"
        assert not value_style.bold
        signed = await show(app, reports.verified())
        await pilot.pause()
        fact = signed.query_one("#field-holder SourcedValue", SourcedValue)
        assert fact.get_visual_style("sourced-value--value", partial=True).bold


async def test_checks_are_listed_in_words() -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await show(app, reports.tampered())
        await pilot.pause()
        lines = screen_text(app).splitlines()
        signature = next(line for line in lines if "Signature" in line)
        assert "✘ failed" in signature
        assert "credential was changed after" in signature
        trust = next(line for line in lines if "Trusted issuer" in line)
        assert "\N{EN DASH} not done" in trust
        payload = next(line for line in lines if "QR payload" in line)
        assert "✔ passed" in payload


async def test_markup_in_credential_text_is_shown_literally() -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = await show(app, reports.markup_in_values())
        await pilot.press("d")  # show details too
        await pilot.pause()
        holder = screen.query_one("#field-holder SourcedValue", SourcedValue)
        content = holder.render()
        assert isinstance(content, Content)
        shown = "[b red]FAKE[/] [31m"  # markup stays literal; the ESC is removed
        assert content.plain == f"{shown}  claimed — not verified"
        value_spans = [span for span in content.spans if span.start < len(shown)]
        assert [(span.start, span.end) for span in value_spans] == [(0, len(shown))], (
            "the only style on the value is the kiosk's own, over all of it"
        )
        text = screen_text(app)
        assert "[b red]FAKE[/] [31m" in text
        assert "[blink]Reason[/blink] [2J" in text
        assert "[i]detail[/i]" in text
        assert "\x1b" not in text


async def test_returns_to_scanning_by_itself() -> None:
    app = make(return_after_seconds=3)
    async with app.run_test(size=SIZE) as pilot:
        screen = await show(app, reports.verified())
        left = screen.seconds_left
        assert left is not None and 0 <= left <= 3, "counting down from the setting"
        assert "Back to scanning in" in str(screen.query_one("#countdown", Static).visual)
        await wait_for_screen(pilot, ScanningScreen, seconds=60)  # no key pressed


@pytest.mark.parametrize("key", ["enter", "escape", "space"])
async def test_a_key_returns_at_once(key: str) -> None:
    app = make(return_after_seconds=60)
    async with app.run_test(size=SIZE) as pilot:
        await show(app, reports.verified())
        await wait_for_text(pilot, "Back to scanning in")
        await pilot.press(key)
        await wait_for_screen(pilot, ScanningScreen)


async def test_zero_means_it_stays_until_a_key() -> None:
    app = make(return_after_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await show(app, reports.verified())
        await pilot.pause(0.3)
        assert isinstance(app.screen, VerdictScreen)
        assert "Press Enter to return to scanning." in screen_text(app)
