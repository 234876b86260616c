"""The kiosk's only way onto the network: a guarded https fetcher and a document cache.

Headless (no textual/rich). Everything that reads a document over the network — DID documents,
issuer profiles, status lists — goes through `GuardedFetcher`; what it fetched is kept in a
`DocumentCache` so the kiosk can work offline, and `retrieve_json` chooses between the two.
Design and the SSRF rules: `docs/network.md`.
"""

from kiosk.net.addresses import IPAddress, refusal_reason
from kiosk.net.cache import CachedDocument, DocumentCache, default_cache_dir
from kiosk.net.errors import (
    ConnectionFailedError,
    FetchError,
    HttpStatusError,
    NotJsonError,
    RedirectError,
    RefusedAddressError,
    RefusedUrlError,
    TimeLimitError,
    TooLargeError,
)
from kiosk.net.fetcher import FetchedDocument, GuardedFetcher
from kiosk.net.policy import JSON_ACCEPT, FetchPolicy
from kiosk.net.resolver import HostResolver, system_resolver
from kiosk.net.retrieve import (
    DEFAULT_MAX_CACHE_AGE,
    CachedCopyTooOld,
    DocumentUnavailable,
    Retrieved,
    retrieve_json,
    show_day,
)
from kiosk.net.urls import check_url

__all__ = [
    "DEFAULT_MAX_CACHE_AGE",
    "JSON_ACCEPT",
    "CachedCopyTooOld",
    "CachedDocument",
    "ConnectionFailedError",
    "DocumentCache",
    "DocumentUnavailable",
    "FetchError",
    "FetchPolicy",
    "FetchedDocument",
    "GuardedFetcher",
    "HostResolver",
    "HttpStatusError",
    "IPAddress",
    "NotJsonError",
    "RedirectError",
    "RefusedAddressError",
    "RefusedUrlError",
    "Retrieved",
    "TimeLimitError",
    "TooLargeError",
    "check_url",
    "default_cache_dir",
    "refusal_reason",
    "retrieve_json",
    "show_day",
    "system_resolver",
]
