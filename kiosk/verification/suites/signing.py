"""Creating `eddsa-rdfc-2022` proofs: for the demo credentials and the test suite only.

The kiosk never signs anything in normal use; this shares the hashing code with verification so
that what is signed is exactly what is checked.
"""

from __future__ import annotations

import hashlib
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.keys.multibase import base58btc_encode
from kiosk.verification.suites.rdfc_hashing import rdfc_hash_data

JsonObject = dict[str, Any]
ED25519_MULTICODEC = b"\xed\x01"


def did_key_for(private_key: ed25519.Ed25519PrivateKey) -> str:
    """The did:key identifier of an Ed25519 key."""
    raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "did:key:z" + base58btc_encode(ED25519_MULTICODEC + raw)


def sign_eddsa_rdfc_2022(
    unsecured: JsonObject,
    private_key: ed25519.Ed25519PrivateKey,
    created: str,
    verification_method: str | None = None,
    proof_purpose: str = "assertionMethod",
    options: JsonObject | None = None,
) -> JsonObject:
    """Return a copy of `unsecured` with a DataIntegrityProof (eddsa-rdfc-2022) added; `options`
    adds proof options such as `challenge` and `domain` (presentations)."""
    did = did_key_for(private_key)
    proof: JsonObject = {
        "type": "DataIntegrityProof",
        "created": created,
        "verificationMethod": verification_method or f"{did}#{did.removeprefix('did:key:')}",
        "cryptosuite": "eddsa-rdfc-2022",
        "proofPurpose": proof_purpose,
        **(options or {}),
    }
    message = rdfc_hash_data(unsecured, proof, Canonicalizer(), hashlib.sha256)
    proof["proofValue"] = "z" + base58btc_encode(private_key.sign(message))
    return {**unsecured, "proof": proof}
