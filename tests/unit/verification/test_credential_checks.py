"""Each check on credentials signed in the test (real Ed25519 signatures over RDFC-1.0)."""

from __future__ import annotations

import json

from kiosk.verification import (
    CheckId,
    CheckStatus,
    FieldSource,
    Verdict,
    verify_document,
    verify_payload,
)
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.conftest import NetworkAttempts
from tests.helpers import FIXTURES, context, deep_copy, make_key, ob3_unsigned, signed_ob3

KEY = make_key()
ISSUER = did_key_for(KEY)
TRUSTED = {ISSUER: "Trusted Test College"}
FIXTURES_JWT = (FIXTURES / "vectors/peer-generated/ob3-vc2-jose-eddsa.jwt").read_text().strip()


def test_valid_trusted_credential_is_verified_with_trusted_name() -> None:
    report = verify_document(signed_ob3(), context(TRUSTED))
    assert report.verdict is Verdict.VERIFIED
    assert all(c.status is CheckStatus.PASSED for c in report.checks)
    assert report.fields.issuer is not None
    assert report.fields.issuer.value == "Trusted Test College"
    assert report.fields.issuer.source is FieldSource.TRUST_LIST
    assert report.fields.holder is not None and report.fields.holder.value == "Alex Candidate"
    assert report.fields.holder.source is FieldSource.SIGNED
    assert report.fields.achievement is not None
    assert report.fields.achievement.value == "Test Achievement"


def test_unknown_issuer_is_check_manually() -> None:
    report = verify_document(signed_ob3(), context())
    assert report.verdict is Verdict.CHECK_MANUALLY
    trust = report.check(CheckId.TRUST)
    assert trust is not None and trust.status is CheckStatus.NOT_DONE
    assert report.fields.issuer is not None
    assert report.fields.issuer.value == "Claimed Issuer Name"
    # only a trust list names issuers; signed by an issuer on no list, every field is its claim
    assert report.fields.issuer.source is FieldSource.ISSUER_CLAIM
    assert report.fields.holder is not None
    assert report.fields.holder.source is FieldSource.ISSUER_CLAIM
    assert report.fields.achievement is not None
    assert report.fields.achievement.source is FieldSource.ISSUER_CLAIM
    assert report.as_dict()["holder"] == {"value": "Alex Candidate", "source": "issuer's claim"}


def test_expired_authentic_credential_is_not_verified_with_date_and_details() -> None:
    doc = signed_ob3(valid_from="2023-01-01T00:00:00Z", valid_until="2025-06-30T00:00:00Z")
    report = verify_document(doc, context(TRUSTED))
    assert report.verdict is Verdict.NOT_VERIFIED
    dates = report.check(CheckId.DATES)
    assert dates is not None and dates.status is CheckStatus.FAILED
    assert dates.reason == "Expired on 30 Jun 2025."
    assert report.fields.holder is not None and report.fields.holder.source is FieldSource.SIGNED
    assert report.fields.issuer is not None and report.fields.issuer.value == "Trusted Test College"


def test_not_yet_valid_credential_is_not_verified() -> None:
    report = verify_document(signed_ob3(valid_from="2027-03-01T00:00:00Z"), context(TRUSTED))
    assert report.verdict is Verdict.NOT_VERIFIED
    dates = report.check(CheckId.DATES)
    assert dates is not None and dates.reason.startswith("Not valid yet")


def test_clock_skew_tolerance_applies_to_validity_dates() -> None:
    doc = signed_ob3(valid_from="2026-11-24T12:03:00Z")
    assert verify_document(doc, context(TRUSTED)).verdict is Verdict.VERIFIED
    later = signed_ob3(valid_from="2026-11-24T12:06:00Z")
    assert verify_document(later, context(TRUSTED)).verdict is Verdict.NOT_VERIFIED


def test_tampered_credential_names_the_proof_and_shows_fields_as_claimed() -> None:
    doc = signed_ob3()
    doc["credentialSubject"]["achievement"]["name"] = "Master of Everything"
    report = verify_document(doc, context(TRUSTED))
    assert report.verdict is Verdict.NOT_VERIFIED
    proof = report.check(CheckId.PROOF)
    assert proof is not None and proof.status is CheckStatus.FAILED
    for shown in (report.fields.issuer, report.fields.holder, report.fields.achievement):
        assert shown is not None and shown.source is FieldSource.CLAIMED
    trust = report.check(CheckId.TRUST)
    assert trust is not None and trust.status is CheckStatus.NOT_DONE
    assert report.check(CheckId.STATUS) is None  # no status entry: the check does not apply


def test_unknown_context_is_not_verified_without_network(network_guard: NetworkAttempts) -> None:
    doc = signed_ob3()
    doc["@context"] = [*doc["@context"], "https://contexts.example/evil/v1"]
    report = verify_document(doc, context(TRUSTED))
    assert report.verdict is Verdict.NOT_VERIFIED
    fmt = report.check(CheckId.FORMAT)
    assert fmt is not None and fmt.status is CheckStatus.FAILED
    assert "https://contexts.example/evil/v1" in fmt.reason
    assert network_guard.attempts == []


def test_undefined_term_added_after_signing_is_not_verified_naming_it() -> None:
    """VC 1.1 has no @vocab: an unsafe processor drops the term and the signature still holds."""
    unsigned = ob3_unsigned(KEY)
    unsigned["@context"] = [
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://w3id.org/security/data-integrity/v2",
    ]
    unsigned["issuanceDate"] = unsigned.pop("validFrom")
    unsigned["expirationDate"] = unsigned.pop("validUntil")
    doc = sign_eddsa_rdfc_2022(unsigned, KEY, "2026-01-15T09:00:00Z")
    assert verify_document(deep_copy(doc), context(TRUSTED)).verdict is Verdict.VERIFIED
    doc["credentialSubject"]["degreeClassification"] = "First"
    report = verify_document(doc, context(TRUSTED))
    assert report.verdict is Verdict.NOT_VERIFIED
    fmt = report.check(CheckId.FORMAT)
    assert fmt is not None and "degreeClassification" in fmt.reason


def test_credential_without_proof_is_not_verified() -> None:
    doc = signed_ob3()
    del doc["proof"]
    report = verify_document(doc, context(TRUSTED))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert report.headline_reason.startswith("The credential carries no proof")


def test_key_of_another_did_key_is_refused() -> None:
    other = make_key("someone else")
    doc = sign_eddsa_rdfc_2022(ob3_unsigned(KEY), other, "2026-01-15T09:00:00Z")
    report = verify_document(doc, context(TRUSTED))
    assert report.verdict is Verdict.NOT_VERIFIED
    key_check = report.check(CheckId.ISSUER_KEY)
    assert key_check is not None and key_check.status is CheckStatus.FAILED


def test_proof_with_wrong_purpose_fails() -> None:
    doc = sign_eddsa_rdfc_2022(
        ob3_unsigned(KEY), KEY, "2026-01-15T09:00:00Z", proof_purpose="authentication"
    )
    report = verify_document(doc, context(TRUSTED))
    proof = report.check(CheckId.PROOF)
    assert proof is not None and proof.status is CheckStatus.FAILED
    assert "purpose" in proof.reason


def test_proof_created_in_the_future_fails() -> None:
    doc = sign_eddsa_rdfc_2022(ob3_unsigned(KEY), KEY, "2027-01-01T00:00:00Z")
    report = verify_document(doc, context(TRUSTED))
    proof = report.check(CheckId.PROOF)
    assert proof is not None and proof.status is CheckStatus.FAILED


def test_unsupported_suite_is_check_manually_never_verified() -> None:
    doc = signed_ob3()
    doc["proof"]["cryptosuite"] = "bbs-2023"
    report = verify_document(doc, context(TRUSTED))
    assert report.verdict is Verdict.CHECK_MANUALLY
    proof = report.check(CheckId.PROOF)
    assert proof is not None and proof.status is CheckStatus.NOT_DONE
    assert "bbs-2023" in proof.reason


def test_unsupported_did_method_is_not_done() -> None:
    doc = signed_ob3()
    doc["proof"]["verificationMethod"] = "did:ion:abc#key-1"
    report = verify_document(doc, context(TRUSTED))
    key_check = report.check(CheckId.ISSUER_KEY)
    assert key_check is not None and key_check.status is CheckStatus.NOT_DONE
    assert "did:ion" in key_check.reason
    assert report.verdict is Verdict.CHECK_MANUALLY


def test_status_entry_makes_status_not_done() -> None:
    unsigned = ob3_unsigned(KEY)
    unsigned["credentialStatus"] = {
        "id": "https://status.example/1#5",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "5",
        "statusListCredential": "https://status.example/1",
    }
    doc = sign_eddsa_rdfc_2022(unsigned, KEY, "2026-01-15T09:00:00Z")
    report = verify_document(doc, context(TRUSTED))
    assert report.verdict is Verdict.CHECK_MANUALLY
    status = report.check(CheckId.STATUS)
    assert status is not None and status.status is CheckStatus.NOT_DONE


def test_payload_bytes_round_trip_to_verified() -> None:
    data = json.dumps(signed_ob3()).encode()
    report = verify_payload(data, context(TRUSTED))
    assert report.verdict is Verdict.VERIFIED
    assert report.checks[0].check_id is CheckId.PAYLOAD


def test_unrecognised_payload_is_not_verified_with_safe_preview() -> None:
    report = verify_payload(b"WIFI:S:Guest;\x1b[31m;;", context(TRUSTED))
    assert report.verdict is Verdict.NOT_VERIFIED
    payload = report.check(CheckId.PAYLOAD)
    assert payload is not None and payload.status is CheckStatus.FAILED
    assert "\x1b" not in payload.reason


def test_hostile_display_text_is_plain_in_the_report() -> None:
    doc = signed_ob3(holder="Eve\x1b[2J\x1b]0;pwned\x07 \u202eevil\u202c [b]x[/b]")
    report = verify_document(doc, context(TRUSTED))
    assert report.verdict is Verdict.VERIFIED
    assert report.fields.holder is not None
    holder = report.fields.holder.value
    assert "\x1b" not in holder and "\x07" not in holder and "\u202e" not in holder
    assert holder.startswith("Eve[2J]0;pwned evil")
    assert "[b]x[/b]" in holder  # markup stays literal text; the UI never interprets it


def test_a_vc_jwt_dressed_as_an_sd_jwt_is_not_verified() -> None:
    sd_jwt = (FIXTURES_JWT + "~WyJzYWx0IiwibmFtZSIsIkFsZXgiXQ~").encode()
    report = verify_payload(sd_jwt, context(TRUSTED))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "SD-JWT VC" in report.headline_reason  # typ vc+jwt is not an SD-JWT VC's


def test_wallet_request_is_told_to_the_operator() -> None:
    report = verify_payload(b"openid4vp://?request_uri=https%3A%2F%2Fv.example%2Fr", context())
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "not a credential" in report.headline_reason


def test_relative_identifier_is_refused_not_silently_dropped_or_invented() -> None:
    """pyld would resolve it against a made-up base; JSON-LD to RDF would drop it: either way
    the signature would not cover what the credential shows. Safe mode refuses it."""
    unsigned = ob3_unsigned(KEY)
    unsigned["credentialSubject"]["achievement"]["id"] = "course-101"
    report = verify_document(unsigned | {"proof": signed_ob3()["proof"]}, context(TRUSTED))
    assert report.verdict is Verdict.NOT_VERIFIED
    fmt = report.check(CheckId.FORMAT)
    assert fmt is not None and "relative identifier 'course-101'" in fmt.reason
