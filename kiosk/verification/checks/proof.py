"""Proof check: purpose, times and signature of every proof, through its suite."""

from __future__ import annotations

from typing import Any

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.credential import parse_datetime
from kiosk.verification.model import CheckId, CheckResult
from kiosk.verification.suites.base import ProofFailedError
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
        _check_options(proof, state)
        suite.verify(credential.unsecured, proof, method, state.canonicalizer)
        names.append(suite.name)
    return CheckResult.passed(
        CheckId.PROOF,
        "The signature is valid: the credential has not been changed since it was signed.",
        *(f"proof suite {name}" for name in names),
    )


def _check_options(proof: dict[str, Any], state: CredentialState) -> None:
    """Purpose and time checks every Data Integrity proof shares."""
    if proof.get("proofPurpose") != EXPECTED_PURPOSE:
        raise ProofFailedError("The proof was not made for issuing credentials (wrong purpose).")
    now, skew = state.context.now, state.context.clock_skew
    if "created" in proof:
        created = parse_datetime(proof["created"])
        if created is None:
            raise ProofFailedError("The proof's creation time is not a valid date.")
        if created > now + skew:
            raise ProofFailedError("The proof says it was made in the future.")
    if "expires" in proof:
        expires = parse_datetime(proof["expires"])
        if expires is None or expires < now - skew:
            raise ProofFailedError("The proof has expired.")
