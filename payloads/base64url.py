"""Provides strict decoding of unpadded base64url (RFC 4648 §5, as RFC 7515 §2 uses it).

Python's decoder skips characters outside the alphabet and accepts padding; tokens are read
here instead, so two readers of one token can never see different bytes.
"""

from __future__ import annotations

import base64
import binascii
import re

_ALPHABET = re.compile(r"[A-Za-z0-9_-]*")


class Base64UrlError(ValueError):
    """Text that is not unpadded base64url."""


def b64url_decode(text: str) -> bytes:
    """Decode unpadded base64url strictly: only its alphabet, no `=`, no impossible length, the
    one canonical spelling of its bytes.

    Raises:
        Base64UrlError: the text is not unpadded base64url.
    """
    if not _ALPHABET.fullmatch(text) or len(text) % 4 == 1:
        raise Base64UrlError("not unpadded base64url")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise Base64UrlError("not unpadded base64url") from error
    # The spare bits of the last character must be zero (RFC 4648 §3.5): decoders ignore them,
    # so "…g" and "…h" would carry the same bytes and a changed token would read as the same.
    if base64.urlsafe_b64encode(raw).rstrip(b"=") != text.encode("ascii"):
        raise Base64UrlError("not canonical base64url")
    return raw
