"""Pilot tests of scanning: the source line, no camera, camera lost, the preview, scans, and
the "checking…" state that names a slow step."""

from __future__ import annotations

import dataclasses
import importlib
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import segno
from numpy.typing import NDArray
from textual.widgets import Static

from kiosk.app import KioskApp, make_app
from kiosk.app import jobs as app_jobs
from kiosk.app.jobs import CAMERA, DEMO
from kiosk.app.screens import scanning as scanning_module
from kiosk.app.screens.scanning import ScanningScreen
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.app.widgets.camera_preview import CameraPreview
from kiosk.settings import KioskSettings
from kiosk.verification.model import Verdict
from scanners.preview import CodeState
from tests.helpers import DEMO_LISTS

from . import reports
from .doubles import FailsThenOpens, FakeVerify, FramesOf, NoFrames, Troubled, Unopenable
from .screen_text import screen_text
from .waiting import wait_for_screen, wait_for_text, wait_until

pytestmark = pytest.mark.anyio

SIZE = (100, 40)
QUIET = KioskSettings(
    trust_list_paths=DEMO_LISTS, return_after_seconds=0, bell=False, serial_device="off"
)


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


async def test_demo_source_is_named_with_its_key() -> None:
    source = NoFrames("demo images (5)")
    app = make_app(KioskSettings(serial_device="off"), source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Hold the QR code up to the camera" in text
        assert "Demo mode: demo images (5) — press N for the next one" in text
        assert "Waiting for a QR code…" in text
        assert "Handheld scanner (keyboard mode): ready" in text
        assert "demo PIN" not in text, "no PIN warning in demo mode"
        assert source.opened


async def test_n_shows_the_next_demo_image() -> None:
    source = NoFrames("demo images (5)")
    app = make_app(KioskSettings(serial_device="off"), source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause(0.15)  # a lone key is held back a moment (it might start a scan)
        await pilot.press("n")
        await wait_until(pilot, lambda: source.advanced == 2)
        assert source.advanced == 2


async def test_missing_camera_says_why_and_what_still_works() -> None:
    source = Unopenable("No camera found: /dev/video0 does not exist.")
    settings = KioskSettings(
        trust_list_paths=DEMO_LISTS, camera_index=0, return_after_seconds=0, bell=False
    )
    app = KioskApp(settings, source, verify=FakeVerify(reports.verified()))
    async with app.run_test(size=SIZE) as pilot:
        for expected in (
            "No camera found: /dev/video0 does not exist.",
            "Scan the QR code with the handheld scanner",
            "The camera is not working. Use the handheld scanner",
            "The operator PIN is still the demo PIN",
        ):
            await wait_for_text(pilot, expected)  # each line arrives in its own update
        text = screen_text(app)
        assert "No camera found: No camera" not in text
        assert "Demo mode" not in text
        assert app.screen.query_one("#source-line", Static).has_class("-problem")
        worker = app.submit_payload(b"payload")
        assert worker is not None
        await worker.wait()
        await wait_for_screen(pilot, VerdictScreen)
        await pilot.press("space")
        await wait_for_text(pilot, "Last: ✔ VERIFIED — Every check passed.")
        assert "The camera is not working." in screen_text(app)


async def test_a_camera_plugged_in_later_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_jobs, "RETRY_SECONDS", 0.05)
    source = FailsThenOpens("No camera found: /dev/video0 does not exist.")
    app = KioskApp(KioskSettings(trust_list_paths=DEMO_LISTS, camera_index=0, bell=False), source)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "No camera found")
        source.plugged.set()
        await wait_for_text(pilot, "Camera: camera 0")
        text = screen_text(app)
        assert "Hold the QR code up to the camera" in text
        assert not app.screen.query_one("#source-line", Static).has_class("-problem")


async def test_a_lost_camera_is_said_and_its_return_noticed() -> None:
    source = Troubled([np.full((72, 128), 200, dtype=np.uint8)])
    app = KioskApp(KioskSettings(trust_list_paths=DEMO_LISTS, camera_index=0, bell=False), source)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Camera: camera 0")
        source.problem = "Camera 0 stopped sending pictures; trying to reconnect…"
        await wait_for_text(pilot, "Camera 0 stopped sending pictures; trying to reconnect…")
        assert "Waiting for the camera to come back…" in screen_text(app)
        assert app.screen.query_one("#source-line", Static).has_class("-problem")
        source.problem = None
        await wait_for_text(pilot, "Camera: camera 0")
        assert "Waiting for a QR code…" in screen_text(app)
        assert [n.message for n in app._notifications] == ["The camera is back."]


async def test_the_preview_shows_the_picture_and_a_box_round_the_code() -> None:
    frame = np.full((360, 640), 230, dtype=np.uint8)
    code = qr_image(b"https://example.org/c/1")
    frame[40 : 40 + code.shape[0], 200 : 200 + code.shape[1]] = code
    gate = threading.Event()  # the verdict waits: the scanning screen stays in view
    verify = FakeVerify(reports.verified(), gate=gate)
    app = KioskApp(QUIET, FramesOf([frame]), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        preview = app.screen.query_one("#preview", CameraPreview)
        await wait_until(pilot, lambda: preview.preview is not None)
        assert preview.preview is not None
        assert preview.preview.state is CodeState.READ
        assert preview.preview.box is not None
        cols, rows = preview.preview.cells
        assert cols <= preview.size.width and rows <= preview.size.height
        await wait_for_text(pilot, "Code read")
        await wait_until(pilot, lambda: "▀" in screen_text(app))
        assert "▀" in screen_text(app)
        gate.set()
        await wait_for_screen(pilot, VerdictScreen)  # not torn down while the verdict arrives


async def test_without_preview_setting_there_is_no_preview() -> None:
    settings = KioskSettings(
        trust_list_paths=DEMO_LISTS, preview=False, bell=False, serial_device="off"
    )
    app = KioskApp(settings, NoFrames())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query("#preview")


async def test_submitted_payload_is_verified_in_a_worker() -> None:
    verify = FakeVerify(reports.tampered(), steps=("reading the code", "checking the signature"))
    app = KioskApp(QUIET, NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        worker = app.submit_payload(b"some payload")
        assert worker is not None and worker.group == "verify"
        await worker.wait()
        await wait_for_screen(pilot, VerdictScreen)
        assert verify.payloads == [b"some payload"]
        assert app.screen.query_one("#verdict-word").word == "✘ NOT VERIFIED"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Last: ✘ NOT VERIFIED — Not genuine: the signature does not match" in text
        assert "Waiting for a QR code…" in text


async def test_a_newer_verdict_replaces_the_one_on_screen() -> None:
    verify = FakeVerify(reports.verified(), reports.untrusted_issuer())
    app = KioskApp(QUIET, NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        await app.submit_payload(b"first").wait()  # type: ignore[union-attr]
        await wait_for_screen(pilot, VerdictScreen)
        await app.submit_payload(b"second").wait()  # type: ignore[union-attr]
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, VerdictScreen)
        assert screen.report.verdict is Verdict.CHECK_MANUALLY
        assert len(app.screen_stack) == 2, "scanning underneath, one verdict on top"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScanningScreen)


async def test_checking_is_shown_at_once_and_a_slow_step_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(scanning_module, "SLOW_STEP_SECONDS", 0.3)
    gate = threading.Event()
    verify = FakeVerify(reports.verified(), steps=("asking the blockchain explorers",), gate=gate)
    app = KioskApp(QUIET, NoFrames(), verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        worker = app.submit_payload(b"payload")
        started = time.monotonic()
        await wait_for_text(pilot, "Checking…")
        await wait_for_text(pilot, "Still checking: asking the blockchain explorers…")
        assert time.monotonic() - started >= 0.2, "a step is named only when it is slow"
        assert isinstance(app.screen, ScanningScreen), "no verdict before the verifier is done"
        assert app.screen.query_one("#status-line", Static).has_class("-checking")
        gate.set()
        assert worker is not None
        await worker.wait()
        await wait_for_screen(pilot, VerdictScreen)


async def test_a_scanned_qr_code_is_verified_once() -> None:
    verify = FakeVerify(reports.verified())
    source = FramesOf([qr_image(b"hello kiosk")])
    app = KioskApp(QUIET, source, verify=verify)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, VerdictScreen)
        await pilot.pause(0.3)
        assert verify.payloads == [b"hello kiosk"], "the same code in view is verified once"


async def test_a_verifier_crash_is_never_a_pass() -> None:
    def broken(data: bytes, on_step: object) -> object:
        raise RuntimeError("boom")

    app = KioskApp(QUIET, NoFrames(), verify=broken)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        app.submit_payload(b"x")
        await wait_for_screen(pilot, VerdictScreen)
        assert app.screen.report.verdict is Verdict.CHECK_MANUALLY  # type: ignore[attr-defined]


async def test_each_verdict_is_recorded_in_the_history() -> None:
    app = KioskApp(QUIET, NoFrames(), verify=FakeVerify(reports.tampered()))
    async with app.run_test(size=SIZE) as pilot:
        await app.submit_payload(b"x", origin="keyboard scanner").wait()  # type: ignore[union-attr]
        await wait_for_screen(pilot, VerdictScreen)
        (entry,) = app.history.recent()
        assert entry.verdict == "NOT VERIFIED"
        assert entry.holder_initials == "A. C."
        assert entry.origin == "keyboard scanner"


async def test_the_bell_rings_once_for_verified_and_twice_otherwise() -> None:
    settings = KioskSettings(
        trust_list_paths=DEMO_LISTS, return_after_seconds=0, bell=True, serial_device="off"
    )
    rings: list[float] = []
    for report, expected in ((reports.verified(), 1), (reports.tampered(), 2)):
        rings.clear()
        app = KioskApp(settings, NoFrames(), verify=FakeVerify(report))
        app.bell = lambda: rings.append(time.monotonic())  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            app.submit_payload(b"x")
            await wait_for_screen(pilot, VerdictScreen)
            await pilot.pause(0.5)
        assert len(rings) == expected


@pytest.mark.skipif(
    not _pipeline_imports(), reason="kiosk.verification.pipeline does not import yet"
)
async def test_submit_payload_runs_the_real_verifier() -> None:
    app = make_app(
        KioskSettings(
            trust_list_paths=DEMO_LISTS, return_after_seconds=0, offline=True, bell=False
        ),
        NoFrames(),
    )
    async with app.run_test(size=SIZE) as pilot:
        await app.submit_payload(b"this is not a credential").wait()  # type: ignore[union-attr]
        await wait_for_screen(pilot, VerdictScreen)
        screen = app.screen
        assert isinstance(screen, VerdictScreen)
        assert screen.report.verdict is not Verdict.VERIFIED
        assert "QR payload" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScanningScreen)


async def test_demo_scans_never_reach_the_history_database(private_dirs: Path) -> None:
    database = private_dirs / "data" / "credential-kiosk" / "history.sqlite3"
    demo = make_app(QUIET, NoFrames("demo images (5)"))
    assert demo.history.path is None, "demo mode keeps its history in memory only"
    demo._verify = FakeVerify(reports.tampered())
    async with demo.run_test(size=SIZE) as pilot:
        await demo.submit_payload(b"x", origin=DEMO).wait()  # type: ignore[union-attr]
        await wait_for_screen(pilot, VerdictScreen)
    assert not database.exists()
    camera = make_app(dataclasses.replace(QUIET, camera_index=0), NoFrames("camera 0"))
    assert camera.history.path == database
    camera._verify = FakeVerify(reports.tampered())
    async with camera.run_test(size=SIZE) as pilot:
        await camera.submit_payload(b"x", origin=DEMO).wait()  # type: ignore[union-attr]
        await camera.submit_payload(b"y", origin=CAMERA).wait()  # type: ignore[union-attr]
        await wait_for_screen(pilot, VerdictScreen)
    assert [entry.origin for entry in camera.history.recent()] == [CAMERA]
