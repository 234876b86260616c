"""The state one credential's checks share while the pipeline runs."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.verification.context import VerificationContext
from kiosk.verification.credential import ParsedCredential
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.keys.verification_method import VerificationMethod
from trust_lists import TrustMatch


@dataclass(slots=True)
class CredentialState:
    """What earlier checks found, for later checks and for the shown fields."""

    credential: ParsedCredential
    context: VerificationContext
    canonicalizer: Canonicalizer
    methods: list[VerificationMethod] = field(default_factory=list)
    """One resolved verification method per proof, filled by the issuer-key check."""
    trust_match: TrustMatch | None = None
