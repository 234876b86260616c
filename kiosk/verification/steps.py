"""Steps and profiles as data, and the one loop that runs a profile's steps.

A `Profile` is what the kiosk does with one kind of document: its steps in order, the checks
that must be present and passed for VERIFIED, the checks that together mean "the signature was
verified", and how it builds the fields shown to staff. The table of profiles is in
`kiosk.verification.profiles`; this module only knows the rules a step can carry:

- `stops_on_failure`: a failure ends the run (structural fatals: nothing after it means anything);
  `stops_if_not_done`: so does a "not done" (a document refused before any costly work).
- `proof_need`: how the step depends on the signature (`ProofNeed`). A step that needs a passed
  signature is reported "not done" when the signature did not pass, whether it failed or could
  not be checked (offline, key not resolvable, unsupported suite): trust and dates are never
  shown as passed for content nobody verified.
- `applies`: whether the check concerns this document at all (else it is not listed).

Exceptions from a check become results here and nowhere else: `UnsupportedError` → not done;
any other `VerificationError` → failed; anything unexpected → not done (logged), never passed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, TypeVar

from kiosk.verification.errors import VerificationError, as_check_result, as_parse_failure
from kiosk.verification.model import CheckId, CheckResult, CheckStatus, ShownFields

log = logging.getLogger(__name__)

State = TypeVar("State")

SKIPPED_AFTER_BAD_PROOF = (
    "Not checked: the signature failed, so nothing the credential says can be trusted."
)
SIGNATURE_NOT_CHECKED = "Not done: the signature was not checked, so who issued it is not known."
DATES_NOT_CONFIRMED = (
    "Not confirmed: the signature was not checked, so the dates it states are only a claim."
)


class ProofNeed(Enum):
    """How a step depends on the document's signature."""

    NONE = "none"
    """Runs whatever the signature's outcome (format, key, the proof itself)."""
    NOT_FAILED = "not failed"
    """Not done after a failed proof; runs when the proof passed or could not be checked."""
    PASSED = "passed"
    """Not done unless the signature passed: its answer means something only for signed content
    (trust: a trust list vouches for the signer, so an unchecked signature vouches for nobody)."""
    PASSED_TO_PASS = "passed to pass"
    """Runs unless the proof failed, but can pass only when the signature passed: a failure
    (an expiry date the document itself states) still counts, a pass becomes not done."""


@dataclass(frozen=True, slots=True)
class Step(Generic[State]):
    """One check in a profile and the rules around it."""

    check_id: CheckId
    run: Callable[[State], CheckResult | None]
    label: str
    """What the kiosk is doing, for the "checking…" line: "checking the signature"."""
    stops_on_failure: bool = False
    """A failure ends the run: nothing after it is meaningful (structural fatals)."""
    stops_if_not_done: bool = False
    """A "not done" ends the run too (a document refused before any costly work)."""
    proof_need: ProofNeed = ProofNeed.NONE
    applies: Callable[[State], bool] = lambda _state: True
    """Whether the check applies to this document at all (else it is not listed)."""
    not_done_reason: str = SIGNATURE_NOT_CHECKED
    """The reason given when the step is not done because the signature did not pass."""
    parses: bool = False
    """The step reads the document itself (a format step): any exception it raises is the
    document's fault, a failed check "malformed …", not an internal error."""


Statuses = Mapping[CheckId, CheckStatus]


@dataclass(frozen=True, slots=True)
class Profile(Generic[State]):
    """What the kiosk does with one kind of document, as data."""

    name: str
    """Plain words for the kind of document: "credential", "Blockcerts certificate"."""
    steps: tuple[Step[State], ...]
    required: frozenset[CheckId]
    """Checks that must be present and passed for VERIFIED (a missing one is not done)."""
    signature: frozenset[CheckId]
    """Checks that together mean "the signature was verified" (for `ProofNeed.PASSED*`)."""
    shows: Callable[[State, Statuses], ShownFields] = lambda _state, _statuses: ShownFields()
    """The fields shown to staff, from the state and every check's status."""


@dataclass(slots=True)
class ProfileRun:
    """The results of running a profile's steps on one document."""

    results: list[CheckResult] = field(default_factory=list)
    statuses: dict[CheckId, CheckStatus] = field(default_factory=dict)
    stopped: bool = False
    """A stopping step ended the run early."""

    def signature_passed(self, signature: frozenset[CheckId]) -> bool:
        return all(self.statuses.get(c) is CheckStatus.PASSED for c in signature)


def run_profile(profile: Profile[State], state: State, notify: Callable[[str], None]) -> ProfileRun:
    """Run the profile's steps on `state` in order, by the rules in the module docstring."""
    done = ProfileRun()
    for step in profile.steps:
        if not step.applies(state):
            continue
        result = _gated(step, done, profile.signature)
        if result is None:
            notify(step.label)
            result = run_step(step, state)
            if result is not None and not _may_pass(step, done, profile.signature):
                result = _unconfirmed(step, result)
        if result is None:
            continue
        done.results.append(result)
        done.statuses[step.check_id] = result.status
        if (step.stops_on_failure and result.status is CheckStatus.FAILED) or (
            step.stops_if_not_done and result.status is CheckStatus.NOT_DONE
        ):
            done.stopped = True
            break
    return done


def _gated(
    step: Step[State], done: ProfileRun, signature: frozenset[CheckId]
) -> CheckResult | None:
    """The "not done" result of a step its signature rule keeps from running, else None."""
    if step.proof_need is ProofNeed.NONE:
        return None
    if done.statuses.get(CheckId.PROOF) is CheckStatus.FAILED:
        return CheckResult.not_done(step.check_id, SKIPPED_AFTER_BAD_PROOF)
    if step.proof_need is ProofNeed.PASSED and not done.signature_passed(signature):
        return CheckResult.not_done(step.check_id, step.not_done_reason)
    return None


def _may_pass(step: Step[State], done: ProfileRun, signature: frozenset[CheckId]) -> bool:
    return step.proof_need is not ProofNeed.PASSED_TO_PASS or done.signature_passed(signature)


def _unconfirmed(step: Step[State], result: CheckResult) -> CheckResult:
    """A pass that counts for nothing without a verified signature becomes not done."""
    if result.status is not CheckStatus.PASSED:
        return result
    return CheckResult.not_done(
        result.check_id, step.not_done_reason, f"It states: {result.reason}", *result.details
    )


def run_step(step: Step[State], state: State) -> CheckResult | None:
    """Run one check, turning its exceptions into results (see the module docstring)."""
    try:
        return step.run(state)
    except VerificationError as error:
        return as_check_result(step.check_id, error)
    except Exception as error:
        if step.parses:  # the document could not be read: malformed, failed
            log.info("check %s: malformed document", step.check_id, exc_info=True)
            return as_parse_failure(step.check_id, error, "document")
        log.exception("check %s raised unexpectedly", step.check_id)  # a bug: never passed
        return internal_error(step.check_id)


def internal_error(check_id: CheckId) -> CheckResult:
    """The result of a check that broke: not done, never passed."""
    return CheckResult.not_done(
        check_id, "This check could not be completed because of an internal error."
    )
