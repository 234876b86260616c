"""A resolved verification method: key, controller and the purposes it is listed for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.verification.keys.public_key import PublicKey


@dataclass(frozen=True, slots=True)
class VerificationMethod:
    """A key as its controller's document lists it."""

    id: str
    controller: str
    public_key: PublicKey
    purposes: frozenset[str]
    """Verification relationships listing this method: assertionMethod, authentication, …"""
    resolved_from: str
    """Plain words on where the key came from, e.g. "the did:key identifier itself (no network)"."""
    fetched_at: datetime | None = None
    """When the document holding the key was fetched (None: no fetch was needed); a verdict made
    from a cached document shows this date."""
