"""The kiosk's thread-side jobs, without a running app: frame loop, serial loop, verifier."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
import segno
from numpy.typing import NDArray
from textual.message import Message

from kiosk.app import jobs
from kiosk.app.messages import (
    PayloadScanned,
    PreviewReady,
    SerialStatus,
    SourceFailed,
    SourceOpened,
    SourceProblem,
)
from kiosk.settings import KioskSettings
from kiosk.verification.model import Verdict
from scanners.camera import CameraSource
from scanners.frames import Frame, FrameSource, FrameSourceError
from scanners.preview import CodeState
from scanners.serial_scanner import SerialScanner
from tests.helpers import DEMO_LISTS

DEMO = Path(__file__).resolve().parents[2] / "kiosk" / "demo" / "credentials"


def qr(data: bytes) -> NDArray[np.uint8]:
    matrix = np.array(segno.make_qr(data, error="m").matrix, dtype=bool)
    pixels = np.where(np.pad(matrix, 4), 0, 255).astype(np.uint8)
    return np.kron(pixels, np.ones((6, 6), dtype=np.uint8))


class Scripted(FrameSource):
    """Yields one image; `problem` can be set by the test."""

    def __init__(self, image: NDArray[np.uint8]) -> None:
        self.image = image
        self.problem: str | None = None
        self.closed = False

    @property
    def description(self) -> str:
        return "scripted"

    def open(self) -> None:
        pass

    def read(self, timeout: float = 0.5) -> Frame | None:
        time.sleep(0.01)
        if self.problem is not None:
            return None
        return Frame(self.image, time.monotonic(), "scripted")

    def close(self) -> None:
        self.closed = True


def run_until(
    job: Callable[[Callable[[Message], object], Callable[[], bool]], None],
    done: Callable[[list[Message]], bool],
    seconds: float = 5.0,
) -> list[Message]:
    """Run a job in a thread until `done(messages)` holds; return what it posted."""
    posted: list[Message] = []
    stop = threading.Event()
    thread = threading.Thread(target=job, args=(posted.append, stop.is_set), daemon=True)
    thread.start()
    deadline = time.monotonic() + seconds
    try:
        while not done(posted) and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        thread.join(5)
    return posted


def test_the_frame_loop_posts_payload_preview_and_problems() -> None:
    source = Scripted(qr(b"https://example.org/c"))

    def job(post: Callable[[Message], object], cancelled: Callable[[], bool]) -> None:
        jobs.scan_frames(source, post, cancelled, hold_seconds=5, preview_cells=lambda: (40, 10))

    def lost_and_back(posted: list[Message]) -> bool:
        problems = [m.problem for m in posted if isinstance(m, SourceProblem)]
        if any(isinstance(m, PayloadScanned) for m in posted) and not problems:
            source.problem = "Camera 0 stopped sending pictures."
        elif problems == ["Camera 0 stopped sending pictures."]:
            source.problem = None
        return problems == ["Camera 0 stopped sending pictures.", None]

    posted = run_until(job, lost_and_back)
    assert isinstance(posted[0], SourceOpened)
    scans = [m for m in posted if isinstance(m, PayloadScanned)]
    assert [(m.data, m.origin) for m in scans] == [(b"https://example.org/c", "camera")]
    previews = [m.preview for m in posted if isinstance(m, PreviewReady)]
    assert previews and previews[0].state is CodeState.READ
    assert previews[0].cells[0] <= 40 and previews[0].cells[1] <= 10
    assert [m.problem for m in posted if isinstance(m, SourceProblem)] == [
        "Camera 0 stopped sending pictures.",
        None,
    ]
    assert source.closed


class Missing(Scripted):
    def __init__(self) -> None:
        super().__init__(np.zeros((4, 4), dtype=np.uint8))
        self.attempts = 0

    def open(self) -> None:
        self.attempts += 1
        raise FrameSourceError("No camera found: /dev/video0 does not exist.")


def test_a_source_that_will_not_open_is_reported_once_and_retried(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jobs, "RETRY_SECONDS", 0.02)
    source = Missing()

    def job(post: Callable[[Message], object], cancelled: Callable[[], bool]) -> None:
        jobs.scan_frames(source, post, cancelled, hold_seconds=5)

    posted = run_until(job, lambda _: source.attempts >= 4)
    assert [type(m) for m in posted] == [SourceFailed]
    assert source.attempts >= 4


def test_a_missing_camera_names_the_cameras_present(tmp_path: Path) -> None:
    (tmp_path / "video2").write_bytes(b"")
    hint = jobs._other_cameras(CameraSource(0, device_root=tmp_path))
    assert hint == " Cameras present: 2 (start with --camera N)."
    assert jobs._other_cameras(CameraSource(0, device_root=tmp_path / "none")) == (
        " No camera is connected to this computer."
    )


def test_the_serial_loop_reads_payloads_and_notices_unplugging() -> None:
    master, slave = os.openpty()
    scanner = SerialScanner(Path(os.ttyname(slave)), silence_seconds=0.03)
    stage = {"wrote": False, "unplugged": False}

    def job(post: Callable[[Message], object], cancelled: Callable[[], bool]) -> None:
        jobs.read_serial(scanner, post, cancelled)

    def done(posted: list[Message]) -> bool:
        connected = any(isinstance(m, SerialStatus) and m.connected for m in posted)
        if connected and not stage["wrote"]:
            os.write(master, b"\x00binary\xffpayload\r\n")
            stage["wrote"] = True
        scanned = any(isinstance(m, PayloadScanned) for m in posted)
        if scanned and not stage["unplugged"]:
            os.close(master)
            stage["unplugged"] = True
        return any(isinstance(m, SerialStatus) and not m.connected for m in posted)

    try:
        posted = run_until(job, done)
    finally:
        os.close(slave)
        if not stage["unplugged"]:
            os.close(master)
    scans = [m for m in posted if isinstance(m, PayloadScanned)]
    assert [(m.data, m.origin) for m in scans] == [(b"\x00binary\xffpayload", "serial scanner")]
    statuses = [m for m in posted if isinstance(m, SerialStatus)]
    assert statuses[0].connected and "(USB serial)" in statuses[0].text
    assert not statuses[-1].connected and "was disconnected" in statuses[-1].text


def test_layout_damage_becomes_scan_again_not_a_verdict() -> None:
    valid = (DEMO / "01-valid.json").read_bytes().strip()
    problem = jobs.keyboard_scan_problem(valid.swapcase())
    assert problem is not None
    assert "Caps Lock" in problem.problem
    assert "scan again" in problem.fix
    assert jobs.keyboard_scan_problem(valid) is None
    assert jobs.keyboard_scan_problem(b"\xff\xfe not text") is None


def test_each_verification_uses_the_clock_at_that_moment() -> None:
    moments = iter(
        [
            datetime(2026, 11, 24, 9, tzinfo=UTC),
            datetime(2026, 11, 24, 9, tzinfo=UTC) + timedelta(days=40),
        ]
    )
    now = {"value": next(moments)}
    settings = KioskSettings(clock=lambda: now["value"], offline=True, trust_list_paths=DEMO_LISTS)
    verifier = jobs.Verifier(settings)
    data = (DEMO / "01-valid.json").read_bytes()
    first = verifier(data, lambda _label: None)
    now["value"] = next(moments)
    second = verifier(data, lambda _label: None)
    assert first.checked_at is not None and second.checked_at is not None
    assert second.checked_at - first.checked_at == timedelta(days=40)
    assert first.verdict is Verdict.VERIFIED


def test_the_verifier_names_the_trust_lists() -> None:
    registry = jobs.Verifier(KioskSettings(trust_list_paths=DEMO_LISTS)).trust_registry()
    names = [issuer.name for lst in registry.lists for issuer in lst.issuers.values()]
    assert "Northfield College (demo issuer)" in names


def test_refresh_reloads_the_trust_sources(tmp_path: Path) -> None:
    """The app's timer calls `refresh`: the sources are loaded again, the new ones used."""
    from kiosk.app.jobs import Verifier
    from trust_lists.sources import TrustConfig, TrustSourceSpec

    listing = tmp_path / "list.json"

    def write(names: list[str]) -> None:
        issuers = [{"id": f"did:web:{n}.example", "name": n} for n in names]
        listing.write_text(
            json.dumps({"format": "credential-kiosk-trust-list/1", "issuers": issuers})
        )

    write(["first"])
    config = TrustConfig(sources=(TrustSourceSpec("kiosk-list", str(listing), "Fleet"),))
    verifier = Verifier(KioskSettings(trust_config=config, offline=True, cache_dir=tmp_path))
    assert set(verifier.trust_registry().lists[0].issuers) == {"did:web:first.example"}
    write(["first", "second"])
    assert set(verifier.trust_registry().lists[0].issuers) == {"did:web:first.example"}
    verifier.refresh()
    assert set(verifier.trust_registry().lists[0].issuers) == {
        "did:web:first.example",
        "did:web:second.example",
    }
