"""The step loop (`steps.run_profile`) over every profile, with each check's outcome varied:
whatever the checks answer, trust and dates never pass without a verified signature, a stopping
step ends the run, and VERIFIED needs every required check passed."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.verification.model import CheckId, CheckResult, CheckStatus, VerificationReport
from kiosk.verification.profiles import PROFILES
from kiosk.verification.steps import Profile, ProofNeed, run_profile

NEED_A_SIGNATURE = frozenset({CheckId.TRUST, CheckId.DATES})
"""Checks that must never pass for content whose signature was not verified (issue 12)."""
OUTCOMES = st.sampled_from([*CheckStatus, None])
"""What a check may answer: passed, failed, not done, or nothing (it does not apply)."""


def _scripted(profile: Profile[Any], answers: list[CheckStatus | None]) -> Profile[Any]:
    """The profile with each step answering the given status (and applying always)."""

    def answer(step_index: int) -> Any:
        def run(_state: object) -> CheckResult | None:
            status = answers[step_index]
            if status is None:
                return None
            return CheckResult(profile.steps[step_index].check_id, status, f"step {step_index}")

        return run

    steps = tuple(
        dataclasses.replace(step, run=answer(i), applies=lambda _state: True)
        for i, step in enumerate(profile.steps)
    )
    return dataclasses.replace(profile, steps=steps)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PROFILES), st.lists(OUTCOMES, min_size=10, max_size=10))
def test_no_pass_that_needs_a_signature_without_one(
    profile: Profile[Any], answers: list[CheckStatus | None]
) -> None:
    done = run_profile(_scripted(profile, answers), object(), lambda _label: None)
    signed = all(done.statuses.get(c) is CheckStatus.PASSED for c in profile.signature)
    proof_failed = done.statuses.get(CheckId.PROOF) is CheckStatus.FAILED
    if not signed:
        for check_id in NEED_A_SIGNATURE:
            assert done.statuses.get(check_id) is not CheckStatus.PASSED, done.results
    for step in profile.steps:
        status = done.statuses.get(step.check_id)
        if step.proof_need in (ProofNeed.PASSED, ProofNeed.PASSED_TO_PASS) and not signed:
            assert status is not CheckStatus.PASSED, (step.check_id, done.results)
        if step.proof_need is not ProofNeed.NONE and proof_failed and status is not None:
            assert status is CheckStatus.NOT_DONE or step.check_id is CheckId.PROOF
    report = VerificationReport(checks=tuple(done.results), required=profile.required)
    if report.verdict.value == "VERIFIED":
        assert all(done.statuses.get(c) is CheckStatus.PASSED for c in profile.required)
        assert signed


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PROFILES), st.lists(OUTCOMES, min_size=10, max_size=10))
def test_a_stopping_step_ends_the_run(
    profile: Profile[Any], answers: list[CheckStatus | None]
) -> None:
    done = run_profile(_scripted(profile, answers), object(), lambda _label: None)
    for position, result in enumerate(done.results[:-1]):
        index = int(result.reason.removeprefix("step ")) if result.reason[:5] == "step " else -1
        if index < 0:
            continue  # a "not done" the signature rule gave: the step did not run
        step = profile.steps[index]
        stops = (step.stops_on_failure and result.status is CheckStatus.FAILED) or (
            step.stops_if_not_done and result.status is CheckStatus.NOT_DONE
        )
        assert not stops, (position, done.results)
