"""JOSE compact JWS verification (VC-JWT 1.1 and VC-JOSE `vc+jwt`), with joserfc.

Why joserfc: typed, maintained, strict about compact serialisation and algorithms, and it takes
`cryptography` key objects directly. The kiosk adds its own policy on top: which algorithms are
accepted at all (EdDSA, ES256, ES384, RS256, PS256), that the algorithm matches the key type
(no algorithm/key confusion), and that `none` and HMAC algorithms are refused with a reason
before anything else happens.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from joserfc import jws
from joserfc.errors import BadSignatureError, JoseError, SecurityWarning
from joserfc.jwk import ECKey, OKPKey, RSAKey

from kiosk.verification.credential import INTERNAL_PROOF_TYPE
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.keys.public_key import KeyType, PublicKey
from kiosk.verification.keys.verification_method import VerificationMethod
from kiosk.verification.suites.base import ProofFailedError

JOSE_PROOF_TYPE = INTERNAL_PROOF_TYPE
"""Internal proof type: a JWS carried as a proof entry so every securing mechanism shares the
issuer-key and proof checks. Never accepted from a payload (see `credential.recognise`)."""

ALGORITHM_KEY_TYPES: dict[str, KeyType] = {
    "EdDSA": KeyType.ED25519,
    "Ed25519": KeyType.ED25519,
    "ES256": KeyType.P256,
    "ES384": KeyType.P384,
    "RS256": KeyType.RSA,
    "PS256": KeyType.RSA,
}
REFUSED_ALGORITHMS = {
    "none": "The token is not signed (algorithm 'none').",
    "HS256": "The token uses a shared-secret algorithm (HMAC), which cannot prove who issued it.",
    "HS384": "The token uses a shared-secret algorithm (HMAC), which cannot prove who issued it.",
    "HS512": "The token uses a shared-secret algorithm (HMAC), which cannot prove who issued it.",
}


def check_algorithm(alg: Any) -> str:
    """The algorithm if the kiosk accepts it; else `ProofFailedError` saying why."""
    if not isinstance(alg, str):
        raise ProofFailedError("The token does not name its signature algorithm.")
    refused = REFUSED_ALGORITHMS.get(alg) or REFUSED_ALGORITHMS.get(alg.upper())
    if refused is not None or alg.lower() == "none":
        raise ProofFailedError(refused or REFUSED_ALGORITHMS["none"])
    if alg not in ALGORITHM_KEY_TYPES:
        raise ProofFailedError(f"The token's signature algorithm {alg[:20]} is not accepted.")
    return alg


def _joserfc_key(public_key: PublicKey) -> OKPKey | ECKey | RSAKey:
    key = public_key.key
    if isinstance(key, ed25519.Ed25519PublicKey):
        return OKPKey.import_key(key)
    if isinstance(key, ec.EllipticCurvePublicKey):
        return ECKey.import_key(key)
    if isinstance(key, rsa.RSAPublicKey):
        return RSAKey.import_key(key)
    raise ProofFailedError("The key cannot be used for a JSON Web Signature.")


def verify_compact_jws(token: str, public_key: PublicKey, alg: str) -> None:
    """Verify `token` with `public_key`; the algorithm must suit the key's type."""
    expected = ALGORITHM_KEY_TYPES[check_algorithm(alg)]
    if public_key.key_type is not expected:
        raise ProofFailedError(
            f"The token says {alg} but the issuer's key is a {public_key.key_type} key."
        )
    # Unknown header parameters are ignored as RFC 7515 says (VC-JOSE puts `iss` there);
    # `crit` is refused earlier, when the token is read.
    registry = jws.JWSRegistry(algorithms=[alg], strict_check_header=False)
    try:
        with warnings.catch_warnings():
            # RFC 9864 deprecates the name "EdDSA" in favour of "Ed25519"; issuers still use it.
            warnings.filterwarnings("ignore", "EdDSA is deprecated", SecurityWarning)
            jws.deserialize_compact(token, _joserfc_key(public_key), registry=registry)
    except BadSignatureError as error:
        raise ProofFailedError(
            "The signature does not match: the token was changed after it was signed, "
            "or was not signed with this key."
        ) from error
    except (JoseError, ValueError) as error:
        raise ProofFailedError("The signed token is malformed.") from error


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
