"""The headline under the verdict word says what kind of problem it is, from the checks."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.context_setup import build_context
from kiosk.headline import headline, is_genuine_but_invalid
from kiosk.report_text import report_lines
from kiosk.settings import KioskSettings
from kiosk.verification.model import CheckId, CheckResult, Verdict, VerificationReport
from kiosk.verification.pipeline import verify_payload

DEMO = Path(__file__).resolve().parents[2] / "kiosk" / "demo" / "credentials"
NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)


def demo(name: str) -> VerificationReport:
    return verify_payload(
        (DEMO / name).read_bytes(), build_context(KioskSettings(), now=NOW, demo=True)
    )


def replaced(report: VerificationReport, check: CheckResult) -> VerificationReport:
    checks = tuple(check if c.check_id is check.check_id else c for c in report.checks)
    return dataclasses.replace(report, checks=checks)


def test_a_genuine_but_expired_credential_says_so() -> None:
    report = demo("03-expired.json")
    assert report.verdict is Verdict.NOT_VERIFIED
    assert headline(report) == "Genuine, but expired on 30 Jun 2025."
    assert report_lines(report)[1] == "  Genuine, but expired on 30 Jun 2025."


def test_a_changed_credential_is_not_called_genuine() -> None:
    report = demo("02-tampered.json")
    assert headline(report).startswith("Not genuine: the signature does not match")
    assert "changed after it was signed" in headline(report)
    assert not is_genuine_but_invalid(report)


@pytest.mark.parametrize(
    "weaker",
    [
        CheckResult.not_done(CheckId.TRUST, "The issuer is not on any trust list."),
        CheckResult.failed(CheckId.TRUST, "The issuer is blocked."),
        CheckResult.not_done(CheckId.PROOF, "The suite is not supported."),
        CheckResult.failed(CheckId.ISSUER_KEY, "The key is not the issuer's."),
    ],
    ids=["untrusted", "blocked", "proof-not-done", "key-failed"],
)
def test_expired_is_genuine_only_with_signature_key_and_trust_passed(weaker: CheckResult) -> None:
    report = replaced(demo("03-expired.json"), weaker)
    assert not is_genuine_but_invalid(report)
    assert not headline(report).startswith("Genuine")


def test_a_revoked_genuine_credential_says_so() -> None:
    report = demo("01-valid.json")
    revoked = CheckResult.failed(CheckId.STATUS, "Revoked by the issuer.")
    report = report.with_check(revoked)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert headline(report) == "Genuine, but revoked by the issuer."


def test_other_verdicts_keep_their_reason() -> None:
    for name in ("01-valid.json", "04-unknown-issuer.json", "05-garbage.txt"):
        report = demo(name)
        assert headline(report) == report.headline_reason
