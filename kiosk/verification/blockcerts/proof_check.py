"""Proof check for Blockcerts: the certificate's own hash, and its Merkle path to the root.

Offline and quick. The certificate without its proof is canonicalized (RDFC-1.0 / URDNA2015,
JSON-LD safe mode, bundled contexts only) and hashed with SHA-256; that hash must be the
receipt's target hash (else the certificate was changed after issue), and the path from it
must lead to the receipt's Merkle root (else the receipt is forged or damaged). Whether that
root is really on a blockchain is the anchor check's question.

For v3 proofs the options are checked too: purpose assertionMethod when stated, and `created`
a date not in the future — with a time zone for VC 2.0 certificates (RFC 3339), as the
Blockcerts verifier requires.
"""

from __future__ import annotations

import hashlib
from typing import Any

from kiosk.verification.blockcerts.certificate import (
    lenient_datetime,
    merkle_proof_indexes,
    receipt_at,
    signed_document,
)
from kiosk.verification.blockcerts.errors import MerkleProofError
from kiosk.verification.blockcerts.findings import receipt_of
from kiosk.verification.blockcerts.receipt import MerkleReceipt
from kiosk.verification.blockcerts.signatures import check_signatures
from kiosk.verification.checks.state import CredentialState
from kiosk.verification.credential import parse_datetime
from kiosk.verification.model import CheckId, CheckResult, CheckStatus


def check_merkle_proof(state: CredentialState) -> CheckResult:
    """Hash the certificate and follow its Merkle path (raises `MerkleProofError` on failure);
    with several proofs, every Merkle proof over what it signs and every signature too."""
    credential = state.credential
    receipt = receipt_of(state)
    indexes = merkle_proof_indexes(credential)
    for index in indexes:
        _check_options(credential.proofs[index], credential.vc_version, state)
        found = receipt if index == indexes[-1] else receipt_at(credential, index)
        failed = _follow(state, signed_document(credential, index), found)
        if failed is not None:
            return failed
    signatures = check_signatures(state)
    if signatures is not None and signatures.status is not CheckStatus.PASSED:
        return _about_signature(signatures)
    several = len(credential.proofs) > 1
    return CheckResult.passed(
        CheckId.PROOF,
        "The certificate is unchanged since it was issued: its hash leads to the Merkle root "
        "of its batch"
        + (f", and all {len(credential.proofs)} of its proofs hold." if several else "."),
        f"proof suite {receipt.suite}",
        f"Merkle root {receipt.merkle_root.hex()}",
        f"path of {len(receipt.path)} step(s)",
        *(f"{d}" for d in (signatures.details if signatures is not None else ())),
        *(
            ("each proof covers the certificate with the proofs before it (cert-verifier-js)",)
            if several
            else ()
        ),
    )


def _follow(
    state: CredentialState, signed: dict[str, Any], receipt: MerkleReceipt
) -> CheckResult | None:
    canonical = state.canonicalizer.canonicalize(signed)
    local_hash = hashlib.sha256(canonical.encode("utf-8")).digest()
    if local_hash != receipt.target_hash:
        return CheckResult.failed(
            CheckId.PROOF,
            "The certificate has been changed since it was issued: its hash is not the one "
            "its Merkle proof was made for.",
            f"computed hash {local_hash.hex()}",
            f"hash in the proof {receipt.target_hash.hex()}",
        )
    if receipt.computed_root() != receipt.merkle_root:
        return CheckResult.failed(
            CheckId.PROOF,
            "The certificate's Merkle proof is broken: its path does not lead to its Merkle root.",
            f"path leads to {receipt.computed_root().hex()}",
            f"Merkle root in the proof {receipt.merkle_root.hex()}",
        )
    return None


def _about_signature(result: CheckResult) -> CheckResult:
    """The signature's result as the proof check's, saying it is about the signature."""
    reason = f"Its signature: {result.reason[:1].lower()}{result.reason[1:]}"
    if result.status is CheckStatus.FAILED:
        return CheckResult.failed(CheckId.PROOF, reason, *result.details)
    return CheckResult.not_done(CheckId.PROOF, reason, *result.details)


def _check_options(proof: dict[str, Any], vc_version: str, state: CredentialState) -> None:
    if vc_version == "ob2":
        return  # MerkleProof2017 carries no options
    purpose = proof.get("proofPurpose")
    if purpose is not None and purpose != "assertionMethod":
        raise MerkleProofError("The proof was not made for issuing credentials (wrong purpose).")
    if "created" not in proof:
        return
    strict = vc_version == "2.0"
    created = parse_datetime(proof["created"]) if strict else lenient_datetime(proof["created"])
    if created is None:
        raise MerkleProofError(
            "The proof's creation time is not a valid date"
            + (" with a time zone (RFC 3339)." if strict else ".")
        )
    if created > state.context.now + state.context.clock_skew:
        raise MerkleProofError("The proof says it was made in the future.")
