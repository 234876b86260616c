"""Reading a status list's `encodedList`: base64url (optionally multibase `u`), then GZIP.

Bitstring Status List v1.0 says `u` + base64url without padding; StatusList2021 and
RevocationList2020 say base64url without a multibase prefix; some publishers (Blockcerts) put the
unprefixed form in Bitstring lists. Both are read for every list type: base64 of a GZIP stream
always starts with `H`, never `u`, so the two forms cannot be confused.

Inflating is capped (`MAX_LIST_BYTES`): a small compressed "GZIP bomb" is refused as soon as the
output passes the cap, without ever holding more than the cap in memory.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

from kiosk.verification.status.errors import StatusUnavailableError

MAX_LIST_BYTES = 4 * 1024 * 1024
"""Largest bitstring accepted once inflated (33,554,432 entries of one bit)."""
MAX_ENCODED_CHARS = 2 * 1024 * 1024
"""Longest `encodedList` read at all (a fetched document is capped at 1 MiB anyway)."""
_GZIP = 16 + zlib.MAX_WBITS
_BASE64 = re.compile(r"[A-Za-z0-9_\-+/]*={0,2}")


def decode_encoded_list(encoded: object, *, max_bytes: int = MAX_LIST_BYTES) -> bytes:
    """The bitstring an `encodedList` value holds.

    Raises:
        StatusUnavailableError: not a string, not base64url, not GZIP, truncated, trailing
            bytes, or more than `max_bytes` once inflated.
    """
    if not isinstance(encoded, str) or not encoded:
        raise StatusUnavailableError("the status list has no encodedList")
    if len(encoded) > MAX_ENCODED_CHARS:
        raise StatusUnavailableError("the status list's encodedList is too long to read")
    compressed = _base64(encoded[1:] if encoded.startswith("u") else encoded)
    if not compressed:
        raise StatusUnavailableError("the status list's encodedList is empty")
    return _gunzip(compressed, max_bytes)


def _base64(text: str) -> bytes:
    if not _BASE64.fullmatch(text):
        raise StatusUnavailableError("the status list's encodedList is not base64url")
    unpadded = text.rstrip("=").replace("+", "-").replace("/", "_")
    try:
        return base64.b64decode(
            unpadded + "=" * (-len(unpadded) % 4), altchars=b"-_", validate=True
        )
    except (binascii.Error, ValueError):
        raise StatusUnavailableError("the status list's encodedList is not base64url") from None


def _gunzip(compressed: bytes, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(_GZIP)
    try:
        out = inflater.decompress(compressed, max_bytes + 1)
    except zlib.error:
        raise StatusUnavailableError(
            "the status list's encodedList is not GZIP-compressed data"
        ) from None
    if len(out) > max_bytes:
        raise StatusUnavailableError(
            f"the status list unpacks to more than the {max_bytes // (1024 * 1024)} MiB limit"
        )
    if not inflater.eof:
        raise StatusUnavailableError("the status list's encodedList is cut short")
    if inflater.unused_data:
        raise StatusUnavailableError("the status list's encodedList has bytes after its end")
    return out


def encode_list(bitstring: bytes) -> str:
    """`u` + base64url (no padding) of the GZIP-compressed bitstring (tests, tools)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, _GZIP)
    packed = compressor.compress(bitstring) + compressor.flush()
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")
