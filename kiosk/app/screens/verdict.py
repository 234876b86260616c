"""Provides `VerdictScreen`: the verdict a receptionist cannot misread, then back to scanning.

Top to bottom: the banner (symbol + verdict word in block letters, on the verdict's colour, with
the headline reason), then a body that scrolls with the keyboard (arrows, PageUp/PageDown,
Home/End) while the banner stays on top: the credential's fields labelled by source, a reminder
to compare the holder's name with photo ID (when a holder is shown and the verdict is not NOT
VERIFIED), what the achievement says (details, alignments, evidence, image; never for a NOT
VERIFIED credential), a CLR's pathway and the endorsements, each with its own verdict, one line
per check, and a countdown. The screen dismisses itself after `return_after_seconds` (0 or less
means it stays until a key is pressed) or at once on Enter, Escape or Space.

Binding at the desk: when the credential carries recipient identifiers (`report.recipient`),
M opens `MatchEmailScreen`; what staff type is compared with them (`match_recipient`, a hash:
cheap enough for the UI thread) and the result replaces the report shown, with its `holder`
check. Each match starts from the report as verified, so a typo can be corrected. The
countdown pauses while the dialog is open and starts again when it closes. The screen posts
`VerdictScreen.Matched` so the app can record the new verdict.
"""

from __future__ import annotations

import math
import time
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from kiosk.app.screens.match_email import MatchEmailScreen
from kiosk.app.widgets.achievement_view import NOT_SHOWN, AchievementView
from kiosk.app.widgets.check_list import CheckList
from kiosk.app.widgets.field_list import FieldList
from kiosk.app.widgets.key_footer import KeyFooter
from kiosk.app.widgets.part_list import PartList
from kiosk.app.widgets.verdict_banner import VerdictBanner
from kiosk.headline import headline
from kiosk.portfolio.pathway import pathway, pathway_lines
from kiosk.portfolio.portfolio import usable_details
from kiosk.verification.holder_match import match_recipient
from kiosk.verification.model import Verdict, VerificationReport
from kiosk.wording import VERDICT_CLASSES

TICK_SECONDS = 0.25
"""How often the countdown is redrawn."""
PHOTO_ID_LINE = "Compare the holder's name with their photo ID."


def asks_for_photo_id(report: VerificationReport) -> bool:
    """Whether staff should compare the holder's name with photo ID: a holder is shown and the
    credential is not rejected anyway."""
    return report.fields.holder is not None and report.verdict is not Verdict.NOT_VERIFIED


class VerdictScreen(Screen[None]):
    """One report, shown until the countdown ends or a key returns to scanning."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "back", "Back to scanning"),
        Binding("escape", "back", "Back to scanning", show=False),
        Binding("space", "back", "Back to scanning", show=False),
        Binding("d", "toggle_details", "Details"),
        Binding("down", "scroll('down')", "Scroll", show=False),
        Binding("up", "scroll('up')", "Scroll", show=False),
        Binding("pagedown", "scroll('page_down')", "More ↓"),
        Binding("pageup", "scroll('page_up')", "Scroll", show=False),
        Binding("home", "scroll('home')", "Scroll", show=False),
        Binding("end", "scroll('end')", "Scroll", show=False),
        Binding("m", "match_email", "Match email"),
    ]

    class Matched(Message):
        """Staff matched the holder at the desk: `report` replaces the one shown."""

        def __init__(self, report: VerificationReport) -> None:
            super().__init__()
            self.report = report

    def __init__(self, report: VerificationReport, *, return_after_seconds: float) -> None:
        super().__init__(classes=VERDICT_CLASSES[report.verdict])
        self.report = report
        self.verified_report = report
        """The report as verified, before any desk match (each match starts from it)."""
        self.return_after_seconds = return_after_seconds
        self._deadline: float | None = None
        self._countdown_timers: list[Timer] = []

    def compose(self) -> ComposeResult:
        yield VerdictBanner(self.report.verdict, headline(self.report), id="banner")
        with VerticalScroll(id="verdict-body", can_focus=False):
            yield Static("About this credential", classes="section-title", markup=False)
            yield FieldList(self.report.fields, id="fields")
            if asks_for_photo_id(self.report):
                yield Static(PHOTO_ID_LINE, id="photo-id", markup=False)
            yield from self._employer_view()
            yield Static("Checks", classes="section-title", markup=False)
            yield CheckList(self.report.checks, id="checks")
        yield Static("", id="countdown", markup=False)
        yield KeyFooter()

    def _employer_view(self) -> ComposeResult:
        """Issue 15: the achievement's details, a CLR's pathway, and endorsements."""
        details = usable_details(self.report)
        if details is not None:
            yield Static("What the achievement says", classes="section-title", markup=False)
            yield AchievementView(details, id="achievement")
        elif self.report.fields.details is not None:
            yield Static(NOT_SHOWN, id="achievement-hidden", markup=False)
        roots = pathway(self.report)
        if roots:
            yield Static("Pathway", classes="section-title", markup=False)
            yield PartList(pathway_lines(roots), id="pathway")
        if self.report.endorsements:
            yield Static("Endorsements", classes="section-title", markup=False)
            rows = [(part.label, part) for part in self.report.endorsements]
            yield PartList(rows, id="endorsements")

    def on_mount(self) -> None:
        self._start_countdown()

    def _start_countdown(self) -> None:
        self._stop_countdown()
        if self.return_after_seconds > 0:
            self._deadline = time.monotonic() + self.return_after_seconds
            self._countdown_timers = [
                self.set_timer(self.return_after_seconds, self.action_back),
                self.set_interval(TICK_SECONDS, self._show_countdown),
            ]
        self._show_countdown()

    def _stop_countdown(self) -> None:
        for timer in self._countdown_timers:
            timer.stop()
        self._countdown_timers = []
        self._deadline = None

    @property
    def seconds_left(self) -> int | None:
        """Whole seconds until the screen returns by itself, or None if it never does."""
        if self._deadline is None:
            return None
        return max(0, math.ceil(self._deadline - time.monotonic()))

    def _show_countdown(self) -> None:
        left = self.seconds_left
        if left is None:
            text = "Press Enter to return to scanning."
        else:
            text = f"Back to scanning in {left} s — press Enter to return now."
        self.query_one("#countdown", Static).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "match_email":
            return bool(self.verified_report.recipient)
        return True

    def action_back(self) -> None:
        """Return to scanning (once: a key and the timer may both ask)."""
        self._stop_countdown()
        if self.is_active:
            self.dismiss()

    def action_scroll(self, where: str) -> None:
        """Arrows, PageUp/PageDown, Home/End: move through the fields and the checks (the body
        takes no focus, so Enter and the other keys stay with the screen)."""
        body = self.query_one("#verdict-body", VerticalScroll)
        moves = {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }
        move = moves.get(where)
        if move is not None:
            move(animate=False)

    def action_toggle_details(self) -> None:
        """Show or hide the support details under each check."""
        self.toggle_class("-show-details")

    def action_match_email(self) -> None:
        """M: type what the candidate gives and compare it with the recipient identifiers."""
        if not self.verified_report.recipient:
            return
        self._stop_countdown()
        kinds = tuple(identity.identity_type for identity in self.verified_report.recipient)
        self.app.push_screen(MatchEmailScreen(kinds), callback=self._matched)

    async def _matched(self, typed: str | None) -> None:
        if typed is not None:
            await self.show_report(match_recipient(self.verified_report, typed))
            self.post_message(self.Matched(self.report))
        if self.is_attached:
            self._start_countdown()

    async def show_report(self, report: VerificationReport) -> None:
        """Show `report` in place of the one shown (banner, fields, photo-ID line, checks)."""
        self.report = report
        self.remove_class(*VERDICT_CLASSES.values())
        self.add_class(VERDICT_CLASSES[report.verdict])
        await self.recompose()
        self.refresh_bindings()  # the new footer waits for this signal to show its keys
