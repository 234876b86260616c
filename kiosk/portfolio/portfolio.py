"""A candidate's portfolio: the verification reports of the credentials they showed, the
holder across them, and each of a role's requirements as met, unconfirmed or missing.

A credential claims a requirement only through its achievement details as the signed graph
gives them (`ShownFields.details`, and a CLR's included credentials' own). The details of a
NOT VERIFIED credential are never used (nor shown): a value changed after signing cannot meet
anything. Met: a VERIFIED credential claims it (named). Unconfirmed: only CHECK MANUALLY
credentials claim it. Missing: nothing claims it, or only NOT VERIFIED ones. A credential
included in a CLR counts with the worse of its own verdict and the record's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kiosk.portfolio.roles import Requirement, Role
from kiosk.verification.achievement_details import AchievementDetails
from kiosk.verification.model import Verdict, VerificationReport

_RANK = {Verdict.VERIFIED: 0, Verdict.CHECK_MANUALLY: 1, Verdict.NOT_VERIFIED: 2}


class RequirementStatus(StrEnum):
    MET = "met"
    UNCONFIRMED = "unconfirmed"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class PortfolioEntry:
    """One credential shown by the candidate: where it came from and its report."""

    source: str
    """A file name or "scan N": used as its id when the credential states none."""
    report: VerificationReport

    @property
    def credential_id(self) -> str:
        return self.report.fields.credential_id or self.source


@dataclass(frozen=True, slots=True)
class Claim:
    """An achievement a credential claims, with the verdict it counts with."""

    credential_id: str
    name: str
    verdict: Verdict
    details: AchievementDetails


@dataclass(frozen=True, slots=True)
class RequirementResult:
    requirement: Requirement
    status: RequirementStatus
    claims: tuple[Claim, ...]
    """The claims behind the status: VERIFIED ones when met, CHECK MANUALLY ones when
    unconfirmed, none when missing."""

    @property
    def credential_ids(self) -> list[str]:
        return list(dict.fromkeys(c.credential_id for c in self.claims))


@dataclass(frozen=True, slots=True)
class Holder:
    """Who the credentials name, and whether they disagree."""

    names: tuple[str, ...]
    subject_ids: tuple[str, ...]

    @property
    def mismatch(self) -> bool:
        return len({_same(n) for n in self.names}) > 1 or len(set(self.subject_ids)) > 1

    @property
    def summary(self) -> str:
        if not self.names and not self.subject_ids:
            return "No credential names its holder."
        if self.mismatch:
            return "The credentials name different holders: check who they belong to."
        named = self.names[0] if self.names else self.subject_ids[0]
        return f"Every credential names the same holder: {named}."

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.names[0] if len(self.names) == 1 else None,
            "names": list(self.names),
            "subject_ids": list(self.subject_ids),
            "mismatch": self.mismatch,
            "summary": self.summary,
        }


def _same(name: str) -> str:
    return " ".join(name.casefold().split())


def usable_details(report: VerificationReport) -> AchievementDetails | None:
    """The achievement details that may be shown and matched: none of a NOT VERIFIED report."""
    if report.verdict is Verdict.NOT_VERIFIED:
        return None
    return report.fields.details


def claims_of(entry: PortfolioEntry) -> Iterator[Claim]:
    """The achievements one credential claims: its own, and a CLR's included credentials'."""
    report = entry.report
    details = usable_details(report)
    if details is not None:
        name = report.fields.achievement.value if report.fields.achievement else ""
        yield Claim(entry.credential_id, name, report.verdict, details)
    if report.verdict is Verdict.NOT_VERIFIED:
        return
    for part in report.parts:
        inner = usable_details(part.report)
        if inner is None:
            continue
        verdict = max(report.verdict, part.report.verdict, key=_RANK.__getitem__)
        ident = part.report.fields.credential_id or f"{entry.credential_id} / {part.label}"
        yield Claim(ident, part.label, verdict, inner)


def meets(requirement: Requirement, claim: Claim) -> bool:
    """Whether the claimed achievement shows the requirement (see `kiosk.portfolio.roles`)."""
    details = claim.details
    if requirement.alignment_url:
        wanted = requirement.alignment_url
        return any(wanted in a.target_url.split(" / ") for a in details.alignments)
    if requirement.alignment_code:
        return any(
            a.target_code == requirement.alignment_code
            and _same(a.target_framework) == _same(requirement.alignment_framework)
            for a in details.alignments
        )
    if requirement.achievement_id:
        return details.achievement_id == requirement.achievement_id
    return _same(details.achievement_type) == _same(requirement.achievement_type) and _same(
        requirement.name_contains
    ) in _same(claim.name)


def judge(requirement: Requirement, claims: Sequence[Claim]) -> RequirementResult:
    matching = [c for c in claims if meets(requirement, c)]
    verified = tuple(c for c in matching if c.verdict is Verdict.VERIFIED)
    if verified:
        return RequirementResult(requirement, RequirementStatus.MET, verified)
    manual = tuple(c for c in matching if c.verdict is Verdict.CHECK_MANUALLY)
    if manual:
        return RequirementResult(requirement, RequirementStatus.UNCONFIRMED, manual)
    return RequirementResult(requirement, RequirementStatus.MISSING, ())


@dataclass(frozen=True, slots=True)
class Portfolio:
    entries: tuple[PortfolioEntry, ...]
    role: Role | None = None

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for e in self.entries for c in claims_of(e))

    @property
    def holder(self) -> Holder:
        names: list[str] = []
        subject_ids: list[str] = []
        for entry in self.entries:
            fields = entry.report.fields
            if entry.report.verdict is Verdict.NOT_VERIFIED:
                continue
            if fields.holder is not None and fields.holder.value not in names:
                names.append(fields.holder.value)
            subject = fields.details.subject_id if fields.details else ""
            if subject and subject not in subject_ids:
                subject_ids.append(subject)
        return Holder(tuple(names), tuple(subject_ids))

    @property
    def requirements(self) -> tuple[RequirementResult, ...]:
        if self.role is None:
            return ()
        claims = self.claims
        return tuple(judge(r, claims) for r in self.role.requirements)

    @property
    def exit_code(self) -> int:
        """0 every requirement met, 1 some missing, 2 none missing but some unconfirmed."""
        statuses = {r.status for r in self.requirements}
        if RequirementStatus.MISSING in statuses:
            return 1
        if RequirementStatus.UNCONFIRMED in statuses:
            return 2
        return 0

    def as_dict(self) -> dict[str, object]:
        """The `kiosk portfolio --json` object (see `docs/cli.md`)."""
        return {
            "holder": self.holder.as_dict(),
            "credentials": [e.report.as_dict() for e in self.entries],
            "role": None
            if self.role is None
            else {
                "name": self.role.name,
                "requirements": [
                    {
                        "label": r.requirement.label,
                        "status": r.status.value,
                        "credentials": r.credential_ids,
                    }
                    for r in self.requirements
                ],
            },
        }
