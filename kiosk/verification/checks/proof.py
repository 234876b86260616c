"""Proof check: purpose, times and signature of every proof, through its suite."""

from __future__ import annotations

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckId, CheckResult
from kiosk.verification.proof_options import check_purpose, check_timing
from kiosk.verification.suites.registry import suite_for

EXPECTED_PURPOSE = "assertionMethod"


def check_proof(state: CredentialState) -> CheckResult:
    """Verify each proof with the key the issuer-key check resolved for it."""
    credential = state.credential
    suites = [suite_for(proof) for proof in credential.proofs]
    if len(state.methods) != len(credential.proofs):
        return CheckResult.not_done(
            CheckId.PROOF, "The signature could not be checked without the issuer's key."
        )
    names: list[str] = []
    for proof, method, suite in zip(credential.proofs, state.methods, suites, strict=True):
        check_purpose(proof, EXPECTED_PURPOSE, "for issuing credentials")
        check_timing(proof, state.context.now, state.context.clock_skew)
        suite.verify(credential.unsecured, proof, method, state.canonicalizer)
        names.append(suite.name)
    return CheckResult.passed(
        CheckId.PROOF,
        "The signature is valid: the credential has not been changed since it was signed.",
        *(f"proof suite {name}" for name in names),
    )
