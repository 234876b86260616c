"""The Blockcerts issuer profile: its issuing addresses with their windows, its revocation list.

Three generations of profile name the issuing addresses differently, all read here:

- v2 / v3: `publicKey: [{"id": "ecdsa-koblitz-pubkey:<address>", "created", "expires",
  "revoked"}]` (read by `keys.issuer_profile.read_issuer_profile`);
- 2.0-alpha: `publicKeys: [{"publicKey": "ecdsa-koblitz-pubkey:<address>", "created",
  "revoked"}]`;
- v1: `issuerKeys: [{"key": "<address>", "date"}]`.

An https issuer's profile is the issuer id itself; a DID issuer names its profile in its DID
document, as a service of type `IssuerProfile`. The profile is fetched once per verification
through the context (guarded fetcher, then cache), and every way of not getting it is "not
done" (`KeyUnavailableError`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk.net import show_day
from kiosk.verification.blockcerts.addresses import bare_address, same_address
from kiosk.verification.blockcerts.certificate import lenient_datetime
from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.errors import KeyResolutionError, UnsupportedError
from kiosk.verification.keys.documents import retrieve
from kiosk.verification.keys.issuer_profile import (
    ProfileKey,
    document_label,
    read_issuer_profile,
)

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext

MAX_KEYS = 256


@dataclass(frozen=True, slots=True)
class BlockcertsProfile:
    """An issuer profile as the Blockcerts checks read it."""

    url: str
    name: str
    keys: tuple[ProfileKey, ...]
    revocation_list: str | None
    document: Mapping[str, Any]
    source: str
    """Plain words: "the issuer's profile (issuer.example/profile.json)"."""
    fetched_at: datetime
    from_cache: bool

    @property
    def described_source(self) -> str:
        """The source, with "as of <date>" when it came from the kiosk's saved copy."""
        if not self.from_cache:
            return self.source
        return f"{self.source} as of {show_day(self.fetched_at)}"

    def key_for(self, address: str, chain: Chain) -> ProfileKey | None:
        """The profile's entry for `address`, or None when the profile does not list it."""
        return next((key for key in self.keys if same_address(chain, key.id, address)), None)


def fetch_profile(url: str, context: VerificationContext) -> BlockcertsProfile:
    """Fetch (or take from the cache) and read the profile at `url`.

    Raises:
        KeyUnavailableError: it could not be had (offline without a copy, unreachable, …).
        KeyResolutionError: it is not a profile (not an object with an id, unreadable dates).
    """
    label = f"the issuer's profile ({document_label(url).removeprefix('the document at ')})"
    retrieved = retrieve(url, label, context)
    value = retrieved.value
    profile = read_issuer_profile(value)
    keys = [*profile.keys, *_alpha_keys(value)]
    if len(keys) > MAX_KEYS:
        raise KeyResolutionError("The issuer's profile lists too many keys.")
    return BlockcertsProfile(
        url=url,
        name=profile.name,
        keys=tuple(keys),
        revocation_list=profile.revocation_list,
        document=value,
        source=label,
        fetched_at=retrieved.fetched_at,
        from_cache=retrieved.from_cache,
    )


def profile_url_from_did_document(document: Mapping[str, Any]) -> str:
    """Where a DID issuer publishes its Blockcerts profile (service type `IssuerProfile`).

    Raises:
        UnsupportedError: the DID document names no such service.
    """
    services = document.get("service")
    for service in services if isinstance(services, list) else []:
        if isinstance(service, Mapping) and service.get("type") == "IssuerProfile":
            endpoint = service.get("serviceEndpoint")
            if isinstance(endpoint, str) and endpoint.startswith("https://"):
                return endpoint
    raise UnsupportedError("The issuer's DID document does not say where its profile is.")


def _alpha_keys(value: Any) -> list[ProfileKey]:
    """Blockcerts 2.0-alpha `publicKeys` entries (`{"publicKey": …, "created", "revoked"}`)."""
    entries = value.get("publicKeys") if isinstance(value, Mapping) else None
    keys = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, Mapping) and isinstance(entry.get("publicKey"), str):
            keys.append(
                ProfileKey(
                    bare_address(entry["publicKey"]),
                    _when(entry.get("created")),
                    _when(entry.get("expires")),
                    _when(entry.get("revoked")),
                )
            )
    return keys


def _when(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = lenient_datetime(value)
    if moment is None:
        raise KeyResolutionError(f"The key date '{str(value)[:40]}' cannot be read.")
    return moment
