"""DC4EU SD-JWT VCs: real presentations decoded and shown with their claim names, and the
bundled DC4EU type metadata naming the claims of diplomas and micro-credentials.

DC4EU does not publish its issuers' keys: the kiosk reads the claims (marked "claimed"), says
the issuer key and signature are "not done", and still checks what it can (disclosures against
digests, the key-binding JWT). The spec example in `tests/fixtures/sd_jwt/` always runs; the
shared material (`../shared/vectors/sd-jwt-vc/`) is read when present.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.verification import (
    CheckId,
    CheckStatus,
    FieldSource,
    Verdict,
    VerificationReport,
    verify_payload,
)
from kiosk.verification.keys.jwk import public_key_from_jwk
from kiosk.verification.sd_jwt.type_metadata import (
    BUNDLED_DIR,
    bundled_type_metadata,
    parse_type_metadata,
)
from kiosk.verification.suites.jose import verify_compact_jws
from tests.conftest import FIXTURES, shared_vectors
from tests.unit.sd_jwt.builder import SdJwtVc, context, digest, disclosure, issue

SPEC_EXAMPLE = FIXTURES / "sd_jwt" / "vp_token.spec-example.sd-jwt.txt"


def read_presentation(path: Path) -> str:
    return "".join(path.read_text().split())  # the files are line-wrapped


def check(report: VerificationReport, check_id: CheckId) -> CheckStatus | None:
    result = report.check(check_id)
    return None if result is None else result.status


def test_the_dc4eu_spec_example_is_decoded_and_its_wrong_sd_hash_found() -> None:
    report = verify_payload(read_presentation(SPEC_EXAMPLE).encode(), context(challenge=None))
    assert check(report, CheckId.FORMAT) is CheckStatus.PASSED
    assert dict(report.fields.claims)["given_name"].value == "John"
    assert dict(report.fields.claims)["family_name"].value == "Doe"
    assert all(shown.source is FieldSource.CLAIMED for _, shown in report.fields.claims)
    # offline: the issuer's JWT VC metadata (example.com) cannot be had
    assert check(report, CheckId.ISSUER_KEY) is CheckStatus.NOT_DONE
    assert check(report, CheckId.PROOF) is CheckStatus.NOT_DONE
    # the KB-JWT's sd_hash was made over another selection of disclosures than the one shown
    holder = report.check(CheckId.HOLDER)
    assert holder is not None and "sd_hash" in holder.reason
    assert report.verdict is Verdict.NOT_VERIFIED


def test_the_spec_example_issuer_signature_verifies_with_the_published_example_key() -> None:
    keys = json.loads((FIXTURES / "sd_jwt" / "ietf-example-keys.json").read_text())
    token = read_presentation(SPEC_EXAMPLE).split("~")[0]
    verify_compact_jws(token, public_key_from_jwk(keys["issuer_public_jwk"]), "ES256")


def sunet_pid() -> str:
    path = (
        shared_vectors() / "sd-jwt-vc" / "dc4eu-vc" / "samples" / "vp_token_2.sunet-pid.sd-jwt.txt"
    )
    return read_presentation(path)


def kb_claims(presentation: str) -> dict[str, Any]:
    import base64

    part = presentation.rpartition("~")[2].split(".")[1]
    value: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return value


def test_the_real_sunet_pid_presentation_is_shown_with_the_names_its_header_metadata_gives() -> (
    None
):
    presented = sunet_pid()
    report = verify_payload(presented.encode(), context(challenge=None))
    shown = {label: field.value for label, field in report.fields.claims}
    assert shown["First name"] == "Gary"
    assert shown["Last name"] == "Oldman"
    assert shown["Issuing authority"] == "SUNET"
    assert report.fields.achievement is not None
    assert report.fields.achievement.value == "ARF 1.5 PID SD-JWT VC"
    assert check(report, CheckId.ISSUER_KEY) is CheckStatus.NOT_DONE
    assert report.verdict is not Verdict.VERIFIED


def test_the_sunet_pid_holder_binding_verifies_at_its_own_time_with_its_nonce() -> None:
    """At the instant the wallet presented it, to the verifier it was made for, the holder
    check passes; the issuer key is not published, so the verdict is CHECK MANUALLY."""
    presented = sunet_pid()
    claims = kb_claims(presented)
    at_the_time = context(
        now=datetime.fromtimestamp(claims["iat"], UTC) + timedelta(minutes=1),
        challenge=claims["nonce"],
        domain=claims["aud"],
    )
    report = verify_payload(presented.encode(), at_the_time)
    assert check(report, CheckId.HOLDER) is CheckStatus.PASSED, report.checks
    assert check(report, CheckId.FORMAT) is CheckStatus.PASSED
    assert check(report, CheckId.ISSUER_KEY) is CheckStatus.NOT_DONE
    assert report.verdict is Verdict.CHECK_MANUALLY


def test_the_bundled_type_metadata_is_the_dc4eu_metadata_byte_for_byte() -> None:
    folder = shared_vectors() / "sd-jwt-vc" / "dc4eu-vc" / "metadata"
    pins = json.loads((BUNDLED_DIR / "pins.json").read_text())
    assert len(pins["files"]) == 6
    for pin in pins["files"]:
        shared = (folder / pin["file"]).read_bytes()
        assert hashlib.sha256(shared).hexdigest() == pin["sha256"]
        assert (BUNDLED_DIR / pin["file"]).read_bytes() == shared


def test_bundled_metadata_covers_diplomas_elm_and_micro_credentials() -> None:
    known = bundled_type_metadata()
    assert {"urn:eudi:diploma:1", "urn:eudi:elm:1", "urn:eudi:micro_credential:1"} <= set(known)


def dc4eu_credential(vct: str, subject: dict[str, Any]) -> SdJwtVc:
    """A credential of a DC4EU type issued by the test issuer: `credentialSubject` disclosed."""
    subject_disclosure = disclosure("salt-subject", "credentialSubject", subject)
    base = issue()
    payload = {**base.payload, "vct": vct, "_sd": [digest(subject_disclosure)], "nationalities": []}
    return SdJwtVc(base.header, payload, [subject_disclosure])


def labels(report: VerificationReport) -> dict[str, str]:
    return {label: field.value for label, field in report.fields.claims}


def test_a_micro_credential_is_shown_with_the_dc4eu_claim_names() -> None:
    subject = {"achievement": {"name": "Welding basics", "ECTS": 3, "participationType": "online"}}
    report = verify_payload(
        dc4eu_credential("urn:eudi:micro_credential:1", subject).present().encode(), context()
    )
    assert report.verdict is Verdict.VERIFIED, report.checks
    shown = labels(report)
    metadata = bundled_type_metadata()["urn:eudi:micro_credential:1"]
    for path, value in ((("credentialSubject", "achievement", "name"), "Welding basics"),):
        label = metadata.label(path, "en")
        assert label is not None and shown[label] == value
    assert all(field.source is FieldSource.SIGNED for _, field in report.fields.claims)


def test_the_dc4eu_diploma_golden_claims_are_named_by_the_diploma_metadata() -> None:
    golden = shared_vectors() / "sd-jwt-vc" / "dc4eu-vc" / "samples" / "diploma.claims.golden.json"
    claims = json.loads(golden.read_text())
    report = verify_payload(
        dc4eu_credential("urn:eudi:diploma:1", claims["credentialSubject"]).present().encode(),
        context(),
    )
    shown = labels(report)
    assert shown["Date of birth"] == "test-date-of-birth"
    assert report.fields.achievement is not None
    assert report.fields.achievement.value == "Diploma Credential"


def test_claim_names_follow_the_locale_and_fall_back_to_english() -> None:
    metadata = bundled_type_metadata()["urn:eudi:diploma:1"]
    path = ("credentialSubject", "dateOfBirth")
    assert metadata.label(path, "en-US") == metadata.label(path, "nl") == "Date of birth"

    german = parse_type_metadata(
        {
            "vct": "urn:test",
            "display": [{"lang": "en-US", "name": "Diploma"}, {"lang": "de-DE", "name": "Zeugnis"}],
            "claims": [
                {
                    "path": ["degrees", None, "title"],
                    "display": [
                        {"lang": "de-DE", "label": "Titel"},
                        {"lang": "en-US", "label": "Title"},
                    ],
                }
            ],
        },
        "a test",
    )
    assert german is not None
    assert german.type_name("de") == "Zeugnis" and german.type_name("fr") == "Diploma"
    assert german.label(("degrees", 2, "title"), "de-AT") == "Titel"
    assert german.label(("degrees", 2, "title"), "en") == "Title"
    assert german.label(("degrees", "x", "title"), "en") is None
