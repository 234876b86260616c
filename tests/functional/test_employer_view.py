"""The employer's view in the app (issue 15): achievement details, endorsements and a CLR
pathway on the verdict screen (scrolling with the keyboard under the banner), and a candidate
session against a role, as Pilot tests and SVG snapshots at 100x40 (and 80x24 for scrolling)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from kiosk.app import KioskApp
from kiosk.app.screens.session import SessionScreen
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.settings import KioskSettings
from kiosk.verification.model import VerificationReport

from . import employer_reports as reports
from .doubles import FakeVerify, NoFrames
from .screen_text import screen_text
from .waiting import wait_for_screen, wait_for_text, wait_until

SIZE = (100, 40)
SETTINGS = KioskSettings(
    return_after_seconds=0,
    bell=False,
    serial_device="off",
    clock=lambda: reports.CHECKED_AT,
)
SnapCompare = Callable[..., bool]


def app_for(*scans: VerificationReport) -> KioskApp:
    return KioskApp(SETTINGS, NoFrames("demo images (5)"), verify=FakeVerify(*scans))


def verdict_of(report: VerificationReport) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.app.push_screen(VerdictScreen(report, return_after_seconds=0))
        await wait_for_text(pilot, "Checks")

    return run_before


def test_achievement_details_and_endorsements_snapshot(snap_compare: SnapCompare) -> None:
    report = reports.badge_with_endorsements()
    assert snap_compare(app_for(), terminal_size=(100, 70), run_before=verdict_of(report))


def test_clr_pathway_snapshot(snap_compare: SnapCompare) -> None:
    report = reports.pathway_record()
    assert snap_compare(app_for(), terminal_size=(100, 60), run_before=verdict_of(report))


@pytest.mark.anyio
async def test_details_endorsements_and_pathway_are_shown() -> None:
    app = app_for()
    async with app.run_test(size=(120, 90)) as pilot:
        await app.push_screen(
            VerdictScreen(reports.badge_with_endorsements(), return_after_seconds=0)
        )
        await wait_for_text(pilot, "Endorsements")
        text = " ".join(screen_text(app).split())
        for expected in (
            "What the achievement says",
            "Criteria: Passed a written exam and a supervised kitchen assessment.",
            "Aligned to: food hygiene rules (ESCO · ceasn:Competency)",
            "http://data.europa.eu/esco/skill/791fa659-3382-49f8-a8dd-505226d0da48 (not fetched)",
            "Result — Written exam: 87",
            "https://evidence.example/portfolio/alex/kitchen-assessment (not fetched)",
            "✔ VERIFIED",
            "✘ NOT VERIFIED",
            "Signed by Catering Guild — trusted name",
        ):
            assert expected in text
        assert app.screen.query_one("#achievement-image").region.height == 2
        await app.push_screen(VerdictScreen(reports.pathway_record(), return_after_seconds=0))
        await wait_for_text(pilot, "Pathway")
        lines = screen_text(app).splitlines()
        tree = [line for line in lines if "Professional Cookery" in line or "─ " in line]
        assert any("├─ Food Hygiene Level 2" in line for line in tree)
        assert any("└─ Knife Skills" in line for line in tree)
        assert any("then: Knife Skills" in line for line in tree)


@pytest.mark.anyio
async def test_a_tampered_credential_shows_no_details() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(VerdictScreen(reports.tampered_scqf6(), return_after_seconds=0))
        await wait_for_text(pilot, "not shown: the credential is NOT VERIFIED")
        text = screen_text(app)
        assert "SCQF" not in text and "Aligned to" not in text


@pytest.mark.anyio
async def test_verdict_body_scrolls_with_the_keyboard_at_80x24() -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(
            VerdictScreen(reports.badge_with_endorsements(), return_after_seconds=0)
        )
        await wait_for_text(pilot, "About this credential")
        body = app.screen.query_one("#verdict-body", VerticalScroll)
        assert body.max_scroll_y > 0
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: body.scroll_y > 0)
        assert body.scroll_y > 0
        banner = app.screen.query_one("#banner")
        assert banner.region.y == 1 and banner.region.height > 0  # the verdict stays on top
        assert "Every check passed." in screen_text(app)  # its reason too
        assert "About this credential" not in screen_text(app)  # the body moved under it


def write_role(private_dirs: Path) -> None:
    folder = private_dirs / "config" / "credential-kiosk" / "roles"
    folder.mkdir(parents=True)
    (folder / "commis-chef.toml").write_text(reports.ROLE_TOML)


async def build_session(pilot: Pilot[Any], scans: int) -> None:
    await pilot.pause()
    await pilot.press("c")
    await wait_for_screen(pilot, SessionScreen)
    app = pilot.app
    assert isinstance(app, KioskApp)
    for _ in range(scans):
        app.submit_payload(b"code")
        await wait_for_screen(pilot, VerdictScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, SessionScreen)
    await pilot.pause()


SESSION_SCANS = (
    reports.hygiene(),
    reports.untrusted_knife_skills(holder="Alexandra Candidate"),
    reports.tampered_scqf6(),
)


def test_candidate_session_snapshot(snap_compare: SnapCompare, private_dirs: Path) -> None:
    write_role(private_dirs)

    async def run_before(pilot: Pilot[Any]) -> None:
        await build_session(pilot, len(SESSION_SCANS))

    assert snap_compare(app_for(*SESSION_SCANS), terminal_size=SIZE, run_before=run_before)


@pytest.mark.anyio
async def test_candidate_session_against_a_role(private_dirs: Path) -> None:
    write_role(private_dirs)
    app = app_for(*SESSION_SCANS)
    async with app.run_test(size=SIZE) as pilot:
        await build_session(pilot, len(SESSION_SCANS))
        text = screen_text(app)
        assert "Role: Commis Chef" in text
        assert "3 credential(s)" in text
        assert "The credentials name different holders" in text
        rows = [" ".join(line.split()) for line in text.splitlines()]
        assert "MET Food hygiene rules" in rows
        assert "UNCONFIRMED Knife skills" in rows
        assert "MISSING A cookery qualification at SCQF level 6" in rows
        await pilot.press("r")  # next role: none
        await wait_for_text(pilot, "Role: none chosen")
        await pilot.press("e")  # end: the screen is cleared and the session forgotten
        await wait_until(pilot, lambda: not isinstance(app.screen, SessionScreen))
        assert app.candidate_session is None
        assert "Food hygiene rules" not in screen_text(app)
        assert len(app.history.recent()) == 3  # the history keeps its usual record


@pytest.mark.anyio
async def test_session_report_holds_what_the_session_showed(private_dirs: Path) -> None:
    """P writes the printable report; its text (pdftotext) is compared with the screen."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    write_role(private_dirs)
    app = app_for(*SESSION_SCANS)
    async with app.run_test(size=SIZE) as pilot:
        await build_session(pilot, len(SESSION_SCANS))
        shown = [" ".join(line.split()) for line in screen_text(app).splitlines()]
        await pilot.press("p")
        folder = private_dirs / "data" / "credential-kiosk" / "reports"
        await wait_until(pilot, lambda: any(folder.glob("*.pdf")), seconds=30)
        (pdf,) = folder.glob("*.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Role: Commis Chef" in flat and "Checked: 2026-11-24 09:30 UTC" in flat
    assert "The credentials name different holders" in flat
    for row in shown:  # each requirement and credential row of the screen is in the report
        for status in ("MET ", "UNCONFIRMED ", "MISSING "):
            if row.startswith(status):
                assert f"{status.strip()}: {row[len(status) :]}" in flat
        for verdict in ("✔ VERIFIED ", "? CHECK MANUALLY ", "✘ NOT VERIFIED "):
            if row.startswith(verdict):
                name = row[len(verdict) :].split(" — ")[0]
                assert f"{verdict[2:].strip()} {name}" in flat
    # details of the NOT VERIFIED credential are neither on screen nor in the report
    assert "SCQF · 6" not in flat


@pytest.mark.anyio
async def test_a_role_given_with_run_role_is_offered_first(private_dirs: Path) -> None:
    import dataclasses

    role = private_dirs / "given.toml"
    role.write_text(reports.ROLE_TOML.replace("Commis Chef", "Line Cook"))
    write_role(private_dirs)
    settings = dataclasses.replace(SETTINGS, role_paths=(role,))
    app = KioskApp(settings, NoFrames("demo images (5)"), verify=FakeVerify(reports.hygiene()))
    async with app.run_test(size=SIZE) as pilot:
        await build_session(pilot, 0)
        assert "Role: Line Cook" in screen_text(app)
        await pilot.press("r")
        await wait_for_text(pilot, "Role: Commis Chef")


def test_run_role_option_reaches_the_settings(tmp_path: Path) -> None:
    from kiosk.cli import build_parser, settings_from

    args = build_parser().parse_args(["run", "--role", str(tmp_path / "a.toml")])
    assert settings_from(args).role_paths == (tmp_path / "a.toml",)
