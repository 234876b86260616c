"""Provides the text encodings CBOR-LD and VPQR use, written out so their cost is bounded.

* base58btc encoding (multibase ``z``, did:key / did:v1 identifiers), length-capped;
* base64 / base64url (multibase ``M`` / ``u``, data: URLs), from the standard library;
* base32 (RFC 4648, upper case, no padding) and base45 (RFC 9285) decoding for QR text;
* ISO 8601 instants exactly as JavaScript's ``Date.prototype.toISOString`` writes them.
"""

from __future__ import annotations

import base64
import binascii
import math
import re

from payloads.cborld.errors import CborldMalformedError
from payloads.cborld.limits import MAX_BASE58_BYTES

_B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_CHUNK = 58**10
_BASE32 = re.compile(rb"[A-Z2-7]*")
_BASE45_ALPHABET = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_BASE45_VALUES = {char: index for index, char in enumerate(_BASE45_ALPHABET)}
_MAX_JS_TIME_MS = 8_640_000_000_000_000


def base58btc_encode(data: bytes) -> str:
    """Encode ``data`` in base58btc (the Bitcoin alphabet), keeping leading zero bytes."""
    if len(data) > MAX_BASE58_BYTES:
        raise CborldMalformedError(
            "ERR_VALUE_TOO_LONG",
            f"The compressed data holds a key or signature longer than {MAX_BASE58_BYTES} bytes.",
        )
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    chunks: list[int] = []
    while number:
        number, chunk = divmod(number, _B58_CHUNK)
        chunks.append(chunk)
    digits: list[str] = []
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        for _ in range(10):
            if last and chunk == 0:
                break
            chunk, digit = divmod(chunk, 58)
            digits.append(_B58_ALPHABET[digit])
    return "1" * zeros + "".join(reversed(digits))


def base64_pad(data: bytes) -> str:
    """Standard base64 with padding."""
    return base64.b64encode(data).decode("ascii")


def base64url_nopad(data: bytes) -> str:
    """URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def is_base32(text: bytes) -> bool:
    """Whether ``text`` is in the RFC 4648 base32 alphabet (upper case, optional padding)."""
    return _BASE32.fullmatch(text.rstrip(b"=")) is not None


def base32_decode(text: bytes) -> bytes | None:
    """Decode RFC 4648 base32 (upper case, padding optional); None if it is not base32."""
    text = text.rstrip(b"=")
    if not _BASE32.fullmatch(text) or len(text) % 8 in (1, 3, 6):
        return None
    try:
        return base64.b32decode(text + b"=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        return None


def is_base45(text: bytes) -> bool:
    """Whether every character of ``text`` is in the base45 (RFC 9285) alphabet."""
    return all(char in _BASE45_VALUES for char in text)


def base45_decode(text: bytes) -> bytes | None:
    """Decode RFC 9285 base45; None if ``text`` is not valid base45."""
    if len(text) % 3 == 1 or not is_base45(text):
        return None
    out = bytearray()
    for start in range(0, len(text), 3):
        chunk = [_BASE45_VALUES[char] for char in text[start : start + 3]]
        value = sum(digit * 45**power for power, digit in enumerate(chunk))
        if len(chunk) == 3:
            if value > 0xFFFF:
                return None
            out += value.to_bytes(2, "big")
        else:
            if value > 0xFF:
                return None
            out.append(value)
    return bytes(out)


def _civil_from_days(days: int) -> tuple[int, int, int]:
    """Proleptic Gregorian (year, month, day) for a day count from 1970-01-01."""
    days += 719_468
    era = days // 146_097
    day_of_era = days - era * 146_097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36_524 - day_of_era // 146_096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    month_index = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * month_index + 2) // 5 + 1
    month = month_index + 3 if month_index < 10 else month_index - 9
    year = year_of_era + era * 400 + (1 if month <= 2 else 0)
    return year, month, day


def iso_instant(milliseconds: int | float) -> str:
    """``new Date(milliseconds).toISOString()``: ``YYYY-MM-DDTHH:MM:SS.sssZ``.

    Raises:
        CborldMalformedError: outside JavaScript's date range (JavaScript throws too).
    """
    if isinstance(milliseconds, float):
        if not math.isfinite(milliseconds):
            raise CborldMalformedError(
                "ERR_INVALID_DATE", "The compressed data holds an invalid date."
            )
        milliseconds = math.trunc(milliseconds)
    if abs(milliseconds) > _MAX_JS_TIME_MS:
        raise CborldMalformedError(
            "ERR_INVALID_DATE", "The compressed data holds a date out of range."
        )
    days, rest = divmod(milliseconds, 86_400_000)
    year, month, day = _civil_from_days(days)
    hours, rest = divmod(rest, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    year_text = f"{year:04d}" if 0 <= year <= 9999 else f"{year:+07d}"
    return (
        f"{year_text}-{month:02d}-{day:02d}T{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}Z"
    )
