"""The fuzz harness itself can fail: its "signed data unchanged" judgement and its finding of
a check that logged an error (what a check raising unexpectedly does)."""

from __future__ import annotations

import json
import logging

import pytest

from kiosk.verification import pipeline
from kiosk.verification.model import CheckId
from kiosk.verification.steps import Profile, Step
from tests.fuzz.harness import _signed_data_unchanged, fuzz_context, run_one
from tests.helpers import deep_copy, signed_ob3

SIGNED = signed_ob3()
SEED = json.dumps(SIGNED).encode()


def _changed(change: object) -> bytes:
    document = deep_copy(SIGNED)
    change(document)  # type: ignore[operator]
    return json.dumps(document).encode()


def test_signed_data_judgement() -> None:
    assert _signed_data_unchanged(SEED, json.dumps(SIGNED, indent=1, sort_keys=True).encode())
    assert _signed_data_unchanged(SEED, _changed(lambda d: d.update(proof=[d["proof"]] * 2)))
    assert not _signed_data_unchanged(
        SEED, _changed(lambda d: d["credentialSubject"].update(name="Mallory"))
    )
    assert not _signed_data_unchanged(
        SEED, _changed(lambda d: d["proof"].update(proofValue=d["proof"]["proofValue"] + "1"))
    )


def test_a_check_logging_an_error_is_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    def logs_an_error(_state: object) -> None:
        logging.getLogger("kiosk.verification.steps").error("check x raised unexpectedly")

    step = Step(CheckId.FORMAT, logs_an_error, "x")
    profile = Profile(name="test", steps=(step,), required=frozenset(), signature=frozenset())
    monkeypatch.setattr(pipeline, "credential_profile", lambda _credential: profile)
    _report, finding = run_one(SEED, True, SEED, fuzz_context())
    assert finding is not None and finding.kind == "logged"
