"""Provides the block fonts `BigWord` draws words in: `LARGE` (5 rows of full blocks, for wide
screens) and `COMPACT` (narrow letters drawn with half blocks in 3 rows, for 80x24).

Both use only █ ▀ ▄ and space, which every terminal font has (the Linux console's too). Each
glyph is given as rows of pixels ("█" on, " " off), all rows of a glyph equally wide; the
compact font's 5 pixel rows are packed two to a character row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

GAP = " "
"""One blank pixel column between two letters."""

_LARGE: dict[str, tuple[str, ...]] = {
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


_COMPACT: dict[str, tuple[str, ...]] = {
    "A": ("███", "█ █", "███", "█ █", "█ █"),
    "C": ("███", "█  ", "█  ", "█  ", "███"),
    "D": ("██ ", "█ █", "█ █", "█ █", "██ "),
    "E": ("███", "█  ", "██ ", "█  ", "███"),
    "F": ("███", "█  ", "██ ", "█  ", "█  "),
    "G": ("███", "█  ", "█ █", "█ █", "███"),
    "H": ("█ █", "█ █", "███", "█ █", "█ █"),
    "I": ("███", " █ ", " █ ", " █ ", "███"),
    "K": ("█ █", "█ █", "██ ", "█ █", "█ █"),
    "L": ("█  ", "█  ", "█  ", "█  ", "███"),
    "M": ("█   █", "██ ██", "█ █ █", "█   █", "█   █"),
    "N": ("█  █", "██ █", "█ ██", "█  █", "█  █"),
    "O": ("███", "█ █", "█ █", "█ █", "███"),
    "R": ("██ ", "█ █", "██ ", "█ █", "█ █"),
    "S": ("███", "█  ", "███", "  █", "███"),
    "T": ("███", " █ ", " █ ", " █ ", " █ "),
    "U": ("█ █", "█ █", "█ █", "█ █", "███"),
    "V": ("█ █", "█ █", "█ █", "█ █", " █ "),
    "Y": ("█ █", "█ █", " █ ", " █ ", " █ "),
    " ": ("  ", "  ", "  ", "  ", "  "),
    "✔": ("    █", "   ██", "█ ██ ", "███  ", " █   "),
    "✘": ("█   █", " █ █ ", "  █  ", " █ █ ", "█   █"),
    "?": ("███", "  █", " ██", "   ", " █ "),
}


@dataclass(frozen=True, slots=True)
class BlockFont:
    """A block font: glyphs as pixel rows, drawn one pixel per cell or two rows per cell."""

    name: str
    glyphs: Mapping[str, tuple[str, ...]]
    half_blocks: bool
    """Pack two pixel rows into one character row (▀ ▄ █)."""

    @property
    def height(self) -> int:
        """Character rows a word takes."""
        pixels = len(next(iter(self.glyphs.values())))
        return (pixels + 1) // 2 if self.half_blocks else pixels

    def pixels(self, word: str) -> tuple[str, ...] | None:
        """The word's pixel rows, or None if the font lacks one of its characters."""
        glyphs = [self.glyphs.get(char) for char in word.upper()]
        if not glyphs or any(glyph is None for glyph in glyphs):
            return None
        rows = len(glyphs[0])  # type: ignore[arg-type]
        return tuple(GAP.join(glyph[row] for glyph in glyphs if glyph) for row in range(rows))

    def rows(self, word: str) -> tuple[str, ...] | None:
        """The word as character rows, or None if the font lacks one of its characters."""
        pixels = self.pixels(word)
        if pixels is None or not self.half_blocks:
            return pixels
        if len(pixels) % 2:
            pixels = (*pixels, " " * len(pixels[0]))
        return tuple(
            "".join(
                _HALF[(top == "█", bottom == "█")] for top, bottom in zip(upper, lower, strict=True)
            )
            for upper, lower in zip(pixels[::2], pixels[1::2], strict=True)
        )

    def width(self, word: str) -> int | None:
        """Cells the word takes across, or None if the font lacks one of its characters."""
        pixels = self.pixels(word)
        return None if pixels is None else len(pixels[0])


_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}

LARGE = BlockFont("large", MappingProxyType(_LARGE), half_blocks=False)
COMPACT = BlockFont("compact", MappingProxyType(_COMPACT), half_blocks=True)
FONTS = (LARGE, COMPACT)
"""Largest first: `BigWord` takes the first in which its words fit."""
