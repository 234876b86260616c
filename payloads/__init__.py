"""Provides what a scanned payload holds, shared by the scanners and the verification core.

* ``open_envelope`` -> ``Envelope`` / ``EnvelopeKind``: one table of payload kinds (JSON,
  compact JWS, SD-JWT, links, wallet requests, VP1 CBOR-LD), strict JSON, size caps
* ``strict_json_loads`` / ``StrictJsonError``: JSON as the kiosk accepts it
* ``read_compact_jws`` -> ``CompactJws`` / ``JwsFormatError``: a compact JWS read strictly
  (base64url parts, strict JSON header and claims, the signing input); ``b64url_decode``
* ``payloads.cborld``: the bounded CBOR-LD decoder and VPQR reader
* ``payloads.bundled_contexts``: the one loader of the bundled, sha256-pinned JSON-LD contexts
* ``safe_preview`` / ``safe_text``: untrusted bytes as printable ASCII

Nothing here imports ``kiosk``, ``scanners``, OpenCV, numpy, Textual or Rich.
"""

from payloads.base64url import Base64UrlError, b64url_decode
from payloads.envelopes import (
    Envelope,
    EnvelopeKind,
    StrictJsonError,
    open_envelope,
    strict_json_loads,
)
from payloads.jws import CompactJws, JwsFormatError, read_compact_jws
from payloads.safe_text import safe_preview, safe_text

__all__ = [
    "Base64UrlError",
    "CompactJws",
    "Envelope",
    "EnvelopeKind",
    "JwsFormatError",
    "StrictJsonError",
    "b64url_decode",
    "open_envelope",
    "read_compact_jws",
    "safe_preview",
    "safe_text",
    "strict_json_loads",
]
