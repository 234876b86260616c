"""Provides `PartList`: credentials inside this one, each with its own verdict.

Used for endorsements (each verified on its own; a failed one says so and changes nothing else)
and for a CLR 2.0 record's pathway (its included credentials as a tree drawn from its
associations, `kiosk.portfolio.pathway`). Each row: the tree prefix and label, the verdict in
words and symbol, who signed it (the trusted name when a list vouches) and its headline reason.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.app.plain_text import plain
from kiosk.verification.model import PartReport
from kiosk.wording import SOURCE_NOTES, VERDICT_CLASSES, verdict_label


class PartList(Vertical):
    def __init__(self, rows: list[tuple[str, PartReport]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows

    def compose(self) -> ComposeResult:
        for label, part in self.rows:
            report = part.report
            with Horizontal(classes=f"part-row {VERDICT_CLASSES[report.verdict]}"):
                yield Static(verdict_label(report.verdict), classes="part-verdict", markup=False)
                yield Static(plain(label), classes="part-label")
            issuer = report.fields.issuer
            if issuer is not None:
                note = SOURCE_NOTES[issuer.source]
                by = f"Signed by {issuer.value}" + (f" — {note.strip('()')}" if note else "")
                yield Static(plain(by), classes="part-detail")
            yield Static(plain(report.headline_reason), classes="part-detail")
