"""The verdict model: checks, their outcomes, the fields shown to staff, and the report.

Everything here is plain frozen data so that the CLI, the app and the tests read the same thing.
A report holds its checks and the set of checks its profile requires; its verdict is not stored
but always derived from those two by the one rule, in `kiosk.verification.verdict`, so adding a
check (staff matching the holder at the desk) can never leave a stale or re-ranked verdict.

Every text a report carries (reasons, details, shown values, claim names, labels) passes the
kiosk's one text policy (`payloads.safe_text.plain_text`) when the object is built, so no check,
however it builds its sentence from credential text, can put an escape sequence, a bidi override
or an invisible character in front of staff, in `--json` or in the history.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.verification.achievement_details import AchievementDetails, Association

from payloads.safe_text import plain_text

REASON_LIMIT = 400
"""Longest reason or detail line kept, in characters."""
VALUE_LIMIT = 600
"""Longest shown value kept (the screen's own limit)."""
LABEL_LIMIT = 160


def _sanitise(instance: object, name: str, limit: int) -> None:
    value = getattr(instance, name)
    if value is not None:
        object.__setattr__(instance, name, plain_text(value, limit=limit))


class CheckId(StrEnum):
    """The fixed, documented set of check ids (`docs/checks.md`)."""

    PAYLOAD = "payload"
    FORMAT = "format"
    PROOF = "proof"
    ISSUER_KEY = "issuer-key"
    TRUST = "trust"
    DATES = "dates"
    STATUS = "status"
    ANCHOR = "anchor"
    HOLDER = "holder"
    NESTED = "nested"
    """The credentials inside this one (CLR 2.0 transcripts, presentations), each verified."""


class CheckStatus(StrEnum):
    """What happened to one check. `NOT_DONE` is never shown or counted as a pass."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_DONE = "not done"


class Verdict(StrEnum):
    """The three verdicts, spelled exactly as the CLI's JSON contract gives them."""

    VERIFIED = "VERIFIED"
    NOT_VERIFIED = "NOT VERIFIED"
    CHECK_MANUALLY = "CHECK MANUALLY"

    @property
    def exit_code(self) -> int:
        """Exit code of `kiosk verify`: 0 verified, 1 not verified, 2 check manually."""
        return {Verdict.VERIFIED: 0, Verdict.NOT_VERIFIED: 1, Verdict.CHECK_MANUALLY: 2}[self]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of one check, with a reason in words a receptionist understands."""

    check_id: CheckId
    status: CheckStatus
    reason: str
    """One plain sentence: why it passed, failed or was not done."""
    details: tuple[str, ...] = ()
    """Extra plain-text lines for support staff (key ids, list names, dates)."""

    def __post_init__(self) -> None:
        _sanitise(self, "reason", REASON_LIMIT)
        details = tuple(plain_text(line, limit=REASON_LIMIT) for line in self.details)
        object.__setattr__(self, "details", details)

    @classmethod
    def passed(cls, check_id: CheckId, reason: str, *details: str) -> CheckResult:
        return cls(check_id, CheckStatus.PASSED, reason, details)

    @classmethod
    def failed(cls, check_id: CheckId, reason: str, *details: str) -> CheckResult:
        return cls(check_id, CheckStatus.FAILED, reason, details)

    @classmethod
    def not_done(cls, check_id: CheckId, reason: str, *details: str) -> CheckResult:
        return cls(check_id, CheckStatus.NOT_DONE, reason, details)


class FieldSource(StrEnum):
    """Where a shown value comes from, so the screen never presents a claim as fact."""

    TRUST_LIST = "trust list"
    """Given by the operator's trust list (the issuer's trusted name)."""
    SIGNED = "signed"
    """Read from the signed graph of a credential whose proof verified, from an issuer a trust
    list vouches for."""
    ISSUER_CLAIM = "issuer's claim"
    """Read from the signed graph of a credential whose proof verified, from an issuer on no
    trust list: anyone can sign such a credential, so it is the issuer's word only."""
    CLAIMED = "claimed"
    """Read from a credential whose proof did not verify, or was not checked: a claim only."""


@dataclass(frozen=True, slots=True)
class ShownField:
    """One value shown to staff, already reduced to plain text, with its source."""

    value: str
    source: FieldSource

    def __post_init__(self) -> None:
        _sanitise(self, "value", VALUE_LIMIT)


@dataclass(frozen=True, slots=True)
class ShownFields:
    """What the verdict screen shows about the credential."""

    issuer: ShownField | None = None
    holder: ShownField | None = None
    achievement: ShownField | None = None
    issued: ShownField | None = None
    valid_from: ShownField | None = None
    valid_until: ShownField | None = None
    credential_type: str | None = None
    """A plain label of the format, e.g. "Open Badges 3.0 (VC 2.0)"."""
    claims: tuple[tuple[str, ShownField], ...] = ()
    """Further claims, each with its display name (SD-JWT VC: only the disclosed claims)."""
    details: AchievementDetails | None = None
    """The achievement's description, criteria, results, alignments and evidence."""
    associations: tuple[Association, ...] = ()
    """A CLR 2.0 record's associations between its achievements (its pathway)."""
    credential_id: str = ""
    """The credential's own IRI as signed ("" when it has none)."""

    def __post_init__(self) -> None:
        _sanitise(self, "credential_type", LABEL_LIMIT)
        claims = tuple((plain_text(name, limit=LABEL_LIMIT), shown) for name, shown in self.claims)
        object.__setattr__(self, "claims", claims)

    def as_dict(self) -> dict[str, object]:
        """The JSON form used by `kiosk verify --json`."""

        def one(f: ShownField | None) -> dict[str, str] | None:
            return None if f is None else {"value": f.value, "source": f.source.value}

        return {
            "issuer": one(self.issuer),
            "holder": one(self.holder),
            "achievement": one(self.achievement),
            "issued": one(self.issued),
            "valid_from": one(self.valid_from),
            "valid_until": one(self.valid_until),
            "credential_type": self.credential_type,
            "claims": [{"label": label, **(one(shown) or {})} for label, shown in self.claims],
            "credential_id": self.credential_id,
            "achievement_details": None if self.details is None else self.details.as_dict(),
            "associations": [
                {"type": a.association_type, "source_id": a.source_id, "target_id": a.target_id}
                for a in self.associations
            ],
        }


@dataclass(frozen=True, slots=True)
class RecipientIdentity:
    """One way a credential names its recipient (Open Badges `IdentityObject`)."""

    identity_type: str
    """e.g. "emailAddress", "name", "studentId"."""
    value: str
    """The hash (`sha256$hex`) when `hashed`, else the plain value."""
    hashed: bool
    salt: str = ""


@dataclass(frozen=True, slots=True)
class VerificationReport:
    """The result of verifying one payload: every check, the required set, and what to show."""

    checks: tuple[CheckResult, ...]
    required: frozenset[CheckId] = frozenset()
    """Checks that must be present and passed for VERIFIED (the profile's required set)."""
    fields: ShownFields = field(default_factory=ShownFields)
    checked_at: datetime | None = None
    """The instant the credential was verified as of (the injectable clock)."""
    parts: tuple[PartReport, ...] = ()
    """Reports of the credentials inside this one, each by the same rule."""
    recipient: tuple[RecipientIdentity, ...] = ()
    """The credential's recipient identifiers (from a credential whose proof verified), for
    staff to match what the candidate tells them (`holder_match`)."""
    endorsements: tuple[PartReport, ...] = ()
    """Endorsement credentials embedded in this one, each verified by the same pipeline. They
    are shown with their own verdicts and never change this report's verdict."""

    @property
    def verdict(self) -> Verdict:
        """The verdict, by the one rule, from the checks and the required set."""
        from kiosk.verification.verdict import decide_verdict  # the rule imports this model

        return decide_verdict(self.checks, self.required)

    def with_check(self, result: CheckResult) -> VerificationReport:
        """This report with one more check (its verdict follows by the rule)."""
        return replace(self, checks=(*self.checks, result))

    def check(self, check_id: CheckId) -> CheckResult | None:
        """The result for one check id, or None when the check did not apply."""
        return next((c for c in self.checks if c.check_id is check_id), None)

    @property
    def headline_reason(self) -> str:
        """The one reason to show under the verdict word: the first failure, else the first
        check not done, else a plain confirmation."""
        for status in (CheckStatus.FAILED, CheckStatus.NOT_DONE):
            for c in self.checks:
                if c.status is status:
                    return c.reason
        return "Every check passed."

    def as_dict(self) -> dict[str, object]:
        """The JSON object printed by `kiosk verify --json` (see `docs/cli.md`)."""
        shown = self.fields.as_dict()
        return {
            "verdict": self.verdict.value,
            "reason": self.headline_reason,
            "checks": [
                {
                    "id": c.check_id.value,
                    "status": c.status.value,
                    "reason": c.reason,
                    "details": list(c.details),
                }
                for c in self.checks
            ],
            **shown,
            "checked_at": None if self.checked_at is None else self.checked_at.isoformat(),
            "parts": [{"label": part.label, **part.report.as_dict()} for part in self.parts],
            "endorsements": [
                {"label": part.label, **part.report.as_dict()} for part in self.endorsements
            ],
        }


@dataclass(frozen=True, slots=True)
class PartReport:
    """One credential inside another (a CLR's achievement, a presentation's credential)."""

    label: str
    """Plain words naming it for staff, e.g. "Introduction to Welding"."""
    report: VerificationReport

    def __post_init__(self) -> None:
        _sanitise(self, "label", LABEL_LIMIT)
