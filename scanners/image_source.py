"""Provides ``ImageFolderSource``: a frame source that plays PNG/JPEG files like a camera.

Used when no camera is attached (demo mode) and by tests: frames from files go through
exactly the same decode path as camera frames.

Policy for bad files (documented choice): a path that does not exist is a configuration
mistake and makes ``open()`` raise ``FrameSourceError`` naming it. An image file that
cannot be used (unreadable, not PNG/JPEG, damaged, too large) is *skipped*, and one
sentence naming it is added to ``problems``; ``open()`` raises ``FrameSourceError`` only
when no usable image remains. Show ``problems`` to the operator as warnings.

Timing: the current image changes every ``interval_seconds`` (measured with the injected
``clock``) or at once on ``advance()``. ``read()`` behaves like a camera running at
``frames_per_second``: it returns a frame at once when the image has changed since the
previous read, otherwise when the next frame is due, and ``None`` if that is more than
``timeout`` seconds away. With ``loop=False`` the source is ``finished`` after the last
image and ``read()`` then returns ``None``.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from scanners.frames import Frame, FrameSource, FrameSourceError
from scanners.image_files import (
    IMAGE_SUFFIXES,
    ImageFileError,
    display_name,
    read_image_file,
)

MAX_IMAGES = 100
"""At most this many images are loaded; the rest are reported in ``problems``."""

MAX_TOTAL_PIXELS = 200_000_000
"""At most this many pixels (all images together) are kept in memory."""

_TOLERANCE = 1e-6  # seconds; a frame due this soon is due now (float rounding)


class ImageFolderSource(FrameSource):
    """Frames from image files; a folder in ``paths`` expands to its sorted image files.

    ``interval_seconds=None`` keeps each image until ``advance()`` is called.
    Thread-safe: ``read()`` may run in a worker while ``advance()`` comes from the UI.
    """

    def __init__(
        self,
        paths: Sequence[Path],
        interval_seconds: float | None,
        loop: bool = True,
        *,
        frames_per_second: float = 5.0,
        label: str = "demo images",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if interval_seconds is not None and not interval_seconds > 0:
            raise ValueError("interval_seconds must be positive or None")
        if not frames_per_second > 0:
            raise ValueError("frames_per_second must be positive")
        if isinstance(paths, str | os.PathLike):  # one path given bare, not in a list
            paths = [Path(paths)]
        self._paths = [Path(path) for path in paths]
        self._interval = interval_seconds
        self._loop = loop
        self._frame_period = 1.0 / frames_per_second
        self._label = label
        self._clock = clock
        self._condition = threading.Condition()
        self._images: list[tuple[str, NDArray[np.uint8]]] = []
        self._problems: list[str] = []
        self._is_open = False
        self._index = 0
        self._shown_since = 0.0
        self._generation = 0
        self._returned_generation = -1
        self._last_frame_at = -math.inf
        self._finished = False

    # -- properties -------------------------------------------------------------

    @property
    def description(self) -> str:
        count = len(self._images) if self._is_open else len(self._paths)
        return f"{self._label} ({count})"

    @property
    def problems(self) -> tuple[str, ...]:
        """One sentence per image file that was skipped at ``open()``, naming the file."""
        return tuple(self._problems)

    @property
    def image_names(self) -> tuple[str, ...]:
        """Display names of the loaded images, in playing order."""
        return tuple(name for name, _ in self._images)

    @property
    def current_index(self) -> int:
        """Index (into ``image_names``) of the image being shown now."""
        with self._condition:
            self._catch_up(self._clock())
            return self._index

    @property
    def finished(self) -> bool:
        """True once a non-looping source has moved past its last image."""
        with self._condition:
            self._catch_up(self._clock())
            return self._finished

    # -- life cycle ----------------------------------------------------------------

    def open(self) -> None:
        with self._condition:
            if self._is_open:
                return
            images, problems = self._load()
            if not images:
                detail = " ".join(problems) if problems else "No image files were found."
                raise FrameSourceError(f"No usable {self._label}: {detail}")
            self._images = images
            self._problems = problems
            self._is_open = True
            self._index = 0
            self._shown_since = self._clock()
            self._generation += 1
            self._last_frame_at = -math.inf
            self._finished = False
            self._condition.notify_all()

    def close(self) -> None:
        with self._condition:
            self._is_open = False
            self._images = []
            self._condition.notify_all()

    def advance(self) -> None:
        with self._condition:
            if not self._is_open or self._finished:
                return
            now = self._clock()
            self._catch_up(now)
            self._step(1)
            self._shown_since = now
            self._condition.notify_all()

    def read(self, timeout: float = 0.5) -> Frame | None:
        deadline = time.monotonic() + max(timeout, 0.0)
        with self._condition:
            while True:
                if not self._is_open:
                    raise FrameSourceError(f"The {self._label} are not open.")
                now = self._clock()
                self._catch_up(now)
                if self._finished:
                    return None
                wait = self._seconds_until_due(now)
                if wait <= _TOLERANCE:
                    name, image = self._images[self._index]
                    self._returned_generation = self._generation
                    self._last_frame_at = now
                    return Frame(image=image, captured_at=now, origin=name)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._condition.wait(min(remaining, wait))

    # -- internals -------------------------------------------------------------------

    def _load(self) -> tuple[list[tuple[str, NDArray[np.uint8]]], list[str]]:
        files: list[Path] = []
        for path in self._paths:
            if path.is_dir():
                try:
                    entries = sorted(path.iterdir())
                except OSError as exc:
                    why = (exc.strerror or type(exc).__name__).lower()
                    raise FrameSourceError(
                        f"The folder {display_name(path)} cannot be read: {why}."
                    ) from exc
                files.extend(
                    entry
                    for entry in entries
                    if entry.suffix.lower() in IMAGE_SUFFIXES
                    and not entry.name.startswith(".")
                    and entry.is_file()
                )
            elif path.exists():
                files.append(path)
            else:
                raise FrameSourceError(f"{display_name(path)} does not exist.")
        images: list[tuple[str, NDArray[np.uint8]]] = []
        problems: list[str] = []
        total_pixels = 0
        for number, file in enumerate(files):
            if len(images) >= MAX_IMAGES:
                problems.append(
                    f"Only the first {MAX_IMAGES} images are used; "
                    f"{len(files) - number} more were left out."
                )
                break
            try:
                image = read_image_file(file)
            except ImageFileError as exc:
                problems.append(exc.reason)
                continue
            pixels = image.shape[0] * image.shape[1]
            if total_pixels + pixels > MAX_TOTAL_PIXELS:
                problems.append(
                    f"{display_name(file)} was left out: the images together are too large."
                )
                continue
            total_pixels += pixels
            image.setflags(write=False)  # shared by every frame handed out
            images.append((display_name(file.name), image))
        return images, problems

    def _step(self, steps: int) -> None:
        """Move ``steps`` images on (caller holds the lock)."""
        target = self._index + steps
        if target >= len(self._images) and not self._loop:
            self._index = len(self._images) - 1
            self._finished = True
        else:
            self._index = target % len(self._images)
        self._generation += 1

    def _catch_up(self, now: float) -> None:
        """Apply the interval: image i is shown from start + i*interval (caller locks)."""
        if not self._is_open or self._finished or self._interval is None:
            return
        elapsed = now - self._shown_since + _TOLERANCE
        if elapsed < self._interval:
            return
        steps = int(elapsed // self._interval)
        self._shown_since += steps * self._interval
        self._step(steps)

    def _seconds_until_due(self, now: float) -> float:
        """Seconds until the next frame should be handed out (caller holds the lock)."""
        if self._generation != self._returned_generation:
            return 0.0
        due = self._last_frame_at + self._frame_period - now
        if self._interval is not None:
            due = min(due, self._shown_since + self._interval - now)
        return due
