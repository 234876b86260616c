"""The world a Blockcerts certificate lives in, on 127.0.0.1: issuer hosts and explorers.

Certificates name real hosts (`https://www.blockcerts.org/…`) in their signed content, so those
URLs cannot be changed to point at a test server. `RehostingFetcher` is the kiosk's own guarded
fetcher (real TLS with the test CA, real size and time limits, the allow-list) that sends a
request for `https://HOST/path?query` to the documents server as
`https://docs.kiosk.test:PORT/HOST/path?query`, and reports the answer under the original URL
(so the cache and the reasons use it). URLs naming a port — the test servers
(`<name>.kiosk.test:<port>`), the explorers among them — are fetched as they are. Nothing can
reach the internet: the test network guard refuses it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import trustme

from kiosk.net import DocumentCache, FetchedDocument, FetchPolicy, GuardedFetcher
from kiosk.verification.blockcerts.explorers import ExplorerEndpoint
from kiosk.verification.context import VerificationContext
from kiosk.verification.jsonld.loader import bundled_contexts
from tests.servers import LocalHttpsServer, client_ssl_context, mapped_dns
from tests.unit.blockcerts.chain_servers import OPERATORS
from trust_lists import TrustedIssuer, TrustList, TrustRegistry

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
DOCS = "docs"
NAMES = ("docs", *OPERATORS)


class RehostingFetcher(GuardedFetcher):
    """A guarded fetcher for which the documents server stands in for every host on the web."""

    def __init__(self, policy: FetchPolicy, docs_port: int, **kwargs: Any) -> None:
        super().__init__(policy, **kwargs)
        self.docs_origin = f"https://docs.kiosk.test:{docs_port}"

    def rehost(self, url: str) -> str:
        parsed = httpx.URL(url)
        if parsed.port is not None:
            return url  # a test server (they all name their port), reached as it is
        query = f"?{parsed.query.decode()}" if parsed.query else ""
        return f"{self.docs_origin}/{parsed.host}{parsed.path}{query}"

    def fetch(self, url: str, **options: Any) -> FetchedDocument:
        document = super().fetch(self.rehost(url), **options)
        return dataclasses.replace(document, url=url, final_url=url)


def fetcher(
    ca: trustme.CA,
    ports: dict[str, int],
    clock: Callable[[], datetime] = lambda: NOW,
    **limits: Any,
) -> RehostingFetcher:
    """A rehosting fetcher allowed to reach the test servers (names → 127.0.0.1)."""
    hosts = {f"{name}.kiosk.test": "127.0.0.1" for name in NAMES}
    policy = FetchPolicy(
        allowed_hosts=frozenset(f"{name}.kiosk.test" for name in ports),
        ssl_context=client_ssl_context(ca),
        **limits,
    )
    return RehostingFetcher(policy, ports[DOCS], resolver=mapped_dns(hosts), clock=clock)


def serve_document(server: LocalHttpsServer, url: str, body: bytes, **route: Any) -> None:
    """Serve `body` on the documents server for `url` (its query string is ignored)."""
    from tests.servers import Route

    parsed = httpx.URL(url)
    server.route(f"/{parsed.host}{parsed.path}", Route(body=body, **route))


def serve_json(server: LocalHttpsServer, url: str, value: Any, **route: Any) -> None:
    serve_document(server, url, json.dumps(value).encode(), **route)


def blockcerts_context(
    network: GuardedFetcher | None,
    explorers: tuple[ExplorerEndpoint, ...],
    cache_dir: Path | None,
    trusted: tuple[str, ...] = (),
    *,
    now: datetime = NOW,
    min_confirmations: int = 6,
    universal_resolver: str | None = None,
) -> VerificationContext:
    """A context with this network, these explorers and cache, trusting `trusted` issuers."""
    issuers = {i: TrustedIssuer(id=i, name=f"Trusted issuer {n}") for n, i in enumerate(trusted)}
    return VerificationContext(
        now=now,
        trust=TrustRegistry((TrustList("Test list", "tests", issuers, "tests"),)),
        contexts=bundled_contexts(),
        offline=network is None,
        max_payload_bytes=4 * 1024 * 1024,
        network=network,
        cache=None if cache_dir is None else DocumentCache(cache_dir),
        max_cache_age=timedelta(days=30),
        universal_resolver=universal_resolver,
        explorers=explorers,
        min_confirmations=min_confirmations,
    )
