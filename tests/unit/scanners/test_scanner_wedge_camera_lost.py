"""CameraSource losing its camera: it says so through `problem`, retries, and recovers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from scanners import CameraSource


class FakeCapture:
    """OpenCV's capture interface: frames while `plugged` is set, failures otherwise."""

    def __init__(self, plugged: threading.Event) -> None:
        self.plugged = plugged
        self.released = False

    def read(self) -> tuple[bool, NDArray[np.uint8] | None]:
        time.sleep(0.002)
        if self.plugged.is_set():
            return True, np.zeros((4, 4, 3), dtype=np.uint8)
        return False, None

    def release(self) -> None:
        self.released = True


def wait_until(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_a_lost_camera_is_reported_and_reconnected(tmp_path: Path) -> None:
    device = tmp_path / "video0"
    device.write_bytes(b"")
    plugged = threading.Event()
    plugged.set()
    opened: list[FakeCapture] = []

    def open_capture(path: Path) -> FakeCapture:
        assert path == device
        opened.append(FakeCapture(plugged))
        return opened[-1]

    source = CameraSource(
        0,
        device_root=tmp_path,
        open_capture=open_capture,
        reconnect_seconds=0.05,
        failures_before_reconnect=3,
    )
    with source:
        assert source.read(timeout=1) is not None
        assert source.problem is None
        plugged.clear()
        device.unlink()  # unplugged: the node goes away
        assert wait_until(lambda: source.problem is not None)
        assert "Camera 0 stopped sending pictures; trying to reconnect" in str(source.problem)
        assert opened[0].released
        assert wait_until(lambda: "not connected" in str(source.problem))
        device.write_bytes(b"")
        plugged.set()
        assert wait_until(lambda: source.problem is None), "pictures again clear the problem"
        assert len(opened) >= 2
        assert source.read(timeout=1) is not None
