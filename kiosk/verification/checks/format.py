"""Format check: JSON-LD in safe mode with only bundled contexts, a proof present, and the
credential's JSON Schemas (`schema_findings`: a declared schema broken fails, the kiosk's own
pick only warns)."""

from __future__ import annotations

from kiosk.verification.checks.schema_findings import schema_report
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
    if not state.context.check_schemas:
        return CheckResult.passed(CheckId.FORMAT, f"A well-formed {credential.label}.")
    schemas = schema_report(credential, state.context)
    if schemas.failure:
        return CheckResult.failed(CheckId.FORMAT, schemas.failure, *schemas.details)
    return CheckResult.passed(
        CheckId.FORMAT, f"A well-formed {credential.label}.", *schemas.details
    )
