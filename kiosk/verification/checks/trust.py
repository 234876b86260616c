"""Trust check: the issuer is on a loaded trust list, within its entry's window."""

from __future__ import annotations

from kiosk.verification.checks.dates import show_date
from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckId, CheckResult


def check_trust(state: CredentialState) -> CheckResult:
    issuer_id, now = state.credential.issuer_id, state.context.now
    match = state.context.trust.find(issuer_id)
    if match is None:
        return CheckResult.not_done(
            CheckId.TRUST,
            "The issuer is not on the kiosk's trust list: check who issued it by other means.",
            f"issuer id: {issuer_id}",
        )
    entry = match.issuer
    if entry.valid_from is not None and now < entry.valid_from:
        return CheckResult.not_done(
            CheckId.TRUST,
            f"The trust list trusts this issuer only from {show_date(entry.valid_from)}.",
        )
    if entry.valid_until is not None and now > entry.valid_until:
        return CheckResult.not_done(
            CheckId.TRUST,
            f"The trust list stopped trusting this issuer on {show_date(entry.valid_until)}.",
        )
    state.trust_match = match
    return CheckResult.passed(
        CheckId.TRUST,
        f"Trusted issuer on the list '{match.trust_list.name}'.",
        *((entry.note,) if entry.note else ()),
    )
