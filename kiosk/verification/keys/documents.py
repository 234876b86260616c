"""Fetching the documents keys live in, through the context's guarded fetcher and cache.

Network trouble is never a reason to say a credential is false: every way a document can be
unavailable (offline, unreachable, refused address, too slow, too large, not JSON, not found,
cached copy too old) becomes `KeyUnavailableError`, an `UnsupportedError`, so the key check is
"not done" (CHECK MANUALLY) with the reason. What a document *says* (wrong controller, key not
listed, key revoked) is decided by the caller, and can fail the check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.net import JSON_ACCEPT, FetchError, Retrieved, retrieve_json
from kiosk.verification.errors import UnsupportedError
from kiosk.verification.keys.controller_document import ControllerDocument

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext


class KeyUnavailableError(UnsupportedError):
    """The document holding a key could not be had: the key check is "not done"."""

    code = "key-unavailable"


def retrieve(url: str, what: str, context: VerificationContext) -> Retrieved:
    """The JSON document at `url` (network, else cache), or `KeyUnavailableError` saying why.

    Args:
        url: the https URL to fetch.
        what: plain words for the document ("the did:web document of example.edu").
        context: supplies the fetcher, cache, clock and maximum cache age.
    """
    try:
        return retrieve_json(
            url,
            fetcher=context.network,
            cache=context.cache,
            now=context.now,
            max_age=context.max_cache_age,
            accept=JSON_ACCEPT,
        )
    except FetchError as error:
        reason = error.description.rstrip(".")
        raise KeyUnavailableError(f"Could not get {what}: {_lower_first(reason)}.") from error


def retrieve_controller_document(
    url: str, expected_id: str, what: str, context: VerificationContext
) -> ControllerDocument:
    """Retrieve `url` and read it as the controller document of `expected_id`."""
    retrieved = retrieve(url, what, context)
    return ControllerDocument.parse(
        retrieved.value, expected_id, what, retrieved.fetched_at, retrieved.from_cache
    )


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
