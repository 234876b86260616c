"""Format check: JSON-LD in safe mode with only bundled contexts, and a proof present."""

from __future__ import annotations

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckId, CheckResult


def check_format(state: CredentialState) -> CheckResult:
    """Canonicalize the unsecured credential (raises on unknown contexts and undefined terms)."""
    credential = state.credential
    if credential.needs_json_ld:
        state.canonicalizer.canonicalize(credential.unsecured)
    if not credential.proofs:
        return CheckResult.failed(
            CheckId.FORMAT, "The credential carries no proof: anyone could have written it."
        )
    return CheckResult.passed(CheckId.FORMAT, f"A well-formed {credential.label}.")
