"""Provides `BigWord`, a word drawn in 5-row block letters, readable from across a desk.

The font covers A to Z, space and the verdict symbols ✔ ✘ ?. When the word does not fit the
width available, or has a character the font lacks, it is shown as one line of plain bold text.
"""

from __future__ import annotations

from types import MappingProxyType

from rich.cells import cell_len
from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

HEIGHT = 5
"""Rows in a block letter."""

_GLYPHS: dict[str, tuple[str, ...]] = {
    "A": (" ███ ", "█   █", "█████", "█   █", "█   █"),
    "B": ("████ ", "█   █", "████ ", "█   █", "████ "),
    "C": (" ████", "█    ", "█    ", "█    ", " ████"),
    "D": ("████ ", "█   █", "█   █", "█   █", "████ "),
    "E": ("█████", "█    ", "████ ", "█    ", "█████"),
    "F": ("█████", "█    ", "████ ", "█    ", "█    "),
    "G": (" ████", "█    ", "█  ██", "█   █", " ████"),
    "H": ("█   █", "█   █", "█████", "█   █", "█   █"),
    "I": ("███", " █ ", " █ ", " █ ", "███"),
    "J": ("  ███", "    █", "    █", "█   █", " ███ "),
    "K": ("█   █", "█  █ ", "███  ", "█  █ ", "█   █"),
    "L": ("█    ", "█    ", "█    ", "█    ", "█████"),
    "M": ("█   █", "██ ██", "█ █ █", "█   █", "█   █"),
    "N": ("█   █", "██  █", "█ █ █", "█  ██", "█   █"),
    "O": (" ███ ", "█   █", "█   █", "█   █", " ███ "),
    "P": ("████ ", "█   █", "████ ", "█    ", "█    "),
    "Q": (" ███ ", "█   █", "█ █ █", "█  █ ", " ██ █"),
    "R": ("████ ", "█   █", "████ ", "█  █ ", "█   █"),
    "S": (" ████", "█    ", " ███ ", "    █", "████ "),
    "T": ("█████", "  █  ", "  █  ", "  █  ", "  █  "),
    "U": ("█   █", "█   █", "█   █", "█   █", " ███ "),
    "V": ("█   █", "█   █", "█   █", " █ █ ", "  █  "),
    "W": ("█   █", "█   █", "█ █ █", "██ ██", "█   █"),
    "X": ("█   █", " █ █ ", "  █  ", " █ █ ", "█   █"),
    "Y": ("█   █", " █ █ ", "  █  ", "  █  ", "  █  "),
    "Z": ("█████", "   █ ", "  █  ", " █   ", "█████"),
    " ": ("  ", "  ", "  ", "  ", "  "),
    "✔": ("     ██", "    ██ ", "██ ██  ", " ███   ", "  █    "),
    "✘": ("██   ██", " ██ ██ ", "  ███  ", " ██ ██ ", "██   ██"),
    "?": (" ███ ", "█   █", "  ██ ", "     ", "  █  "),
}
GLYPHS = MappingProxyType(_GLYPHS)
"""The block font: each character as HEIGHT rows of equal width."""

GAP = " "
"""Space between two block letters."""


def block_rows(word: str) -> tuple[str, ...] | None:
    """The word drawn in block letters, or None if the font lacks one of its characters."""
    glyphs = [GLYPHS.get(char) for char in word.upper()]
    if not glyphs or any(glyph is None for glyph in glyphs):
        return None
    return tuple(
        GAP.join(glyph[row] for glyph in glyphs if glyph is not None) for row in range(HEIGHT)
    )


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
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(BigWord.word, word)

    def _block_width(self) -> int | None:
        rows = block_rows(self.word)
        return None if rows is None else cell_len(rows[0])

    def fits(self, width: int) -> bool:
        """Whether the block letters fit in `width` cells."""
        block_width = self._block_width()
        return block_width is not None and block_width <= width

    def get_content_width(self, container: Size, viewport: Size) -> int:
        block_width = self._block_width()
        if block_width is not None and block_width <= container.width:
            return block_width
        return cell_len(self.word)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.fits(width):
            return HEIGHT
        return max(1, len(Content(self.word).wrap(max(1, width))))

    def render(self) -> RenderResult:
        rows = block_rows(self.word)
        if rows is not None and self.fits(self.size.width):
            return Content("\n".join(rows))
        return Content(self.word)
