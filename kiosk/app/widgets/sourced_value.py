"""Provides `SourcedValue`: one credential value and a note saying where it comes from.

Value and note are one piece of text, so a long value wraps and the note follows it instead
of being cut off. Both parts are styled from `kiosk.tcss` through component classes, by the
widget's source class (`-trust-list`, `-signed`, `-issuer-claim`, `-claimed`, `-missing`): a
claim never looks like a fact. The value is untrusted text and goes through `plain_text`,
never markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import RenderResult
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from kiosk.verification.model import ShownField
from kiosk.verification.plain_text import plain_text
from kiosk.wording import MISSING, SOURCE_CLASSES, SOURCE_NOTES


class SourcedValue(Widget):
    """A value followed by its source note, e.g. "Jane Doe  claimed — not verified"."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"sourced-value--value", "sourced-value--note"}

    DEFAULT_CSS = """
    SourcedValue {
        height: auto;
    }
    """

    def __init__(self, shown: ShownField | None, *, classes: str | None = None) -> None:
        source_class = "-missing" if shown is None else SOURCE_CLASSES[shown.source]
        super().__init__(classes=f"{source_class} {classes or ''}".strip())
        self.shown = shown

    @property
    def value_text(self) -> str:
        """The value as shown (made safe), or the missing mark."""
        return MISSING if self.shown is None else plain_text(self.shown.value)

    @property
    def note(self) -> str:
        """The source note, empty for signed and missing values."""
        return "" if self.shown is None else SOURCE_NOTES[self.shown.source]

    def render(self) -> RenderResult:
        value_style = self.get_visual_style("sourced-value--value", partial=True)
        parts: list[str | tuple[str, Style]] = [(self.value_text, value_style)]
        if self.note:
            note_style = self.get_visual_style("sourced-value--note", partial=True)
            parts += ["  ", (self.note, note_style)]
        return Content.assemble(*parts)
