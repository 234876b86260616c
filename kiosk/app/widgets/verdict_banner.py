"""Provides `VerdictBanner`: the verdict word and symbol in block letters, and the reason.

The banner's colour comes from a verdict class (`-verified`, `-not-verified`,
`-check-manually`) styled in `kiosk.tcss`; the word and symbol say the same thing without it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Static

from kiosk.app.plain_text import plain
from kiosk.app.widgets.big_word import BigWord
from kiosk.verification.model import Verdict
from kiosk.wording import VERDICT_CLASSES, verdict_label


class VerdictBanner(Vertical):
    """The verdict across the top of the screen: symbol, word, and the headline reason."""

    def __init__(self, verdict: Verdict, reason: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes=VERDICT_CLASSES[verdict])
        self.verdict = verdict
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Center():
            yield BigWord(
                verdict_label(self.verdict),
                same_size_as=[verdict_label(verdict) for verdict in Verdict],
                id="verdict-word",
            )
        yield Static(plain(self.reason), id="verdict-reason")
