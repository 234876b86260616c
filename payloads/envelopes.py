"""Provides ``open_envelope``: what a scanned payload holds, decided in one table.

A payload (the raw bytes of a QR code, or a handheld scanner's burst) is first checked
against the size cap, then normalised (surrounding whitespace, CR/LF and NUL bytes and a
UTF-8 byte-order mark removed), then matched against ``ENVELOPE_RULES``: a table of
``EnvelopeRule(name, matches, open)`` rows tried in order, the first row whose
``matches(body)`` is true opens the payload. New envelopes (compact JWT, URL, VP1-B3
CBOR-LD, compressed) are added as rows. Payloads no row matches are UNRECOGNISED.

``open_envelope`` never raises: any input, however hostile, yields an ``Envelope``
whose ``reason`` is one plain sentence for a receptionist and whose ``preview`` is the
start of the payload as printable ASCII (see ``payloads.safe_text``).

JSON is parsed strictly: duplicate keys, NaN/Infinity (and numbers that overflow to
infinity), integers too long to convert, lone UTF-16 surrogate escapes and nesting deeper
than ``MAX_JSON_DEPTH`` are all MALFORMED.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from payloads.base64url import Base64UrlError, b64url_decode
from payloads.cborld import VpQrStatus, looks_like_vp_qr, read_vp_qr
from payloads.safe_text import safe_preview, safe_text

DEFAULT_MAX_BYTES = 256 * 1024
MAX_JSON_DEPTH = 64
MAX_INT_DIGITS = 4300  # Python's own limit for int(str); checked here to explain it
PREVIEW_CHARS = 60

_BOM = b"\xef\xbb\xbf"
_STRIP = b" \t\r\n\x0b\x0c\x00"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_BAD_ESCAPE = "The code's data contains an invalid character escape."

_log = logging.getLogger(__name__)


class EnvelopeKind(StrEnum):
    """What a payload turned out to be."""

    JSON = "json"  # a JSON object: a credential or a presentation
    JWT = "jwt"  # a compact JWS (VC-JWT, VC-JOSE vc+jwt, VP-JWT): verified by the kiosk core
    SD_JWT = "sd-jwt"  # an SD-JWT (issuer JWT ~ disclosures ~ key binding): recognised only
    WALLET_REQUEST = "wallet request"  # OpenID4VP / VC-API request: not a credential, not fetched
    LINK = "link"  # an https URL to a hosted credential: fetched by the core's guarded fetcher
    UNRECOGNISED = "unrecognised"
    TOO_LARGE = "too large"
    MALFORMED = "malformed"  # looks like JSON but cannot be parsed safely


@dataclass(frozen=True)
class Envelope:
    """The result of opening a payload.

    ``document`` is the parsed JSON object for kind JSON, else ``None``; ``reason`` is
    one plain sentence; ``preview`` the first ~60 characters as printable ASCII;
    ``size`` the payload's length in bytes as received.
    """

    kind: EnvelopeKind
    document: dict[str, Any] | None
    reason: str
    source: bytes = field(repr=False)
    """The payload's bytes (normalised), from which ``preview`` is made when it is asked for."""
    size: int = 0
    text: str | None = None
    """The payload as text, for kinds carried as text (JWT: the compact token)."""

    @functools.cached_property
    def preview(self) -> str:
        """The first ~60 characters as printable ASCII (made on first use: most payloads are
        read, and their preview is never shown)."""
        return safe_preview(self.source, PREVIEW_CHARS)


class Opened(NamedTuple):
    """What a table row's opener reports; ``open_envelope`` adds preview and size."""

    kind: EnvelopeKind
    document: dict[str, Any] | None
    reason: str
    text: str | None = None


class EnvelopeRule(NamedTuple):
    """One row of the detection table.

    ``matches`` and ``open`` receive the normalised payload bytes and must never raise.
    """

    name: str
    matches: Callable[[bytes], bool]
    open: Callable[[bytes], Opened]


# -- JSON row -----------------------------------------------------------------------------


class _StrictJsonError(Exception):
    """Raised inside the JSON hooks; carries the sentence to report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _StrictJsonError(
                    f'The code\'s data names the field "{safe_text(key, 40)}" more than '
                    "once, which is not allowed."
                )
            seen.add(key)
    return document


def _reject_constant(name: str) -> Any:
    raise _StrictJsonError(f"The code's data contains {name}, which is not a number.")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _StrictJsonError("The code's data contains a number too large to handle.")
    return value


def _bounded_int(literal: str) -> int:
    if len(literal) - literal.startswith("-") > MAX_INT_DIGITS:
        raise _StrictJsonError("The code's data contains a number too long to handle.")
    return int(literal)


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
"""Lone surrogates can only come from \\u escapes: raw UTF-8 cannot encode them."""


def _check_structure(value: Any, text: str | None = None) -> str | None:
    """Return why a parsed JSON value is unacceptable (too deep, lone surrogates), or None.

    With the source `text`, the walk is skipped when neither problem is possible: too few
    brackets to nest that deep, and no escaped surrogate (the common case, kept cheap)."""
    if (
        text is not None
        and text.count("{") + text.count("[") <= MAX_JSON_DEPTH
        and _ESCAPED_SURROGATE.search(text) is None
    ):
        return None
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list) and depth > MAX_JSON_DEPTH:
            return f"The code's data is nested more than {MAX_JSON_DEPTH} levels deep."
        if isinstance(item, dict):
            for key, child in item.items():
                if _LONE_SURROGATE.search(key):
                    return _BAD_ESCAPE
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, str) and _LONE_SURROGATE.search(item):
            return _BAD_ESCAPE
    return None


def _looks_like_json(body: bytes) -> bool:
    return body[:1] in (b"{", b"[")


class StrictJsonError(ValueError):
    """JSON that cannot be parsed safely; ``reason`` is one plain sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def strict_json_loads(body: bytes) -> Any:
    """Parse UTF-8 JSON strictly: no duplicate keys, no NaN/Infinity, bounded numbers and depth.

    Raises:
        StrictJsonError: with a plain reason, for anything that is not such JSON.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise StrictJsonError("The data is not valid UTF-8 text.") from None
    try:
        value = json.loads(
            text,
            object_pairs_hook=_object_without_duplicates,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
            parse_int=_bounded_int,
        )
    except _StrictJsonError as exc:
        raise StrictJsonError(exc.reason) from None
    except RecursionError:
        raise StrictJsonError(
            f"The data is nested more than {MAX_JSON_DEPTH} levels deep."
        ) from None
    except json.JSONDecodeError as exc:
        raise StrictJsonError(
            f"The data is damaged or incomplete (invalid JSON at character {exc.pos})."
        ) from None
    except ValueError:  # e.g. an int beyond Python's digit limit, should the hook miss it
        raise StrictJsonError("The data contains a number too long to handle.") from None
    problem = _check_structure(value, text)
    if problem is not None:
        raise StrictJsonError(problem)
    return value


def _open_json(body: bytes) -> Opened:
    try:
        value = strict_json_loads(body)
    except StrictJsonError as exc:
        return Opened(
            EnvelopeKind.MALFORMED, None, f"The code looks like a credential, but: {exc.reason}"
        )
    if not isinstance(value, dict):
        return Opened(
            EnvelopeKind.UNRECOGNISED,
            None,
            "The code holds JSON data, but not a credential this kiosk recognises.",
        )
    return Opened(
        EnvelopeKind.JSON, value, "The code holds a JSON document (a credential or presentation)."
    )


# -- compact JWS row ---------------------------------------------------------------------------

_COMPACT_JWS = re.compile(rb"[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*")


def _looks_like_compact_jws(body: bytes) -> bool:
    """Three base64url parts whose first decodes to a JSON object naming an `alg`."""
    if not _COMPACT_JWS.fullmatch(body):
        return False
    encoded = body.split(b".", 1)[0].decode("ascii")
    try:
        header = strict_json_loads(b64url_decode(encoded))
    except (StrictJsonError, Base64UrlError):
        return False
    return isinstance(header, dict) and isinstance(header.get("alg"), str)


def _open_compact_jws(body: bytes) -> Opened:
    return Opened(
        EnvelopeKind.JWT,
        None,
        "The code holds a signed token (JWT).",
        body.decode("ascii"),
    )


# -- SD-JWT and wallet request rows ----------------------------------------------------------

_SD_JWT = re.compile(
    rb"[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]+(~[A-Za-z0-9_-]+)*~([A-Za-z0-9_.-]*)"
)


def _looks_like_sd_jwt(body: bytes) -> bool:
    return _SD_JWT.fullmatch(body) is not None and _looks_like_compact_jws(body.split(b"~", 1)[0])


def _open_sd_jwt(body: bytes) -> Opened:
    return Opened(
        EnvelopeKind.SD_JWT,
        None,
        "The code holds a selective-disclosure token (SD-JWT).",
        body.decode("ascii"),
    )


_REQUEST_SCHEMES = (
    b"openid4vp:",
    b"openid:",
    b"openid-credential-offer:",
    b"haip:",
    b"mdoc-openid4vp:",
    b"eudi-openid4vp:",
)
_REQUEST_MARKERS = (b"request_uri=", b"credentialrequestorigin", b"vcapi", b"/exchanges/")


def _looks_like_wallet_request(body: bytes) -> bool:
    lowered = body[:4096].lower()
    if lowered.startswith(_REQUEST_SCHEMES):
        return True
    return lowered.startswith(b"https://") and any(m in lowered for m in _REQUEST_MARKERS)


def _open_wallet_request(body: bytes) -> Opened:
    return Opened(
        EnvelopeKind.WALLET_REQUEST,
        None,
        "This code is a request from a wallet or verifier, not a credential: ask the candidate "
        "to show the credential's own QR code.",
    )


# -- link row ---------------------------------------------------------------------------------

MAX_LINK_CHARS = 2048


def _looks_like_link(body: bytes) -> bool:
    lowered = body[:8].lower()
    return (
        lowered.startswith((b"https://", b"http://"))
        and len(body) <= MAX_LINK_CHARS
        and body.isascii()
        and not any(ch in body for ch in b" \t\r\n")
    )


def _open_link(body: bytes) -> Opened:
    if body[:8].lower().startswith(b"http://"):
        return Opened(
            EnvelopeKind.MALFORMED,
            None,
            "The code holds an insecure (http) link; the kiosk follows only https links.",
        )
    return Opened(
        EnvelopeKind.LINK, None, "The code holds a link to a credential.", body.decode("ascii")
    )


# -- VPQR (VP1- + multibase CBOR-LD) row -----------------------------------------------------


def _open_vp1_cborld(body: bytes) -> Opened:
    """Decode a VPQR text with the bundled contexts (``payloads.cborld``; never raises)."""
    result = read_vp_qr(body)
    if result.document is not None:
        return Opened(
            EnvelopeKind.JSON,
            result.document,
            "The code holds a compressed presentation (CBOR-LD).",
        )
    if result.status is VpQrStatus.UNSUPPORTED:
        return Opened(EnvelopeKind.UNRECOGNISED, None, result.reason)
    return Opened(EnvelopeKind.MALFORMED, None, result.reason)


# -- the table ------------------------------------------------------------------------------

ENVELOPE_RULES: tuple[EnvelopeRule, ...] = (
    EnvelopeRule("json", _looks_like_json, _open_json),
    EnvelopeRule("compact-jws", _looks_like_compact_jws, _open_compact_jws),
    EnvelopeRule("sd-jwt", _looks_like_sd_jwt, _open_sd_jwt),
    EnvelopeRule("wallet-request", _looks_like_wallet_request, _open_wallet_request),
    EnvelopeRule("link", _looks_like_link, _open_link),
    EnvelopeRule("vp1-cborld", looks_like_vp_qr, _open_vp1_cborld),
)
"""Detection table, tried in order; add new envelopes as rows here."""

_UNRECOGNISED = "The code does not hold a credential this kiosk recognises."


def normalise_payload(data: bytes) -> bytes:
    """Strip what scanners add: surrounding whitespace, CR/LF, NUL bytes and a UTF-8 BOM."""
    body = data.strip(_STRIP)
    if body.startswith(_BOM):
        body = body[len(_BOM) :].strip(_STRIP)
    return body


def open_envelope(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Envelope:
    """Decide what ``data`` holds and open it; never raises."""
    if not isinstance(data, bytes):  # bytearray / memoryview from a serial reader
        data = bytes(data)
    size = len(data)
    if size > max_bytes:
        return Envelope(
            EnvelopeKind.TOO_LARGE,
            None,
            f"The code holds {size} bytes; the limit is {max_bytes}.",
            data[: PREVIEW_CHARS * 4],
            size,
        )
    body = normalise_payload(data)
    if not body:
        return Envelope(EnvelopeKind.UNRECOGNISED, None, "The code is empty.", body, size)
    for rule in ENVELOPE_RULES:
        try:
            if not rule.matches(body):
                continue
            opened = rule.open(body)
        except Exception:  # a row must never raise; if one does, fail closed and log it
            _log.exception("envelope rule %r raised", rule.name)
            return Envelope(
                EnvelopeKind.MALFORMED,
                None,
                "The code's data could not be read safely.",
                body,
                size,
            )
        return Envelope(opened.kind, opened.document, opened.reason, body, size, opened.text)
    return Envelope(EnvelopeKind.UNRECOGNISED, None, _UNRECOGNISED, body, size)
