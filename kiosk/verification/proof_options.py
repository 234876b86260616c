"""Rules every Data Integrity proof's options follow, whoever signed it (issuer or holder)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from kiosk.verification.credential import parse_datetime
from kiosk.verification.suites.base import ProofFailedError


def check_purpose(proof: dict[str, Any], expected: str, meaning: str) -> None:
    """The proof was made for `expected` (assertionMethod, authentication)."""
    if proof.get("proofPurpose") != expected:
        raise ProofFailedError(f"The proof was not made {meaning} (wrong purpose).")


def check_timing(proof: dict[str, Any], now: datetime, skew: timedelta) -> None:
    """`created` is a date not in the future; `expires`, if given, has not passed."""
    if "created" in proof:
        created = parse_datetime(proof["created"])
        if created is None:
            raise ProofFailedError("The proof's creation time is not a valid date.")
        if created > now + skew:
            raise ProofFailedError("The proof says it was made in the future.")
    if "expires" in proof:
        expires = parse_datetime(proof["expires"])
        if expires is None or expires < now - skew:
            raise ProofFailedError("The proof has expired.")
