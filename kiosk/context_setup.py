"""The verification context from the operator's settings: the one place settings reach the core."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.net import DocumentCache, FetchPolicy, GuardedFetcher, default_cache_dir
from kiosk.settings import KioskSettings
from kiosk.trust_sources import Where, load_registry
from kiosk.verification.blockcerts.explorers.base import usable_endpoints
from kiosk.verification.context import VerificationContext
from kiosk.verification.jsonld.loader import bundled_contexts
from trust_lists import TrustRegistry, load_trust_list, shipped_trust_list_paths


def build_context(
    settings: KioskSettings, now: datetime | None = None, *, demo: bool | None = None
) -> VerificationContext:
    """A context from operator settings; loads the trust lists (raises `TrustListError` for a
    `--trust-list` file that cannot be read) and the configured trust sources (a source that
    cannot be loaded is kept with its reason: the trust check reports it).

    Offline (`settings.offline`) there is no fetcher at all; the cache is still read.
    `demo` (default: `settings.demo`) adds the demo trust list: see `trust_registry`.
    """
    instant = now if now is not None else settings.clock()
    network = None if settings.offline else GuardedFetcher(fetch_policy(settings))
    cache = DocumentCache(settings.cache_dir or default_cache_dir())
    contexts = bundled_contexts()
    paths = trust_list_files(settings, demo=settings.demo if demo is None else demo)
    if settings.trust_config is None:
        registry = TrustRegistry(tuple(load_trust_list(path) for path in paths))
    else:
        where = Where(network, cache, instant, settings.max_cache_age)
        registry = load_registry(
            settings.trust_config, where=where, contexts=contexts, extra_paths=paths
        )
    return VerificationContext(
        now=instant,
        trust=registry,
        contexts=contexts,
        clock_skew=settings.clock_skew,
        offline=settings.offline,
        max_payload_bytes=settings.max_payload_bytes,
        max_file_bytes=settings.max_file_bytes,
        challenge=settings.challenge,
        domain=settings.domain,
        require_holder_binding=settings.require_holder_binding,
        key_binding_max_age=settings.key_binding_max_age,
        locale=settings.locale,
        network=network,
        cache=cache,
        max_cache_age=settings.max_cache_age,
        universal_resolver=settings.universal_resolver_url,
        explorers=usable_endpoints(settings.blockchain_explorers),
        min_confirmations=settings.min_confirmations,
        deadline_seconds=settings.verification_deadline_seconds,
    )


def trust_list_files(settings: KioskSettings, *, demo: bool = False) -> tuple[Path, ...]:
    """The trust list files to load: the operator's, and nothing else. No list (and no trust
    sources) means no issuer is trusted (every verdict is at best CHECK MANUALLY). The demo list
    (`trust_lists/shipped/`, whose key anyone can derive from `scripts/make_demo.py`) is added
    only when `demo` is asked for: the bundled demo images, or an explicit `--demo`."""
    paths = (*settings.trust_list_paths, *(shipped_trust_list_paths() if demo else ()))
    return tuple(dict.fromkeys(paths))


def check_trust_list_files(settings: KioskSettings) -> None:
    """Load every `--trust-list` file once, so the kiosk stops at start on one it cannot use.

    Raises:
        TrustListError: a configured list that cannot be read or parsed.
    """
    for path in trust_list_files(settings, demo=settings.demo):
        load_trust_list(path)


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
