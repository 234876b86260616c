"""Provides what a scanned payload holds, shared by the scanners and the verification core.

* ``open_envelope`` -> ``Envelope`` / ``EnvelopeKind``: one table of payload kinds (JSON,
  compact JWS, SD-JWT, links, wallet requests, VP1 CBOR-LD), strict JSON, size caps
* ``strict_json_loads`` / ``StrictJsonError``: JSON as the kiosk accepts it
* ``payloads.cborld``: the bounded CBOR-LD decoder and VPQR reader
* ``payloads.bundled_contexts``: the one loader of the bundled, sha256-pinned JSON-LD contexts
* ``safe_preview`` / ``safe_text``: untrusted bytes as printable ASCII

Nothing here imports ``kiosk``, ``scanners``, OpenCV, numpy, Textual or Rich.
"""

from payloads.envelopes import (
    Envelope,
    EnvelopeKind,
    StrictJsonError,
    open_envelope,
    strict_json_loads,
)
from payloads.safe_text import safe_preview, safe_text

__all__ = [
    "Envelope",
    "EnvelopeKind",
    "StrictJsonError",
    "open_envelope",
    "safe_preview",
    "safe_text",
    "strict_json_loads",
]
