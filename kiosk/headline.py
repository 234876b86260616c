"""Provides `headline`: the one sentence under the verdict word, saying what *kind* of problem
it is, within the three verdicts.

Two NOT VERIFIED credentials can mean very different things at a desk: one is genuine — signed
by an issuer the kiosk trusts and unchanged since — but expired (or revoked by its issuer); the
other was changed after it was signed. The report's own headline (the first failed check's
reason) does not say which; this does, from the checks alone:

- "Genuine, but expired on 30 Jun 2025." — the signature, the issuer key and the trust check
  passed, and only the dates or the status failed;
- "Not genuine: the signature does not match: …" — the signature failed;
- otherwise the report's own headline reason.

The verdict never changes here: only the words that explain it.
"""

from __future__ import annotations

from kiosk.verification.model import CheckId, CheckStatus, Verdict, VerificationReport

GENUINE_BUT = frozenset({CheckId.DATES, CheckId.STATUS})
"""Checks that can fail on a genuine credential (time and the issuer's own later word)."""
MUST_HAVE_PASSED = (CheckId.PROOF, CheckId.TRUST)
"""What "genuine" rests on: the signature, and an issuer the kiosk's trust sources vouch for."""


def is_genuine_but_invalid(report: VerificationReport) -> bool:
    """NOT VERIFIED only because of its dates or status, while signature and trust passed."""
    if report.verdict is not Verdict.NOT_VERIFIED:
        return False
    failed = {check.check_id for check in report.checks if check.status is CheckStatus.FAILED}
    if not failed or not failed <= GENUINE_BUT:
        return False
    for check_id in (*MUST_HAVE_PASSED, CheckId.ISSUER_KEY):
        statuses = [check.status for check in report.checks if check.check_id is check_id]
        if check_id in MUST_HAVE_PASSED and not statuses:
            return False
        if any(status is not CheckStatus.PASSED for status in statuses):
            return False
    return True


def headline(report: VerificationReport) -> str:
    """The sentence under the verdict word (screen and `kiosk verify` text alike)."""
    reason = report.headline_reason
    if is_genuine_but_invalid(report):
        return f"Genuine, but {_lower_first(reason)}"
    proof = report.check(CheckId.PROOF)
    if proof is not None and proof.status is CheckStatus.FAILED and reason == proof.reason:
        return f"Not genuine: {_lower_first(reason)}"
    return reason


def _lower_first(sentence: str) -> str:
    """ "Expired on 30 Jun 2025." -> "expired on 30 Jun 2025." (an acronym stays as it is)."""
    if len(sentence) > 1 and sentence[0].isupper() and not sentence[1].isupper():
        return sentence[0].lower() + sentence[1:]
    return sentence
