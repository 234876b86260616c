"""Status check: revocation and suspension, through the status methods table.

Applies only to credentials naming `credentialStatus` (a status list credential's own profile
has no status step, so lists naming lists cannot recurse). Each entry is answered by its
method (`kiosk.verification.status`); `summarise` turns the answers into one result: revoked or
suspended → failed, a malformed entry → failed, status unknown (offline without a fresh copy,
unreachable, list not trustworthy, method not supported) → not done, else passed.
"""

from __future__ import annotations

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckResult
from kiosk.verification.status import (
    StatusSubject,
    check_entries,
    summarise,
)


def has_status_entry(state: CredentialState) -> bool:
    """The status check applies only to credentials that name a status or revocation list."""
    return "credentialStatus" in state.credential.document


def check_status(state: CredentialState) -> CheckResult:
    """Check every `credentialStatus` entry of the credential."""
    document = state.credential.document
    credential_id = document.get("id")
    subject = StatusSubject(
        issuer_id=state.credential.issuer_id,
        credential_id=credential_id if isinstance(credential_id, str) else None,
    )
    entries = document.get("credentialStatus")
    return summarise(check_entries(entries, subject, state.context, state.verify_status_list))
