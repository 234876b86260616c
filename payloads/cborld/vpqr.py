"""Provides ``read_vp_qr``: the text of a VPQR code (``VP1-`` + multibase CBOR-LD) opened.

The format (Digital Bazaar's and the Digital Credentials Consortium's ``vpqr``; used by
Learner Credential Wallet, LearnCard and VerifierPlus): ``VP1-``, a multibase prefix,
then the CBOR-LD bytes in that base, all in the QR alphanumeric character set:

* ``B`` + RFC 4648 base32, upper case, no padding (``VP1-B3ECQ...``: ``3ECQ`` is how the
  legacy tag 0xD90501 starts in base32; vpqr 1.x-5.x and the DCC fork);
* ``R`` + RFC 9285 base45 (vpqr 6.x's default).

``looks_like_vp_qr`` claims only texts in that shape: a ``VP1-`` text with characters
outside the base's alphabet is not VPQR (QR codes are error-corrected, so a real VPQR code
never yields foreign characters), and ``read_vp_qr`` calls it *unsupported*. Text in the
alphabet that does not decode to valid CBOR-LD is *malformed*. ``read_vp_qr`` never
raises.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from payloads.bundled_contexts import DocumentLoader, bundled_contexts
from payloads.cborld.decoder import decode_cborld
from payloads.cborld.errors import CborldMalformedError, CborldUnsupportedError
from payloads.cborld.limits import MAX_CBORLD_BYTES
from payloads.cborld.text_codecs import base32_decode, base45_decode, is_base32, is_base45
from payloads.safe_text import safe_text

VP_QR_PREFIX = b"VP1-"
_VP_QR_TEXT = re.compile(rb"VP1-(?:B[A-Z2-7]+=*|R[0-9A-Z $%*+\-./:]+)")
_MAX_TEXT = MAX_CBORLD_BYTES * 8 // 5 + 8

_log = logging.getLogger(__name__)


class VpQrStatus(StrEnum):
    """How reading a VPQR text went."""

    DOCUMENT = "document"
    MALFORMED = "malformed"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True)
class VpQrResult:
    """The outcome: a JSON-LD document, or why there is none (one plain sentence)."""

    status: VpQrStatus
    document: dict[str, Any] | None
    reason: str
    context_codes: tuple[int, ...] = ()
    context_urls: tuple[str, ...] = ()


def looks_like_vp_qr(body: bytes) -> bool:
    """Whether ``body`` (a normalised payload) is a VPQR text: ``VP1-`` then ``B`` and
    base32 characters or ``R`` and base45 characters (nothing else is claimed)."""
    return _VP_QR_TEXT.fullmatch(body) is not None


def _unsupported(reason: str) -> VpQrResult:
    return VpQrResult(VpQrStatus.UNSUPPORTED, None, reason)


def _malformed(reason: str) -> VpQrResult:
    return VpQrResult(VpQrStatus.MALFORMED, None, reason)


def vp_qr_bytes(body: bytes) -> bytes | VpQrResult:
    """The CBOR-LD bytes a VPQR text carries, or the result explaining why there are none."""
    encoded = body[len(VP_QR_PREFIX) :]
    if not encoded:
        return _malformed("The code starts like a compressed presentation (VP1) but is empty.")
    base, text = encoded[:1], encoded[1:]
    if len(text) > _MAX_TEXT:
        return _malformed(
            f"The compressed presentation is too long (the limit is {MAX_CBORLD_BYTES} bytes)."
        )
    if base == b"B":
        if not is_base32(text):
            return _unsupported(
                "The code starts like a compressed presentation (VP1-B) but the rest is "
                "not base32 text."
            )
        data = base32_decode(text)
        if data is None:
            return _malformed("The compressed presentation is damaged or incomplete.")
        return data
    if base == b"R":
        if not is_base45(text):
            return _unsupported(
                "The code starts like a compressed presentation (VP1-R) but the rest is "
                "not base45 text."
            )
        data = base45_decode(text)
        if data is None:
            return _malformed("The compressed presentation is damaged or incomplete.")
        return data
    shown = safe_text(base.decode("latin-1"), 4)
    return _unsupported(
        f'The code holds a compressed presentation in an encoding ("{shown}") this kiosk '
        "does not read."
    )


def read_vp_qr(body: bytes, loader: DocumentLoader | None = None) -> VpQrResult:
    """Open a VPQR text (``body`` already normalised); never raises."""
    try:
        data = vp_qr_bytes(body)
        if isinstance(data, VpQrResult):
            return data
        document = decode_cborld(data, loader or bundled_contexts())
    except CborldUnsupportedError as exc:
        return VpQrResult(
            VpQrStatus.UNSUPPORTED, None, exc.reason, exc.context_codes, exc.context_urls
        )
    except CborldMalformedError as exc:
        return _malformed(exc.reason)
    except Exception:  # never raise into the scanner; the detail goes to the log only
        _log.exception("unexpected error decoding a VPQR code")
        return _malformed("The compressed presentation could not be read safely.")
    if isinstance(document, list):
        return _unsupported(
            "The code holds several compressed documents; the kiosk reads one credential or "
            "presentation at a time."
        )
    if not isinstance(document, dict):
        return _unsupported("The code holds compressed data, but not a credential or presentation.")
    return VpQrResult(VpQrStatus.DOCUMENT, document, "")
