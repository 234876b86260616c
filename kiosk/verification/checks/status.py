"""Status check: revocation and suspension, through the status methods table.

Applies only to credentials naming `credentialStatus` (a status list credential's own profile
has no status step, so lists naming lists cannot recurse). Each entry is answered by its
method (`kiosk.verification.status`); `summarise` turns the answers into one result: revoked or
suspended → failed, a malformed entry → failed, status unknown (offline without a fresh copy,
unreachable, list not trustworthy, method not supported) → not done, else passed.
"""

from __future__ import annotations

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckId, CheckResult
from kiosk.verification.status import (
    StatusSubject,
    check_entries,
    summarise,
)
from kiosk.verification.status_entries import has_status_entries, status_entries


def has_status_entry(state: CredentialState) -> bool:
    """The status check applies only to credentials whose signed graph names a status or
    revocation list (whatever spelling the JSON used)."""
    return has_status_entries(state.credential.graph)


def check_status(state: CredentialState) -> CheckResult:
    """Check every `credentialStatus` entry of the credential, as the signed graph has them."""
    graph, root = state.credential.graph, state.credential.root
    if graph is None or root is None:
        return CheckResult.not_done(CheckId.STATUS, "The credential's status could not be read.")
    subject = StatusSubject(
        issuer_id=state.credential.issuer_id,
        credential_id=None if root.is_blank else root.id,
    )
    entries = status_entries(graph)
    return summarise(check_entries(entries, subject, state.context, state.verify_status_list))
