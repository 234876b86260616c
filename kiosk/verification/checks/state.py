"""The state one credential's checks share while the pipeline runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.verification.context import VerificationContext
from kiosk.verification.credential import ParsedCredential
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.keys.verification_method import VerificationMethod
from kiosk.verification.model import PartReport, VerificationReport
from trust_lists import TrustMatch

if TYPE_CHECKING:
    from kiosk.verification.blockcerts.findings import BlockcertsFindings


@dataclass(slots=True)
class CredentialState:
    """What earlier checks found, for later checks and for the shown fields."""

    credential: ParsedCredential
    context: VerificationContext
    canonicalizer: Canonicalizer
    methods: list[VerificationMethod] = field(default_factory=list)
    """One resolved verification method per proof, filled by the issuer-key check."""
    anchored: bool = False
    """A Blockcerts certificate anchored by a Merkle proof (decided once, by the pipeline)."""
    trust_match: TrustMatch | None = None
    verify_part: Callable[[Any], VerificationReport] | None = None
    """Verifies a credential found inside this one (given by the pipeline, bounded in depth)."""
    verify_status_list: Callable[[dict[str, Any] | str], VerificationReport] | None = None
    """Verifies a fetched status list credential (JSON-LD, or a JWT as its token) through its
    own profile (given by the pipeline; None: status lists cannot be verified, their entries
    are then unknown)."""
    parts: list[PartReport] = field(default_factory=list)
    """Reports of the credentials inside this one, filled by the nested check."""
    blockcerts: BlockcertsFindings | None = None
    """What the Blockcerts checks found (Merkle receipt, agreed anchor, issuer profile)."""
