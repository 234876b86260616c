"""Dates check: valid from / valid until against the injected clock, with a skew tolerance."""

from __future__ import annotations

from datetime import datetime

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckId, CheckResult


def show_date(moment: datetime) -> str:
    """A date as staff read it: '15 Jan 2036' (UTC)."""
    return f"{moment.day} {moment:%b %Y}"


def check_dates(state: CredentialState) -> CheckResult:
    """Expired or not-yet-valid credentials fail; no stated window passes as such."""
    credential, now, skew = state.credential, state.context.now, state.context.clock_skew
    if credential.valid_from is not None and now + skew < credential.valid_from:
        return CheckResult.failed(
            CheckId.DATES, f"Not valid yet: valid from {show_date(credential.valid_from)}."
        )
    if credential.valid_until is not None and now - skew > credential.valid_until:
        return CheckResult.failed(CheckId.DATES, f"Expired on {show_date(credential.valid_until)}.")
    if credential.valid_until is not None:
        return CheckResult.passed(
            CheckId.DATES,
            f"Within its validity period (until {show_date(credential.valid_until)}).",
        )
    return CheckResult.passed(CheckId.DATES, "Valid now; it states no expiry date.")
