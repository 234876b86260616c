"""Status check for Blockcerts: revocation by the issuer (and v3 `credentialStatus`).

A v3 certificate naming a `credentialStatus` (a Blockcerts `RevocationList`, StatusList2021,
BitstringStatusList) takes the kiosk's own status check, as any credential does. This check is
for the others: the revocation list the issuer's profile names (`revocationList`), read through
the status code (`kiosk.verification.status.check_revocation_list`).

Revoked → failed, with the issuer's reason; the list (or the profile naming it) could not be
had → not done; not listed → passed. An issuer publishing no list at all: the check does not
apply (as for a VC naming no status list).
"""

from __future__ import annotations

from kiosk.verification.blockcerts.issuer_check import issuer_profile
from kiosk.verification.blockcerts.revocation import revocation_list_result
from kiosk.verification.checks.state import CredentialState
from kiosk.verification.errors import UnsupportedError, VerificationError
from kiosk.verification.model import CheckId, CheckResult
from kiosk.verification.status_entries import has_status_entries


def applies_to_blockcerts(state: CredentialState) -> bool:
    """Blockcerts certificates without a `credentialStatus` (those take the status check)."""
    credential = state.credential
    if credential.graph is None:  # Blockcerts v2: read from its JSON
        return state.anchored and "credentialStatus" not in credential.document
    return state.anchored and not has_status_entries(credential.graph)


def check_revocation(state: CredentialState) -> CheckResult | None:
    """Whether the issuer's revocation list names the certificate (None: it publishes none)."""
    document = state.credential.document
    try:
        location = issuer_profile(state).revocation_list
    except UnsupportedError as error:
        return CheckResult.not_done(
            CheckId.STATUS,
            "Whether the certificate was revoked could not be checked: "
            f"{error.description[:1].lower()}{error.description[1:]}",
        )
    except VerificationError as error:
        return CheckResult.not_done(CheckId.STATUS, error.description)
    if location is None:
        return None
    root = state.credential.root
    credential_id = document.get("id") if root is None else None if root.is_blank else root.id
    if not isinstance(credential_id, str) or not credential_id:
        return CheckResult.not_done(
            CheckId.STATUS, "The certificate has no id, so its revocation cannot be looked up."
        )
    return revocation_list_result(location, credential_id, state.context)
