"""Provides `CameraPreview`: the camera's picture in half-block cells, with the code's box.

Each cell is `▀` with the upper pixel as its colour and the lower pixel as its background, so
any truecolor terminal (and the 256-colour Linux console, approximately) shows the picture.
The picture arrives ready-made from the scanning thread (`scanners.preview.Preview`, box
already drawn); this widget only turns pixels into cells, centred in its area. Without a
picture it shows one line of text saying why.
"""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from kiosk.app.widgets.half_block import HALF_BLOCK, half_block_row
from scanners.preview import Preview

__all__ = ["HALF_BLOCK", "CameraPreview"]


class CameraPreview(Widget):
    """What the camera sees, small; or a line of text when there is no picture."""

    DEFAULT_CSS = """
    CameraPreview {
        width: 100%;
        height: 16;
    }
    """

    def __init__(self, message: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._preview: Preview | None = None
        self._message = message
        self._rows: list[Strip] = []
        self.cells: tuple[int, int] = (0, 0)
        """The area available to a picture, in cells (columns, rows); a plain attribute, so
        the scanning thread may read it."""

    def on_resize(self, event: events.Resize) -> None:
        self.cells = (event.size.width, event.size.height)

    @property
    def preview(self) -> Preview | None:
        """The picture shown, if any."""
        return self._preview

    def show(self, preview: Preview) -> None:
        """Show a new picture."""
        self._preview = preview
        self._rows = [_row(preview, y) for y in range(preview.cells[1])]
        self.refresh()

    def show_message(self, message: str) -> None:
        """Show a line of text instead of a picture (trusted text: the kiosk's own words)."""
        self._preview = None
        self._rows = []
        self._message = message
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width, height = self.size.width, self.size.height
        if self._preview is None:
            if y != height // 2 or not self._message:
                return Strip.blank(width, self.rich_style)
            text = self._message[:width]
            left = (width - len(text)) // 2
            return (
                Strip([Segment(" " * left + text)], left + len(text))
                .extend_cell_length(width, self.rich_style)
                .apply_style(self.rich_style)
            )
        top = (height - len(self._rows)) // 2
        row = y - top
        if not 0 <= row < len(self._rows):
            return Strip.blank(width, self.rich_style)
        strip = self._rows[row]
        left = max(0, (width - strip.cell_length) // 2)
        pad = Strip.blank(left, self.rich_style)
        return Strip.join([pad, strip]).crop_extend(0, width, self.rich_style)


def _row(preview: Preview, y: int) -> Strip:
    return half_block_row(preview.pixels, y)
