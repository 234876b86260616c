"""MerkleProof2019: the `proofValue` of a Blockcerts v3 certificate, decoded into a receipt.

The value is multibase base58btc (`z…`) of a CBOR array of `[key, value]` pairs, keys from the
MerkleProof2019 compression table: 0 merkleRoot, 1 targetHash, 2 anchors, 3 path. Each hash is
itself CBOR-encoded — a byte string (the raw 32 bytes) or, from older encoders, a text string of
hex digits. The path is `[[side, hash], …]` (0 left, 1 right). Each anchor is
`[[0, chain code], [1, network code], [2, transaction id]]` — a "blink" such as
`blink:btc:testnet:<txid>`; the codes are in `chains.BLINK_CHAIN_CODES`.

The proof is the same whether it is a `MerkleProof2019` proof (VC 1.1) or a
`DataIntegrityProof` with cryptosuite `merkle-proof-2019` (VC 2.0).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import cbor2

from kiosk.verification.blockcerts.chains import BLINK_CHAIN_CODES, BLINK_CHAINS, Chain
from kiosk.verification.blockcerts.errors import MerkleProofError
from kiosk.verification.blockcerts.receipt import (
    HASH_BYTES,
    Anchor,
    MerkleReceipt,
    PathStep,
    Side,
    check_path_length,
    hash_from_hex,
)
from kiosk.verification.keys.multibase import MultibaseError, multibase_decode

SUITE = "MerkleProof2019"
CRYPTOSUITE = "merkle-proof-2019"
MAX_ANCHORS = 8
_ROOT_KEYS = {0: "merkleRoot", 1: "targetHash", 2: "anchors", 3: "path"}


def is_merkle_proof_2019(proof: Any) -> bool:
    """A `MerkleProof2019` proof, or a `DataIntegrityProof` with cryptosuite merkle-proof-2019."""
    if not isinstance(proof, Mapping):
        return False
    return proof.get("type") == SUITE or (
        proof.get("type") == "DataIntegrityProof" and proof.get("cryptosuite") == CRYPTOSUITE
    )


def decode_merkle_proof_2019(proof_value: Any) -> MerkleReceipt:
    """Decode a MerkleProof2019 `proofValue`.

    Raises:
        MerkleProofError: not base58btc, not the expected CBOR structure, or a bad hash.
    """
    if not isinstance(proof_value, str) or not proof_value.startswith("z"):
        raise MerkleProofError("The Merkle proof value is not base58btc-encoded.")
    try:
        decoded = cbor2.loads(multibase_decode(proof_value))
    except MultibaseError as error:
        raise MerkleProofError(
            f"The Merkle proof value cannot be read: {error.description}"
        ) from error
    except (cbor2.CBORError, ValueError, TypeError, RecursionError, OverflowError):
        raise MerkleProofError("The Merkle proof value is not valid CBOR.") from None
    fields = _pairs(decoded, "The Merkle proof value")
    unknown = set(fields) - set(_ROOT_KEYS)
    if unknown or not {0, 1, 2} <= set(fields):
        raise MerkleProofError("The Merkle proof value does not hold a Merkle receipt.")
    raw_path = fields.get(3, [])
    if not isinstance(raw_path, list):
        raise MerkleProofError("The Merkle proof's path is malformed.")
    check_path_length(len(raw_path))
    raw_anchors = fields[2]
    if not isinstance(raw_anchors, list) or not 1 <= len(raw_anchors) <= MAX_ANCHORS:
        raise MerkleProofError("The Merkle proof does not say where it was anchored.")
    return MerkleReceipt(
        suite=SUITE,
        target_hash=_hash(fields[1], "target hash"),
        merkle_root=_hash(fields[0], "Merkle root"),
        path=tuple(_step(step) for step in raw_path),
        anchors=tuple(_anchor(anchor) for anchor in raw_anchors),
    )


def _pairs(value: Any, what: str) -> dict[int, Any]:
    """`[[key, value], …]` with distinct integer keys, as a dict."""
    if not isinstance(value, list):
        raise MerkleProofError(f"{what} is malformed.")
    fields: dict[int, Any] = {}
    for pair in value:
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not isinstance(pair[0], int)
            or pair[0] in fields
        ):
            raise MerkleProofError(f"{what} is malformed.")
        fields[pair[0]] = pair[1]
    return fields


def _inner(value: Any, what: str) -> bytes | str:
    """A CBOR-encoded value inside the structure: raw bytes, or text."""
    if not isinstance(value, bytes):
        raise MerkleProofError(f"The Merkle proof's {what} is malformed.")
    try:
        inner = cbor2.loads(value)
    except (cbor2.CBORError, ValueError, TypeError, RecursionError, OverflowError):
        raise MerkleProofError(f"The Merkle proof's {what} is malformed.") from None
    if not isinstance(inner, bytes | str):
        raise MerkleProofError(f"The Merkle proof's {what} is malformed.")
    return inner


def _hash(value: Any, what: str) -> bytes:
    inner = _inner(value, what)
    if isinstance(inner, bytes):
        if len(inner) != HASH_BYTES:
            raise MerkleProofError(f"The Merkle proof's {what} is not a 32-byte hash.")
        return inner
    return hash_from_hex(inner, what)


def _step(step: Any) -> PathStep:
    if not isinstance(step, list) or len(step) != 2 or step[0] not in (0, 1):
        raise MerkleProofError("A step of the Merkle proof's path is malformed.")
    return PathStep(Side.LEFT if step[0] == 0 else Side.RIGHT, _hash(step[1], "path"))


def _anchor(anchor: Any) -> Anchor:
    fields = _pairs(anchor, "An anchor of the Merkle proof")
    chain_code = fields.get(0)
    if chain_code == -1:  # the mock chain: whatever follows is a note, not a transaction
        return Anchor(Chain.MOCKNET, _tx_id(fields), "mocknet")
    known = BLINK_CHAIN_CODES.get(chain_code) if isinstance(chain_code, int) else None
    if known is None:
        raise MerkleProofError("An anchor of the Merkle proof names an unknown chain.")
    name, networks = known
    network_code = fields.get(1)
    network = networks.get(network_code) if isinstance(network_code, int) else None
    if network is None:
        raise MerkleProofError("An anchor of the Merkle proof names an unknown network.")
    tx_id = _tx_id(fields)
    if not tx_id:
        raise MerkleProofError("An anchor of the Merkle proof has no transaction id.")
    return Anchor(BLINK_CHAINS.get((name, network)), tx_id, f"{name}:{network}")


def _tx_id(fields: Mapping[int, Any]) -> str:
    for key in (2, 1):
        value = fields.get(key)
        if isinstance(value, bytes):
            try:
                inner = _inner(value, "transaction id")
            except MerkleProofError:
                continue
            return inner.hex() if isinstance(inner, bytes) else inner[:200]
    return ""
