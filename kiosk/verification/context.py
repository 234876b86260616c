"""What one verification runs with: the instant, the trust lists, the contexts, the limits, and
the network (a guarded fetcher, or none when offline) with the document cache.

The core takes this context and nothing else of the operator's: `kiosk.context_setup` builds it
from the settings, tests build it directly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.net import DEFAULT_MAX_CACHE_AGE, DocumentCache, GuardedFetcher
from kiosk.verification.blockcerts.explorers.base import ExplorerEndpoint
from kiosk.verification.deadline import DEFAULT_DEADLINE_SECONDS
from kiosk.verification.jsonld.loader import BundledContexts
from trust_lists import TrustRegistry


@dataclass(frozen=True, slots=True)
class VerificationContext:
    """Inputs every check may read; nothing here changes during a verification."""

    now: datetime
    trust: TrustRegistry
    contexts: BundledContexts
    clock_skew: timedelta = timedelta(minutes=5)
    offline: bool = False
    max_payload_bytes: int = 256 * 1024
    """Largest scanned payload (a QR code, a keyboard or serial scanner): larger is refused."""
    max_file_bytes: int = 4 * 1024 * 1024
    """Largest file (`kiosk verify FILE`) or credential behind a link: Blockcerts certificates
    with embedded images are 0.3 to 2 MB. The per-verification deadline guards the time."""
    check_schemas: bool = True
    """Validate OB 3.0 / CLR 2.0 JSON Schemas and `credentialSchema` entries (format check);
    False only for the benchmark comparing the cost."""
    challenge: str | None = None
    """The challenge the kiosk issued for presentations (`--challenge`); None: none issued."""
    domain: str | None = None
    """The domain presentations must be bound to (`--domain`); None: not checked."""
    require_holder_binding: bool = False
    """SD-JWT VC: a presentation without a key-binding JWT is "not done" on the holder check."""
    key_binding_max_age: timedelta = timedelta(minutes=5)
    """SD-JWT VC: how old a key-binding JWT's `iat` may be (plus the clock skew)."""
    locale: str = "en"
    """The language claim names are shown in when type metadata offers several."""
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
    deadline_seconds: float | None = DEFAULT_DEADLINE_SECONDS
    """How long one verification may take; past it the verdict is CHECK MANUALLY, "took too
    long to check" (`deadline.py`). None: no in-process deadline."""
