"""Data Integrity `*-jcs-*` suites: `eddsa-jcs-2022` (W3C vc-di-eddsa) and `ecdsa-jcs-2019`
(W3C vc-di-ecdsa, P-256 and P-384).

hashData = H(JCS(proof configuration)) || H(JCS(unsecured document)), H being SHA-256, or SHA-384
for a P-384 key; the proof value is a base58btc multibase signature over hashData (Ed25519, or
ECDSA r||s). JSON-LD is not part of the signature, but the format check still expands the
credential in safe mode, so an undefined term is refused exactly as for the RDFC suites.

Proof configuration, as the specs' Verify Proof algorithms say: the proof without `proofValue`.
When it carries an `@context`, the document's `@context` must start with it, and the document
is hashed with the proof's `@context`. When it carries none, two signers exist in practice: the
specs' Create Proof copies the document's `@context` into the configuration (and into the
proof), Digital Bazaar's libraries put it in the configuration only, and a signer that skips that
step signs the bare options. Both configurations are tried; each is a statement the key signed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.jsonld.jcs import canonical_json
from kiosk.verification.keys.public_key import KeyType
from kiosk.verification.keys.verification_method import VerificationMethod
from kiosk.verification.suites.base import ProofFailedError, proof_signature, require_key_type

JsonObject = dict[str, Any]
HashFunction = Callable[[bytes], "hashlib._Hash"]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def jcs_inputs(unsecured: JsonObject, proof: JsonObject) -> Iterator[tuple[JsonObject, JsonObject]]:
    """The (proof configuration, document) pairs a `*-jcs-*` proof may have signed.

    Raises:
        ProofFailedError: the proof's `@context` is not a prefix of the document's.
    """
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    proof_context = options.get("@context")
    if proof_context is not None:
        document_context = _as_list(unsecured.get("@context"))
        wanted = _as_list(proof_context)
        if document_context[: len(wanted)] != wanted:
            raise ProofFailedError("The proof's context does not match the credential's.")
        yield options, {**unsecured, "@context": proof_context}
        return
    if "@context" in unsecured:
        yield {**options, "@context": unsecured["@context"]}, unsecured
    yield options, unsecured


def jcs_hash_data(config: JsonObject, document: JsonObject, hash_function: HashFunction) -> bytes:
    """hashData = H(JCS(config)) || H(JCS(document))."""
    return (
        hash_function(canonical_json(config)).digest()
        + hash_function(canonical_json(document)).digest()
    )


@dataclass(frozen=True, slots=True)
class JcsSignatureSuite:
    """One JCS-canonicalizing Data Integrity cryptosuite."""

    name: str
    key_types: frozenset[KeyType]

    def verify(
        self,
        unsecured: JsonObject,
        proof: JsonObject,
        method: VerificationMethod,
        canonicalizer: Canonicalizer,
    ) -> None:
        """Return when the signature holds; raise `ProofFailedError` saying why not."""
        key_type = method.public_key.key_type
        require_key_type(self.name, self.key_types, key_type)
        signature = proof_signature(proof)
        hash_function = hashlib.sha384 if key_type is KeyType.P384 else hashlib.sha256
        for config, document in jcs_inputs(unsecured, proof):
            if method.public_key.verify(signature, jcs_hash_data(config, document, hash_function)):
                return
        raise ProofFailedError(
            "The signature does not match: the credential was changed after it was signed, "
            "or was not signed with this key."
        )


EDDSA_JCS_2022 = JcsSignatureSuite("eddsa-jcs-2022", frozenset({KeyType.ED25519}))
ECDSA_JCS_2019 = JcsSignatureSuite("ecdsa-jcs-2019", frozenset({KeyType.P256, KeyType.P384}))
