"""Public keys by type, built with `cryptography`, from multicodec-prefixed Multikey bytes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from kiosk.verification.errors import KeyResolutionError, UnsupportedError
from kiosk.verification.keys.multibase import multibase_decode, read_varint


class KeyType(StrEnum):
    ED25519 = "Ed25519"
    P256 = "P-256"
    P384 = "P-384"
    SECP256K1 = "secp256k1"
    RSA = "RSA"


# multicodec code → (key type, expected key length in bytes)
_MULTICODEC = {
    0xED: (KeyType.ED25519, 32),
    0x1200: (KeyType.P256, 33),
    0x1201: (KeyType.P384, 49),
    0xE7: (KeyType.SECP256K1, 33),
}
_CURVES: dict[KeyType, ec.EllipticCurve] = {
    KeyType.P256: ec.SECP256R1(),
    KeyType.P384: ec.SECP384R1(),
    KeyType.SECP256K1: ec.SECP256K1(),
}
_HASHES: dict[KeyType, hashes.HashAlgorithm] = {
    KeyType.P256: hashes.SHA256(),
    KeyType.P384: hashes.SHA384(),
    KeyType.SECP256K1: hashes.SHA256(),
}


@dataclass(frozen=True, slots=True)
class PublicKey:
    """A public key the kiosk can verify signatures with."""

    key_type: KeyType
    key: ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey

    def verify(self, signature: bytes, message: bytes) -> bool:
        """True when `signature` (raw: Ed25519 64 bytes, ECDSA r||s) signs `message`."""
        try:
            if isinstance(self.key, ed25519.Ed25519PublicKey):
                self.key.verify(signature, message)
                return True
            if isinstance(self.key, rsa.RSAPublicKey):
                return False  # RSA keys verify JWS only, through kiosk.verification.jose
            half = len(signature) // 2
            if half * 2 != len(signature) or half != (self.key.curve.key_size + 7) // 8:
                return False
            der = encode_dss_signature(
                int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
            )
            self.key.verify(der, message, ec.ECDSA(_HASHES[self.key_type]))
            return True
        except InvalidSignature:
            return False


def public_key_from_multikey(multibase_value: str) -> PublicKey:
    """Decode a Multikey `publicKeyMultibase` (multicodec-prefixed) into a key."""
    raw = multibase_decode(multibase_value)
    codec, used = read_varint(raw)
    known = _MULTICODEC.get(codec)
    if known is None:
        raise UnsupportedError(f"Keys of multicodec type 0x{codec:x} are not supported.")
    key_type, length = known
    material = raw[used:]
    if len(material) != length:
        raise KeyResolutionError(f"The {key_type} key has {len(material)} bytes, not {length}.")
    try:
        if key_type is KeyType.ED25519:
            return PublicKey(key_type, ed25519.Ed25519PublicKey.from_public_bytes(material))
        point = ec.EllipticCurvePublicKey.from_encoded_point(_CURVES[key_type], material)
    except ValueError as error:
        raise KeyResolutionError(f"The {key_type} key is not a valid point.") from error
    return PublicKey(key_type, point)
