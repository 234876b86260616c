"""Getting a status or revocation list through the context: guarded fetcher, then the cache.

A list may come as JSON or as a JWT (a VC-JWT / VC-JOSE status list credential); a cached copy
younger than the list's `ttl` is used without fetching again.

Same policy as issuer keys (`docs/network.md`): the network when there is one (the copy is
cached with its fetch time), else — or when the fetch fails for a reason that may pass — a cached
copy no older than `context.max_cache_age`. Every way of not getting the list becomes
`StatusUnavailableError` (the status check is "not done"), never a failure.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from kiosk.net import FetchError, Retrieved, retrieve_json
from kiosk.net.body import parse_json
from kiosk.net.errors import NotJsonError
from kiosk.verification.status.errors import StatusUnavailableError
from kiosk.verification.status.outcome import label_for
from payloads.jws import JwsFormatError, read_compact_jws

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext

LIST_ACCEPT = (
    "application/vc+ld+json, application/ld+json, application/json;q=0.9, "
    "application/vc+jwt;q=0.8, application/jwt;q=0.7"
)
MAX_TTL = timedelta(days=30)
_COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*")


def parse_list_body(body: bytes) -> Any:
    """A list as JSON, or — delivered as a JWT (VC-JWT, VC-JOSE) — the compact token (a str),
    which the list loader verifies; `NotJsonError` for anything else."""
    try:
        return parse_json(body)
    except NotJsonError:
        text = body.strip()
        try:
            token = text.decode("ascii")
        except UnicodeDecodeError:
            raise NotJsonError("The status list is neither JSON nor a signed token.") from None
        if len(token) <= 4 * 1024 * 1024 and _COMPACT_JWS.fullmatch(token):
            return token
        raise


def list_ttl(value: Any) -> timedelta | None:
    """The list's `ttl` (milliseconds, Bitstring Status List): how long a copy may be used
    without asking again; at most `MAX_TTL`. Read before verification, it decides only when to
    fetch again, never what the list says."""
    document = _claims_document(value) if isinstance(value, str) else value
    subject = document.get("credentialSubject") if isinstance(document, dict) else None
    ttl = subject.get("ttl") if isinstance(subject, dict) else None
    if isinstance(ttl, bool) or not isinstance(ttl, int) or ttl <= 0:
        return None
    return min(timedelta(milliseconds=min(ttl, 10**12)), MAX_TTL)


def _claims_document(token: str) -> Any:
    try:
        claims = read_compact_jws(token).claims
    except JwsFormatError:
        return None
    return claims["vc"] if isinstance(claims.get("vc"), dict) else claims


def retrieve_list(
    url: str, what: str, context: VerificationContext, *, network: bool = True
) -> Retrieved:
    """The JSON document at `url`, or `StatusUnavailableError` saying why not.

    Args:
        url: the https URL the credential names.
        what: plain words for the list ("the status list"); the host and path are added.
        context: supplies the fetcher, cache, clock and maximum cache age.
        network: False reads only the cache (a fallback address, e.g. Blockcerts' plain URL).
    """
    try:
        return retrieve_json(
            url,
            fetcher=context.network if network else None,
            cache=context.cache,
            now=context.now,
            max_age=context.max_cache_age,
            accept=LIST_ACCEPT,
            parse=parse_list_body,
            fresh_for=list_ttl,
        )
    except FetchError as error:
        reason = error.description.rstrip(".")
        reason = reason if reason[1:2].isupper() else reason[:1].lower() + reason[1:]
        raise StatusUnavailableError(
            f"{label_for(what, url)} could not be fetched ({reason})"
        ) from error
