"""Provides the strict reading of a compact JWS (RFC 7515 §7.1): three base64url parts, a header
and a claims set that are each one strict JSON object, and the bytes the signature covers.

Only reading: nothing here verifies a signature or knows what a credential is. The envelope table
uses it to recognise a token, and the verification core reads every token through it before it
interprets the claims (`kiosk.verification.jwt_credential`) or checks the signature
(`kiosk.verification.suites.jose`), so the three agree on what the token holds.

Strict means: only the base64url alphabet, without padding (RFC 7515 §2); JSON as
`strict_json_loads` accepts it (no duplicate keys, no NaN, bounded depth and numbers); the header
parameters the kiosk reads (`alg`, `typ`, `cty`, `kid`) are strings when present, so no later
comparison meets a list or an object where it expects a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from payloads.base64url import Base64UrlError, b64url_decode
from payloads.envelopes import StrictJsonError, strict_json_loads

MAX_TOKEN_CHARS = 256 * 1024
"""A compact JWS longer than this is refused before it is decoded."""
STRING_HEADER_PARAMETERS = ("alg", "typ", "cty", "kid")
"""Header parameters that must be strings when present (RFC 7515 §4.1, RFC 7519 §5)."""


class JwsFormatError(ValueError):
    """A token that is not a well-formed compact JWS; `description` says why in one sentence."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


@dataclass(frozen=True, slots=True)
class CompactJws:
    """A compact JWS read strictly (not yet verified)."""

    header: dict[str, Any]
    claims: dict[str, Any]
    """The payload, a JSON object (a JWT claims set)."""
    signing_input: bytes
    """`BASE64URL(header) "." BASE64URL(payload)`: what the signature covers."""
    signature: bytes


def read_compact_jws(token: str, max_chars: int = MAX_TOKEN_CHARS) -> CompactJws:
    """Read `token` as a compact JWS whose header and payload are JSON objects.

    Raises:
        JwsFormatError: with the reason, for anything but a well-formed compact JWS.
    """
    parts = token.split(".")
    if len(parts) != 3 or len(token) > max_chars:
        raise JwsFormatError("The signed token is malformed (a JWT has three parts).")
    header = _json_object(parts[0], "header")
    for name in STRING_HEADER_PARAMETERS:
        if name in header and not isinstance(header[name], str):
            raise JwsFormatError(f"The token's header is malformed (its {name} is not a string).")
    claims = _json_object(parts[1], "payload")
    try:
        signature = b64url_decode(parts[2])
    except Base64UrlError as error:
        raise JwsFormatError(
            "The signed token is malformed (its signature is not base64url)."
        ) from error
    return CompactJws(header, claims, f"{parts[0]}.{parts[1]}".encode("ascii"), signature)


def _json_object(encoded: str, name: str) -> dict[str, Any]:
    try:
        value = strict_json_loads(b64url_decode(encoded))
    except (Base64UrlError, StrictJsonError) as error:
        raise JwsFormatError(f"The token's {name} is not valid JSON.") from error
    if not isinstance(value, dict):
        raise JwsFormatError(f"The token's {name} is not a JSON object.")
    return value
