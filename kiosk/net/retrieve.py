"""Getting a JSON document for a check: from the network when there is one, else from the cache.

    retrieved = retrieve_json(url, fetcher=..., cache=..., now=..., max_age=...)

- With a fetcher: fetch it (and store the copy in the cache). If the fetch fails for a
  reason that may pass (no connection, time limit, a server error), fall back to the cache.
  A server that says the document is gone (404, 410) is believed: no fallback.
- Without one (offline): the cache only.
- A cached copy older than `max_age` is refused ("too old"), so a kiosk never works for weeks
  on keys it cannot refresh. `Retrieved.from_cache` and `fetched_at` let a verdict say
  "as of 12 Nov 2026".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kiosk.net.body import parse_json
from kiosk.net.cache import DocumentCache
from kiosk.net.errors import FetchError, HttpStatusError, NotJsonError
from kiosk.net.fetcher import GuardedFetcher
from kiosk.net.policy import JSON_ACCEPT

log = logging.getLogger(__name__)

DEFAULT_MAX_CACHE_AGE = timedelta(days=30)


def show_day(moment: datetime) -> str:
    """A date as staff read it: '12 Nov 2026'."""
    return f"{moment.day} {moment:%b %Y}"


@dataclass(frozen=True, slots=True)
class Retrieved:
    """A parsed JSON document, and whether it came from the network just now or the cache."""

    url: str
    value: Any
    fetched_at: datetime
    from_cache: bool

    @property
    def as_of(self) -> str:
        """'as of 12 Nov 2026' for a cached copy; '' for one fetched just now."""
        return f"as of {show_day(self.fetched_at)}" if self.from_cache else ""


class DocumentUnavailable(FetchError):
    """No usable copy: not fetched (reason given) and nothing fresh enough in the cache."""

    code = "unavailable"

    def __init__(self, description: str, cause: FetchError | None = None) -> None:
        super().__init__(description)
        self.cause = cause


class CachedCopyTooOld(DocumentUnavailable):
    """The only copy is the cache's, and it is older than the maximum age."""

    code = "cached-too-old"

    def __init__(self, fetched_at: datetime, max_age: timedelta) -> None:
        super().__init__(
            f"the kiosk's saved copy is from {show_day(fetched_at)}, older than the "
            f"{_show_age(max_age)} limit"
        )
        self.fetched_at = fetched_at


def retrieve_json(
    url: str,
    *,
    fetcher: GuardedFetcher | None,
    cache: DocumentCache | None,
    now: datetime,
    max_age: timedelta = DEFAULT_MAX_CACHE_AGE,
    accept: str = JSON_ACCEPT,
    parse: Callable[[bytes], Any] | None = None,
    fresh_for: Callable[[Any], timedelta | None] | None = None,
) -> Retrieved:
    """The JSON document at `url`, fresh from the network or from a young enough cached copy.

    Raises:
        DocumentUnavailable: with the reason in words that finish a sentence
            ("the kiosk is offline and has no saved copy"); `CachedCopyTooOld` when the only
            copy is too old. A server's 404/410 (`HttpStatusError`), a document that is not
            JSON (`NotJsonError`) and refused addresses are raised as themselves.

    `parse` (given: any content type is accepted) reads the body instead of strict JSON, e.g.
    JSON or a compact JWT; it raises `NotJsonError` for a body it cannot read. `fresh_for`
    says how long a copy may be used without asking the network again (a status list's
    `ttl`): a cached copy younger than that is used even with a fetcher.
    """
    failure: FetchError | None = None
    cached_first = cache.get(url) if cache is not None and fresh_for is not None else None
    if cached_first is not None and fresh_for is not None:
        try:
            early = (parse or parse_json)(cached_first.body)
        except NotJsonError:
            early = None
        ttl = fresh_for(early) if early is not None else None
        if ttl is not None and timedelta(0) <= now - cached_first.fetched_at < ttl:
            return Retrieved(url, early, cached_first.fetched_at, from_cache=True)
    if fetcher is not None:
        try:
            if parse is None:
                value, document = fetcher.fetch_json(url, accept=accept)
            else:
                document = fetcher.fetch(url, accept=accept, expect_json=False)
                value = parse(document.body)
        except (HttpStatusError, NotJsonError) as error:
            if not isinstance(error, HttpStatusError) or error.definitive:
                raise
            failure = error
        except FetchError as error:
            failure = error
        else:
            if cache is not None:
                try:
                    cache.put(document)
                except OSError as error:  # a full disk must not fail the verification
                    log.warning("could not cache %s: %s", url, error)
            return Retrieved(url, value, document.fetched_at, from_cache=False)
    cached = cache.get(url) if cache is not None else None
    if cached is None:
        if failure is not None:
            raise DocumentUnavailable(_sentence(failure.description), failure)
        raise DocumentUnavailable("the kiosk is offline and has no saved copy")
    if now - cached.fetched_at > max_age:
        raise CachedCopyTooOld(cached.fetched_at, max_age)
    try:
        value = (parse or parse_json)(cached.body)
    except NotJsonError:
        raise DocumentUnavailable("the kiosk's saved copy is damaged") from None
    return Retrieved(url, value, cached.fetched_at, from_cache=True)


def _sentence(description: str) -> str:
    """'The host … refused.' → 'the host … refused' (to finish another sentence)."""
    text = description.rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _show_age(age: timedelta) -> str:
    if age.days >= 1 and age == timedelta(days=age.days):
        return f"{age.days}-day"
    hours = age.total_seconds() / 3600
    return f"{hours:g}-hour"
