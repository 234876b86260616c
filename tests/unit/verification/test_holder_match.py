"""Binding at the desk: staff type the candidate's email; the kiosk compares it with the
credential's salted recipient hash and records a `holder` check."""

from __future__ import annotations

import hashlib

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from kiosk.verification.holder_match import match_recipient
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import context, make_key, ob3_unsigned, signed_ob3

KEY = make_key()
TRUSTED = {did_key_for(KEY): "Test College"}
SALT = "d8a7f1c0"


def credential_for_email(email: str) -> dict[str, object]:
    unsigned = ob3_unsigned(KEY)
    digest = hashlib.sha256((email.lower() + SALT).encode()).hexdigest()
    unsigned["credentialSubject"]["identifier"] = [
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": f"sha256${digest}",
            "salt": SALT,
        }
    ]
    return sign_eddsa_rdfc_2022(unsigned, KEY, "2026-01-15T09:00:00Z")


def test_matching_email_adds_a_passed_holder_check() -> None:
    report = verify_document(credential_for_email("alex@example.edu"), context(TRUSTED))
    assert report.verdict is Verdict.VERIFIED
    matched = match_recipient(report, "  Alex@Example.EDU ")
    holder = matched.check(CheckId.HOLDER)
    assert holder is not None and holder.status is CheckStatus.PASSED
    assert matched.verdict is Verdict.VERIFIED


def test_other_email_is_not_verified() -> None:
    report = verify_document(credential_for_email("alex@example.edu"), context(TRUSTED))
    matched = match_recipient(report, "sam@example.edu")
    assert matched.verdict is Verdict.NOT_VERIFIED
    holder = matched.check(CheckId.HOLDER)
    assert holder is not None and "does not match" in holder.reason


def test_credential_without_identifiers_asks_for_photo_id() -> None:
    matched = match_recipient(verify_document(signed_ob3(), context(TRUSTED)), "alex@example.edu")
    assert matched.verdict is Verdict.CHECK_MANUALLY


def test_tampered_credential_offers_no_identifiers_to_match() -> None:
    document = credential_for_email("alex@example.edu")
    document["name"] = "Changed"
    report = verify_document(document, context(TRUSTED))
    assert report.recipient == ()
    assert match_recipient(report, "alex@example.edu").verdict is Verdict.NOT_VERIFIED
