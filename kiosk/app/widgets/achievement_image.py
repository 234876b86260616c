"""Provides `AchievementImage`: the achievement's picture in half-block cells.

Only an image embedded in the signed data (a size-capped `data:` URI, already decoded by the
core into `EmbeddedImage`) is drawn; nothing is ever fetched. It is decoded with OpenCV (already
the scanner's image library) and shrunk to fit `MAX_COLUMNS` x `MAX_ROWS` cells.

Sixel and kitty graphics are not used: Textual draws every cell through its own compositor and
has no way to hand a widget's area to a terminal graphics protocol, so such an image would be
drawn over by the next refresh; half-blocks work everywhere Textual does.
"""

from __future__ import annotations

import cv2
import numpy as np
from textual.strip import Strip
from textual.widget import Widget

from kiosk.app.widgets.half_block import half_block_row
from kiosk.verification.achievement_details import EmbeddedImage

MAX_COLUMNS = 24
MAX_ROWS = 8
MAX_SOURCE_PIXELS = 2048 * 2048
"""Larger pictures are not decoded (a small file can claim a huge canvas)."""


def picture_rows(image: EmbeddedImage) -> list[Strip]:
    """The image as half-block rows, or [] when it cannot be decoded."""
    buffer = np.frombuffer(image.data, dtype=np.uint8)
    try:
        decoded = cv2.imdecode(buffer, cv2.IMREAD_COLOR)
    except cv2.error:
        return []
    if decoded is None or decoded.size == 0:
        return []
    height, width = decoded.shape[:2]
    if height * width > MAX_SOURCE_PIXELS:
        return []
    scale = min(MAX_COLUMNS / width, (MAX_ROWS * 2) / height, 1.0)
    columns = max(1, round(width * scale))
    pixel_rows = max(2, round(height * scale) // 2 * 2)
    small = cv2.resize(decoded, (columns, pixel_rows), interpolation=cv2.INTER_AREA)
    rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB).astype(np.uint8)
    return [half_block_row(rgb, y) for y in range(pixel_rows // 2)]


class AchievementImage(Widget):
    """The embedded picture, left-aligned, as tall as it needs."""

    DEFAULT_CSS = """
    AchievementImage {
        height: auto;
        width: auto;
    }
    """

    def __init__(self, image: EmbeddedImage, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = picture_rows(image)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.rows)

    def get_content_width(self, container: object, viewport: object) -> int:
        return max((row.cell_length for row in self.rows), default=0)

    def render_line(self, y: int) -> Strip:
        if 0 <= y < len(self.rows):
            return self.rows[y].crop_extend(0, self.size.width, self.rich_style)
        return Strip.blank(self.size.width, self.rich_style)
