"""What one verification runs with: the instant, the trust lists, the contexts, the limits, and
the network (a guarded fetcher, or none when offline) with the document cache."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.net import (
    DEFAULT_MAX_CACHE_AGE,
    DocumentCache,
    FetchPolicy,
    GuardedFetcher,
    default_cache_dir,
)
from kiosk.settings import KioskSettings
from kiosk.verification.blockcerts.explorers.base import ExplorerEndpoint, usable_endpoints
from kiosk.verification.jsonld.loader import BundledContexts, bundled_contexts
from trust_lists import TrustRegistry, load_trust_list, shipped_trust_list_paths


@dataclass(frozen=True, slots=True)
class VerificationContext:
    """Inputs every check may read; nothing here changes during a verification."""

    now: datetime
    trust: TrustRegistry
    contexts: BundledContexts
    clock_skew: timedelta = timedelta(minutes=5)
    offline: bool = False
    max_payload_bytes: int = 256 * 1024
    challenge: str | None = None
    """The challenge the kiosk issued for presentations (`--challenge`); None: none issued."""
    domain: str | None = None
    """The domain presentations must be bound to (`--domain`); None: not checked."""
    network: GuardedFetcher | None = None
    """The only way to fetch anything (did:web, issuer profiles, status lists); None means no
    network at all (offline mode, and tests that do not start local servers)."""
    cache: DocumentCache | None = None
    """Documents fetched earlier (by a verification or `kiosk sync`); used when there is no
    network or a fetch fails. None: no cache."""
    max_cache_age: timedelta = DEFAULT_MAX_CACHE_AGE
    """Cached documents older than this are not used: the check is "not done"."""
    universal_resolver: str | None = None
    """An https DID resolver prefix (`…/1.0/identifiers/`) for DID methods the kiosk does not
    resolve itself; None (the default): such DIDs are "not supported", never sent anywhere."""
    explorers: tuple[ExplorerEndpoint, ...] = ()
    """Block explorers for Blockcerts anchors (`settings.blockchain_explorers`); none: the
    anchor check is "not done"."""
    min_confirmations: int = 6
    """Confirmations an anchoring transaction needs before the anchor check passes."""


def build_context(settings: KioskSettings, now: datetime | None = None) -> VerificationContext:
    """A context from operator settings; loads the trust lists (raises `TrustListError`).

    Offline (`settings.offline`) there is no fetcher at all; the cache is still read.
    """
    paths = settings.trust_list_paths or shipped_trust_list_paths()
    registry = TrustRegistry(tuple(load_trust_list(path) for path in paths))
    return VerificationContext(
        now=now if now is not None else settings.clock(),
        trust=registry,
        contexts=bundled_contexts(),
        clock_skew=settings.clock_skew,
        offline=settings.offline,
        max_payload_bytes=settings.max_payload_bytes,
        challenge=settings.challenge,
        domain=settings.domain,
        network=None if settings.offline else GuardedFetcher(fetch_policy(settings)),
        cache=DocumentCache(settings.cache_dir or default_cache_dir()),
        max_cache_age=settings.max_cache_age,
        universal_resolver=settings.universal_resolver_url,
        explorers=usable_endpoints(settings.blockchain_explorers),
        min_confirmations=settings.min_confirmations,
    )


def fetch_policy(settings: KioskSettings) -> FetchPolicy:
    """The fetch limits the operator set."""
    return FetchPolicy(
        allowed_hosts=frozenset(host.strip().lower() for host in settings.allowed_hosts),
        max_redirects=settings.max_redirects,
        max_bytes=settings.max_document_bytes,
        connect_timeout=settings.connect_timeout_seconds,
        read_timeout=settings.read_timeout_seconds,
        total_timeout=settings.total_timeout_seconds,
        extra_ca_file=settings.extra_ca_file,
    )
