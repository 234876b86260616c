"""Multibase (base58btc `z`, base64url `u`) and multicodec key prefixes.

Only the encodings used by Multikey, did:key and Data Integrity proof values.
"""

from __future__ import annotations

import base64

from kiosk.verification.errors import VerificationError

_BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {ch: i for i, ch in enumerate(_BASE58_ALPHABET)}
MAX_MULTIBASE_CHARS = 4096
"""Longer values are refused before decoding (base58 decoding is quadratic)."""


class MultibaseError(VerificationError):
    code = "multibase"


def base58btc_decode(text: str) -> bytes:
    """Decode Bitcoin-alphabet base58 (no checksum)."""
    if len(text) > MAX_MULTIBASE_CHARS:
        raise MultibaseError("The encoded value is too long.")
    number = 0
    for ch in text:
        digit = _BASE58_INDEX.get(ch)
        if digit is None:
            raise MultibaseError("The encoded value has a character outside base58.")
        number = number * 58 + digit
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    leading_zeros = len(text) - len(text.lstrip("1"))
    return b"\x00" * leading_zeros + body


def base58btc_encode(data: bytes) -> str:
    """Encode bytes as Bitcoin-alphabet base58."""
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rem = divmod(number, 58)
        out.append(_BASE58_ALPHABET[rem])
    leading_zeros = len(data) - len(data.lstrip(b"\x00"))
    return "1" * leading_zeros + "".join(reversed(out))


def multibase_decode(value: str) -> bytes:
    """Decode a multibase string (`z` base58btc or `u` base64url without padding)."""
    if not value:
        raise MultibaseError("The encoded value is empty.")
    prefix, body = value[0], value[1:]
    if prefix == "z":
        return base58btc_decode(body)
    if prefix == "u":
        if len(body) > MAX_MULTIBASE_CHARS or not body.replace("-", "").replace("_", "").isalnum():
            raise MultibaseError("The encoded value is not valid base64url.")
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    raise MultibaseError(f"The multibase prefix '{prefix}' is not supported.")


def read_varint(data: bytes) -> tuple[int, int]:
    """Read an unsigned LEB128 varint; return (value, bytes used)."""
    value = 0
    for i, byte in enumerate(data[:9]):
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            return value, i + 1
    raise MultibaseError("The multicodec prefix is malformed.")
