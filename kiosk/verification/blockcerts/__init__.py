"""Blockcerts v2 and v3 certificates: recognition, Merkle proofs, anchors and explorers.

    certificate.py        recognising v2 (Open Badges 2.0 + MerkleProof2017) and v3 certificates
    merkle_proof_2017.py  the v2 `signature`          ┐ both read into a MerkleReceipt
    merkle_proof_2019.py  the v3 CBOR `proofValue`    ┘ (receipt.py: target hash, path, root)
    chains.py             the chains and how certificates name them
    explorers/            Esplora, BlockCypher and Etherscan APIs; the agreement rule
    anchor_cache.py       confirmed anchors kept for offline use
    profiles.py           issuer profiles: issuing addresses and their windows
    addresses.py          comparing addresses; a DID key's Bitcoin address
    proof_check.py, issuer_check.py, status_check.py, ../checks/anchor.py   the checks
    revocation.py         revocation lists (through the status code when it exists)
    fields.py             what the verdict screen shows
    (`kiosk sync` for recorded anchors lives in `kiosk.sync.blockcerts_anchors`)

Certificates too large for a QR code arrive as a link: `kiosk.verification.link` fetches them.

Design and the verdict rules: `docs/blockcerts.md`. Only data-level names are re-exported
here: the check modules import the pipeline's state and are imported by the pipeline itself.
"""

from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.blockcerts.errors import MerkleProofError, UnsupportedCertificateError
from kiosk.verification.blockcerts.receipt import Anchor, MerkleReceipt, PathStep, Side

__all__ = [
    "Anchor",
    "Chain",
    "MerkleProofError",
    "MerkleReceipt",
    "PathStep",
    "Side",
    "UnsupportedCertificateError",
]
