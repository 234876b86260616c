"""Provides `SessionScreen`: a candidate's portfolio building up, scan after scan.

Top: the session line (started when, how many credentials) and the role. Then the holder line
(flagged when the credentials name different people or subject ids), each requirement of the
role as MET (with the credential meeting it), UNCONFIRMED or MISSING, and each credential with
its verdict. Scans go on while it is shown: each verdict shows as usual and the portfolio is
redrawn when this screen is back. R: next role; P: print (PDF, in the data folder); E: end the
session (clears the screen); Escape: back to scanning, the session goes on (C returns here).
Every credential text goes through `plain`.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from kiosk.app.candidate_session import CandidateSession
from kiosk.app.plain_text import plain
from kiosk.app.widgets.key_footer import KeyFooter
from kiosk.portfolio.portfolio import RequirementStatus
from kiosk.portfolio.portfolio_text import STATUS_WORDS, credential_title
from kiosk.wording import VERDICT_CLASSES, verdict_label

STATUS_CLASSES = {
    RequirementStatus.MET: "-met",
    RequirementStatus.UNCONFIRMED: "-unconfirmed",
    RequirementStatus.MISSING: "-missing",
}
EMPTY = "Scan the candidate's codes one after another: each is added here."


class SessionScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "next_role", "Role"),
        Binding("p", "print", "Print (PDF)"),
        Binding("e", "end", "End session"),
        Binding("escape", "leave", "Back to scanning"),
    ]

    class Ended(Message):
        """Staff ended the session: the app forgets it."""

    class PrintAsked(Message):
        """Staff asked for the printable report of the session."""

    def __init__(self, session: CandidateSession) -> None:
        super().__init__(id="session")
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        portfolio = session.portfolio
        count = len(portfolio.entries)
        started = f"{session.started_at:%H:%M}"
        yield Static(
            f"Candidate session — started {started}, {count} credential(s)",
            id="session-title",
            markup=False,
        )
        role = session.role
        role_line = f"Role: {role.name}" if role is not None else "Role: none chosen"
        if session.roles:
            role_line += "  (R: next role)"
        else:
            role_line += "  (no role files in the roles folder)"
        yield Static(plain(role_line), id="session-role")
        with VerticalScroll(id="session-body"):
            holder = portfolio.holder
            flag = " -mismatch" if holder.mismatch else ""
            yield Static(plain(f"Holder: {holder.summary}"), id="session-holder", classes=flag)
            if role is not None:
                yield Static("Requirements", classes="section-title", markup=False)
                for result in portfolio.requirements:
                    with Horizontal(classes=f"requirement-row {STATUS_CLASSES[result.status]}"):
                        yield Static(
                            STATUS_WORDS[result.status], classes="requirement-status", markup=False
                        )
                        yield Static(plain(result.requirement.label), classes="requirement-label")
                    names = "; ".join(dict.fromkeys(c.name for c in result.claims))
                    if names:
                        yield Static(plain(f"by {names}"), classes="requirement-detail")
            yield Static("Credentials", classes="section-title", markup=False)
            if not portfolio.entries:
                yield Static(EMPTY, id="session-empty", markup=False)
            for entry in portfolio.entries:
                report = entry.report
                with Horizontal(classes=f"part-row {VERDICT_CLASSES[report.verdict]}"):
                    yield Static(
                        verdict_label(report.verdict), classes="part-verdict", markup=False
                    )
                    yield Static(plain(credential_title(report)), classes="part-label")
                yield Static(plain(report.headline_reason), classes="part-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#session-body", VerticalScroll).focus()

    async def on_screen_resume(self) -> None:
        await self.refresh_portfolio()

    async def refresh_portfolio(self) -> None:
        await self.recompose()
        self.query_one("#session-body", VerticalScroll).focus()

    async def action_next_role(self) -> None:
        self.session.next_role()
        await self.refresh_portfolio()

    def action_print(self) -> None:
        self.post_message(self.PrintAsked())

    def action_end(self) -> None:
        self.post_message(self.Ended())

    def action_leave(self) -> None:
        self.dismiss()
