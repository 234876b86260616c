"""A Blockcerts Merkle receipt: the certificate's hash, the path to the batch root, the anchors.

Both proof formats say the same thing: MerkleProof2017 (Blockcerts v2, a JSON `signature`)
and MerkleProof2019 (Blockcerts v3, a CBOR `proofValue`). The certificate's own hash
(`target_hash`) is combined with each step of `path` — `sha256(left ‖ current)` for a sibling
on the left, `sha256(current ‖ right)` on the right — and must give `merkle_root`, the value
anchored in each of `anchors` (blockchain transactions).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.blockcerts.errors import MerkleProofError

HASH_BYTES = 32
MAX_PATH_STEPS = 64
"""A batch of 2^64 certificates is more than anyone issues: longer paths are refused."""


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class PathStep:
    """One sibling hash on the way from the certificate to the root."""

    side: Side
    sibling: bytes


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where the Merkle root was written: a transaction on a chain."""

    chain: Chain | None
    """None when the certificate names a chain the kiosk does not know (`chain_name` says)."""
    tx_id: str
    """The transaction id as the certificate gives it (Ethereum ids keep their 0x)."""
    chain_name: str
    """The chain as the certificate names it ("bitcoinTestnet", "btc:testnet"), for reasons."""


@dataclass(frozen=True, slots=True)
class MerkleReceipt:
    """A decoded MerkleProof2017 or MerkleProof2019."""

    suite: str
    """"MerkleProof2017" or "MerkleProof2019"."""
    target_hash: bytes
    merkle_root: bytes
    path: tuple[PathStep, ...]
    anchors: tuple[Anchor, ...]

    def computed_root(self) -> bytes:
        """The root the path leads to from the target hash."""
        current = self.target_hash
        for step in self.path:
            pair = step.sibling + current if step.side is Side.LEFT else current + step.sibling
            current = hashlib.sha256(pair).digest()
        return current


def hash_from_hex(value: object, what: str) -> bytes:
    """A 32-byte hash from its hex form (as both proof formats write hashes).

    Raises:
        MerkleProofError: not 64 hex digits.
    """
    if not isinstance(value, str) or len(value) != 2 * HASH_BYTES:
        raise MerkleProofError(f"The Merkle proof's {what} is not a 32-byte hash.")
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise MerkleProofError(f"The Merkle proof's {what} is not a 32-byte hash.") from None


def check_path_length(steps: int) -> None:
    if steps > MAX_PATH_STEPS:
        raise MerkleProofError("The Merkle proof's path is impossibly long.")
