"""The verdict rule, as a table: one place derives the verdict from the checks."""

from __future__ import annotations

import pytest

from kiosk.verification.model import CheckId, CheckResult, CheckStatus, Verdict
from kiosk.verification.verdict import decide_verdict

P, F, N = CheckStatus.PASSED, CheckStatus.FAILED, CheckStatus.NOT_DONE


def checks(*statuses: CheckStatus) -> list[CheckResult]:
    ids = list(CheckId)
    return [CheckResult(ids[i], s, "reason") for i, s in enumerate(statuses)]


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ((P, P, P), Verdict.VERIFIED),
        ((P, F, P), Verdict.NOT_VERIFIED),
        ((P, N, P), Verdict.CHECK_MANUALLY),
        ((N, F), Verdict.NOT_VERIFIED),
        ((N, N), Verdict.CHECK_MANUALLY),
        ((), Verdict.CHECK_MANUALLY),
    ],
)
def test_verdict_follows_the_rule(statuses: tuple[CheckStatus, ...], expected: Verdict) -> None:
    assert decide_verdict(checks(*statuses)) is expected


def test_missing_required_check_is_never_verified() -> None:
    passed = [CheckResult(CheckId.FORMAT, P, "ok"), CheckResult(CheckId.DATES, P, "ok")]
    assert (
        decide_verdict(passed, required={CheckId.FORMAT, CheckId.PROOF}) is Verdict.CHECK_MANUALLY
    )
    assert decide_verdict(passed, required={CheckId.FORMAT}) is Verdict.VERIFIED


def test_exit_codes_are_the_cli_contract() -> None:
    assert [v.exit_code for v in Verdict] == [0, 1, 2]
    assert [v.value for v in Verdict] == ["VERIFIED", "NOT VERIFIED", "CHECK MANUALLY"]
    assert [s.value for s in CheckStatus] == ["passed", "failed", "not done"]
