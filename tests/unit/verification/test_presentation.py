"""Presentations: the holder's proof, challenge and domain, holder binding, and one verdict per
credential with an overall verdict by the same rule."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from joserfc import jws
from joserfc.jwk import OKPKey

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import context, load_fixture, make_key, ob3_unsigned, signed_ob3

ISSUER_KEY = make_key()
ISSUER = did_key_for(ISSUER_KEY)
HOLDER_KEY = make_key("holder")
HOLDER = did_key_for(HOLDER_KEY)
CHALLENGE, DOMAIN = "kiosk-7f3a", "kiosk.example"
PEER_CHALLENGE, PEER_DOMAIN = "kiosk-challenge-9879188af9d6bf02", "kiosk.example"


def ctx(challenge: str | None = CHALLENGE, domain: str | None = DOMAIN, **trusted: str) -> Any:
    base = context({ISSUER: "Test College", **trusted})
    return dataclasses.replace(base, challenge=challenge, domain=domain)


def credential_for(holder: str | None = HOLDER) -> dict[str, Any]:
    unsigned = ob3_unsigned(ISSUER_KEY)
    if holder is not None:
        unsigned["credentialSubject"]["id"] = holder
    return sign_eddsa_rdfc_2022(unsigned, ISSUER_KEY, "2026-01-15T09:00:00Z")


def presentation(
    credentials: list[Any],
    key: Any = HOLDER_KEY,
    holder: str | None = HOLDER,
    sign: bool = True,
    **options: Any,
) -> dict[str, Any]:
    unsigned: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": credentials,
    }
    if holder is not None:
        unsigned["holder"] = holder
    if not sign:
        return unsigned
    proof_options = {"challenge": CHALLENGE, "domain": DOMAIN} | options
    return sign_eddsa_rdfc_2022(
        unsigned,
        key,
        "2026-11-24T10:00:00Z",
        proof_purpose="authentication",
        options={k: v for k, v in proof_options.items() if v is not None},
    )


def status(report: Any, check_id: CheckId) -> CheckStatus | None:
    result = report.check(check_id)
    return None if result is None else result.status


def test_peer_presentation_with_the_kiosks_challenge_is_verified() -> None:
    vp = load_fixture("vectors/peer-generated/vp-vc2-eddsa-rdfc-2022.json")
    issuer = vp["verifiableCredential"][0]["issuer"]["id"]
    report = verify_document(vp, ctx(PEER_CHALLENGE, PEER_DOMAIN, **{issuer: "Example College"}))
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert [p.report.verdict for p in report.parts] == [Verdict.VERIFIED]
    assert report.fields.issuer is not None and report.fields.issuer.value == "Example College"


def test_peer_presentation_with_a_wrong_challenge_is_not_verified() -> None:
    vp = load_fixture("vectors/peer-generated/vp-vc2-eddsa-rdfc-2022.json")
    report = verify_document(vp, ctx("another-challenge", PEER_DOMAIN))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status(report, CheckId.HOLDER) is CheckStatus.FAILED


def test_challenge_the_kiosk_did_not_issue_is_possible_replay() -> None:
    report = verify_document(presentation([credential_for()]), ctx(challenge=None, domain=None))
    assert report.verdict is Verdict.CHECK_MANUALLY
    holder = report.check(CheckId.HOLDER)
    assert holder is not None and holder.reason.startswith("Possible replay")


def test_peer_presentation_with_assertion_purpose_is_not_verified() -> None:
    vp = load_fixture("vectors/peer-generated/vp-vc2-eddsa-rdfc-2022.assertion-purpose.json")
    report = verify_document(vp, ctx(PEER_CHALLENGE, PEER_DOMAIN))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status(report, CheckId.PROOF) is CheckStatus.FAILED


def test_peer_presentation_with_tampered_credential_is_not_verified() -> None:
    vp = load_fixture("vectors/peer-generated/vp-vc2-eddsa-rdfc-2022.tampered-credential.json")
    report = verify_document(vp, ctx(PEER_CHALLENGE, PEER_DOMAIN))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert report.parts[0].report.verdict is Verdict.NOT_VERIFIED


def test_own_presentation_is_verified_and_bound_to_the_holder() -> None:
    report = verify_document(presentation([credential_for()]), ctx())
    assert report.verdict is Verdict.VERIFIED, report.checks
    holder = report.check(CheckId.HOLDER)
    assert holder is not None and "issued to the presenter" in holder.reason


def test_two_credentials_one_tampered_gives_one_verdict_each() -> None:
    bad = credential_for()
    bad["credentialSubject"]["achievement"]["name"] = "Forged"
    report = verify_document(presentation([credential_for(), bad]), ctx())
    assert report.verdict is Verdict.NOT_VERIFIED
    assert [p.report.verdict for p in report.parts] == [Verdict.VERIFIED, Verdict.NOT_VERIFIED]
    assert report.fields.credential_type == "Presentation of 2 credentials"


def test_credential_issued_to_someone_else_fails_holder_binding() -> None:
    report = verify_document(presentation([credential_for("did:key:z6MkSomebodyElse")]), ctx())
    assert report.verdict is Verdict.NOT_VERIFIED
    holder = report.check(CheckId.HOLDER)
    assert holder is not None and "not the person" in holder.reason


def test_credential_without_subject_id_asks_for_photo_id() -> None:
    report = verify_document(presentation([credential_for(None)]), ctx())
    assert report.verdict is Verdict.CHECK_MANUALLY
    holder = report.check(CheckId.HOLDER)
    assert holder is not None and "photo ID" in holder.reason


def test_presentation_signed_by_another_key_than_the_holders_fails() -> None:
    vp = presentation([credential_for()], key=make_key("intruder"))
    report = verify_document(vp, ctx())
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status(report, CheckId.HOLDER) is CheckStatus.FAILED


def test_wrong_domain_fails() -> None:
    report = verify_document(presentation([credential_for()], domain="elsewhere.example"), ctx())
    assert report.verdict is Verdict.NOT_VERIFIED


def test_unsigned_presentation_still_checks_each_credential() -> None:
    report = verify_document(presentation([credential_for()], sign=False), ctx())
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert status(report, CheckId.PROOF) is CheckStatus.NOT_DONE
    assert report.parts[0].report.verdict is Verdict.VERIFIED


def test_enveloped_jwt_credential_inside_a_presentation() -> None:
    payload = ob3_unsigned(ISSUER_KEY) | {
        "credentialSubject": ob3_unsigned(ISSUER_KEY)["credentialSubject"] | {"id": HOLDER}
    }
    registry = jws.JWSRegistry(algorithms=["EdDSA"], strict_check_header=False)
    import warnings

    from joserfc.errors import SecurityWarning

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "EdDSA is deprecated", SecurityWarning)
        token = jws.serialize_compact(
            {"alg": "EdDSA", "typ": "vc+jwt", "kid": f"{ISSUER}#{ISSUER[8:]}"},
            json.dumps(payload).encode(),
            OKPKey.import_key(ISSUER_KEY),
            registry=registry,
        )
    enveloped = {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "id": f"data:application/vc+jwt,{token}",
        "type": "EnvelopedVerifiableCredential",
    }
    report = verify_document(presentation([enveloped]), ctx())
    assert report.parts[0].report.verdict is Verdict.VERIFIED, report.parts[0].report.checks


def test_presentation_with_no_credentials_is_not_verified() -> None:
    report = verify_document(presentation([]), ctx())
    assert report.verdict is Verdict.NOT_VERIFIED


def test_signed_credential_alone_still_verifies() -> None:
    assert verify_document(signed_ob3(), ctx()).verdict is Verdict.VERIFIED


def _jwt(header: dict[str, Any], payload: dict[str, Any], key: Any) -> str:
    import warnings

    from joserfc.errors import SecurityWarning

    registry = jws.JWSRegistry(algorithms=[header["alg"]], strict_check_header=False)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "EdDSA is deprecated", SecurityWarning)
        return jws.serialize_compact(
            header, json.dumps(payload).encode(), OKPKey.import_key(key), registry=registry
        )


def _vc_jwt() -> str:
    vc = ob3_unsigned(ISSUER_KEY)
    vc["credentialSubject"]["id"] = HOLDER
    return _jwt({"alg": "EdDSA", "typ": "vc+jwt", "kid": f"{ISSUER}#{ISSUER[8:]}"}, vc, ISSUER_KEY)


def _vp_jwt(nonce: str = CHALLENGE, key: Any = HOLDER_KEY, typ: str = "JWT") -> str:
    vp = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [_vc_jwt()],
    }
    claims = {"vp": vp, "iss": HOLDER, "nonce": nonce, "aud": DOMAIN}
    return _jwt({"alg": "EdDSA", "typ": typ, "kid": f"{HOLDER}#{HOLDER[8:]}"}, claims, key)


def test_vp_jwt_with_the_kiosks_nonce_is_verified() -> None:
    from kiosk.verification import verify_payload

    report = verify_payload(_vp_jwt().encode(), ctx())
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert [p.report.verdict for p in report.parts] == [Verdict.VERIFIED]


def test_vp_jwt_with_another_nonce_or_signer_is_not_verified() -> None:
    from kiosk.verification import verify_payload

    assert verify_payload(_vp_jwt(nonce="old").encode(), ctx()).verdict is Verdict.NOT_VERIFIED
    forged = _vp_jwt(key=make_key("intruder"))
    assert verify_payload(forged.encode(), ctx()).verdict is Verdict.NOT_VERIFIED
    untyped = _vp_jwt(typ="vc+jwt")
    assert verify_payload(untyped.encode(), ctx()).verdict is Verdict.NOT_VERIFIED


def test_enveloped_presentation_as_the_payload_itself() -> None:
    from kiosk.verification import verify_payload

    enveloped = {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "id": f"data:application/vp+jwt,{_vp_jwt()}",
        "type": "EnvelopedVerifiablePresentation",
    }
    report = verify_payload(json.dumps(enveloped).encode(), ctx())
    assert report.verdict is Verdict.VERIFIED, report.checks
