"""Provides `CheckList`: one line per check, status in words and symbol, name and reason.

Details lines (for support staff) sit under their check and are hidden unless the screen has
the `-show-details` class. Reasons and details are untrusted text and go through `plain`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.app.plain_text import plain
from kiosk.verification.model import CheckResult
from kiosk.wording import STATUS_CLASSES, check_name, status_label


class CheckList(Vertical):
    """Every check in the report, in the order the verifier ran them."""

    def __init__(self, checks: tuple[CheckResult, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.checks = checks

    def compose(self) -> ComposeResult:
        if not self.checks:
            yield Static("No checks were run.", classes="check-empty", markup=False)
        for check in self.checks:
            status_class = STATUS_CLASSES[check.status]
            # No widget ids here: a report may hold the same check id twice.
            with Horizontal(classes=f"check-row {status_class}"):
                yield Static(status_label(check.status), classes="check-status", markup=False)
                yield Static(check_name(check.check_id), classes="check-name", markup=False)
                yield Static(plain(check.reason), classes="check-reason")
            for line in check.details:
                yield Static(plain(line), classes="check-detail")
