"""Provides test doubles for the app's edges: frame sources and a verify function.

`NoFrames` is the kiosk with nothing in front of the camera; `Unopenable` is a missing camera;
`FramesOf` plays given images; `FakeVerify` returns fixed reports after reporting steps.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from kiosk.verification.model import VerificationReport
from scanners.frames import Frame, FrameSource, FrameSourceError


class NoFrames(FrameSource):
    """Opens, never yields a frame; counts `advance()` calls."""

    def __init__(self, description: str = "test frames (none)") -> None:
        self._description = description
        self._closed = threading.Event()
        self.advanced = 0
        self.opened = False

    @property
    def description(self) -> str:
        return self._description

    def open(self) -> None:
        self.opened = True

    def read(self, timeout: float = 0.5) -> Frame | None:
        self._closed.wait(min(timeout, 0.02))
        return None

    def advance(self) -> None:
        self.advanced += 1

    def close(self) -> None:
        self._closed.set()


class Unopenable(NoFrames):
    """A source whose `open()` fails, like a kiosk with no camera plugged in."""

    def __init__(self, reason: str) -> None:
        super().__init__("camera 0")
        self.reason = reason

    def open(self) -> None:
        raise FrameSourceError(self.reason)


class FramesOf(NoFrames):
    """Yields the given images in turn, then the last one again and again."""

    def __init__(self, images: Sequence[NDArray[np.uint8]]) -> None:
        super().__init__("test frames")
        self._images = list(images)
        self._index = 0

    def read(self, timeout: float = 0.5) -> Frame | None:
        if self._closed.wait(0.01):
            return None
        image = self._images[min(self._index, len(self._images) - 1)]
        self._index += 1
        return Frame(image=image, captured_at=0.0, origin=f"test image {self._index}")


class FakeVerify:
    """A verify function that reports `steps`, then returns the given reports in turn (the
    last one again once they run out); records the payloads it was given."""

    def __init__(
        self,
        *reports: VerificationReport,
        steps: Sequence[str] = (),
        gate: threading.Event | None = None,
    ) -> None:
        self.reports = reports
        self.steps = tuple(steps)
        self.gate = gate
        """If given, the verify call waits for it after reporting its steps."""
        self.payloads: list[bytes] = []

    def __call__(self, data: bytes, on_step: Callable[[str], None]) -> VerificationReport:
        self.payloads.append(data)
        for step in self.steps:
            on_step(step)
        if self.gate is not None:
            self.gate.wait(timeout=10)
        return self.reports[min(len(self.payloads), len(self.reports)) - 1]


class Troubled(FramesOf):
    """Plays images, and has a `problem` the test sets and clears (a camera unplugged)."""

    def __init__(self, images: Sequence[NDArray[np.uint8]]) -> None:
        super().__init__(images)
        self._description = "camera 0"
        self.problem: str | None = None

    def read(self, timeout: float = 0.5) -> Frame | None:
        if self.problem is not None:
            self._closed.wait(min(timeout, 0.02))
            return None
        return super().read(timeout)


class FailsThenOpens(NoFrames):
    """A camera that is missing at first and plugged in later (`plug()`)."""

    def __init__(self, reason: str) -> None:
        super().__init__("camera 0")
        self.reason = reason
        self.plugged = threading.Event()

    def open(self) -> None:
        if not self.plugged.is_set():
            raise FrameSourceError(self.reason)
        super().open()
