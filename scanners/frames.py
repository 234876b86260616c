"""Provides the frame-source interface: ``Frame``, ``FrameSource`` and ``FrameSourceError``.

A frame source hands out still images (camera frames or demo pictures) to whatever
decodes them. Every source, real or simulated, follows the same life cycle::

    with source:                      # open() ... close()
        frame = source.read(timeout=0.5)
        if frame is not None:
            codes = decode_qr(frame.image)

This module is headless: it knows nothing about how frames are shown.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True, eq=False)
class Frame:
    """One still image from a frame source.

    ``image`` is 8-bit BGR (height x width x 3) or 8-bit grey (height x width);
    ``captured_at`` is a ``time.monotonic()`` reading (or the source's injected clock);
    ``origin`` names where the image came from, e.g. ``"demo-01.png"`` or ``"camera 0"``.
    Frames compare and hash by identity (comparing pixel arrays field by field would
    raise), and their images are to be treated as read-only.
    """

    image: NDArray[np.uint8]
    captured_at: float
    origin: str


class FrameSourceError(Exception):
    """A frame source cannot deliver frames; ``reason`` is one plain sentence for a person."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FrameSource(ABC):
    """Where frames come from: a camera, a folder of demo images, ...

    ``open()`` raises ``FrameSourceError`` when the source cannot start. ``read()``
    returns the newest frame, or ``None`` when no new frame arrived within ``timeout``
    seconds. ``advance()`` moves a demo source to its next image at once (a camera
    ignores it). ``close()`` may be called more than once. Sources are context managers:
    ``with source:`` opens on entry and closes on exit.
    """

    @property
    @abstractmethod
    def description(self) -> str:
        """A short human description, e.g. ``"demo images (5)"`` or ``"camera 0"``."""

    @abstractmethod
    def open(self) -> None:
        """Start delivering frames; raises ``FrameSourceError`` with a reason if impossible."""

    @abstractmethod
    def read(self, timeout: float = 0.5) -> Frame | None:
        """Return the newest frame, waiting up to ``timeout`` seconds; ``None`` if none came."""

    def advance(self) -> None:  # noqa: B027  (a deliberate no-op default)
        """Move to the next image now (demo and file sources); a camera ignores this."""

    @abstractmethod
    def close(self) -> None:
        """Stop delivering frames and release the device or files; safe to call twice."""

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
