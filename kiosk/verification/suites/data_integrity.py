"""Data Integrity `*-rdfc-*` suites (W3C vc-di-eddsa, vc-di-ecdsa) and Ed25519Signature2020.

All three sign hashData (see `rdfc_hashing`) with the key named by `verificationMethod`; they
differ in key type, hash and proof type. The proof value is multibase base58btc.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.keys.public_key import KeyType
from kiosk.verification.keys.verification_method import VerificationMethod
from kiosk.verification.suites.base import ProofFailedError, proof_signature, require_key_type
from kiosk.verification.suites.rdfc_hashing import rdfc_hash_data

JsonObject = dict[str, Any]


@dataclass(frozen=True, slots=True)
class RdfcSignatureSuite:
    """One RDFC-canonicalizing signature suite."""

    name: str
    key_types: frozenset[KeyType]

    def verify(
        self,
        unsecured: JsonObject,
        proof: JsonObject,
        method: VerificationMethod,
        canonicalizer: Canonicalizer,
    ) -> None:
        key_type = method.public_key.key_type
        require_key_type(self.name, self.key_types, key_type)
        signature = proof_signature(proof)
        hash_function = hashlib.sha384 if key_type is KeyType.P384 else hashlib.sha256
        message = rdfc_hash_data(unsecured, proof, canonicalizer, hash_function)
        if not method.public_key.verify(signature, message):
            raise ProofFailedError(
                "The signature does not match: the credential was changed after it was signed, "
                "or was not signed with this key."
            )


EDDSA_RDFC_2022 = RdfcSignatureSuite("eddsa-rdfc-2022", frozenset({KeyType.ED25519}))
ECDSA_RDFC_2019 = RdfcSignatureSuite("ecdsa-rdfc-2019", frozenset({KeyType.P256, KeyType.P384}))
ED25519_SIGNATURE_2020 = RdfcSignatureSuite("Ed25519Signature2020", frozenset({KeyType.ED25519}))
