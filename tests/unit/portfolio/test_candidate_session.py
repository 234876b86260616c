"""The candidate session's list of scans: the same credential scanned twice is kept once (its
latest verdict), different credentials are all kept, roles cycle through none."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.app.candidate_session import CandidateSession
from kiosk.portfolio.portfolio import PortfolioEntry
from kiosk.portfolio.roles import Requirement, Role
from kiosk.verification.model import ShownFields, VerificationReport

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def scan(session: CandidateSession, credential_id: str) -> None:
    report = VerificationReport((), fields=ShownFields(credential_id=credential_id))
    session.add(PortfolioEntry(session.next_source(), report))


def test_a_credential_scanned_twice_is_listed_once() -> None:
    session = CandidateSession(NOW, [])
    scan(session, "urn:a")
    scan(session, "urn:b")
    scan(session, "urn:a")
    assert [e.source for e in session.entries] == ["scan 2", "scan 3"]
    scan(session, "")  # no id: nothing to compare, always kept
    scan(session, "")
    assert len(session.entries) == 4


def test_roles_cycle_through_none() -> None:
    roles = [Role(n, (Requirement("x", achievement_id="i"),)) for n in ("A", "B")]
    session = CandidateSession(NOW, roles)
    seen = []
    for _ in range(4):
        seen.append(session.role.name if session.role else None)
        session.next_role()
    assert seen == ["A", "B", None, "A"]
