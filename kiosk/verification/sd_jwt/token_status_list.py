"""IETF Token Status List (draft-ietf-oauth-status-list): the `status.status_list` claim.

The credential names `{"idx": N, "uri": "https://…"}`. The kiosk gets the Status List Token at
`uri` (a JWT, `typ` statuslist+jwt): a cached copy while the token's `ttl` lasts, else through
the guarded fetcher, else a cached copy no older than the kiosk's maximum age. It checks the
token is signed by the credential's issuer (the same key rules as the credential:
`issuer_keys`), that its `sub` is that `uri` and that it has not expired, then inflates
`status_list.lst` (zlib, size-capped) and reads entry N of `bits` (1, 2, 4 or 8) bits, least
significant bits first. 0 VALID, 1 INVALID (revoked), 2 SUSPENDED; other values are
unknown to the kiosk. A list that cannot be had or trusted says nothing: "not done".
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.net import FetchError, Retrieved
from kiosk.verification.context import VerificationContext
from kiosk.verification.errors import VerificationError
from kiosk.verification.jwt_credential import read_token
from kiosk.verification.model import CheckResult
from kiosk.verification.sd_jwt.issuer_keys import resolve_issuer_key
from kiosk.verification.status.outcome import ListSource, StatusOutcome
from kiosk.verification.status.summary import summarise
from kiosk.verification.suites.jose import verify_compact_jws

STATUS_LIST_TYPE = "statuslist+jwt"
ACCEPT = "application/statuslist+jwt"
MAX_LIST_BYTES = 4 * 1024 * 1024
WHAT = "the token status list"
VALID, INVALID, SUSPENDED = 0, 1, 2
MAX_TTL_SECONDS = 7 * 24 * 3600
"""A list's `ttl` is honoured up to a week; beyond, the kiosk asks again."""


def check_token_status(reference: Any, issuer: str, context: VerificationContext) -> CheckResult:
    """The status check for a `status.status_list` reference."""
    return summarise([_outcome(reference, issuer, context)])


def _outcome(reference: Any, issuer: str, context: VerificationContext) -> StatusOutcome:
    if not isinstance(reference, dict):
        return StatusOutcome.malformed("its status_list reference is not an object")
    index, uri = reference.get("idx"), reference.get("uri")
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        return StatusOutcome.malformed("its status list index is not a whole number")
    if not isinstance(uri, str) or not uri.startswith("https://"):
        return StatusOutcome.malformed("its status list address is not an https URL")
    try:
        retrieved = _retrieve(uri, context)
    except FetchError as error:
        return StatusOutcome.unknown(
            f"{WHAT} could not be fetched ({error.description.rstrip('.')})"
        )
    source = ListSource.of(WHAT, retrieved)
    try:
        bits, data = _read_list(retrieved.value, uri, issuer, context)
    except VerificationError as error:
        return StatusOutcome.unknown(error.description.rstrip("."), source)
    if (index + 1) * bits > len(data) * 8:
        return StatusOutcome.malformed("its index lies outside the status list", source)
    byte, shift = divmod(index * bits, 8)
    value = (data[byte] >> shift) & ((1 << bits) - 1)
    if value == VALID:
        return StatusOutcome.ok(source, source.fetched_line)
    if value == INVALID:
        return StatusOutcome.revoked(None, source, source.fetched_line)
    if value == SUSPENDED:
        return StatusOutcome.suspended(None, source, source.fetched_line)
    return StatusOutcome.unknown(f"the list gives it the status {value:#04x}, unknown here", source)


def _retrieve(url: str, context: VerificationContext) -> Retrieved:
    """The token text at `url`: a cached copy still within the token's own `ttl`, else the
    network (and cached), else a cached copy no older than the kiosk's maximum age."""
    failure: FetchError | None = None
    cached = context.cache.get(url) if context.cache is not None else None
    if cached is not None and context.now - cached.fetched_at < _ttl(_text(cached.body)):
        return Retrieved(url, _text(cached.body), cached.fetched_at, from_cache=True)
    if context.network is not None:
        try:
            document = context.network.fetch(url, accept=ACCEPT, expect_json=False)
        except FetchError as error:
            failure = error
        else:
            if context.cache is not None:
                with contextlib.suppress(OSError):  # a full disk must not fail the verification
                    context.cache.put(document)
            return Retrieved(url, _text(document.body), document.fetched_at, from_cache=False)
    if cached is None or context.now - cached.fetched_at > context.max_cache_age:
        if failure is not None:
            raise failure
        raise FetchError("the kiosk is offline and has no fresh saved copy")
    return Retrieved(url, _text(cached.body), cached.fetched_at, from_cache=True)


def _ttl(token: str) -> timedelta:
    """How long the issuer lets a copy of the token be used without asking again (`ttl`,
    seconds; none: not at all). Read before the signature is checked: it only decides whether
    to fetch again, and the copy used is verified like any other."""
    try:
        ttl = read_token(token)[1].get("ttl")
    except VerificationError:
        return timedelta(0)
    if isinstance(ttl, bool) or not isinstance(ttl, int) or ttl <= 0:
        return timedelta(0)
    return timedelta(seconds=min(ttl, MAX_TTL_SECONDS))


def _text(body: bytes) -> str:
    try:
        return body.decode("ascii").strip()
    except UnicodeDecodeError:
        return ""


def _read_list(
    token: Any, uri: str, issuer: str, context: VerificationContext
) -> tuple[int, bytes]:
    """Verify the Status List Token and return (bits per entry, inflated list)."""
    header, claims = read_token(str(token))
    if header.get("typ") != STATUS_LIST_TYPE:
        raise VerificationError("the list is not a status list token (typ statuslist+jwt)")
    if claims.get("iss", issuer) != issuer:
        raise VerificationError("the list is issued by someone else than the credential's issuer")
    key = resolve_issuer_key(header, issuer, context)
    verify_compact_jws(str(token), key.public_key, str(header.get("alg")))
    if claims.get("sub") != uri:
        raise VerificationError("the list is for another address (sub)")
    expires = claims.get("exp")
    if (
        isinstance(expires, (int, float))
        and not isinstance(expires, bool)
        and datetime.fromtimestamp(int(expires), UTC) < context.now - context.clock_skew
    ):
        raise VerificationError("the list has expired")
    listing = claims.get("status_list")
    if not isinstance(listing, dict):
        raise VerificationError("the list token holds no status_list")
    bits, encoded = listing.get("bits"), listing.get("lst")
    if bits not in (1, 2, 4, 8) or isinstance(bits, bool) or not isinstance(encoded, str):
        raise VerificationError("the list's bits or lst is malformed")
    return int(bits), _inflate(encoded)


def _inflate(encoded: str) -> bytes:
    try:
        compressed = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        inflater = zlib.decompressobj()
        data = inflater.decompress(compressed, MAX_LIST_BYTES)
    except (binascii.Error, ValueError, zlib.error) as error:
        raise VerificationError("the list's lst is not zlib-compressed base64url") from error
    if inflater.unconsumed_tail:
        raise VerificationError("the list is larger than the kiosk accepts")
    return data
