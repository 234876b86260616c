"""Blockcerts failures, as the kiosk's own `VerificationError`s (the pipeline maps them).

VerificationError                 (kiosk.verification.errors)
├── MerkleProofError              the Merkle proof is malformed or does not hold → failed
└── UnsupportedError
    └── UnsupportedCertificateError   a Blockcerts form the kiosk does not verify → not done

Explorer answers are not exceptions of this tree: each explorer's failure is an
`explorers.ExplorerFailure` value, and the agreement rule turns the set into one result.
"""

from __future__ import annotations

from kiosk.verification.errors import UnsupportedError, VerificationError


class MerkleProofError(VerificationError):
    """The certificate's Merkle proof is malformed, or it does not lead to the anchored root."""

    code = "merkle-proof"


class UnsupportedCertificateError(UnsupportedError):
    """A Blockcerts certificate in a form the kiosk does not verify (v1, several proof kinds)."""

    code = "blockcerts-unsupported"
