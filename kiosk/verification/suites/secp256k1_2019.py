"""EcdsaSecp256k1Signature2019 (W3C CCG Linked Data Signature, 2019): secp256k1 over RDFC hashes.

Blockcerts v3 signs its status lists and some certificates with it. The proof carries a detached
JWS with an unencoded payload (RFC 7797): header `{"alg": "ES256K", "b64": false, "crit":
["b64"]}`, an empty payload part, and the signature. What is signed is the JWS signing input
`ASCII(base64url(header)) || "." || verifyData`, where verifyData is the same pair of hashes the
RDFC Data Integrity suites sign: SHA-256 of the canonical (URDNA2015 / RDFC-1.0) proof options
(the proof without `jws`, in the document's `@context`) followed by SHA-256 of the canonical
document. ES256K is ECDSA over secp256k1 with SHA-256 (RFC 8812); the signature is raw r||s.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from kiosk.verification.errors import UnsupportedError
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.keys.public_key import KeyType
from kiosk.verification.keys.verification_method import VerificationMethod
from kiosk.verification.suites.base import ProofFailedError, require_key_type
from kiosk.verification.suites.jose import REGISTERED_ALGORITHMS
from kiosk.verification.suites.rdfc_hashing import rdfc_hash_data
from payloads.base64url import Base64UrlError, b64url_decode

JsonObject = dict[str, Any]
SUITE_NAME = "EcdsaSecp256k1Signature2019"
_DETACHED = re.compile(r"([A-Za-z0-9_-]{2,2048})\.\.([A-Za-z0-9_-]{2,512})")
_MALFORMED = "The proof's signature (jws) is malformed."


def _b64url(text: str) -> bytes:
    try:
        return b64url_decode(text)
    except Base64UrlError as error:
        raise ProofFailedError(_MALFORMED) from error


def read_detached_jws(jws: Any) -> tuple[str, bytes]:
    """The encoded header and the signature of a detached, unencoded-payload ES256K JWS.

    Raises:
        ProofFailedError: not a detached JWS, or a header that is not ES256K / b64 false.
        UnsupportedError: a well-formed header naming another algorithm ("not done").
    """
    match = _DETACHED.fullmatch(jws) if isinstance(jws, str) else None
    if match is None:
        raise ProofFailedError(_MALFORMED)
    encoded_header, encoded_signature = match.groups()
    try:
        header = json.loads(_b64url(encoded_header))
    except (ValueError, UnicodeDecodeError) as error:
        raise ProofFailedError(_MALFORMED) from error
    if not isinstance(header, dict):
        raise ProofFailedError(_MALFORMED)
    alg = header.get("alg")
    if isinstance(alg, str) and (alg.lower() == "none" or alg.upper().startswith("HS")):
        raise ProofFailedError("The proof's signature uses no key or a shared secret (HMAC).")
    if alg not in REGISTERED_ALGORITHMS:
        raise ProofFailedError(
            f"The proof's signature names an unknown algorithm ({str(alg)[:20]})."
        )
    if alg != "ES256K":
        raise UnsupportedError(
            f"An {SUITE_NAME} proof with algorithm {str(alg)[:20]} is not supported."
        )
    if header.get("b64") is not False or header.get("crit") != ["b64"]:
        raise ProofFailedError(
            "The proof's signature header is not the unencoded-payload form (b64: false) "
            "this suite signs."
        )
    return encoded_header, _b64url(encoded_signature)


@dataclass(frozen=True, slots=True)
class Secp256k1Signature2019Suite:
    """The 2019 secp256k1 Linked Data Signature suite."""

    name: str = SUITE_NAME
    key_types: frozenset[KeyType] = frozenset({KeyType.SECP256K1})

    def verify(
        self,
        unsecured: JsonObject,
        proof: JsonObject,
        method: VerificationMethod,
        canonicalizer: Canonicalizer,
    ) -> None:
        require_key_type(self.name, self.key_types, method.public_key.key_type)
        encoded_header, signature = read_detached_jws(proof.get("jws"))
        options = {k: v for k, v in proof.items() if k not in {"jws", "signatureValue"}}
        verify_data = rdfc_hash_data(unsecured, options, canonicalizer, hashlib.sha256)
        signing_input = encoded_header.encode("ascii") + b"." + verify_data
        if not method.public_key.verify(signature, signing_input):
            raise ProofFailedError(
                "The signature does not match: the credential was changed after it was signed, "
                "or was not signed with this key."
            )


ECDSA_SECP256K1_SIGNATURE_2019 = Secp256k1Signature2019Suite()
