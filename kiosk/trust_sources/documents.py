"""Getting a trust source's bytes: a local file, or an https URL through the guarded fetcher
with the document cache as the offline copy.

    got = obtain(spec.location, where=Where(fetcher, cache, now, max_age), sha256=spec.sha256)

A URL is fetched (and the copy kept in the cache with its date); when the fetch fails for a
reason that may pass, or the kiosk is offline, the cached copy is used if it is younger than
`max_age` — the source then shows "as of <date>". A sha256 the operator gave must match the
exact bytes, whichever way they came.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.net import (
    DEFAULT_MAX_CACHE_AGE,
    DocumentCache,
    FetchError,
    GuardedFetcher,
    HttpStatusError,
    show_day,
)
from trust_lists import TrustListError
from trust_lists.loader import read_list_file

log = logging.getLogger(__name__)

LIST_ACCEPT = "application/json, application/entity-statement+jwt, application/jwt;q=0.9, */*;q=0.1"


class SourceGone(TrustListError):
    """The server says the document is not there (404 / 410): believed, no cached fallback."""


@dataclass(frozen=True, slots=True)
class Where:
    """How sources are reached: the fetcher (None offline), the cache, the instant."""

    fetcher: GuardedFetcher | None
    cache: DocumentCache | None
    now: datetime
    max_age: timedelta = DEFAULT_MAX_CACHE_AGE


@dataclass(frozen=True, slots=True)
class Obtained:
    """A source's bytes and where they came from."""

    body: bytes
    fetched_at: datetime | None
    """When it was fetched (None: a local file)."""
    from_cache: bool = False

    @property
    def as_of(self) -> str:
        """'as of 12 Nov 2026' for a cached copy, else ''."""
        return f"as of {show_day(self.fetched_at)}" if self.from_cache and self.fetched_at else ""


def obtain(location: str, where: Where, sha256: str = "") -> Obtained:
    """The bytes at `location` (a path or an https URL).

    Raises:
        TrustListError: with the reason in words ("the kiosk is offline and has no saved copy").
    """
    if location.startswith(("https://", "http://")):
        got = _from_network(location, where)
    else:
        got = Obtained(read_list_file(Path(location)), None)
    if sha256 and hashlib.sha256(got.body).hexdigest() != sha256.strip().lower():
        raise TrustListError(location, "does not match the sha256 the operator pinned")
    return got


def _from_network(url: str, where: Where) -> Obtained:
    failure = ""
    if where.fetcher is not None:
        try:
            document = where.fetcher.fetch(url, accept=LIST_ACCEPT, expect_json=False)
        except HttpStatusError as error:
            if error.definitive:
                raise SourceGone(url, _lower(error.description)) from error
            failure = _lower(error.description)
        except FetchError as error:
            failure = _lower(error.description)
        else:
            if where.cache is not None:
                try:
                    where.cache.put(document)
                except OSError as error:
                    log.warning("could not cache %s: %s", url, error)
            return Obtained(document.body, document.fetched_at)
    cached = where.cache.get(url) if where.cache is not None else None
    if cached is None:
        raise TrustListError(url, failure or "the kiosk is offline and has no saved copy")
    if where.now - cached.fetched_at > where.max_age:
        raise TrustListError(
            url, f"the kiosk's saved copy is from {show_day(cached.fetched_at)}, too old to use"
        )
    return Obtained(cached.body, cached.fetched_at, from_cache=True)


def _lower(description: str) -> str:
    text = description.rstrip(".")
    return text[:1].lower() + text[1:]
