"""Provides `SessionRoutes`: the candidate session's doors for `KioskApp` (issue 15).

C on the scanning screen starts a session (or returns to the one going on) and shows
`SessionScreen`; while a session lasts, every verdict is added to it (`note_for_session`).
P on the session screen writes the printable report into the data folder (`reports/`), in a
worker; E ends the session: its reports are forgotten and the screen closes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from textual import work

from kiosk.app.candidate_session import CandidateSession, load_roles
from kiosk.app.operator import data_dir
from kiosk.app.operator_routes import OperatorRoutes
from kiosk.app.screens.session import SessionScreen
from kiosk.portfolio.portfolio import PortfolioEntry
from kiosk.portfolio.portfolio_text import trust_sources
from kiosk.verification.model import VerificationReport

log = logging.getLogger(__name__)


class SessionRoutes(OperatorRoutes):
    """Candidate-session actions for `KioskApp`."""

    candidate_session: CandidateSession | None = None

    def action_candidate_session(self) -> None:
        """C: start a candidate session (or return to the one going on)."""
        if self.candidate_session is None:
            roles, problems = load_roles(self.settings.role_paths)
            for problem in problems:
                self.notify(problem, title="Role file", severity="warning", markup=False)
            self.candidate_session = CandidateSession(self.settings.clock(), roles)
        self.push_screen(SessionScreen(self.candidate_session))

    def note_for_session(self, report: VerificationReport) -> None:
        """Add a verdict to the session going on, if any."""
        session = self.candidate_session
        if session is not None:
            session.add(PortfolioEntry(session.next_source(), report))

    async def on_session_screen_ended(self, _message: SessionScreen.Ended) -> None:
        self.candidate_session = None
        if isinstance(self.screen, SessionScreen):
            self.screen.dismiss()

    def on_session_screen_print_asked(self, _message: SessionScreen.PrintAsked) -> None:
        session = self.candidate_session
        if session is not None:
            self._write_report(session)

    @work(thread=True, exclusive=True, group="session-report")
    def _write_report(self, session: CandidateSession) -> None:
        from kiosk.portfolio.pdf_report import write_pdf

        now = self.settings.clock()
        folder = data_dir(self.settings) / "reports"
        path = folder / f"portfolio-{now:%Y%m%d-%H%M%S}.pdf"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            context = self.verifier.context()
            write_pdf(path, session.portfolio, now, trust_sources(context.trust))
        except Exception as error:  # a report that cannot be written is said, never a crash
            log.exception("the session report could not be written")
            self.call_from_thread(self._said, f"The report could not be written: {error}")
            return
        self.call_from_thread(self._said, f"Report written to {Path(path)}")

    def _said(self, text: str) -> None:
        self.notify(text, title="Candidate session", markup=False)
