"""Blockcerts revocation lists (the Open Badges 2.0 `RevocationList`):
`{"revokedAssertions": [{"id": …, "revocationReason": …} | "id", …]}`.

Blockcerts v2 (and v3 certificates without `credentialStatus`) take the list's URL from the
issuer profile's `revocationList`: the Blockcerts checks call `check_revocation_list` with it.
A `credentialStatus` of type `RevocationList` whose `id` is the list's URL is read the same way.
(Blockcerts v3 certificates naming a `StatusList2021Entry` go to `status_list_2021`.)

Like cert-verifier-js, the list is asked for with `?assertionId=<credential id>` appended (some
issuers answer only for the credential asked about); when that address cannot be had, the plain
URL's saved copy (`kiosk sync` saves it) is used. Rule for unsigned lists: `id_list`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urldefrag

from kiosk.net import HttpStatusError, Retrieved
from kiosk.verification.status.entry import StatusSubject, read_url
from kiosk.verification.status.errors import MalformedEntryError, StatusUnavailableError
from kiosk.verification.status.fetching import retrieve_list
from kiosk.verification.status.id_list import UNSIGNED_NOTE, find_revocation
from kiosk.verification.status.outcome import ListSource, StatusOutcome

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext
    from kiosk.verification.status.list_credential import StatusLists

ENTRY_TYPE = "RevocationList"
WHAT = "the revocation list"
FIELDS = ("revokedAssertions",)
ASSERTION_ID = "assertionId"


def check_revocation_list(
    url: str, credential_id: str, context: VerificationContext
) -> StatusOutcome:
    """Whether the Blockcerts revocation list at `url` names `credential_id`.

    Args:
        url: the list's https URL (an issuer profile's `revocationList`).
        credential_id: the certificate's `id` as the list names it.
        context: the verification context (fetcher, cache, clock, maximum cache age).

    Returns:
        `revoked` (with the list's reason), `ok`, or `unknown` (offline without a fresh copy,
        unreachable, not a revocation list). Never raises for network or list trouble.
    """
    if not credential_id:
        return StatusOutcome.unknown("the certificate has no id to look up in its revocation list")
    try:
        retrieved = _retrieve(url, credential_id, context)
        source = ListSource.of(WHAT, retrieved)
        found = find_revocation(retrieved.value, FIELDS, credential_id, source.label)
    except StatusUnavailableError as error:
        return StatusOutcome.unknown(error.description)
    if found is not None:
        return StatusOutcome.revoked(found.reason, source, UNSIGNED_NOTE)
    return StatusOutcome.ok(source, UNSIGNED_NOTE)


def check(entry: Mapping[str, Any], subject: StatusSubject, lists: StatusLists) -> StatusOutcome:
    """Answer a `credentialStatus` entry of type `RevocationList` (`id`: the list's URL)."""
    try:
        url = urldefrag(read_url(entry, "id"))[0]
    except MalformedEntryError as error:
        return StatusOutcome.malformed(error.description)
    return check_revocation_list(url, subject.credential_id or "", lists.context)


def with_assertion_id(url: str, credential_id: str) -> str:
    """`url` with `assertionId=<credential id>` appended, as cert-verifier-js asks for it."""
    base, fragment = urldefrag(url)
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}{ASSERTION_ID}={quote(credential_id, safe='')}" + (
        f"#{fragment}" if fragment else ""
    )


def _retrieve(url: str, credential_id: str, context: VerificationContext) -> Retrieved:
    try:
        return retrieve_list(with_assertion_id(url, credential_id), WHAT, context)
    except StatusUnavailableError as asked:
        cause = asked.__cause__
        if isinstance(cause, HttpStatusError) and cause.definitive:
            raise
        try:
            return retrieve_list(url, WHAT, context, network=False)
        except StatusUnavailableError:
            raise asked from None
