"""Pilot tests of scanning: the source line, a missing camera, scans and submitted payloads."""

from __future__ import annotations

import importlib
import threading
import time

import numpy as np
import pytest
import segno
from numpy.typing import NDArray
from textual.pilot import Pilot
from textual.widgets import Static

from kiosk.app import KioskApp, make_app
from kiosk.app.screens.scanning import ScanningScreen
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.settings import KioskSettings
from kiosk.verification.model import Verdict

from . import reports
from .doubles import FakeVerify, FramesOf, NoFrames, Unopenable
from .screen_text import screen_text

pytestmark = pytest.mark.anyio

SIZE = (100, 40)


def _pipeline_imports() -> bool:
    try:
        importlib.import_module("kiosk.verification.pipeline")
    except ImportError:
        return False
    return True


def qr_image(data: bytes) -> NDArray[np.uint8]:
    """A clean black-on-white QR code as an 8-bit grey image."""
    matrix = np.array(segno.make_qr(data, error="m").matrix, dtype=bool)
    modules = np.pad(matrix, 4, constant_values=False)
    pixels = np.where(modules, 0, 255).astype(np.uint8)
    return np.kron(pixels, np.ones((8, 8), dtype=np.uint8))


async def wait_for_screen(
    pilot: Pilot[None], app: KioskApp, kind: type, seconds: float = 10
) -> None:
    deadline = time.monotonic() + seconds
    while not isinstance(app.screen, kind) and time.monotonic() < deadline:
        await pilot.pause(0.05)
    assert isinstance(app.screen, kind)
    await pilot.pause()


async def test_demo_source_is_named_with_its_key() -> None:
    source = NoFrames("demo images (5)")
    app = make_app(KioskSettings(), source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Hold the QR code up to the camera" in text
        assert "Demo mode: demo images (5) — press N for the next one" in text
        assert "Waiting for a QR code…" in text
        assert source.opened


async def test_n_shows_the_next_demo_image() -> None:
    source = NoFrames("demo images (5)")
    app = make_app(KioskSettings(), source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n")
        assert source.advanced == 2


async def test_missing_camera_shows_the_reason_and_stays_usable() -> None:
    source = Unopenable("No camera found: /dev/video0 does not exist.")
    settings = KioskSettings(camera_index=0, return_after_seconds=0)
    app = KioskApp(settings, source, verify=FakeVerify(reports.verified()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "No camera found: /dev/video0 does not exist." in text
        assert "No camera found: No camera" not in text
        assert "Demo mode" not in text
        line = app.screen.query_one("#source-line", Static)
        assert line.has_class("-problem")
        assert "Scanning is off." in text
        worker = app.submit_payload(b"payload")
        await worker.wait()
        await wait_for_screen(pilot, app, VerdictScreen)
        await pilot.press("space")
        await pilot.pause()
        text = screen_text(app)
        assert "Last: ✔ VERIFIED — Every check passed." in text
        assert "Scanning is off." in text


async def test_submitted_payload_is_verified_in_a_worker_and_steps_are_shown() -> None:
    verify = FakeVerify(reports.tampered(), steps=("reading the code", "checking the signature"))
    app = KioskApp(KioskSettings(return_after_seconds=0), NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        worker = app.submit_payload(b"some payload")
        assert worker.group == "verify"
        await worker.wait()
        await wait_for_screen(pilot, app, VerdictScreen)
        assert verify.payloads == [b"some payload"]
        assert app.screen.query_one("#verdict-word").word == "✘ NOT VERIFIED"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Last: ✘ NOT VERIFIED — The signature does not match" in text
        assert "Waiting for a QR code…" in text


async def test_a_newer_verdict_replaces_the_one_on_screen() -> None:
    verify = FakeVerify(reports.verified(), reports.untrusted_issuer())
    app = KioskApp(KioskSettings(return_after_seconds=0), NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        await app.submit_payload(b"first").wait()
        await wait_for_screen(pilot, app, VerdictScreen)
        await app.submit_payload(b"second").wait()
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, VerdictScreen)
        assert screen.report.verdict is Verdict.CHECK_MANUALLY
        assert len(app.screen_stack) == 2, "scanning underneath, one verdict on top"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScanningScreen)


async def test_the_status_line_names_the_step_under_way() -> None:
    gate = threading.Event()
    verify = FakeVerify(reports.verified(), steps=("checking the signature",), gate=gate)
    app = KioskApp(KioskSettings(return_after_seconds=0), NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        worker = app.submit_payload(b"payload")
        deadline = time.monotonic() + 5
        while "Checking the signature…" not in screen_text(app) and time.monotonic() < deadline:
            await pilot.pause(0.02)
        assert "Checking the signature…" in screen_text(app)
        assert isinstance(app.screen, ScanningScreen), "no verdict before the verifier is done"
        gate.set()
        await worker.wait()
        await wait_for_screen(pilot, app, VerdictScreen)


async def test_a_scanned_qr_code_is_verified() -> None:
    verify = FakeVerify(reports.verified())
    source = FramesOf([qr_image(b"hello kiosk")])
    app = KioskApp(KioskSettings(return_after_seconds=0), source, verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, app, VerdictScreen)
        await pilot.pause(0.3)
        assert verify.payloads == [b"hello kiosk"], "the same code in view is verified once"


async def test_a_verifier_crash_is_never_a_pass() -> None:
    def broken(data: bytes, on_step: object) -> object:
        raise RuntimeError("boom")

    app = KioskApp(KioskSettings(return_after_seconds=0), NoFrames(), verify=broken)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        app.submit_payload(b"x")
        await wait_for_screen(pilot, app, VerdictScreen)
        assert app.screen.report.verdict is Verdict.CHECK_MANUALLY  # type: ignore[attr-defined]


async def test_q_quits() -> None:
    app = KioskApp(KioskSettings(), NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.skipif(
    not _pipeline_imports(), reason="kiosk.verification.pipeline does not import yet"
)
async def test_submit_payload_runs_the_real_verifier() -> None:
    app = make_app(KioskSettings(return_after_seconds=0, offline=True), NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await app.submit_payload(b"this is not a credential").wait()
        await wait_for_screen(pilot, app, VerdictScreen)
        screen = app.screen
        assert isinstance(screen, VerdictScreen)
        assert screen.report.verdict is not Verdict.VERIFIED
        assert "QR payload" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScanningScreen)
