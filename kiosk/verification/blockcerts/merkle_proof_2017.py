"""MerkleProof2017: the `signature` of a Blockcerts v2 certificate, read into a `MerkleReceipt`.

    "signature": {
      "type": ["MerkleProof2017", "Extension"],
      "targetHash": "<hex>", "merkleRoot": "<hex>",
      "proof": [{"right": "<hex>"}, {"left": "<hex>"}],
      "anchors": [{"sourceId": "<txid>", "type": "BTCOpReturn", "chain": "bitcoinMainnet"}]
    }

Anchors of type `BTCOpReturn` written before v2 named chains carry no `chain`: the network is
read from the recipient's Bitcoin address (as the Blockcerts verifier does). `ETHData` anchors
without a chain are Ethereum mainnet; `Mock` anchors are the mock chain of test certificates.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.verification.blockcerts.chains import (
    V2_CHAIN_NAMES,
    Chain,
    chain_from_recipient_address,
)
from kiosk.verification.blockcerts.errors import MerkleProofError
from kiosk.verification.blockcerts.receipt import (
    Anchor,
    MerkleReceipt,
    PathStep,
    Side,
    check_path_length,
    hash_from_hex,
)

SUITE = "MerkleProof2017"
MAX_ANCHORS = 8


def is_merkle_proof_2017(signature: Any) -> bool:
    """True for a v2 `signature` object whose type names MerkleProof2017."""
    if not isinstance(signature, Mapping):
        return False
    types = signature.get("type")
    return SUITE in (types if isinstance(types, list) else [types])


def read_merkle_proof_2017(signature: Any, recipient_address: str | None) -> MerkleReceipt:
    """Read a v2 `signature`.

    Args:
        signature: the certificate's `signature` object.
        recipient_address: the recipient's `publicKey` (an `ecdsa-koblitz-pubkey:` address), used
            only for anchors that do not name their chain.

    Raises:
        MerkleProofError: anything malformed.
    """
    if not is_merkle_proof_2017(signature):
        raise MerkleProofError("The certificate's signature is not a MerkleProof2017.")
    raw_path = signature.get("proof", [])
    if not isinstance(raw_path, list):
        raise MerkleProofError("The Merkle proof's path is malformed.")
    check_path_length(len(raw_path))
    path = tuple(_step(step) for step in raw_path)
    raw_anchors = signature.get("anchors")
    if not isinstance(raw_anchors, list) or not 1 <= len(raw_anchors) <= MAX_ANCHORS:
        raise MerkleProofError("The Merkle proof does not say where it was anchored.")
    return MerkleReceipt(
        suite=SUITE,
        target_hash=hash_from_hex(signature.get("targetHash"), "target hash"),
        merkle_root=hash_from_hex(signature.get("merkleRoot"), "Merkle root"),
        path=path,
        anchors=tuple(_anchor(anchor, recipient_address) for anchor in raw_anchors),
    )


def _step(step: Any) -> PathStep:
    if isinstance(step, Mapping) and len(step) == 1:
        (side, value), *_ = step.items()
        if side in ("left", "right"):
            return PathStep(Side(side), hash_from_hex(value, "path"))
    raise MerkleProofError("A step of the Merkle proof's path is malformed.")


def _anchor(anchor: Any, recipient_address: str | None) -> Anchor:
    if not isinstance(anchor, Mapping) or not isinstance(anchor.get("sourceId"), str):
        raise MerkleProofError("An anchor of the Merkle proof is malformed.")
    tx_id = anchor["sourceId"]
    kind, named = anchor.get("type"), anchor.get("chain")
    if isinstance(named, str):
        return Anchor(V2_CHAIN_NAMES.get(named), tx_id, named[:40])
    if kind == "Mock":
        return Anchor(Chain.MOCKNET, tx_id, "mockchain")
    if kind == "ETHData":
        return Anchor(Chain.ETHEREUM_MAINNET, tx_id, "ethereumMainnet")
    if kind == "BTCOpReturn" and recipient_address:
        chain = chain_from_recipient_address(recipient_address)
        return Anchor(chain, tx_id, chain.value if chain else "bitcoin (unknown network)")
    return Anchor(None, tx_id, str(kind)[:40])
