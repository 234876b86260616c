"""Trust-list data: trusted issuers by id, and a registry searching several lists in order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography.x509 import Certificate


@dataclass(frozen=True, slots=True)
class TrustedIssuer:
    """One issuer the operator trusts."""

    id: str
    """The issuer id as credentials state it (a DID or an https URL)."""
    name: str
    """The name staff see, instead of whatever the credential claims."""
    note: str = ""
    """What the operator should know (e.g. "Registrar's office, enrolment credentials only")."""
    url: str = ""
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    """The entry's own window: outside it the issuer is not trusted by this list."""
    x509_anchors: tuple[Certificate, ...] = ()
    """Trust anchor certificates for this issuer's `x5c` chains (SD-JWT VC); none: a token
    signed with a certificate chain has its issuer key "not done"."""
    public_keys: tuple[str, ...] = ()
    """Keys the operator pins for this issuer, for credentials whose key cannot be looked up
    (a `urn:uuid:…#z6Mk…` verification method): Multikey `publicKeyMultibase` strings, or
    public JWKs as JSON text. Empty: none pinned."""


@dataclass(frozen=True, slots=True)
class TrustList:
    """A named list of trusted issuers, loaded from one file."""

    name: str
    publisher: str
    issuers: dict[str, TrustedIssuer]
    source: str
    """Where it was loaded from (a path), for support staff."""


@dataclass(frozen=True, slots=True)
class TrustMatch:
    """An issuer found on a list."""

    issuer: TrustedIssuer
    trust_list: TrustList


@dataclass(frozen=True, slots=True)
class TrustRegistry:
    """The loaded lists, most authoritative first."""

    lists: tuple[TrustList, ...]

    def find(self, issuer_id: str) -> TrustMatch | None:
        """The first list entry for `issuer_id`, or None."""
        for trust_list in self.lists:
            entry = trust_list.issuers.get(issuer_id)
            if entry is not None:
                return TrustMatch(entry, trust_list)
        return None
