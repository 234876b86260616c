"""Proof check: purpose, times and signature of every proof, through its suite."""

from __future__ import annotations

from typing import Any

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckId, CheckResult
from kiosk.verification.proof_options import check_purpose, check_timing
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
        check_purpose(proof, EXPECTED_PURPOSE, "for issuing credentials")
        check_timing(proof, state.context.now, state.context.clock_skew)
        signed = _signed_input(credential.unsecured, proof, credential.proofs)
        suite.verify(signed, proof, method, state.canonicalizer)
        names.append(suite.name)
    chained = sum("previousProof" in proof for proof in credential.proofs)
    return CheckResult.passed(
        CheckId.PROOF,
        "The signature is valid: the credential has not been changed since it was signed."
        if len(names) == 1
        else f"All {len(names)} signatures are valid"
        + (f" ({chained} of them chained to earlier ones)." if chained else "."),
        *(f"proof suite {name}" for name in names),
    )


def _signed_input(
    unsecured: dict[str, Any], proof: dict[str, Any], proofs: tuple[dict[str, Any], ...]
) -> dict[str, Any]:
    """What `proof` signs: the document alone, or — for a chained proof (`previousProof`) — the
    document with the proofs it names (VC Data Integrity, proof chains)."""
    previous = proof.get("previousProof")
    if previous is None:
        return unsecured
    wanted = previous if isinstance(previous, list) else [previous]
    if not wanted or not all(isinstance(ident, str) for ident in wanted):
        raise ProofFailedError("The proof chain is malformed (previousProof).")
    matching = [p for p in proofs if p.get("id") in wanted]
    if len(matching) != len(set(wanted)):
        raise ProofFailedError("The proof chain names an earlier proof that is missing.")
    return {**unsecured, "proof": matching}
