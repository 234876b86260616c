"""The per-verification deadline (issue 12, finding 4) and the payloads that needed it.

No test here asserts how fast anything is: a deadline short enough to be passed turns a slow
verification into CHECK MANUALLY "took too long to check", and the regression tests give the
whole-payload-limit worst cases a generous deadline, so a quadratic path that came back would
show as that verdict instead of the one asserted (pyld's node map ran for about an hour).
"""

from __future__ import annotations

import dataclasses
import threading

from kiosk.verification import verify_payload
from kiosk.verification.context import VerificationContext
from kiosk.verification.deadline import run_within_deadline, too_long_report
from kiosk.verification.model import CheckId, CheckStatus, Verdict, VerificationReport
from kiosk.verification.pipeline import _ONE_AT_A_TIME
from kiosk.verification.suites.signing import did_key_for
from tests.helpers import context, make_key, signed_ob3
from tests.large_payloads import compact, empty_subjects, signed_distinct_subjects

SHORT = 0.05
"""Seconds: far less than any of the large payloads needs."""
GENEROUS = 300.0
"""Seconds: hours less than the quadratic paths took, ample on a busy machine."""


def _trusting_test_issuer(deadline: float | None) -> VerificationContext:
    return dataclasses.replace(
        context({did_key_for(make_key()): "Test issuer"}), deadline_seconds=deadline
    )


def test_past_the_deadline_the_verdict_is_check_manually_took_too_long() -> None:
    report = verify_payload(empty_subjects(), _trusting_test_issuer(SHORT))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "took too long to check" in report.headline_reason
    assert [c.status for c in report.checks] == [CheckStatus.NOT_DONE]


def test_after_a_stopped_verification_the_next_one_is_as_before() -> None:
    """The lock is free and the caches answer as they did (they were dropped and refilled)."""
    valid = compact(signed_ob3())
    before = verify_payload(valid, _trusting_test_issuer(GENEROUS))
    stopped = verify_payload(empty_subjects(), _trusting_test_issuer(SHORT))
    assert "took too long to check" in stopped.headline_reason
    acquired: list[bool] = []

    def try_lock() -> None:
        got = _ONE_AT_A_TIME.acquire(blocking=False)
        acquired.append(got)
        if got:
            _ONE_AT_A_TIME.release()

    free = threading.Thread(target=try_lock)
    free.start()
    free.join()
    assert acquired == [True]
    after = verify_payload(valid, _trusting_test_issuer(GENEROUS))
    assert before.verdict is Verdict.VERIFIED
    assert after.verdict is before.verdict
    assert after.checks == before.checks


def test_a_deadline_of_none_leaves_the_work_alone() -> None:
    report = too_long_report(1.0)
    assert run_within_deadline(lambda: report, None) is report


def test_finding_4_empty_subjects_within_the_limit_get_their_own_verdict() -> None:
    """80,000 empty subjects (240 KB): refused as a poison graph by the canonicalization work
    limit, not stopped by the deadline (before: about an hour in pyld's node map)."""
    report = verify_payload(empty_subjects(), _trusting_test_issuer(GENEROUS))
    assert report.verdict is Verdict.NOT_VERIFIED
    format_check = report.check(CheckId.FORMAT)
    assert format_check is not None and format_check.status is CheckStatus.FAILED
    assert "too complex to canonicalize" in format_check.reason


def test_finding_4_distinct_subjects_within_the_limit_are_verified() -> None:
    """9,000 subjects with distinct ids (250 KB), signed: canonicalized whole and verified."""
    report = verify_payload(signed_distinct_subjects(), _trusting_test_issuer(GENEROUS))
    proof = report.check(CheckId.PROOF)
    assert proof is not None and proof.status is CheckStatus.PASSED, report.checks
    assert "took too long" not in report.headline_reason


def test_a_stop_that_lands_in_a_weakref_callback_is_not_lost() -> None:
    """Python drops an exception raised in a weakref callback (or `__del__`, or the garbage
    collector): the alarm fires again until the stop is seen, and nothing is printed."""
    import time
    import weakref

    class Thing:
        pass

    def spin(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            pass

    def work() -> VerificationReport:
        give_up = time.monotonic() + 120  # never stopped: the test fails instead of hanging
        while time.monotonic() < give_up:
            spin(0.003)
            thing = Thing()
            _ref = weakref.ref(thing, lambda _gone: spin(0.003))
            del thing  # the callback runs here, half of the time
        return too_long_report(0.0)  # not reached when the deadline works

    for _ in range(5):
        report = run_within_deadline(work, SHORT)
        assert "took too long to check" in report.headline_reason
        assert "after 0.05 s" in report.headline_reason
