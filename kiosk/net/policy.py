"""The limits every fetch runs under: hosts, redirects, sizes, times, trusted certificates."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ssl

JSON_ACCEPT = (
    "application/did+ld+json, application/did+json, application/ld+json, application/json;q=0.9"
)
"""The Accept header for documents the kiosk reads as JSON (DID documents, profiles, lists)."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What the guarded fetcher allows; the defaults are those of a fresh kiosk."""

    allowed_hosts: frozenset[str] = frozenset()
    """Hosts the operator allows even though they are, or resolve to, non-public addresses:
    `host` (any port) or `host:port` (`[::1]:8443` for IPv6). Empty: public addresses only."""
    max_redirects: int = 5
    """Redirects followed per fetch; one more is refused."""
    max_bytes: int = 1024 * 1024
    """Largest response body accepted (after decompression)."""
    connect_timeout: float = 5.0
    """Seconds to open a connection (TCP and TLS)."""
    read_timeout: float = 10.0
    """Seconds one read may wait for data."""
    total_timeout: float = 20.0
    """Seconds one fetch may take in all, redirects included; checked on every read."""
    extra_ca_file: Path | None = None
    """PEM certificates trusted in addition to the system's (a corporate CA, or tests)."""
    user_agent: str = "credential-kiosk/0.1 (+verifier)"
    ssl_context: ssl.SSLContext | None = field(default=None, compare=False)
    """A ready TLS context (tests); when None one is made from the system store and
    `extra_ca_file`."""

    def make_ssl_context(self) -> ssl.SSLContext:
        """The TLS context: certificate and host name checks on, TLS 1.2 or later."""
        if self.ssl_context is not None:
            return self.ssl_context
        import ssl  # loaded with the first fetch, not with the settings

        context = ssl.create_default_context()
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        if self.extra_ca_file is not None:
            context.load_verify_locations(cafile=str(self.extra_ca_file))
        return context
