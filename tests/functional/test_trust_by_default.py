"""Issue 12 finding 2 in the app: the demo issuer is trusted only for the bundled demo images,
and with no trust list configured the scanning screen says every issuer will be CHECK MANUALLY."""

from __future__ import annotations

import pytest

from kiosk.app.app import KioskApp
from kiosk.app.jobs import CAMERA, DEMO, SERIAL
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.settings import KioskSettings
from kiosk.verification import Verdict
from tests.helpers import DEMO_LISTS
from tests.unit.test_trust_by_default import DEMO as DEMO_CREDENTIALS
from tests.unit.test_trust_by_default import FORGED

from .doubles import NoFrames
from .screen_text import screen_text
from .waiting import wait_for_screen

pytestmark = pytest.mark.anyio
SIZE = (100, 40)
CAMERA_KIOSK = KioskSettings(camera_index=0, return_after_seconds=0, bell=False, offline=True)
DEMO_KIOSK = KioskSettings(return_after_seconds=0, bell=False, offline=True, serial_device="off")


async def _verdict(app: KioskApp, data: bytes, origin: str) -> Verdict:
    async with app.run_test(size=SIZE) as pilot:
        worker = app.submit_payload(data, origin)
        assert worker is not None
        await worker.wait()
        await wait_for_screen(pilot, VerdictScreen)
        screen = app.screen
        assert isinstance(screen, VerdictScreen)
        return screen.report.verdict


async def test_a_camera_kiosk_does_not_verify_a_code_signed_with_the_demo_key() -> None:
    assert await _verdict(KioskApp(CAMERA_KIOSK, NoFrames()), FORGED, CAMERA) is not (
        Verdict.VERIFIED
    )


async def test_a_scanner_in_demo_mode_does_not_get_the_demo_list() -> None:
    """Demo mode plays the bundled images; a handheld scanner's code is a real scan."""
    assert await _verdict(KioskApp(DEMO_KIOSK, NoFrames()), FORGED, SERIAL) is not (
        Verdict.VERIFIED
    )


async def test_the_demo_images_verify_in_demo_mode() -> None:
    valid = (DEMO_CREDENTIALS / "01-valid.json").read_bytes()
    assert await _verdict(KioskApp(DEMO_KIOSK, NoFrames()), valid, DEMO) is Verdict.VERIFIED


async def test_no_trust_list_is_said_plainly_on_the_scanning_screen() -> None:
    from kiosk.app.widgets.trust_notice import DEMO_TRUSTED, NO_TRUST_LIST, NO_TRUST_LIST_DEMO

    for settings, expected in (
        (CAMERA_KIOSK, NO_TRUST_LIST),
        (DEMO_KIOSK, NO_TRUST_LIST_DEMO),
        (KioskSettings(camera_index=0, demo=True), DEMO_TRUSTED),
    ):
        app = KioskApp(settings, NoFrames())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert " ".join(screen_text(app).split()).count(expected) == 1, expected


async def test_a_configured_trust_list_needs_no_notice() -> None:
    settings = KioskSettings(camera_index=0, trust_list_paths=DEMO_LISTS)
    app = KioskApp(settings, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "CHECK MANUALLY" not in screen_text(app)
        assert not app.screen.query("#trust-notice")
