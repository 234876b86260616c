"""SVG snapshots of every kiosk screen and state at 100x40, and the small screen at 80x24.

Scanning (demo, preview with a read code, a code seen but unreadable, checking with a slow step
named, no camera, camera lost, a serial scanner unplugged), each verdict (and the details,
a paste of a code that holds no credential, a genuine but expired credential), "scan again"
after a keyboard-scanner burst with layout damage, a verdict whose recipient can be matched at
the desk and its email dialog, the PIN prompt, the operator settings, a PIN change, the history
and the trust lists. At 80x24: the status line (online, offline fresh, near the maximum cache
age, stale), the three verdict words at one size, the checks reached with PageDown and End.
The status line's facts are fixed (`statuses`), and every picture waits for them.

Verdicts come from real or hand-made reports with auto-return off, so nothing ticks; frame
sources yield no frames unless a picture is posted. Update with `pytest --snapshot-update` and
read the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from kiosk.app import KioskApp
from kiosk.app.messages import PreviewReady, SerialStatus, SourceProblem
from kiosk.app.operator import OperatorStore
from kiosk.app.screens import scanning as scanning_module
from kiosk.app.screens.history import HistoryScreen
from kiosk.app.screens.match_email import MatchEmailScreen
from kiosk.app.screens.pin import ChangePinScreen, PinScreen
from kiosk.app.screens.scan_again import ScanAgainScreen
from kiosk.app.screens.scanning import ScanningScreen
from kiosk.app.screens.settings import SettingsScreen
from kiosk.app.screens.trust import TrustScreen
from kiosk.app.screens.verdict import VerdictScreen
from kiosk.history import HistoryLog
from kiosk.settings import KioskSettings
from kiosk.verification.model import VerificationReport
from scanners import decode_image_file
from scanners.image_files import read_image_file
from scanners.preview import CodeState, make_preview
from scanners.wedge import typed_through
from tests.helpers import DEMO_LISTS

from . import reports, statuses
from .doubles import NoFrames, Unopenable
from .keys import paste, scanner_burst
from .screen_text import screen_text
from .waiting import wait_for_screen, wait_until

SIZE = (100, 40)
ROOT = Path(__file__).resolve().parents[2]
DEMO_QR = ROOT / "kiosk" / "demo" / "qr" / "01-valid.png"
DEMO = ROOT / "kiosk" / "demo" / "credentials"
CHECKED_AT = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
SETTINGS = KioskSettings(
    trust_list_paths=DEMO_LISTS,
    return_after_seconds=0,
    bell=False,
    serial_device="off",
    config_dir=Path("/etc/credential-kiosk"),
    config_file=Path("/etc/credential-kiosk/kiosk.toml"),
    data_dir=Path("/var/lib/credential-kiosk"),
    clock=lambda: CHECKED_AT,
)

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


def kiosk_app(settings: KioskSettings = SETTINGS, source: Any = None, **kwargs: Any) -> KioskApp:
    kwargs.setdefault("status", statuses.status(offline=settings.offline))
    return KioskApp(settings, source or NoFrames("demo images (5)"), **kwargs)


async def status_shown(pilot: Pilot[Any]) -> None:
    """Wait until the status worker's facts are on the status line."""
    await wait_until(pilot, lambda: "Loading trust lists" not in screen_text(pilot.app))
    await pilot.pause()


@pytest.fixture
def snap_compare(snap_compare: SnapCompare) -> SnapCompare:
    """Every picture first waits for the status line's facts (a worker gathers them)."""

    def compare(app: Any, *, run_before: RunBefore | None = None, **options: Any) -> bool:
        async def before(pilot: Pilot[Any]) -> None:
            await status_shown(pilot)
            if run_before is not None:
                await run_before(pilot)

        return snap_compare(app, run_before=before, **options)

    return compare


def camera_settings() -> KioskSettings:
    import dataclasses

    return dataclasses.replace(SETTINGS, camera_index=0)


def showing(report: VerificationReport, details: bool = False) -> RunBefore:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.app.push_screen(VerdictScreen(report, return_after_seconds=0))
        if details:
            await pilot.press("d")
        await pilot.pause()

    return run_before


def demo_preview(state: CodeState, cells: tuple[int, int]) -> Any:
    """The demo QR image on a grey desk, as the camera preview shows it."""
    code = read_image_file(DEMO_QR)
    if code.ndim == 3:
        code = code[:, :, 0]
    step = max(1, -(-code.shape[0] // 600))  # keep the code under 600 px tall
    small = code[::step, ::step]
    frame = np.full((720, 1280), 90, dtype=np.uint8)
    top, left = 60, 640 - small.shape[1] // 2
    frame[top : top + small.shape[0], left : left + small.shape[1]] = small
    (found,) = decode_image_file(DEMO_QR)
    box = tuple((left + x // step, top + y // step) for x, y in found.position)
    return make_preview(frame, *cells, box=box, state=state)


def with_preview(state: CodeState) -> RunBefore:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        scanning = pilot.app.screen
        assert isinstance(scanning, ScanningScreen)
        cells = scanning.preview_cells()
        assert cells is not None
        pilot.app.post_message(PreviewReady(demo_preview(state, cells)))
        await pilot.pause()

    return run_before


def test_scanning_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(kiosk_app(), terminal_size=SIZE)


def test_scanning_screen_without_a_trust_list(snap_compare: SnapCompare) -> None:
    """Issue 12: no trust list configured, said plainly under the status (80x24, a camera)."""
    import dataclasses

    settings = dataclasses.replace(SETTINGS, trust_list_paths=(), camera_index=0, preview=False)
    assert snap_compare(kiosk_app(settings), terminal_size=(80, 24))


@pytest.mark.parametrize("state", [CodeState.READ, CodeState.SEEN], ids=["read", "seen"])
def test_scanning_with_preview(snap_compare: SnapCompare, state: CodeState) -> None:
    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=with_preview(state))


def test_scanning_checking_names_the_slow_step(
    snap_compare: SnapCompare, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scanning_module, "SLOW_STEP_SECONDS", 0.0)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        scanning = pilot.app.screen
        assert isinstance(scanning, ScanningScreen)
        scanning.show_checking()
        scanning.show_step("asking the blockchain explorers")
        scanning.checking = False  # freeze the line for the picture (no more ticks)
        await pilot.pause()

    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=run_before)


def test_scanning_no_camera(snap_compare: SnapCompare) -> None:
    source = Unopenable(
        "No camera found: /dev/video0 does not exist. No camera is connected to this computer."
    )

    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_until(pilot, lambda: pilot.app.screen.scanning_off)  # type: ignore[attr-defined]
        await pilot.pause()

    app = kiosk_app(camera_settings(), source)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_scanning_camera_lost(snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.post_message(
            SourceProblem("Camera 0 stopped sending pictures; trying to reconnect…")
        )
        await pilot.pause()

    app = kiosk_app(camera_settings(), NoFrames("camera 0"))
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_scanning_serial_scanner_unplugged(snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.post_message(
            SerialStatus(
                False,
                "The handheld scanner on /dev/ttyACM0 was disconnected. Trying to reconnect…",
            )
        )
        await pilot.pause()

    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize(
    "build",
    [reports.verified, reports.tampered, reports.untrusted_issuer, reports.garbage],
    ids=["verified", "not-verified-tampered", "check-manually-untrusted-issuer", "garbage"],
)
def test_verdict_screen(snap_compare: SnapCompare, build: Callable[[], VerificationReport]) -> None:
    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=showing(build()))


def test_verdict_details(snap_compare: SnapCompare) -> None:
    run_before = showing(reports.tampered(), details=True)
    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=run_before)


def test_scan_again_after_a_german_layout(snap_compare: SnapCompare) -> None:
    payload = typed_through("https://wallet.example.org/credentials/9f2c", "de")

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await scanner_burst(pilot, payload)
        await wait_for_screen(pilot, ScanAgainScreen)

    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=run_before)


def test_verdict_after_a_paste(snap_compare: SnapCompare) -> None:
    payload = (DEMO / "05-garbage.txt").read_text("utf-8")

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await paste(pilot, payload)
        await wait_for_screen(pilot, VerdictScreen)

    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=run_before)


def test_verdict_with_a_recipient_to_match(snap_compare: SnapCompare) -> None:
    run_before = showing(reports.issued_to_an_email())
    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=run_before)


def test_match_email_dialog(snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await showing(reports.issued_to_an_email())(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, MatchEmailScreen)
        _no_blink(pilot)
        pilot.app.screen.query_one(Input).value = reports.RECIPIENT_EMAIL
        await pilot.pause(0.2)

    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=run_before)


def _no_blink(pilot: Pilot[Any]) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def test_pin_prompt(snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app = pilot.app
        assert isinstance(app, KioskApp)
        await app.push_screen(PinScreen(app.operator, app.pin_guard, "The operator PIN quits."))
        _no_blink(pilot)
        await pilot.press("1", "2")
        await pilot.pause(0.2)

    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=run_before)


def test_settings_screen(snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app = pilot.app
        assert isinstance(app, KioskApp)
        app._open_settings()
        await wait_for_screen(pilot, SettingsScreen)
        _no_blink(pilot)
        await pilot.pause()

    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=run_before)


def test_change_pin_screen(snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app = pilot.app
        assert isinstance(app, KioskApp)
        await app.push_screen(ChangePinScreen(app.operator))
        _no_blink(pilot)
        await pilot.pause()

    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=run_before)


def test_history_screen(snap_compare: SnapCompare) -> None:
    history = HistoryLog(clock=lambda: CHECKED_AT)
    for build, origin in (
        (reports.verified, "camera"),
        (reports.tampered, "keyboard scanner"),
        (reports.untrusted_issuer, "serial scanner"),
        (reports.garbage, "paste"),
    ):
        history.record(build(), origin)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.app.push_screen(HistoryScreen(history))
        await wait_until(pilot, lambda: "4 verifications" in _summary(pilot))
        table = pilot.app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.ordered_columns[0].content_width > 10)
        await pilot.pause(0.1)

    app = kiosk_app(history=history, operator=OperatorStore())
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def _summary(pilot: Pilot[Any]) -> str:
    try:
        return str(pilot.app.screen.query_one("#history-summary").render())
    except Exception:
        return ""


def test_trust_screen(snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app = pilot.app
        assert isinstance(app, KioskApp)
        await app.push_screen(TrustScreen(app.verifier.trust_registry))
        await wait_until(pilot, lambda: len(app.screen.query(".trust-issuer")) > 0)
        await pilot.pause()

    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=run_before)


def test_trust_screen_three_sources_one_stale(snap_compare: SnapCompare) -> None:
    from .trust_sources import NOW, three_sources

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.app.push_screen(TrustScreen(three_sources, lambda: NOW))
        await wait_until(pilot, lambda: len(pilot.app.screen.query(".trust-state")) == 3)
        await pilot.pause()

    assert snap_compare(kiosk_app(), terminal_size=SIZE, run_before=run_before)


# ----- issue 16: the status line, verdict kinds, "scan again", 80x24 -----

SMALL = (80, 24)


@pytest.mark.parametrize(
    ("offline", "days"),
    [(False, 2), (True, 2), (True, 24), (True, 31)],
    ids=["online", "offline-fresh", "offline-near", "offline-stale"],
)
def test_status_line(snap_compare: SnapCompare, offline: bool, days: float) -> None:
    import dataclasses

    settings = dataclasses.replace(SETTINGS, offline=offline)
    app = kiosk_app(settings, status=statuses.status(offline=offline, synced_days_ago=days))
    assert snap_compare(app, terminal_size=SMALL, run_before=status_shown)


def test_status_line_with_the_demo_pin_warning(snap_compare: SnapCompare) -> None:
    app = kiosk_app(camera_settings(), NoFrames("camera 0"), operator=OperatorStore())
    assert snap_compare(app, terminal_size=SIZE, run_before=status_shown)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x40", "80x24"])
def test_verdict_genuine_but_expired(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(kiosk_app(), terminal_size=size, run_before=showing(reports.expired()))


def test_scan_again_after_caps_lock(snap_compare: SnapCompare) -> None:
    payload = (DEMO / "01-valid.json").read_text("utf-8").strip().swapcase()

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await scanner_burst(pilot, payload)
        await wait_for_screen(pilot, ScanAgainScreen)

    assert snap_compare(kiosk_app(), terminal_size=SMALL, run_before=run_before)


@pytest.mark.parametrize("keys", [(), ("pagedown",), ("end",)], ids=["top", "pagedown", "end"])
def test_verdict_at_80x24_scrolls_to_the_checks(
    snap_compare: SnapCompare, keys: tuple[str, ...]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await showing(reports.tampered())(pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    assert snap_compare(kiosk_app(), terminal_size=SMALL, run_before=run_before)


@pytest.mark.parametrize(
    "build",
    [reports.verified, reports.untrusted_issuer],
    ids=["verified", "check-manually"],
)
def test_verdict_words_at_80x24(
    snap_compare: SnapCompare, build: Callable[[], VerificationReport]
) -> None:
    assert snap_compare(kiosk_app(), terminal_size=SMALL, run_before=showing(build()))
