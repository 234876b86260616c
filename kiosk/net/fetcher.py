"""The guarded fetcher: the one way anything in the kiosk reads a document over the network.

    fetcher = GuardedFetcher(FetchPolicy())
    document = fetcher.fetch("https://issuer.example/.well-known/did.json")
    value = document.json()

Each fetch checks the URL (`urls.check_url`) before the first request and before every redirect
hop, connects only through `transport.GuardedBackend` (address checks on every connection),
follows at most `max_redirects` redirects (https only, no loops), reads at most `max_bytes`,
stops at the connect, read and total time limits, and — where JSON is expected — refuses any
other content type. Failures raise `FetchError` subclasses (`errors.py`), never httpx's own.

One fetcher keeps one httpx client, so connections are reused between its fetches (a checked
connection serves only its own origin; see `transport`). `close()` ends them; a fetcher that is
dropped closes them too.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import threading
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from kiosk.net.body import is_json_media_type, parse_json, read_capped
from kiosk.net.deadline import Deadline, DeadlineSlot
from kiosk.net.errors import (
    ConnectionFailedError,
    FetchError,
    HttpStatusError,
    NotJsonError,
    RedirectError,
    TimeLimitError,
    TooLargeError,
)
from kiosk.net.policy import JSON_ACCEPT, FetchPolicy
from kiosk.net.resolver import HostResolver, system_resolver
from kiosk.net.urls import CheckedUrl, check_url

if TYPE_CHECKING:
    import ssl

    import httpx

log = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_CONNECTIONS_KEPT = 256
KEEPALIVE_SECONDS = 15.0
"""How long an idle connection is kept for the next fetch to the same origin."""


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class FetchedDocument:
    """A document as fetched: the bytes, where they finally came from, and when."""

    url: str
    """The URL asked for (the cache key)."""
    final_url: str
    """The URL that answered, after redirects."""
    content_type: str
    body: bytes
    fetched_at: datetime

    def json(self) -> Any:
        """The body parsed as strict JSON (raises `NotJsonError`)."""
        return parse_json(self.body)


class GuardedFetcher:
    """Fetches https documents under a `FetchPolicy`; safe to share between threads."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        resolver: HostResolver = system_resolver,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        """
        Args:
            policy: the limits; defaults to a fresh kiosk's.
            resolver: host name → addresses; tests inject one mapping names to test addresses.
            clock: when a document counts as fetched (recorded in the cache).
        """
        self.policy = policy or FetchPolicy()
        self._resolver = resolver
        self._clock = clock
        self.connections: deque[tuple[str, int]] = deque(maxlen=MAX_CONNECTIONS_KEPT)
        """The (address, port) of the latest connections, oldest first (support and tests)."""
        self._deadlines = DeadlineSlot()
        self._client: httpx.Client | None = None
        self._client_lock = threading.Lock()
        self._closer: weakref.finalize[..., GuardedFetcher] | None = None

    def close(self) -> None:
        """Close the kept connections (a later fetch opens new ones)."""
        with self._client_lock:
            client, self._client = self._client, None
            if self._closer is not None:
                self._closer.detach()
                self._closer = None
        if client is not None:
            client.close()

    def _pooled_client(self) -> httpx.Client:
        # The HTTP stack is loaded on the first fetch: a verification that fetches nothing
        # (offline, or every document cached) never pays for it.
        import httpx

        from kiosk.net.transport import GuardedBackend, GuardedTransport

        with self._client_lock:
            if self._client is None:
                policy = self.policy
                backend = GuardedBackend(
                    self._resolver, policy.allowed_hosts, self._deadlines, self.connections.append
                )
                self._client = httpx.Client(
                    transport=GuardedTransport(self._ssl_context, backend, KEEPALIVE_SECONDS),
                    timeout=httpx.Timeout(
                        connect=policy.connect_timeout,
                        read=policy.read_timeout,
                        write=policy.read_timeout,
                        pool=policy.connect_timeout,
                    ),
                    follow_redirects=False,
                    trust_env=False,
                    headers={"Accept-Encoding": "identity", "User-Agent": policy.user_agent},
                )
                self._closer = weakref.finalize(self, self._client.close)
            return self._client

    def fetch(
        self, url: str, *, accept: str = JSON_ACCEPT, expect_json: bool = True
    ) -> FetchedDocument:
        """GET `url` under the policy; with `expect_json`, refuse non-JSON content types.

        Raises:
            FetchError: a subclass saying why (refused, unreachable, too slow, too large, …).
        """
        client = self._pooled_client()
        import httpx  # loaded by _pooled_client

        try:
            with self._deadlines.using(Deadline(self.policy.total_timeout)) as deadline:
                return self._follow(client, url, deadline, accept, expect_json)
        except FetchError as error:
            log.info("fetch refused or failed (%s): %s", error.code, error.description)
            raise
        except httpx.TimeoutException as error:
            raise TimeLimitError("The server did not answer in time.") from error
        except httpx.HTTPError as error:
            raise ConnectionFailedError(f"The fetch failed ({type(error).__name__}).") from error

    def allowing(self, max_bytes: int) -> GuardedFetcher:
        """The same fetcher (same policy, resolver, clock, TLS context) reading up to
        `max_bytes`: a credential behind a link may be larger than a DID document."""
        clone = copy.copy(self)
        clone.policy = dataclasses.replace(self.policy, max_bytes=max_bytes)
        return clone

    @cached_property
    def _ssl_context(self) -> ssl.SSLContext:
        """Made on the first fetch: loading the system's certificates takes a moment."""
        return self.policy.make_ssl_context()

    def fetch_json(self, url: str, *, accept: str = JSON_ACCEPT) -> tuple[Any, FetchedDocument]:
        """Fetch and parse a JSON document; returns the parsed value and the document."""
        document = self.fetch(url, accept=accept, expect_json=True)
        return document.json(), document

    def _follow(
        self, client: httpx.Client, url: str, deadline: Deadline, accept: str, expect_json: bool
    ) -> FetchedDocument:
        target = check_url(url, self.policy.allowed_hosts)
        seen = {str(target.url)}
        for _hop in range(self.policy.max_redirects + 1):
            deadline.remaining(None)
            with client.stream("GET", target.url, headers={"Accept": accept}) as response:
                if response.status_code in REDIRECT_STATUSES:
                    target = self._next_hop(target, response, seen)
                    continue
                return self._read(url, target, response, expect_json)
        raise RedirectError(f"The server redirected more than {self.policy.max_redirects} times.")

    def _next_hop(
        self, current: CheckedUrl, response: httpx.Response, seen: set[str]
    ) -> CheckedUrl:
        import httpx  # loaded by _pooled_client

        location = response.headers.get("location")
        if not location:
            raise RedirectError(f"'{current.host}' redirected without saying where to.")
        try:
            joined = current.url.join(location)
        except (httpx.InvalidURL, ValueError) as error:
            raise RedirectError(f"'{current.host}' redirected to an invalid address.") from error
        if str(joined) in seen:
            raise RedirectError(f"'{current.host}' redirects in a loop.")
        seen.add(str(joined))
        return check_url(joined, self.policy.allowed_hosts)

    def _read(
        self, url: str, target: CheckedUrl, response: httpx.Response, expect_json: bool
    ) -> FetchedDocument:
        host = target.host
        if response.status_code != 200:
            raise HttpStatusError(
                f"'{host}' answered {response.status_code} {response.reason_phrase or ''}".rstrip()
                + ".",
                response.status_code,
            )
        content_type = response.headers.get("content-type", "")
        if expect_json and not is_json_media_type(content_type):
            shown = content_type.split(";", 1)[0].strip()[:60] or "no content type"
            raise NotJsonError(f"'{host}' answered with {shown}, not JSON.")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.policy.max_bytes:
            raise TooLargeError(
                f"'{host}' announced {int(declared) // 1024} KiB, more than the "
                f"{self.policy.max_bytes // 1024} KiB limit."
            )
        body = read_capped(
            response.iter_raw(16 * 1024),
            response.headers.get("content-encoding", ""),
            self.policy.max_bytes,
        )
        return FetchedDocument(
            url=url,
            final_url=str(target.url),
            content_type=content_type,
            body=body,
            fetched_at=self._clock(),
        )
