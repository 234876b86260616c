"""Trust-source data: trusted issuers by id, the sources that name them, and a registry asking
the sources in the operator's order.

A source is a `TrustList`: a list loaded up front (the kiosk's own list, a signed list, a DCC
registry, an EBSI snapshot), a per-issuer `lookup` (an OpenID Federation registry asked
`fetch?sub=<issuer>`), or a source that could not be loaded (`problem` says why). Matching is on
the exact issuer id, never a prefix and never a name (`TrustRegistry.resolve`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from trust_lists.spoofing import fold_name

if TYPE_CHECKING:
    from cryptography.x509 import Certificate


@dataclass(frozen=True, slots=True)
class TrustedIssuer:
    """One issuer a source vouches for."""

    id: str
    """The issuer id as credentials state it (a DID or an https URL)."""
    name: str
    """The name staff see, instead of whatever the credential claims."""
    note: str = ""
    """What the operator should know (e.g. "test issuer"), shown with the verdict."""
    url: str = ""
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    """The entry's own window: outside it the issuer is not trusted by this source."""
    x509_anchors: tuple[Certificate, ...] = ()
    """Trust anchor certificates for this issuer's `x5c` chains (SD-JWT VC); none: a token
    signed with a certificate chain has its issuer key "not done"."""
    public_keys: tuple[str, ...] = ()
    """Keys the operator pins for this issuer, for credentials whose key cannot be looked up
    (a `urn:uuid:…#z6Mk…` verification method): Multikey `publicKeyMultibase` strings, or
    public JWKs as JSON text. Empty: none pinned."""
    details: tuple[tuple[str, str], ...] = ()
    """What the registry says about the issuer, as (label, text): location, legal name,
    accreditation, homepage, logo URL, ROR and Credential Engine ids. Shown as text, never
    fetched."""
    unconfirmed: str = ""
    """Non-empty: the source lists the issuer but a step vouching for it could not be done
    (e.g. an EBSI accreditation whose signer's DID document is not in the snapshot); the trust
    check is then "not done" with this reason."""


class LookupUnavailable(Exception):
    """A per-issuer source could not answer (offline, fetch failed, bad signature, expired)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


IssuerLookup = Callable[[str], TrustedIssuer | None]
"""Asks a registry about one issuer id: the entry, None (not listed), or `LookupUnavailable`."""


@dataclass(frozen=True, slots=True)
class TrustList:
    """One trust source in the operator's order (see the module docstring)."""

    name: str
    publisher: str
    issuers: dict[str, TrustedIssuer]
    source: str
    """Where it was loaded from (a path or URL), for support staff."""
    kind: str = "kiosk list"
    """What kind of source: "kiosk list", "signed list", "DCC registry", "OpenID Federation",
    "EBSI TIR"."""
    governance: str = ""
    """The registry's governance URL (shown with the verdict, never fetched)."""
    test_only: bool = False
    """Matches only ever give CHECK MANUALLY (registries of test issuers)."""
    valid_until: datetime | None = None
    """The list's own `validUntil` / `exp` / `NextUpdate`: past it the list is not used."""
    fetched_at: datetime | None = None
    """When the copy in use was fetched (None: a local file)."""
    from_cache: bool = False
    signed_by: str = ""
    """Who signed the list, as pinned by the operator ("" for unsigned sources)."""
    problem: str = ""
    """Why this source could not be loaded; non-empty: it could not be checked."""
    lookup: IssuerLookup | None = field(default=None, compare=False)
    """A per-issuer registry (OpenID Federation): asked at verification time."""
    member_listing: str = ""
    """Where a per-issuer registry lists its members (`kiosk trust sync` saves each member's
    statement for offline use); "" when it names none."""


@dataclass(frozen=True, slots=True)
class TrustMatch:
    """An issuer found in a source."""

    issuer: TrustedIssuer
    trust_list: TrustList


@dataclass(frozen=True, slots=True)
class TrustOutcome:
    """What the sources say about one issuer id."""

    match: TrustMatch | None
    unchecked: tuple[tuple[TrustList, str], ...]
    """Sources that could not be checked, each with the reason."""
    total: int
    """How many sources there are."""


@dataclass(frozen=True, slots=True)
class TrustRegistry:
    """The trust sources, most authoritative first."""

    lists: tuple[TrustList, ...]

    def find(self, issuer_id: str) -> TrustMatch | None:
        """The first loaded-list entry for exactly `issuer_id`, or None (lookups not asked)."""
        for trust_list in self.lists:
            entry = trust_list.issuers.get(issuer_id)
            if entry is not None and not trust_list.problem:
                return TrustMatch(entry, trust_list)
        return None

    def resolve(self, issuer_id: str, now: datetime) -> TrustOutcome:
        """Ask every source in order, stopping at the first that lists exactly `issuer_id`.

        A source with a problem, an expired list, or a lookup that cannot answer is "unchecked"
        (with its reason), never "not listed".
        """
        unchecked: list[tuple[TrustList, str]] = []
        for trust_list in self.lists:
            if trust_list.problem:
                unchecked.append((trust_list, trust_list.problem))
                continue
            if trust_list.valid_until is not None and now > trust_list.valid_until:
                unchecked.append((trust_list, expired_reason(trust_list)))
                continue
            entry = trust_list.issuers.get(issuer_id)
            if entry is None and trust_list.lookup is not None:
                try:
                    entry = trust_list.lookup(issuer_id)
                except LookupUnavailable as error:
                    unchecked.append((trust_list, error.reason))
                    continue
            if entry is not None and entry.id == issuer_id:
                return TrustOutcome(
                    TrustMatch(entry, trust_list), tuple(unchecked), len(self.lists)
                )
        return TrustOutcome(None, tuple(unchecked), len(self.lists))

    def named_like(self, claimed_name: str) -> list[TrustMatch]:
        """Entries of loaded sources whose trusted name folds to the same as `claimed_name`
        (case, spacing, punctuation and confusable letters folded: `spoofing.fold_name`)."""
        folded = fold_name(claimed_name)
        if not folded:
            return []
        return [
            TrustMatch(issuer, trust_list)
            for trust_list in self.lists
            if not trust_list.problem
            for issuer in trust_list.issuers.values()
            if fold_name(issuer.name) == folded
        ]


def expired_reason(trust_list: TrustList) -> str:
    """'the list X expired on 2026-11-01' (the list's own end date)."""
    assert trust_list.valid_until is not None
    return f"the list {trust_list.name} expired on {trust_list.valid_until:%Y-%m-%d}"
