"""Data Integrity `*-rdfc-*` suites (W3C vc-di-eddsa, vc-di-ecdsa) and Ed25519Signature2020.

All three sign hashData (see `rdfc_hashing`) with the key named by `verificationMethod`; they
differ in key type, hash and proof type. The proof value is multibase base58btc.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from kiosk.verification.errors import VerificationError
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.keys.multibase import multibase_decode
from kiosk.verification.keys.public_key import KeyType
from kiosk.verification.keys.verification_method import VerificationMethod
from kiosk.verification.suites.base import ProofFailedError
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
        if key_type not in self.key_types:
            raise ProofFailedError(f"A {self.name} proof cannot be made with a {key_type} key.")
        proof_value = proof.get("proofValue")
        if not isinstance(proof_value, str) or not proof_value.startswith("z"):
            raise ProofFailedError("The proof value is missing or not base58btc multibase.")
        try:
            signature = multibase_decode(proof_value)
        except VerificationError as error:
            raise ProofFailedError("The proof value cannot be decoded.") from error
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
