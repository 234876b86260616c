"""Provides a bounded CBOR-LD decoder (decompression only) and the VPQR QR-text reader.

* ``read_vp_qr`` / ``looks_like_vp_qr``: ``VP1-`` + multibase (``B`` base32, ``R``
  base45) CBOR-LD text -> a JSON-LD document, as a ``VpQrResult``; never raises.
* ``decode_cborld``: CBOR-LD bytes -> JSON-LD, for the legacy tags 0x0500/0x0501 (as
  written by the Digital Credentials Consortium's vpqr), the pre-1.0 tag range
  0x0600-0x06FF and the CBOR-LD 1.0 tag 0xCB1D with registry entries 0 and 1.
* Contexts come from a ``DocumentLoader``; by default the kiosk's bundled, sha256-pinned
  contexts (``BundledContexts``). Nothing is fetched.
* Errors: ``CborldMalformedError`` (damaged, too large) and ``CborldUnsupportedError``
  (unknown registry entry, context code or context, named in the reason).

Limits are in ``payloads.cborld.limits``. Nothing here imports ``kiosk``.
"""

from payloads.bundled_contexts import (
    BundledContexts,
    DocumentLoader,
    bundled_contexts,
    chain_loaders,
    mapping_loader,
)
from payloads.cborld.decoder import decode_cborld
from payloads.cborld.errors import CborldError, CborldMalformedError, CborldUnsupportedError
from payloads.cborld.tables import RegistryEntry, registry_entry
from payloads.cborld.vpqr import VpQrResult, VpQrStatus, looks_like_vp_qr, read_vp_qr

__all__ = [
    "BundledContexts",
    "CborldError",
    "CborldMalformedError",
    "CborldUnsupportedError",
    "DocumentLoader",
    "RegistryEntry",
    "VpQrResult",
    "VpQrStatus",
    "bundled_contexts",
    "chain_loaders",
    "decode_cborld",
    "looks_like_vp_qr",
    "mapping_loader",
    "read_vp_qr",
    "registry_entry",
]
