"""JOSE compact JWS verification (VC-JWT 1.1, VC-JOSE `vc+jwt`, VP-JWT).

The kiosk reads the token strictly itself (`payloads.jws`) and applies its own
policy: which algorithms it verifies (EdDSA, ES256, ES384, ES256K, RS256, PS256), that the
algorithm matches the key type (no algorithm/key confusion), and that `none` and HMAC algorithms
are refused with a reason before anything else happens. `none` and HMAC are failures, not "not
supported": a token that is unsigned or signed with a shared secret proves nothing about its
issuer and is the classic algorithm-substitution attack, so it is NOT VERIFIED. Any other
algorithm the kiosk does not implement (ES512, RS384, …) is "not done" (CHECK MANUALLY): a
genuine credential the kiosk cannot check is not a forgery. The signature over `header.payload`
(RFC 7515) is then checked with `cryptography` directly. joserfc (typed, maintained, strict)
is used where a library serves better than hand code: importing and validating JSON Web Keys
(`keys/jwk.py`); letting it parse the token a second time only to verify cost a third of the
time of a JWT verification.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from kiosk.verification.credential import INTERNAL_PROOF_TYPE
from kiosk.verification.errors import UnsupportedError
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.keys.public_key import KeyType, PublicKey
from kiosk.verification.keys.verification_method import VerificationMethod
from kiosk.verification.suites.base import ProofFailedError
from payloads.jws import JwsFormatError, read_compact_jws

JOSE_PROOF_TYPE = INTERNAL_PROOF_TYPE
"""Internal proof type: a JWS carried as a proof entry so every securing mechanism shares the
issuer-key and proof checks. Never accepted from a payload (see `credential.recognise`)."""

ALGORITHM_KEY_TYPES: dict[str, KeyType] = {
    "EdDSA": KeyType.ED25519,
    "Ed25519": KeyType.ED25519,
    "ES256": KeyType.P256,
    "ES384": KeyType.P384,
    "ES256K": KeyType.SECP256K1,  # RFC 8812: ECDSA over secp256k1 with SHA-256, raw r||s
    "RS256": KeyType.RSA,
    "PS256": KeyType.RSA,
}
REFUSED_ALGORITHMS = {
    "none": "The token is not signed (algorithm 'none').",
    "HS256": "The token uses a shared-secret algorithm (HMAC), which cannot prove who issued it.",
    "HS384": "The token uses a shared-secret algorithm (HMAC), which cannot prove who issued it.",
    "HS512": "The token uses a shared-secret algorithm (HMAC), which cannot prove who issued it.",
}


REGISTERED_ALGORITHMS = frozenset(
    {
        *(f"{family}{bits}" for family in ("RS", "PS", "ES") for bits in (256, 384, 512)),
        "ES256K",
        "EdDSA",
        "Ed25519",
        "Ed448",
        "ML-DSA-44",
        "ML-DSA-65",
        "ML-DSA-87",
    }
)
"""Signature algorithms of the IANA JOSE registry (RFC 7518, 8037, 8812, 9864; ML-DSA). One
the kiosk lacks is "not done"; a name outside the registry (a changed header) is a failure, so
changing a token's header can never turn NOT VERIFIED into CHECK MANUALLY."""


def check_algorithm(alg: Any) -> str:
    """The algorithm if the kiosk verifies it.

    Raises:
        ProofFailedError: no algorithm, `none` or HMAC (refused: they prove nothing), or a
            name outside the JOSE registry.
        UnsupportedError: an algorithm the kiosk does not implement ("not done").
    """
    if not isinstance(alg, str):
        raise ProofFailedError("The token does not name its signature algorithm.")
    refused = REFUSED_ALGORITHMS.get(alg) or REFUSED_ALGORITHMS.get(alg.upper())
    if refused is not None or alg.lower() == "none":
        raise ProofFailedError(refused or REFUSED_ALGORITHMS["none"])
    if alg not in REGISTERED_ALGORITHMS:
        raise ProofFailedError(f"The token names an unknown signature algorithm ({alg[:20]}).")
    if alg not in ALGORITHM_KEY_TYPES:
        raise UnsupportedError(
            f"The token's signature algorithm {alg[:20]} is not supported by this kiosk."
        )
    return alg


_BAD_SIGNATURE = (
    "The signature does not match: the token was changed after it was signed, "
    "or was not signed with this key."
)


def verify_compact_jws(token: str, public_key: PublicKey, alg: str) -> None:
    """Verify `token` with `public_key` (RFC 7515: the signature over `header.payload`); the
    algorithm must suit the key's type. The token's parts were already read strictly, and
    unknown header parameters are ignored as RFC 7515 says (`crit` is refused when read)."""
    expected = ALGORITHM_KEY_TYPES[check_algorithm(alg)]
    if public_key.key_type is not expected:
        raise ProofFailedError(
            f"The token says {alg} but the issuer's key is a {public_key.key_type} key."
        )
    try:
        read = read_compact_jws(token)
    except JwsFormatError as error:
        raise ProofFailedError("The signed token is malformed.") from error
    signing_input, signature = read.signing_input, read.signature
    key = public_key.key
    if isinstance(key, rsa.RSAPublicKey):
        padding_scheme = (
            padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
            if alg == "PS256"
            else padding.PKCS1v15()
        )
        try:
            key.verify(signature, signing_input, padding_scheme, hashes.SHA256())
        except InvalidSignature as error:
            raise ProofFailedError(_BAD_SIGNATURE) from error
        return
    # Ed25519 signs the input itself; ES256 / ES384 / ES256K are raw r||s over SHA-256 /
    # SHA-384 / SHA-256, exactly what `PublicKey.verify` does for P-256 / P-384 / secp256k1.
    if not public_key.verify(signature, signing_input):
        raise ProofFailedError(_BAD_SIGNATURE)


@dataclass(frozen=True, slots=True)
class JoseSuite:
    """The compact JWS as a proof suite (see JOSE_PROOF_TYPE)."""

    name: str = "JOSE (compact JWS)"
    key_types: frozenset[KeyType] = frozenset(ALGORITHM_KEY_TYPES.values())

    def verify(
        self,
        unsecured: dict[str, Any],
        proof: dict[str, Any],
        method: VerificationMethod,
        canonicalizer: Canonicalizer,
    ) -> None:
        token, alg = proof.get("jws"), proof.get("alg")
        if not isinstance(token, str):
            raise ProofFailedError("The signed token is missing.")
        verify_compact_jws(token, method.public_key, str(alg))


JOSE_SUITE = JoseSuite()
