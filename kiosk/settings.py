"""Operator settings shared by the CLI and the app (one dataclass, no globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only a type here: reading settings must not load the trust machinery
    from trust_lists.sources import TrustConfig

DEFAULT_EXPLORERS: tuple[str, ...] = (
    "esplora bitcoin-mainnet https://blockstream.info/api",
    "esplora bitcoin-mainnet https://mempool.space/api",
    "blockcypher bitcoin-mainnet https://api.blockcypher.com/v1/btc/main",
    "esplora bitcoin-testnet https://blockstream.info/testnet/api",
    "esplora bitcoin-testnet https://mempool.space/testnet/api",
    "blockcypher bitcoin-testnet https://api.blockcypher.com/v1/btc/test3",
    "etherscan ethereum-mainnet https://api.etherscan.io/v2/api?chainid=1",
    "etherscan ethereum-mainnet https://eth.blockscout.com/api",
    "etherscan ethereum-sepolia https://api.etherscan.io/v2/api?chainid=11155111",
    "etherscan ethereum-sepolia https://eth-sepolia.blockscout.com/api",
)
"""Well-known public block explorers, as "<api> <chain> <https URL>" lines (docs/blockcerts.md).
Etherscan answers only with an API key: append `&apikey=…` to its lines."""


def utc_now() -> datetime:
    """The real clock (UTC); tests and `--now` inject another."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class KioskSettings:
    """Everything the operator can set, with the defaults a fresh kiosk uses."""

    trust_list_paths: tuple[Path, ...] = ()
    """Trust lists to load; empty (and no `trust_config`) means no issuer is trusted (every
    verdict is at best CHECK MANUALLY). The shipped demo list is never loaded by default (see
    `demo`)."""
    trust_config_file: Path | None = None
    """The trust sources file (`--trust-config`, kiosk.toml's `trust_sources`); None: the
    default `$XDG_CONFIG_HOME/credential-kiosk/trust.toml` when it exists. Read into
    `trust_config` by the command line."""
    trust_config: TrustConfig | None = None
    """The operator's trust sources in order (`--trust-config`, docs/trust-lists.md): signed
    lists, DCC registries, OpenID Federation, EBSI snapshots, list URLs. Loaded after the
    `trust_list_paths` files."""
    demo: bool = False
    """`--demo`: also trust the demo issuer (`trust_lists/shipped/demo.json`), for every
    payload. Without it the app trusts the demo issuer only for its own bundled demo images."""
    offline: bool = False
    """Forbid all network access."""
    clock: Callable[[], datetime] = utc_now
    """Where "now" comes from; `--now` fixes it to one instant."""
    clock_skew: timedelta = timedelta(minutes=5)
    """Tolerance on validity dates and proof creation times, for clocks a little off."""
    return_after_seconds: float = 12.0
    """How long the verdict screen stays before the kiosk returns to scanning by itself."""
    demo_interval_seconds: float = 16.0
    """In demo mode, how long each demo image is shown to the scanner before the next; longer
    than `return_after_seconds`, so the scanning screen shows between two verdicts."""
    camera_index: int | None = None
    """A camera device index (`--camera N`); None means the demo frame source."""
    demo_folder: Path | None = None
    """Demo mode: the QR images shown instead of the bundled ones (`--demo-folder`, for checks
    such as a deadline-hitting code among the demo codes); None: the bundled demo images."""
    max_payload_bytes: int = 256 * 1024
    """Largest scanned payload (QR code, keyboard or serial scanner): larger ones are refused as
    "too large" before any parsing."""
    max_file_bytes: int = 4 * 1024 * 1024
    """Largest file given to `kiosk verify` and credential fetched from a link (Blockcerts
    certificates with embedded images are 0.3 to 2 MB)."""
    challenge: str | None = None
    """The challenge presentations must answer (`--challenge`); None: the kiosk issued none."""
    domain: str | None = None
    """The domain presentations must be bound to (`--domain`); None: not checked."""
    require_holder_binding: bool = False
    """SD-JWT VC: require a key-binding JWT (else the holder check is "not done")."""
    key_binding_max_age: timedelta = timedelta(minutes=5)
    """SD-JWT VC: the oldest key-binding JWT (`iat`) accepted, plus the clock skew."""
    locale: str = "en"
    """Display language for claim names from SD-JWT VC type metadata."""
    extra: dict[str, str] = field(default_factory=dict)
    """Reserved for later settings read from the settings screen."""
    bell: bool = True
    """Ring the terminal bell when a verdict appears (once for VERIFIED, twice otherwise)."""
    preview: bool = True
    """Show the live camera preview on the scanning screen."""
    history_retention_days: int = 90
    """Days verifications are kept in the local history; 0 keeps none."""
    serial_device: str = "auto"
    """A handheld scanner in USB serial mode: "auto" (the first `/dev/serial/by-id/*` or
    `/dev/ttyACM*` present), a device path, or "off"."""
    wedge_max_gap_ms: float = 30.0
    """Keyboard-mode scanners: keys closer together than this (median) are a scan, not typing."""
    config_file: Path | None = None
    """The kiosk.toml these settings were read from, which the settings screen writes; None:
    the default place (`$XDG_CONFIG_HOME/credential-kiosk/kiosk.toml`)."""
    config_dir: Path | None = None
    """Where the operator file (PIN hash, saved settings) lives; None means
    `$XDG_CONFIG_HOME/credential-kiosk` (`~/.config/credential-kiosk`)."""
    data_dir: Path | None = None
    """Where the history database and its CSV exports live; None means
    `$XDG_DATA_HOME/credential-kiosk` (`~/.local/share/credential-kiosk`)."""
    allowed_hosts: tuple[str, ...] = ()
    """Hosts the kiosk may fetch from although they are, or resolve to, non-public addresses
    (an internal registry): `host` or `host:port`. Empty: public addresses only."""
    cache_dir: Path | None = None
    """Where fetched DID documents, profiles and lists are kept; None means
    `$XDG_CACHE_HOME/credential-kiosk` (`~/.cache/credential-kiosk`)."""
    role_paths: tuple[Path, ...] = ()
    """Role profiles for candidate sessions (`kiosk run --role PATH`), offered before those in
    `$XDG_CONFIG_HOME/credential-kiosk/roles/`."""
    max_cache_age: timedelta = timedelta(days=30)
    """Cached documents older than this are not used (the check is "not done")."""
    connect_timeout_seconds: float = 5.0
    """Time allowed to open a connection (TCP and TLS)."""
    read_timeout_seconds: float = 10.0
    """Time one read from a server may take."""
    total_timeout_seconds: float = 20.0
    """Time one fetch may take in all, redirects included."""
    max_document_bytes: int = 1024 * 1024
    """Largest document fetched (DID document, profile, list)."""
    max_redirects: int = 5
    """Redirects followed per fetch."""
    extra_ca_file: Path | None = None
    """PEM certificates trusted in addition to the system's (e.g. a corporate CA)."""
    universal_resolver_url: str | None = None
    """An https DID resolver prefix (`https://resolver.example/1.0/identifiers/`) for other DID
    methods; None: those are "not supported" and nothing is sent anywhere."""
    blockchain_explorers: tuple[str, ...] = DEFAULT_EXPLORERS
    """Block explorers asked about Blockcerts anchors, one "<api> <chain> <https URL>" each
    (api: esplora, blockcypher, etherscan). At least two of different operators (hosts) must
    agree on a transaction; all are reached through the guarded fetcher."""
    min_confirmations: int = 6
    """Blocks an anchoring transaction must be under before the anchor check passes."""
    verification_deadline_seconds: float = 10.0
    """How long one verification may take, fetches included; past it the verdict is CHECK
    MANUALLY, "took too long to check", and the kiosk is ready for the next scan."""
