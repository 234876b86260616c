"""Issuer-key check: each proof's key resolves, belongs to the issuer, and may make assertions.

A key whose controller is the issuer is bound. A did:key issuer has exactly one key, so any other
key is a failure. For other issuers (https profiles, other DID methods) the binding needs the
issuer's own document, which is not fetched yet: "not done", while the key is still kept so the
signature itself can be checked.
"""

from __future__ import annotations

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.keys.resolver import resolve_verification_method
from kiosk.verification.model import CheckId, CheckResult

ASSERTION_METHOD = "assertionMethod"


def check_issuer_key(state: CredentialState) -> CheckResult:
    """Resolve every proof's verification method and check it is the issuer's."""
    issuer_id = state.credential.issuer_id
    unbound: list[str] = []
    foreign: list[str] = []
    for proof in state.credential.proofs:
        if "previousProof" in proof:
            return CheckResult.not_done(
                CheckId.ISSUER_KEY, "Chained proofs (previousProof) are not supported yet."
            )
        method = resolve_verification_method(proof.get("verificationMethod", ""), state.context)
        if ASSERTION_METHOD not in method.purposes:
            return CheckResult.failed(
                CheckId.ISSUER_KEY,
                "The signing key is not authorised to sign credentials (not an assertionMethod).",
                f"key: {method.id}",
            )
        if method.controller != issuer_id:
            # A did:key issuer has exactly one key; other issuers need their own documents.
            (foreign if issuer_id.startswith("did:key:") else unbound).append(method.id)
        state.methods.append(method)  # kept so the signature itself is still checked
    if foreign:
        return CheckResult.failed(
            CheckId.ISSUER_KEY,
            "The credential was signed with a key that does not belong to its issuer.",
            f"issuer: {issuer_id}",
            *(f"key: {key}" for key in foreign),
        )
    if unbound:
        return CheckResult.not_done(
            CheckId.ISSUER_KEY,
            "Could not confirm that the signing key belongs to the issuer: the issuer's own "
            "key list is not fetched yet.",
            f"issuer: {issuer_id}",
            *(f"key: {key}" for key in unbound),
        )
    source = state.methods[0].resolved_from
    return CheckResult.passed(
        CheckId.ISSUER_KEY,
        f"The signing key is the issuer's, taken from {source}.",
        *(f"key: {m.id}" for m in state.methods),
    )
