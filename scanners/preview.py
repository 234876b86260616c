"""Provides ``make_preview``: a small picture of a camera frame for the terminal, headless.

The kiosk shows what the camera sees so a person knows to hold the code closer or still. A
terminal cell shows two pixels with the half-block character ``▀`` (top pixel as the
foreground colour, bottom as the background), so a preview of ``cols`` x ``rows`` cells is a
``cols`` x ``2*rows`` RGB picture. ``make_preview`` shrinks a frame to fit (keeping its shape),
and draws a box where a code is: a solid box when it was read, a dashed one when a code is
seen but cannot be read yet (``find_unreadable_codes``). The UI only turns the pixels into
coloured cells.

Everything here runs in the scanning thread; a preview costs about 1 ms at 80x22 cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from itertools import pairwise

import numpy as np
import zxingcpp
from numpy.typing import NDArray

from scanners._opencv import cv2
from scanners.qr_decoder import to_grey

Corners = tuple[tuple[int, int], ...]
"""A code's corner points in image pixels (top-left, top-right, bottom-right, bottom-left)."""

READ_COLOUR = (64, 220, 255)
"""RGB of the box around a code that was read (bright cyan: visible to colour-blind eyes)."""
SEEN_COLOUR = (255, 200, 0)
"""RGB of the dashed box around a code seen but not read yet (amber)."""

_QR_FORMATS = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


class CodeState(Enum):
    """What the scanner made of the frame behind a preview."""

    NONE = "none"
    """No code in view."""
    SEEN = "seen"
    """A code is in view but could not be read (too far, blurred, moving, glare)."""
    READ = "read"
    """A code was read."""


@dataclass(frozen=True, eq=False)
class Preview:
    """A small RGB picture (height = 2 x rows), with the code's box already drawn in."""

    pixels: NDArray[np.uint8]
    state: CodeState
    box: Corners | None = None
    """The code's corners in preview pixels, or None."""

    @property
    def cells(self) -> tuple[int, int]:
        """(columns, rows) of terminal cells the picture fills."""
        height, width = self.pixels.shape[:2]
        return width, height // 2


def preview_size(frame_shape: tuple[int, ...], cols: int, rows: int) -> tuple[int, int]:
    """(width, height) in pixels of a preview of a frame fitted into ``cols`` x ``rows`` cells.

    The height is even (two pixels per cell); the frame's shape is kept.
    """
    height, width = frame_shape[:2]
    scale = min(cols / width, (2 * rows) / height)
    out_width = max(1, min(cols, round(width * scale)))
    out_height = max(2, min(2 * rows, round(height * scale)))
    return out_width, out_height - out_height % 2


def find_unreadable_codes(image: NDArray[np.uint8]) -> list[Corners]:
    """Corners of QR codes that are in view but could not be decoded (for the preview box)."""
    grey = to_grey(image)
    try:
        barcodes = zxingcpp.read_barcodes(grey, formats=_QR_FORMATS, return_errors=True)
    except Exception:  # native code: a preview must never take the scanner down
        return []
    found: list[Corners] = []
    for barcode in barcodes:
        if barcode.valid:
            continue
        p = barcode.position
        corners = (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
        found.append(tuple((int(point.x), int(point.y)) for point in corners))
    return found


def make_preview(
    image: NDArray[np.uint8],
    cols: int,
    rows: int,
    *,
    box: Corners | None = None,
    state: CodeState = CodeState.NONE,
) -> Preview:
    """Shrink a grey or BGR frame into ``cols`` x ``rows`` cells and draw the code's box.

    Args:
        image: The camera frame (8-bit grey, BGR or BGRA).
        cols: Cells available across.
        rows: Cells available down (two pixels each).
        box: The code's corners in frame pixels, if one was found.
        state: READ draws a solid box, SEEN a dashed one.
    """
    if cols < 1 or rows < 1:
        raise ValueError("a preview needs at least one cell")
    width, height = preview_size(image.shape, cols, rows)
    if image.ndim == 2:
        rgb = cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
    elif image.shape[2] == 4:
        rgb = cv2.cvtColor(image, cv2.COLOR_BGRA2RGB)
    else:
        rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    small: NDArray[np.uint8] = np.ascontiguousarray(
        cv2.resize(rgb, (width, height), interpolation=cv2.INTER_AREA), dtype=np.uint8
    )
    scaled: Corners | None = None
    if box is not None and state is not CodeState.NONE:
        frame_height, frame_width = image.shape[:2]
        scaled = tuple(
            (
                min(width - 1, max(0, round(x * width / frame_width))),
                min(height - 1, max(0, round(y * height / frame_height))),
            )
            for x, y in box
        )
        _draw_box(small, scaled, dashed=state is CodeState.SEEN)
    return Preview(small, state, scaled)


def _draw_box(pixels: NDArray[np.uint8], corners: Corners, *, dashed: bool) -> None:
    colour = SEEN_COLOUR if dashed else READ_COLOUR
    points = [*corners, corners[0]]
    for (x0, y0), (x1, y1) in pairwise(points):
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for step in range(steps + 1):
            if dashed and (step // 2) % 2 == 1:
                continue
            x = round(x0 + (x1 - x0) * step / steps)
            y = round(y0 + (y1 - y0) * step / steps)
            pixels[y, x] = colour
