"""Pictures in half-block cells: `▀` with the upper pixel as its colour and the lower pixel as
its background, so any truecolor terminal (and the 256-colour console, approximately) shows
them. Shared by the camera preview and the achievement image."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

HALF_BLOCK = "▀"


def half_block_row(pixels: NDArray[np.uint8], y: int) -> Strip:
    """Cell row `y` of an RGB picture whose height is even (pixel rows 2y and 2y+1)."""
    upper, lower = pixels[2 * y], pixels[2 * y + 1]
    segments = [
        Segment(
            HALF_BLOCK,
            Style(
                color=Color.from_rgb(int(top[0]), int(top[1]), int(top[2])),
                bgcolor=Color.from_rgb(int(bottom[0]), int(bottom[1]), int(bottom[2])),
            ),
        )
        for top, bottom in zip(upper, lower, strict=True)
    ]
    return Strip(segments, len(segments))
