"""SVG snapshots of the kiosk's screens at 100x40, one per verdict plus the scanning screen.

The verdict screens are built from hand-made reports (`reports.py`) with auto-return off, so
nothing ticks; the frame source yields no frames. Update with `pytest --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from kiosk.app import KioskApp
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.settings import KioskSettings
from kiosk.verification.model import VerificationReport

from . import reports
from .doubles import NoFrames

SIZE = (100, 40)

SnapCompare = Callable[..., bool]


def kiosk_app() -> KioskApp:
    return KioskApp(KioskSettings(return_after_seconds=0), NoFrames("demo images (5)"))


def showing(report: VerificationReport) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.push_screen(VerdictScreen(report, return_after_seconds=0))
        await pilot.pause()

    return run_before


def test_scanning_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(kiosk_app(), terminal_size=SIZE)


@pytest.mark.parametrize(
    "build",
    [reports.verified, reports.tampered, reports.untrusted_issuer],
    ids=["verified", "not-verified-tampered", "check-manually-untrusted-issuer"],
)
def test_verdict_screen(snap_compare: SnapCompare, build: Callable[[], VerificationReport]) -> None:
    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=showing(build()))
