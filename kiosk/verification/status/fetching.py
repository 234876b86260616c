"""Getting a status or revocation list through the context: guarded fetcher, then the cache.

Same policy as issuer keys (`docs/network.md`): the network when there is one (the copy is
cached with its fetch time), else — or when the fetch fails for a reason that may pass — a cached
copy no older than `context.max_cache_age`. Every way of not getting the list becomes
`StatusUnavailableError` (the status check is "not done"), never a failure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.net import FetchError, Retrieved, retrieve_json
from kiosk.verification.status.errors import StatusUnavailableError
from kiosk.verification.status.outcome import label_for

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext

LIST_ACCEPT = "application/vc+ld+json, application/ld+json, application/json;q=0.9"


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
        )
    except FetchError as error:
        reason = error.description.rstrip(".")
        reason = reason if reason[1:2].isupper() else reason[:1].lower() + reason[1:]
        raise StatusUnavailableError(
            f"{label_for(what, url)} could not be fetched ({reason})"
        ) from error
