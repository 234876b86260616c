"""A presentation sealed with a Blockcerts Merkle proof (MerkleProof2019 / merkle-proof-2019).

Blockcerts issuers may batch a presentation into a blockchain anchor as they do certificates.
Its proof is then the issuer's, not the holder's: the kiosk checks that the presentation's hash
leads to the proof's Merkle root (changed presentations fail), says that the anchor of a
presentation is not looked up (not done), and that such a proof shows nothing about who is
presenting it (the holder check is not done). The credentials inside are verified as always.
"""

from __future__ import annotations

import hashlib
from typing import Any

from kiosk.verification.blockcerts.merkle_proof_2019 import (
    decode_merkle_proof_2019,
    is_merkle_proof_2019,
)
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.model import CheckId, CheckResult


def is_merkle_sealed(proofs: tuple[dict[str, Any], ...]) -> bool:
    return len(proofs) == 1 and is_merkle_proof_2019(proofs[0])


def check_sealed_presentation(
    unsecured: dict[str, Any], proof: dict[str, Any], canonicalizer: Canonicalizer
) -> tuple[CheckResult, CheckResult]:
    """The proof and holder checks of a Merkle-sealed presentation (raises `MerkleProofError`
    for a malformed proof)."""
    receipt = decode_merkle_proof_2019(proof.get("proofValue"))
    digest = hashlib.sha256(canonicalizer.canonicalize(unsecured).encode("utf-8")).digest()
    if digest != receipt.target_hash or receipt.computed_root() != receipt.merkle_root:
        return (
            CheckResult.failed(
                CheckId.PROOF,
                "The presentation has been changed since it was sealed: its hash does not lead "
                "to its Merkle root.",
            ),
            CheckResult.not_done(CheckId.HOLDER, "The presentation's proof failed."),
        )
    anchor = receipt.anchors[0] if receipt.anchors else None
    where = anchor.chain_name if anchor is not None else "no chain"
    return (
        CheckResult.not_done(
            CheckId.PROOF,
            "The presentation is sealed by its issuer's blockchain proof, which is unchanged; "
            "its anchor is not looked up for presentations.",
            f"Merkle root {receipt.merkle_root.hex()} ({where})",
        ),
        CheckResult.not_done(
            CheckId.HOLDER,
            "The presentation is sealed by its issuer, not signed by the person presenting it.",
        ),
    )
