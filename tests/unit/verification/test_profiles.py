"""Profiles: what each kind of document is checked for, and the rules that belong to them.

- Trust and dates need a verified signature: when the proof did not pass (failed, or not done:
  offline with a key that cannot be resolved, an unsupported suite), trust is "not done: the
  signature was not checked" and the dates are never shown as passed (issue 12, finding 3).
- A presentation past 50 credentials and a CLR past 200 are "too many to check here" (CHECK
  MANUALLY), the CLR refused before its outer proof is canonicalized.
- A report's verdict always follows from its checks and its required set by the one rule.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document, verify_payload
from kiosk.verification.checks.nested import MAX_PARTS
from kiosk.verification.holder_match import match_recipient
from kiosk.verification.model import CheckResult, VerificationReport
from kiosk.verification.pipeline import verify_status_list
from kiosk.verification.presentation import MAX_CREDENTIALS
from kiosk.verification.profiles import PROFILES, STATUS_LIST
from kiosk.verification.steps import SIGNATURE_NOT_CHECKED
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import context, make_key, ob3_unsigned, signed_ob3
from tests.unit.status.lists import bitstring_entry
from tests.unit.verification.test_nested import clr
from tests.unit.verification.test_presentation import (
    CHALLENGE,
    DOMAIN,
    HOLDER,
    HOLDER_KEY,
    _jwt,
    _vc_jwt,
    ctx,
)

KEY = make_key("profiles")
DID_WEB = "did:web:issuer.kiosk.test"


def _status(report: VerificationReport, check_id: CheckId) -> CheckStatus | None:
    result = report.check(check_id)
    return None if result is None else result.status


def _no_pass_without_signature(report: VerificationReport) -> None:
    for check_id in (CheckId.TRUST, CheckId.DATES):
        result = report.check(check_id)
        assert result is not None and result.status is CheckStatus.NOT_DONE, report.checks


def test_offline_with_an_unresolvable_key_trust_and_dates_are_not_done() -> None:
    """Finding 3: offline, did:web key not resolvable → key and proof not done; trust and dates
    used to say "passed" ("Trusted issuer ✔") for a signature nobody checked."""
    unsigned = ob3_unsigned(KEY)
    unsigned["issuer"] = {"id": DID_WEB, "type": ["Profile"], "name": "Claimed"}
    document = sign_eddsa_rdfc_2022(unsigned, KEY, "2026-01-15T09:00:00Z", f"{DID_WEB}#key-1")
    report = verify_document(document, context({DID_WEB: "Trusted College"}))
    assert _status(report, CheckId.ISSUER_KEY) is CheckStatus.NOT_DONE
    assert _status(report, CheckId.PROOF) is CheckStatus.NOT_DONE
    _no_pass_without_signature(report)
    trust = report.check(CheckId.TRUST)
    assert trust is not None and trust.reason == SIGNATURE_NOT_CHECKED
    assert "the signature was not checked" in trust.reason
    dates = report.check(CheckId.DATES)
    assert dates is not None and "only a claim" in dates.reason
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert report.fields.issuer is not None and report.fields.issuer.value != "Trusted College"


def test_an_unsupported_suite_leaves_trust_and_dates_not_done() -> None:
    """The key resolves (did:key) but the suite is unknown: proof not done, so no trust."""
    document = signed_ob3(KEY)
    document["proof"]["cryptosuite"] = "eddsa-future-2099"
    report = verify_document(document, context({did_key_for(KEY): "Test College"}))
    assert _status(report, CheckId.ISSUER_KEY) is CheckStatus.PASSED
    assert _status(report, CheckId.PROOF) is CheckStatus.NOT_DONE
    _no_pass_without_signature(report)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert report.fields.issuer is not None and report.fields.issuer.value != "Test College"


def test_a_stated_expiry_still_fails_when_the_signature_was_not_checked() -> None:
    """A date failure the document itself states counts either way: NOT VERIFIED."""
    document = signed_ob3(KEY, valid_until="2026-06-30T23:59:59Z")
    document["proof"]["cryptosuite"] = "eddsa-future-2099"
    report = verify_document(document, context({did_key_for(KEY): "Test College"}))
    assert _status(report, CheckId.DATES) is CheckStatus.FAILED
    assert report.verdict is Verdict.NOT_VERIFIED


def test_with_a_verified_signature_trust_and_dates_pass() -> None:
    report = verify_document(signed_ob3(KEY), context({did_key_for(KEY): "Test College"}))
    assert _status(report, CheckId.TRUST) is CheckStatus.PASSED
    assert _status(report, CheckId.DATES) is CheckStatus.PASSED
    assert report.verdict is Verdict.VERIFIED


def _wallet_export(credentials: list[str]) -> bytes:
    """A VP-JWT of the holder answering the kiosk's challenge, holding `credentials`."""
    vp = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": credentials,
    }
    claims = {"vp": vp, "iss": HOLDER, "nonce": CHALLENGE, "aud": DOMAIN}
    header = {"alg": "EdDSA", "typ": "JWT", "kid": f"{HOLDER}#{HOLDER[8:]}"}
    return _jwt(header, claims, HOLDER_KEY).encode()


def test_a_presentation_of_51_credentials_is_too_many_to_check_here() -> None:
    """A legitimate wallet export: CHECK MANUALLY, the first 50 checked, the rest not done
    (it used to be NOT VERIFIED, "holds more than 50 credentials")."""
    count = MAX_CREDENTIALS + 1
    report = verify_payload(_wallet_export([_vc_jwt()] * count), ctx())
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert not [c for c in report.checks if c.status is CheckStatus.FAILED]
    for check_id in (CheckId.FORMAT, CheckId.PROOF, CheckId.HOLDER):
        assert _status(report, check_id) is CheckStatus.PASSED, report.checks
    nested = report.check(CheckId.NESTED)
    assert nested is not None and nested.status is CheckStatus.NOT_DONE
    assert "Too many to check here" in nested.reason
    checked = report.parts[:MAX_CREDENTIALS]
    assert all(part.report.verdict is Verdict.VERIFIED for part in checked)
    (rest,) = report.parts[MAX_CREDENTIALS:]
    assert rest.label == f"Credentials {count} to {count}"
    assert rest.report.verdict is Verdict.CHECK_MANUALLY


def test_a_tampered_credential_among_the_checked_ones_still_fails() -> None:
    token = _vc_jwt()
    header, claims, signature = token.split(".")
    forged = f"{header}.{claims[:-4]}AAAA.{signature}"
    items = [token] * (MAX_CREDENTIALS + 1)
    items[3] = forged
    report = verify_payload(_wallet_export(items), ctx())
    assert report.verdict is Verdict.NOT_VERIFIED
    assert _status(report, CheckId.NESTED) is CheckStatus.FAILED


def test_a_clr_over_the_limit_is_refused_before_the_outer_proof_is_read() -> None:
    """Too many included credentials: CHECK MANUALLY "too many to check here", and the run
    stops before the format check (the one that canonicalizes the whole transcript)."""
    document = clr([{"type": "VerifiableCredential"}] * (MAX_PARTS + 1))
    report = verify_document(document, context({did_key_for(make_key()): "Test College"}))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert [c.check_id for c in report.checks] == [CheckId.NESTED]
    nested = report.checks[0]
    assert nested.status is CheckStatus.NOT_DONE and "Too many to check here" in nested.reason


def test_a_clr_at_the_limit_is_read() -> None:
    document = clr([{"type": "VerifiableCredential"}] * 2)
    report = verify_document(document, context({did_key_for(make_key()): "Test College"}))
    assert _status(report, CheckId.FORMAT) is CheckStatus.PASSED


def test_a_status_list_credential_takes_only_its_own_profiles_checks() -> None:
    """Verified through the status-list profile: format, key, proof, dates; never its own status
    (no recursion), never trust (it inherits the credential issuer's)."""
    unsigned = ob3_unsigned(KEY)
    unsigned["credentialStatus"] = bitstring_entry("https://issuer.kiosk.test/status/1", 7)
    report = verify_status_list(
        sign_eddsa_rdfc_2022(unsigned, KEY, "2026-01-15T09:00:00Z"), context()
    )
    assert [c.check_id for c in report.checks] == [
        CheckId.FORMAT,
        CheckId.ISSUER_KEY,
        CheckId.PROOF,
        CheckId.DATES,
    ]
    assert report.required == STATUS_LIST.required
    assert report.verdict is Verdict.VERIFIED


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_every_required_and_signature_check_is_one_of_the_profiles_steps(profile: Any) -> None:
    produced = {step.check_id for step in profile.steps}
    assert profile.required <= produced
    assert profile.signature <= produced


def test_the_verdict_follows_the_required_set() -> None:
    passed = CheckResult.passed(CheckId.FORMAT, "ok")
    assert VerificationReport(checks=(passed,)).verdict is Verdict.VERIFIED
    missing = VerificationReport(checks=(passed,), required=frozenset({CheckId.PROOF}))
    assert missing.verdict is Verdict.CHECK_MANUALLY


def test_matching_at_the_desk_keeps_the_required_set() -> None:
    """The holder check is added to the report; the verdict is the rule's, never re-ranked."""
    report = verify_document(signed_ob3(KEY), context({did_key_for(KEY): "Test College"}))
    matched = match_recipient(report, "alex@example.edu")
    assert matched.required == report.required
    assert matched.checks[:-1] == report.checks
    assert matched.verdict is Verdict.CHECK_MANUALLY  # it names no recipient identifier
    unmatched = dataclasses.replace(report, required=report.required | {CheckId.ANCHOR})
    assert unmatched.verdict is Verdict.CHECK_MANUALLY
