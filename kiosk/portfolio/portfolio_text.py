"""The portfolio in plain lines: what `kiosk portfolio` prints and the printable report holds.

One place words the employer's view (requirement statuses, the holder line, achievement
details), so the CLI, the PDF and the app's session screen say the same thing. Every value
from a credential is already plain text (the verification model); role files are the operator's,
and pass through the same sanitiser.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.portfolio.portfolio import Portfolio, RequirementResult, RequirementStatus
from kiosk.verification.achievement_details import AchievementDetails
from kiosk.verification.model import FieldSource, VerificationReport
from kiosk.verification.plain_text import plain_text
from trust_lists import TrustRegistry

STATUS_WORDS = {
    RequirementStatus.MET: "MET",
    RequirementStatus.UNCONFIRMED: "UNCONFIRMED",
    RequirementStatus.MISSING: "MISSING",
}
STATUS_MEANING = {
    RequirementStatus.MET: "a VERIFIED credential shows it",
    RequirementStatus.UNCONFIRMED: "only credentials to CHECK MANUALLY claim it",
    RequirementStatus.MISSING: "no verified or unconfirmed credential shows it",
}
SOURCE_WORDS = {
    FieldSource.TRUST_LIST: "from the trust list",
    FieldSource.SIGNED: "signed by a trusted issuer",
    FieldSource.ISSUER_CLAIM: "the issuer's claim: issuer on no trust list",
    FieldSource.CLAIMED: "claimed, not verified",
}


@dataclass(frozen=True, slots=True)
class TrustSource:
    """One trust list the kiosk used, for the report's footer."""

    name: str
    publisher: str
    issuers: int
    updated: str
    """When its file was last written ("unknown" when it is not a readable file)."""


def trust_sources(registry: TrustRegistry) -> list[TrustSource]:
    found = []
    for trust_list in registry.lists:
        try:
            stamp = Path(trust_list.source).stat().st_mtime
            updated = f"{datetime.fromtimestamp(stamp, UTC):%Y-%m-%d %H:%M} UTC"
        except (OSError, ValueError):
            updated = "unknown"
        found.append(
            TrustSource(
                plain_text(trust_list.name, limit=80),
                plain_text(trust_list.publisher, limit=80),
                len(trust_list.issuers),
                updated,
            )
        )
    return found


def requirement_line(result: RequirementResult, width: int = 12) -> str:
    """ "MET  label — the credentials meeting it" (the status padded to `width`)."""
    word = STATUS_WORDS[result.status] + ("" if width else ":")
    label = plain_text(result.requirement.label, limit=120)
    if result.claims:
        names = "; ".join(dict.fromkeys(plain_text(c.name, limit=80) for c in result.claims))
        return f"{word:<{width}}{label} — {names}" if width else f"{word} {label} — {names}"
    return f"{word:<{width}}{label}" if width else f"{word} {label}"


CLAIM_NOTES = {
    FieldSource.ISSUER_CLAIM: " [issuer's claim]",
    FieldSource.CLAIMED: " [claimed, not verified]",
}


def credential_title(report: VerificationReport) -> str:
    """"Achievement — issuer", marked when the issuer's name is only a claim."""
    fields = report.fields
    name = fields.achievement.value if fields.achievement else "(no achievement named)"
    if fields.issuer is None:
        return f"{name} — (no issuer)"
    return f"{name} — {fields.issuer.value}{CLAIM_NOTES.get(fields.issuer.source, '')}"


def credential_line(source: str, report: VerificationReport) -> str:
    title = credential_title(report)
    return f"{report.verdict.value:<15}{title} ({plain_text(source, limit=60)})"


def details_lines(details: AchievementDetails) -> list[str]:
    """The achievement's details, one fact a line (labels fixed, values as signed)."""
    lines = [f"Source: {SOURCE_WORDS[details.source]}"]
    pairs = [
        ("Description", details.description),
        ("Criteria", details.criteria),
        ("Type", details.achievement_type),
        ("Field of study", details.field_of_study),
        ("Specialization", details.specialization),
        ("Code", details.human_code),
        ("Credits available", details.credits_available),
        ("Credits earned", details.credits_earned),
    ]
    lines += [f"{label}: {value}" for label, value in pairs if value]
    lines += [f"Result — {r.label}: {r.value or '—'}" for r in details.results]
    for a in details.alignments:
        framework = " · ".join(v for v in (a.target_framework, a.target_code, a.target_type) if v)
        lines.append(f"Aligned to: {a.target_name or '—'} ({framework or 'no framework'})")
        if a.target_url:
            lines.append(f"  {a.target_url}  (not fetched)")
    for e in details.evidence:
        lines.append(f"Evidence: {e.name or e.description or e.narrative or '—'}")
        if e.narrative and e.name:
            lines.append(f"  {e.narrative}")
        if e.url:
            lines.append(f"  {e.url}  (not fetched)")
    return lines


def portfolio_lines(portfolio: Portfolio, when: datetime | None = None) -> list[str]:
    """The portfolio as `kiosk portfolio` prints it."""
    lines = []
    if portfolio.role is not None:
        lines.append(f"Role: {plain_text(portfolio.role.name, limit=120)}")
    if when is not None:
        lines.append(f"Checked: {when.astimezone(UTC):%Y-%m-%d %H:%M} UTC")
    lines += [f"Holder: {portfolio.holder.summary}", "", "Credentials:"]
    for entry in portfolio.entries:
        lines.append(f"  {credential_line(entry.source, entry.report)}")
        lines.append(f"  {'':<15}{entry.report.headline_reason}")
    if portfolio.role is not None:
        lines += ["", "Requirements:"]
        lines += [f"  {requirement_line(r)}" for r in portfolio.requirements]
    return lines
