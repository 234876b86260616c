"""Status check: revocation / suspension. Status lists are not checked yet, so a credential that
names one gets "not done" (CHECK MANUALLY); one that names none has no status check."""

from __future__ import annotations

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckId, CheckResult


def has_status_entry(state: CredentialState) -> bool:
    """The status check applies only to credentials that name a status or revocation list."""
    return "credentialStatus" in state.credential.document


def check_status(state: CredentialState) -> CheckResult:
    return CheckResult.not_done(
        CheckId.STATUS,
        "Whether the credential was revoked could not be checked: "
        "status lists are not supported yet.",
    )
