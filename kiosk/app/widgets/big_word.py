"""Provides `BigWord`, a word drawn in block letters, readable from across a desk.

Words that belong together (the three verdicts) are drawn at the same size: the widget takes
the largest font (`block_fonts.FONTS`) in which *every* word of its group fits the width — so
"✔ VERIFIED" is never larger than "? CHECK MANUALLY" would be on the same screen — and the
large font only on screens at least `LARGE_MIN_ROWS` tall. When no font fits, or a character
is missing, the word is one line of plain bold text.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from kiosk.app.widgets.block_fonts import FONTS, LARGE, BlockFont

LARGE_MIN_ROWS = 30
"""Below this many screen rows the large font would push the checks off screen."""


class BigWord(Widget):
    """A word in block letters, falling back to one line of bold text when it does not fit."""

    DEFAULT_CSS = """
    BigWord {
        width: auto;
        height: auto;
        text-style: bold;
    }
    """

    word: reactive[str] = reactive("", layout=True)
    """The word to show."""

    def __init__(
        self,
        word: str,
        *,
        same_size_as: Sequence[str] = (),
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """
        Args:
            word: The word to draw.
            same_size_as: Other words to draw at the same size (the other verdicts).
        """
        super().__init__(name=name, id=id, classes=classes)
        self.group = tuple(dict.fromkeys((word, *same_size_as)))
        self.set_reactive(BigWord.word, word)

    def font_for(self, width: int, screen_rows: int) -> BlockFont | None:
        """The largest font in which every word of the group fits `width`, or None."""
        for font in FONTS:
            if font is LARGE and screen_rows < LARGE_MIN_ROWS:
                continue
            widths = [font.width(word) for word in (*self.group, self.word)]
            if all(each is not None and each <= width for each in widths):
                return font
        return None

    def fits(self, width: int) -> bool:
        """Whether block letters (of some size) fit in `width` cells on this screen."""
        return self.font_for(width, self._screen_rows()) is not None

    def _screen_rows(self) -> int:
        return self.app.size.height if self.is_attached else LARGE_MIN_ROWS

    def get_content_width(self, container: Size, viewport: Size) -> int:
        font = self.font_for(container.width, viewport.height)
        width = font.width(self.word) if font is not None else None
        return width if width is not None else cell_len(self.word)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        font = self.font_for(max(width, container.width), viewport.height)
        if font is not None and font.width(self.word) is not None:
            return font.height
        return max(1, len(Content(self.word).wrap(max(1, width))))

    def render(self) -> RenderResult:
        font = self.font_for(self._available_width(), self._screen_rows())
        rows = font.rows(self.word) if font is not None else None
        if rows is not None:
            return Content("\n".join(rows))
        return Content(self.word)

    def _available_width(self) -> int:
        """The width the parent gives (the widget itself is only as wide as its word)."""
        parent = self.parent
        if isinstance(parent, Widget):
            return max(self.size.width, parent.content_region.width)
        return self.size.width
