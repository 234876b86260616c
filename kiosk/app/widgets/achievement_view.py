"""Provides `AchievementView`: what the achievement says (issue 15's employer view).

Description, criteria, type, field of study, credits, results, alignments (each framework item
with its URL as text: never fetched, never a link) and evidence, one fact a line, worded by
`kiosk.portfolio.portfolio_text.details_lines` (the CLI and the printed report say the same),
with where they come from on top, and the embedded image when there is one. Every line goes
through `plain`. Not built for a NOT VERIFIED credential (`usable_details`): the screen then
says the details are not shown.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kiosk.app.plain_text import plain
from kiosk.app.widgets.achievement_image import AchievementImage
from kiosk.portfolio.portfolio_text import details_lines
from kiosk.verification.achievement_details import AchievementDetails

NOT_SHOWN = "The achievement's details are not shown: the credential is NOT VERIFIED."


class AchievementView(Vertical):
    def __init__(self, details: AchievementDetails, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.details = details

    def compose(self) -> ComposeResult:
        source, *facts = details_lines(self.details)
        yield Static(plain(source), classes="details-source")
        if self.details.image is not None:
            yield AchievementImage(self.details.image, id="achievement-image")
        elif self.details.image_note:
            yield Static(plain(self.details.image_note), classes="details-line")
        for line in facts:
            classes = "details-line -sub" if line.startswith("  ") else "details-line"
            yield Static(plain(line.strip()), classes=classes)
