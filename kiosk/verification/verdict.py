"""The verdict rule: the one place a verdict is derived from checks, and the one order of
check outcomes (failed, then not done, then passed).

- NOT VERIFIED: some check was done and failed.
- CHECK MANUALLY: nothing failed, but some check was not done (or a required check is missing).
- VERIFIED: every check that applies was done and passed, and every required check is among them.
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.verification.model import CheckId, CheckResult, CheckStatus, Verdict


def decide_verdict(checks: Iterable[CheckResult], required: Iterable[CheckId] = ()) -> Verdict:
    """Derive the verdict from check results.

    Args:
        checks: every check that applied to the payload.
        required: check ids that must be present and passed for VERIFIED; a missing one counts
            as not done, so a pipeline that forgot a check can never produce VERIFIED.

    Returns:
        The verdict by the rule above. An empty list of checks is CHECK MANUALLY, never VERIFIED.
    """
    results = list(checks)
    if any(c.status is CheckStatus.FAILED for c in results):
        return Verdict.NOT_VERIFIED
    present = {c.check_id for c in results}
    if (
        not results
        or any(c.status is not CheckStatus.PASSED for c in results)
        or not set(required) <= present
    ):
        return Verdict.CHECK_MANUALLY
    return Verdict.VERIFIED


_ORDER = {CheckStatus.FAILED: 0, CheckStatus.NOT_DONE: 1, CheckStatus.PASSED: 2}


def worst_first(results: Iterable[CheckResult]) -> list[CheckResult]:
    """The results ordered as the rule weighs them: failed, then not done, then passed (stable:
    among equals the first given stays first). For one line that sums up several findings."""
    return sorted(results, key=lambda result: _ORDER[result.status])
