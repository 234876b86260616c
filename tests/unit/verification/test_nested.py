"""CLR 2.0: every included credential is verified and reported; the transcript's verdict
follows the same rule."""

from __future__ import annotations

import copy
from typing import Any

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import context, make_key, signed_ob3

KEY = make_key()
ISSUER = did_key_for(KEY)
CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"


def clr(included: list[Any]) -> dict[str, Any]:
    unsigned = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            CLR_CONTEXT,
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:7d0a4c1e-0b5f-4a8e-9c2d-3e4f5a6b7c8d",
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": {"id": ISSUER, "type": ["Profile"], "name": "Test College"},
        "validFrom": "2026-01-15T09:00:00Z",
        "name": "Transcript",
        "credentialSubject": {"type": ["ClrSubject"], "verifiableCredential": included},
    }
    return sign_eddsa_rdfc_2022(unsigned, KEY, "2026-01-15T09:00:00Z")


def test_clr_with_valid_included_credentials_is_verified() -> None:
    report = verify_document(clr([signed_ob3(), signed_ob3()]), context({ISSUER: "Test College"}))
    assert report.verdict is Verdict.VERIFIED, report.checks
    nested = report.check(CheckId.NESTED)
    assert nested is not None and nested.status is CheckStatus.PASSED
    assert [p.report.verdict for p in report.parts] == [Verdict.VERIFIED, Verdict.VERIFIED]
    assert report.parts[0].label == "Test Achievement"


def test_tampered_included_credential_makes_the_transcript_not_verified() -> None:
    bad = signed_ob3()
    bad["credentialSubject"]["achievement"]["name"] = "Forged Course"
    document = clr([signed_ob3(), bad])  # the CLR itself signs over the tampered copy
    report = verify_document(document, context({ISSUER: "Test College"}))
    assert report.verdict is Verdict.NOT_VERIFIED
    nested = report.check(CheckId.NESTED)
    assert nested is not None and nested.status is CheckStatus.FAILED
    assert "1 of 2" in nested.reason
    assert any("Forged Course: NOT VERIFIED" in d for d in nested.details)
    assert report.check(CheckId.PROOF) is not None
    assert report.parts[1].report.verdict is Verdict.NOT_VERIFIED


def test_included_credential_from_untrusted_issuer_is_check_manually() -> None:
    other = make_key("another college")
    report = verify_document(clr([signed_ob3(other)]), context({ISSUER: "Test College"}))
    assert report.verdict is Verdict.CHECK_MANUALLY
    nested = report.check(CheckId.NESTED)
    assert nested is not None and nested.status is CheckStatus.NOT_DONE


def test_tampering_the_transcript_skips_the_included_credentials() -> None:
    document = clr([signed_ob3()])
    changed = copy.deepcopy(document)
    changed["name"] = "Better Transcript"
    report = verify_document(changed, context({ISSUER: "Test College"}))
    assert report.verdict is Verdict.NOT_VERIFIED
    nested = report.check(CheckId.NESTED)
    assert nested is not None and nested.status is CheckStatus.NOT_DONE
    assert report.parts == ()


def test_json_output_lists_parts() -> None:
    report = verify_document(clr([signed_ob3()]), context({ISSUER: "Test College"}))
    parts = report.as_dict()["parts"]
    assert isinstance(parts, list) and parts[0]["label"] == "Test Achievement"
    assert parts[0]["verdict"] == "VERIFIED"
