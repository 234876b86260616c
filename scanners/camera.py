"""Provides ``CameraSource`` (a V4L2 webcam as a frame source) and ``list_cameras``.

The device node ``/dev/video{index}`` is checked *before* OpenCV is touched, so a
machine without a camera gets a clear ``FrameSourceError`` ("No camera found: ...")
instead of OpenCV log lines. The camera is opened through OpenCV's V4L2 backend by that
same device path, asking for MJPG *before* 1280x720 (raw YUYV at 720p is too much for
USB 2.0 at 30 fps). A background thread reads continuously and keeps only the latest
frame, so the decoder never works on stale pictures; when reads keep failing (camera
unplugged) it releases the device and tries to reconnect every ``reconnect_seconds``.
``problem`` tells the UI what is wrong meanwhile (None again once pictures come back).

``open_capture`` replaces OpenCV for tests: it is given the device path and returns an object
with OpenCV's ``read()`` / ``release()`` (or None when the device cannot be opened).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from scanners._opencv import cv2
from scanners.frames import Frame, FrameSource, FrameSourceError

DEVICE_ROOT = Path("/dev")
"""Where V4L2 device nodes live; injectable for tests."""

CaptureOpener = Callable[[Path], Any]
"""Opens a device path and returns a capture (``read()``, ``release()``) or None."""


def list_cameras(device_root: Path = DEVICE_ROOT) -> list[int]:
    """Return the indices N of the ``video{N}`` device nodes present, sorted.

    Only the device nodes are listed (OpenCV is not touched). Note that many webcams
    expose two nodes (a capture node and a metadata node, e.g. video0 and video1).
    """
    try:
        names = [entry.name for entry in device_root.iterdir()]
    except OSError:
        return []
    indices = {
        int(name[5:])
        for name in names
        if name.startswith("video") and name[5:].isascii() and name[5:].isdigit()
    }
    return sorted(indices)


class CameraSource(FrameSource):
    """Frames from webcam ``index`` (``/dev/video{index}``), latest frame only."""

    def __init__(
        self,
        index: int = 0,
        *,
        width: int = 1280,
        height: int = 720,
        fps: int = 30,
        reconnect_seconds: float = 1.0,
        failures_before_reconnect: int = 15,
        first_frame_timeout: float = 5.0,
        device_root: Path = DEVICE_ROOT,
        open_capture: CaptureOpener | None = None,
    ) -> None:
        if index < 0:
            raise ValueError("camera index must not be negative")
        self._index = index
        self._size = (width, height)
        self._fps = fps
        self._reconnect_seconds = reconnect_seconds
        self._failures_before_reconnect = max(1, failures_before_reconnect)
        self._first_frame_timeout = first_frame_timeout
        self._device = device_root / f"video{index}"
        self._condition = threading.Condition()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._latest: Frame | None = None
        self._sequence = 0
        self._sequence_read = 0
        self._problem: str | None = None
        self._open_override = open_capture

    @property
    def description(self) -> str:
        return f"camera {self._index}"

    @property
    def device(self) -> Path:
        """The device node this source uses."""
        return self._device

    @property
    def problem(self) -> str | None:
        """What is wrong right now (e.g. camera unplugged, reconnecting), else ``None``."""
        with self._condition:
            return self._problem

    # -- life cycle ----------------------------------------------------------------

    def open(self) -> None:
        if self._thread is not None:
            return
        self._check_device()
        capture = self._open_capture()
        if capture is None:
            raise FrameSourceError(
                f"Camera {self._index} ({self._device}) could not be opened; "
                "it may not be a camera or another program may be using it."
            )
        self._stop.clear()
        with self._condition:
            self._latest = None
            self._sequence = self._sequence_read = 0
            self._problem = None
        thread = threading.Thread(
            target=self._run, args=(capture,), name=f"camera-{self._index}", daemon=True
        )
        self._thread = thread
        thread.start()
        with self._condition:
            self._condition.wait_for(
                lambda: self._sequence > 0 or not thread.is_alive(),
                timeout=self._first_frame_timeout,
            )
            got_frame = self._sequence > 0
        if not got_frame:
            self.close()
            raise FrameSourceError(
                f"Camera {self._index} opened but sent no picture within "
                f"{self._first_frame_timeout:g} seconds."
            )

    def close(self) -> None:
        thread, self._thread = self._thread, None
        self._stop.set()
        if thread is not None:
            thread.join(timeout=2.0)  # the thread releases the device itself
        with self._condition:
            self._condition.notify_all()

    def read(self, timeout: float = 0.5) -> Frame | None:
        if self._thread is None:
            raise FrameSourceError(f"Camera {self._index} is not open.")
        with self._condition:
            arrived = self._condition.wait_for(
                lambda: self._sequence > self._sequence_read or self._stop.is_set(),
                timeout=max(timeout, 0.0),
            )
            if not arrived or self._sequence <= self._sequence_read:
                return None
            self._sequence_read = self._sequence
            return self._latest

    # -- internals -------------------------------------------------------------------

    def _check_device(self) -> None:
        if not self._device.exists():
            raise FrameSourceError(f"No camera found: {self._device} does not exist.")
        if not os.access(self._device, os.R_OK | os.W_OK):
            raise FrameSourceError(
                f"Camera {self._device} exists but this user may not use it "
                "(add the user to the 'video' group)."
            )

    def _open_capture(self) -> Any | None:
        """Open the device through V4L2 with MJPG at the wanted size, or return None."""
        if not self._device.exists():
            return None
        if self._open_override is not None:
            return self._open_override(self._device)
        capture = cv2.VideoCapture(str(self._device), cv2.CAP_V4L2)
        if not capture.isOpened():
            capture.release()
            return None
        width, height = self._size
        capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc("M", "J", "P", "G"))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        capture.set(cv2.CAP_PROP_FPS, self._fps)
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        return capture

    def _set_problem(self, problem: str | None) -> None:
        with self._condition:
            self._problem = problem

    def _run(self, capture: Any | None) -> None:
        failures = 0
        try:
            while not self._stop.is_set():
                if capture is None:
                    if self._stop.wait(self._reconnect_seconds):
                        break
                    capture = self._open_capture()
                    if capture is None:
                        self._set_problem(
                            f"Camera {self._index} is not connected; trying to reconnect…"
                        )
                        continue
                ok, image = capture.read()
                if ok and isinstance(image, np.ndarray) and image.size > 0:
                    failures = 0
                    frame = Frame(
                        image=image, captured_at=time.monotonic(), origin=self.description
                    )
                    with self._condition:
                        self._latest = frame
                        self._sequence += 1
                        self._problem = None  # pictures again: whatever was wrong is over
                        self._condition.notify_all()
                    continue
                failures += 1
                if failures >= self._failures_before_reconnect:
                    self._set_problem(
                        f"Camera {self._index} stopped sending pictures; trying to reconnect…"
                    )
                    capture.release()
                    capture = None
                    failures = 0
                else:
                    self._stop.wait(0.02)
        except Exception as exc:  # a worker thread must report, not die silently
            self._set_problem(f"Camera {self._index} failed: {type(exc).__name__}.")
        finally:
            if capture is not None:
                capture.release()
            with self._condition:
                self._condition.notify_all()
