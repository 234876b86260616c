"""Public JSON Web Keys (RFC 7517 / 8037) to `PublicKey`, through joserfc's key import.

joserfc validates the key parameters (curve points, RSA modulus); we accept only public keys of
the types the kiosk verifies with, and refuse private key material outright.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from kiosk.verification.errors import KeyResolutionError, UnsupportedError
from kiosk.verification.keys.public_key import KeyType, PublicKey

MIN_RSA_BITS = 2048
_CURVES = {"P-256": KeyType.P256, "P-384": KeyType.P384, "secp256k1": KeyType.SECP256K1}


def public_key_from_jwk(jwk: Any) -> PublicKey:
    """The public key a JWK describes.

    Raises:
        KeyResolutionError: not a JWK, private material present, or invalid parameters.
        UnsupportedError: a key type or curve the kiosk does not verify with.
    """
    if not isinstance(jwk, dict) or not all(isinstance(v, (str, list)) for v in jwk.values()):
        raise KeyResolutionError("The key is not a valid JSON Web Key.")
    if "d" in jwk or "p" in jwk or "k" in jwk:
        raise KeyResolutionError("The key contains private or secret key material.")
    kty = jwk.get("kty")
    # joserfc (and the X.509 module it loads) is needed only by keys written as JWKs.
    from joserfc.errors import JoseError
    from joserfc.jwk import ECKey, OKPKey, RSAKey

    try:
        if kty == "OKP" and jwk.get("crv") == "Ed25519":
            okp = OKPKey.import_key(jwk).raw_value
            if isinstance(okp, ed25519.Ed25519PublicKey):
                return PublicKey(KeyType.ED25519, okp)
        elif kty == "EC" and isinstance(jwk.get("crv"), str) and jwk["crv"] in _CURVES:
            point = ECKey.import_key(jwk).raw_value
            if isinstance(point, ec.EllipticCurvePublicKey):
                return PublicKey(_CURVES[str(jwk["crv"])], point)
        elif kty == "RSA":
            if len(str(jwk.get("n", ""))) * 6 < MIN_RSA_BITS - 8:  # base64url: 6 bits a char
                raise KeyResolutionError(f"The RSA key is shorter than {MIN_RSA_BITS} bits.")
            modulus = RSAKey.import_key(jwk).raw_value
            if isinstance(modulus, rsa.RSAPublicKey):
                if modulus.key_size < MIN_RSA_BITS:
                    raise KeyResolutionError(f"The RSA key is shorter than {MIN_RSA_BITS} bits.")
                return PublicKey(KeyType.RSA, modulus)
    except (JoseError, ValueError, TypeError) as error:
        raise KeyResolutionError("The JSON Web Key is not valid.") from error
    raise UnsupportedError(
        f"Keys of type {str(kty)[:20]} {str(jwk.get('crv', ''))[:20]} are not supported."
    )
