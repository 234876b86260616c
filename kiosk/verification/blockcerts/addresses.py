"""Issuing addresses: comparing them, and deriving a Bitcoin address from an issuer's key.

Issuer profiles list addresses as `ecdsa-koblitz-pubkey:<address>`. Bitcoin addresses are
compared exactly (base58 is case-sensitive); Ethereum addresses without regard to case (the
EIP-55 checksum capitals are presentation only).

A DID issuer's key (secp256k1) becomes a pay-to-public-key-hash address — RIPEMD-160 of
SHA-256 of the compressed key, with version byte 0x00 (mainnet) or 0x6f (testnet), in
base58check — to compare with the address that paid for the anchoring transaction.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.errors import UnsupportedError
from kiosk.verification.keys.multibase import base58btc_encode
from kiosk.verification.keys.public_key import KeyType, PublicKey

KEY_PREFIX = "ecdsa-koblitz-pubkey:"
_P2PKH_VERSION = {Chain.BITCOIN_MAINNET: b"\x00", Chain.BITCOIN_TESTNET: b"\x6f"}


def bare_address(value: str) -> str:
    """`ecdsa-koblitz-pubkey:mj9W…` → `mj9W…`."""
    return value.removeprefix(KEY_PREFIX)


def same_address(chain: Chain, first: str, second: str) -> bool:
    """Whether two addresses are the same on `chain`."""
    a, b = bare_address(first), bare_address(second)
    return a.lower() == b.lower() if chain.is_ethereum else a == b


def bitcoin_address(key: PublicKey, chain: Chain) -> str:
    """The P2PKH address of a secp256k1 key on a Bitcoin chain.

    Raises:
        UnsupportedError: not a secp256k1 key, not a Bitcoin chain, or RIPEMD-160 unavailable.
    """
    version = _P2PKH_VERSION.get(chain)
    if version is None:
        raise UnsupportedError(
            f"Deriving the issuing address of a key on {chain.display} is not supported yet."
        )
    if key.key_type is not KeyType.SECP256K1 or not isinstance(key.key, ec.EllipticCurvePublicKey):
        raise UnsupportedError("The issuer's key is not a secp256k1 key, so it has no address.")
    compressed = key.key.public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
    try:
        digest = hashlib.new("ripemd160", hashlib.sha256(compressed).digest()).digest()
    except ValueError:  # an OpenSSL without the legacy hash
        raise UnsupportedError(
            "This system cannot compute Bitcoin addresses (RIPEMD-160)."
        ) from None
    payload = version + digest
    checksum = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return base58btc_encode(payload + checksum)
