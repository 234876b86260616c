"""Pilot: an SD-JWT VC's disclosed claims on the verdict screen, each with its name and source.

Claim names come from credentials and type metadata: the screen must show them as plain text,
even when two are the same or are not identifiers.
"""

from __future__ import annotations

import pytest

from kiosk.app import KioskApp
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.settings import KioskSettings
from kiosk.verification import verify_payload
from kiosk.verification.model import FieldSource, ShownField, ShownFields
from tests.unit.sd_jwt.builder import context, issue

from .doubles import NoFrames
from .screen_text import screen_text

pytestmark = pytest.mark.anyio


async def test_disclosed_claims_are_listed_with_their_names() -> None:
    report = verify_payload(issue().present().encode(), context())
    app = KioskApp(KioskSettings(return_after_seconds=0), NoFrames())
    async with app.run_test(size=(100, 60)) as pilot:
        await app.push_screen(VerdictScreen(report, return_after_seconds=0))
        await pilot.pause()
        text = screen_text(app)
        assert report.verdict.value == "VERIFIED"
        given = next(line for line in text.splitlines() if "given_name" in line)
        assert "Alex" in given
        assert any("address /" in line and "Utrecht" in line for line in text.splitlines())


async def test_repeated_and_odd_claim_names_do_not_break_the_screen() -> None:
    claim = ShownField("x", FieldSource.CLAIMED)
    fields = ShownFields(
        claims=(("Größe [b]1[/b]", claim), ("Größe [b]1[/b]", claim), ("1 2", claim))
    )
    report = verify_payload(issue().present().encode(), context())
    from dataclasses import replace

    app = KioskApp(KioskSettings(return_after_seconds=0), NoFrames())
    async with app.run_test(size=(100, 60)) as pilot:
        await app.push_screen(VerdictScreen(replace(report, fields=fields), return_after_seconds=0))
        await pilot.pause()
        assert screen_text(app).count("Größe [b]1[/b]") == 2
