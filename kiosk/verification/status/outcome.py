"""The small answer every status method gives, and where the list it read came from.

A method answers one `credentialStatus` entry with a `StatusOutcome`:

| kind        | meaning                                                                    |
|-------------|----------------------------------------------------------------------------|
| `ok`        | the list says the credential is in good standing                            |
| `message`   | the list attaches a status message (shown; not a failure)                   |
| `revoked`   | revoked, with the list's reason when it gives one                           |
| `suspended` | suspended (possibly with the issuer's message for the value)                |
| `malformed` | the credential's own entry is malformed (index out of range, no list URL)   |
| `unknown`   | the status could not be learned: offline, unreachable, untrustworthy list   |

`kiosk.verification.status.summary.summarise` turns outcomes into the `status` check.
All text in an outcome has been through `plain_text` already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from kiosk.net import Retrieved, show_day
from kiosk.net.urls import url_place
from kiosk.verification.plain_text import plain_text


class OutcomeKind(StrEnum):
    OK = "ok"
    MESSAGE = "message"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    MALFORMED = "malformed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ListSource:
    """Which list an outcome was read from, and when that copy was fetched."""

    label: str
    """Plain words: "the status list at example.edu/status/3"."""
    fetched_at: datetime | None = None
    from_cache: bool = False

    @classmethod
    def of(cls, what: str, retrieved: Retrieved) -> ListSource:
        return cls(label_for(what, retrieved.url), retrieved.fetched_at, retrieved.from_cache)

    @property
    def as_of(self) -> str:
        """The day of a copy from the kiosk's cache ("12 Nov 2026"), else ""."""
        if self.from_cache and self.fetched_at is not None:
            return show_day(self.fetched_at)
        return ""

    @property
    def fetched_line(self) -> str:
        """A detail line: "list fetched 2026-11-12 09:30 UTC (saved copy)"."""
        if self.fetched_at is None:
            return ""
        saved = " (the kiosk's saved copy)" if self.from_cache else ""
        return f"list fetched {self.fetched_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC{saved}"


@dataclass(frozen=True, slots=True)
class StatusOutcome:
    """One status entry's answer."""

    kind: OutcomeKind
    text: str = ""
    """The revocation reason, the status message, or why it is unknown / malformed (a sentence
    fragment in plain words); "" when there is nothing to say."""
    source: ListSource | None = None
    notes: tuple[str, ...] = ()
    """Extra plain lines for support staff (e.g. "the list is signed by did:key:…")."""
    issuers_own: bool = True
    """False when the list that revoked or suspended it is not plainly the issuer's own (signed
    by someone else, or shorter than the standard allows): worded "according to the list"."""

    @classmethod
    def ok(cls, source: ListSource, *notes: str) -> StatusOutcome:
        return cls(OutcomeKind.OK, "", source, notes)

    @classmethod
    def message(cls, text: object, source: ListSource, *notes: str) -> StatusOutcome:
        return cls(OutcomeKind.MESSAGE, plain_text(text, limit=200), source, notes)

    @classmethod
    def revoked(
        cls, reason: object, source: ListSource, *notes: str, issuers_own: bool = True
    ) -> StatusOutcome:
        return cls(OutcomeKind.REVOKED, _optional_text(reason), source, notes, issuers_own)

    @classmethod
    def suspended(
        cls, message: object, source: ListSource, *notes: str, issuers_own: bool = True
    ) -> StatusOutcome:
        return cls(OutcomeKind.SUSPENDED, _optional_text(message), source, notes, issuers_own)

    @classmethod
    def malformed(cls, reason: str, source: ListSource | None = None) -> StatusOutcome:
        return cls(OutcomeKind.MALFORMED, reason, source)

    @classmethod
    def unknown(cls, reason: str, source: ListSource | None = None) -> StatusOutcome:
        return cls(OutcomeKind.UNKNOWN, reason, source)


def label_for(what: str, url: str) -> str:
    """Plain words for a list: "the status list at example.edu/status/3" (never the query)."""
    where = url_place(url)
    if where is None:
        return f"{what} at an invalid address"
    return f"{what} at {plain_text(where, limit=120)}"


def _optional_text(value: object) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    return plain_text(value, limit=200)
