"""Issuer-key check: each proof's key resolves, belongs to the issuer, and may make assertions."""

from __future__ import annotations

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.keys.resolver import resolve_verification_method
from kiosk.verification.model import CheckId, CheckResult

ASSERTION_METHOD = "assertionMethod"


def check_issuer_key(state: CredentialState) -> CheckResult:
    """Resolve every proof's verification method and check it is the issuer's."""
    issuer_id = state.credential.issuer_id
    details: list[str] = []
    for proof in state.credential.proofs:
        method = resolve_verification_method(proof.get("verificationMethod", ""))
        if method.controller != issuer_id:
            return CheckResult.failed(
                CheckId.ISSUER_KEY,
                "The credential was signed with a key that does not belong to its issuer.",
                f"key controller: {method.controller}",
                f"issuer: {issuer_id}",
            )
        if ASSERTION_METHOD not in method.purposes:
            return CheckResult.failed(
                CheckId.ISSUER_KEY,
                "The issuer's key is not authorised to sign credentials (not an assertionMethod).",
                f"key: {method.id}",
            )
        state.methods.append(method)
        details.append(f"key {method.id} from {method.resolved_from}")
    source = state.methods[0].resolved_from if state.methods else "nowhere"
    return CheckResult.passed(
        CheckId.ISSUER_KEY, f"The signing key is the issuer's, taken from {source}.", *details
    )
