"""What the Blockcerts checks of one verification share: the receipt, the anchor, the profile.

The anchor check finds the transaction; the issuer-key check needs its paying address; the
status check needs the issuer's profile, which the issuer-key check fetched. Each is worked
out once and kept on the `CredentialState` (`state.blockcerts`), errors included, so a check
that depends on another reports "not done" with the reason instead of repeating the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kiosk.verification.blockcerts.certificate import merkle_receipt
from kiosk.verification.blockcerts.explorers.base import TxFacts
from kiosk.verification.blockcerts.profiles import BlockcertsProfile
from kiosk.verification.blockcerts.receipt import MerkleReceipt
from kiosk.verification.errors import VerificationError

if TYPE_CHECKING:
    from kiosk.verification.checks.state import CredentialState


@dataclass(slots=True)
class BlockcertsFindings:
    """Filled in as the Blockcerts checks run."""

    receipt: MerkleReceipt | None = None
    receipt_error: VerificationError | None = None
    anchor: TxFacts | None = None
    """The confirmed, agreed anchoring transaction (None until the anchor check passed)."""
    anchor_as_of: datetime | None = None
    """Set when the anchor came from the kiosk's saved copy: when it was recorded."""
    profile: BlockcertsProfile | None = None
    profile_error: VerificationError | None = None
    profile_url: str | None = None
    """Where the issuer's Blockcerts profile is (the issuer id, or a DID document's service)."""


def findings_of(state: CredentialState) -> BlockcertsFindings:
    """The findings of this verification (made on first use)."""
    if state.blockcerts is None:
        state.blockcerts = BlockcertsFindings()
    return state.blockcerts


def receipt_of(state: CredentialState) -> MerkleReceipt:
    """The certificate's decoded Merkle receipt (decoded once; its error is raised again)."""
    findings = findings_of(state)
    if findings.receipt is None and findings.receipt_error is None:
        try:
            findings.receipt = merkle_receipt(state.credential)
        except VerificationError as error:
            findings.receipt_error = error
    if findings.receipt_error is not None:
        raise findings.receipt_error
    assert findings.receipt is not None
    return findings.receipt
