"""A candidate session at the desk: the credentials one candidate shows, one scan after
another, kept only while the session lasts (issue 15).

Staff start it (C on the scanning screen) and end it (E on the session screen): ending forgets
every report in it; the history keeps its usual minimal record of each verification, as for any
scan. The role is one of the operator's role files (`kiosk.portfolio.roles`), chosen with R.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.portfolio.portfolio import Portfolio, PortfolioEntry
from kiosk.portfolio.roles import Role, RoleError, available_roles, load_role

MAX_SCANS = 30
"""A session keeps at most this many credentials (the oldest are dropped)."""


def load_roles(given: tuple[Path, ...] = ()) -> tuple[list[Role], list[str]]:
    """The roles given (`kiosk run --role`), then those in the operator's folder, and a
    sentence for each file that cannot be used."""
    roles: list[Role] = []
    problems: list[str] = []
    for path in dict.fromkeys([*given, *available_roles()]):
        try:
            roles.append(load_role(path))
        except RoleError as error:
            problems.append(str(error))
    return roles, problems


class CandidateSession:
    def __init__(self, started_at: datetime, roles: list[Role]) -> None:
        self.started_at = started_at
        self.roles = roles
        self.role_index: int | None = 0 if roles else None
        self.entries: list[PortfolioEntry] = []
        self._scans = 0

    @property
    def role(self) -> Role | None:
        return None if self.role_index is None else self.roles[self.role_index]

    def next_role(self) -> None:
        """The next role, then none, then the first again."""
        if not self.roles:
            return
        if self.role_index is None:
            self.role_index = 0
        elif self.role_index + 1 < len(self.roles):
            self.role_index += 1
        else:
            self.role_index = None

    def add(self, entry: PortfolioEntry) -> None:
        """Add a scan; the same credential (same id) scanned again replaces its earlier scan."""
        ident = entry.report.fields.credential_id
        if ident:
            self.entries = [e for e in self.entries if e.report.fields.credential_id != ident]
        self.entries.append(entry)
        del self.entries[:-MAX_SCANS]

    def next_source(self) -> str:
        self._scans += 1
        return f"scan {self._scans}"

    @property
    def portfolio(self) -> Portfolio:
        return Portfolio(tuple(self.entries), self.role)
