"""Trust check: a trust source vouches for the issuer id — exactly that id, never a prefix and
never a name — and the credential does not imitate another trusted issuer's name.

Outcomes (docs/checks.md, docs/trust-lists.md):
- passed: the first source (in the operator's order) listing the issuer id, within the entry's
  window, not a test-only source; the reason names the source and its governance URL, the
  details carry what the source says (note, legal name, location, accreditation, freshness);
- failed: the issuer is vouched for by no source, and the credential claims a name that folds
  (case, spacing, punctuation, confusable letters) to a trusted issuer's name under another id:
  an impersonation. (An issuer vouched for under its own id is shown by its registry name; a
  claimed name of another listed issuer is then only noted in the details.)
- not done: not listed anywhere that could be checked; some sources could not be checked
  ("2 of 5 registries could not be checked" — never "not on the list" then); a test-only source;
  outside the entry's window; a step vouching for the entry could not be done.
"""

from __future__ import annotations

from typing import Any

from kiosk.verification.checks.dates import show_date
from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckId, CheckResult
from kiosk.verification.plain_text import plain_text
from trust_lists import TrustMatch, TrustRegistry
from trust_lists.spoofing import fold_name


def check_trust(state: CredentialState) -> CheckResult:
    issuer_id, now = state.credential.issuer_id, state.context.now
    registry = state.context.trust
    outcome = registry.resolve(issuer_id, now)
    names = claimed_names(state.credential.document)
    imitated = imitated_issuer(registry, issuer_id, names, outcome.match)
    if imitated is not None and outcome.match is None:
        return CheckResult.failed(
            CheckId.TRUST,
            f"The credential claims the name of {plain_text(imitated.issuer.name)}, a trusted "
            f"issuer in {plain_text(imitated.trust_list.name)}, but it was issued by another id.",
            f"issuer id: {plain_text(issuer_id, 200)}",
            f"{plain_text(imitated.issuer.name)} is listed under: "
            f"{plain_text(imitated.issuer.id, 200)}",
        )
    unchecked = [
        f"{plain_text(t.name)}: {plain_text(reason, 200)}" for t, reason in outcome.unchecked
    ]
    match = outcome.match
    if match is None:
        if len(outcome.unchecked) == 1 and outcome.total == 1:
            return CheckResult.not_done(
                CheckId.TRUST,
                f"Not done: {plain_text(outcome.unchecked[0][1], 200)}.",
                f"issuer id: {plain_text(issuer_id, 200)}",
            )
        if outcome.unchecked:
            return CheckResult.not_done(
                CheckId.TRUST,
                f"Not done: {len(outcome.unchecked)} of {outcome.total} registries could not be "
                "checked, and the issuer is in none of the others.",
                f"issuer id: {plain_text(issuer_id, 200)}",
                *unchecked,
            )
        return CheckResult.not_done(
            CheckId.TRUST,
            "The issuer is not in any of the kiosk's trust sources: check who issued it by "
            "other means.",
            f"issuer id: {plain_text(issuer_id, 200)}",
        )
    entry, source = match.issuer, match.trust_list
    source_name = plain_text(source.name)
    if entry.valid_from is not None and now < entry.valid_from:
        return CheckResult.not_done(
            CheckId.TRUST,
            f"{source_name} trusts this issuer only from {show_date(entry.valid_from)}.",
        )
    if entry.valid_until is not None and now > entry.valid_until:
        return CheckResult.not_done(
            CheckId.TRUST,
            f"{source_name} stopped trusting this issuer on {show_date(entry.valid_until)}.",
        )
    details = source_details(match)
    if imitated is not None:  # vouched for under its own id: the registry's name is shown
        details += (
            f"The credential calls its issuer {plain_text(imitated.issuer.name)}, the name of "
            f"another listed issuer ({plain_text(imitated.issuer.id, 120)}); the name shown is "
            "the registry's.",
        )
    if entry.unconfirmed:
        return CheckResult.not_done(
            CheckId.TRUST,
            f"Not done: {plain_text(entry.name)} is in {source_name}, but "
            f"{plain_text(entry.unconfirmed, 200)}.",
            *details,
        )
    if source.test_only:
        return CheckResult.not_done(
            CheckId.TRUST,
            f"Listed only in {source_name}, a test-only source: test issuers' keys may be "
            "public, so check who issued it by hand.",
            *details,
        )
    state.trust_match = match
    governance = f" — governance: {plain_text(source.governance)}" if source.governance else ""
    return CheckResult.passed(
        CheckId.TRUST, f"Listed in {source_name}{governance}.", *details, *unchecked
    )


def source_details(match: TrustMatch) -> tuple[str, ...]:
    """What the source says about the issuer, as plain lines (note first)."""
    entry, source = match.issuer, match.trust_list
    lines = [plain_text(entry.note)] if entry.note else []
    lines += [f"{label}: {plain_text(text, 200)}" for label, text in entry.details]
    lines.append(f"issuer id: {plain_text(entry.id, 200)}")
    if source.signed_by:
        lines.append(f"list signed by: {plain_text(source.signed_by, 200)}")
    if source.from_cache and source.fetched_at is not None:
        lines.append(f"copy of {plain_text(source.name)} as of {show_date(source.fetched_at)}")
    return tuple(lines)


def imitated_issuer(
    registry: TrustRegistry, issuer_id: str, names: list[str], match: TrustMatch | None
) -> TrustMatch | None:
    """A trusted issuer (under another id) whose name the credential's claimed name imitates;
    None when the issuer's own trusted name is the same name (two ids of one institution)."""
    own = fold_name(match.issuer.name) if match is not None else None
    for name in names:
        folded = fold_name(name)
        if not folded or folded == own:
            continue
        for candidate in registry.named_like(name):
            if candidate.issuer.id != issuer_id:
                return candidate
    return None


def claimed_names(document: dict[str, Any]) -> list[str]:
    """Every name the credential claims for its issuer (a string, a list, value objects and
    language maps alike); never used to trust, only to detect imitation."""
    issuer = document.get("issuer")
    if not isinstance(issuer, dict):
        return []
    found: list[str] = []
    pending: list[Any] = [issuer.get("name")]
    while pending and len(found) < 16:
        value = pending.pop()
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            pending.extend(value[:16])
        elif isinstance(value, dict):
            pending.extend(
                v for k, v in list(value.items())[:16] if k in ("@value",) or not k.startswith("@")
            )
    return found
