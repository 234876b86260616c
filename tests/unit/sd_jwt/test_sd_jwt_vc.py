"""SD-JWT VC end to end, offline: vectors built by `builder` (did:jwk issuer, P-256 keys).

Each test changes one thing an attacker (or a broken wallet) could change and asserts the check
and verdict the SD-JWT / SD-JWT VC rules call for.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.verification import (
    CheckId,
    CheckStatus,
    FieldSource,
    Verdict,
    VerificationReport,
    verify_payload,
)
from kiosk.verification.context import VerificationContext
from kiosk.verification.sd_jwt import verify_sd_jwt
from tests.helpers import NOW
from tests.unit.sd_jwt.builder import (
    CHALLENGE,
    ISSUER,
    b64,
    context,
    digest,
    disclosure,
    issue,
    p256_key,
    sign_jwt,
)


def verify(text: str, ctx: VerificationContext | None = None) -> VerificationReport:
    return verify_payload(text.encode("ascii"), ctx or context())


def status_of(report: VerificationReport, check_id: CheckId) -> CheckStatus | None:
    result = report.check(check_id)
    return None if result is None else result.status


def test_a_valid_presentation_with_key_binding_is_verified_and_shows_only_disclosed_claims() -> (
    None
):
    report = verify(issue().present())
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert status_of(report, CheckId.HOLDER) is CheckStatus.PASSED
    shown = {label: field.value for label, field in report.fields.claims}
    assert shown["given_name"] == "Alex"
    assert shown["address / locality"] == "Utrecht"  # recursive disclosure
    assert shown["address / country"] == "NL"
    assert shown["nationalities"] == "NL"  # the decoy array element vanished
    assert not any("_sd" in label or "..." in label for label in shown)
    assert report.fields.issuer is not None and report.fields.issuer.value == "Test University"
    assert report.fields.holder is not None and report.fields.holder.value == "Alex Martin"


def test_withholding_a_disclosure_hides_the_claim_and_still_verifies() -> None:
    credential = issue()
    kept = credential.disclosures[:2] + credential.disclosures[4:5]  # no address, no degree
    report = verify(credential.present(kept))
    assert report.verdict is Verdict.VERIFIED, report.checks
    labels = {label for label, _ in report.fields.claims}
    assert "degree" not in labels and not any(label.startswith("address") for label in labels)


def test_a_changed_disclosure_is_not_verified() -> None:
    credential = issue()
    changed = disclosure("salt-degree", "degree", "PhD Applied Physics")
    presented = [changed if "degree" in _decoded(d) else d for d in credential.disclosures]
    report = verify(credential.present(presented))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.FORMAT) is CheckStatus.FAILED
    assert "not referenced by any digest" in report.headline_reason


def test_a_disclosure_whose_digest_the_issuer_did_not_sign_is_not_verified() -> None:
    credential = issue()
    payload = dict(credential.payload)
    payload["_sd"] = [d for d in payload["_sd"] if d != digest(credential.disclosures[5])]
    tampered = type(credential)(credential.header, payload, credential.disclosures)
    report = verify(tampered.present())
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.FORMAT) is CheckStatus.FAILED


def test_a_disclosure_from_another_credential_is_not_verified() -> None:
    credential = issue()
    foreign = disclosure("other-salt", "degree_honours", "summa cum laude")
    report = verify(credential.present([*credential.disclosures, foreign]))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "not referenced by any digest" in report.headline_reason


def test_a_digest_used_twice_rejects_the_whole_sd_jwt() -> None:
    credential = issue()
    payload = dict(credential.payload)
    payload["_sd"] = [*payload["_sd"], payload["_sd"][0]]
    report = verify(type(credential)(credential.header, payload, credential.disclosures).present())
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "more than once" in report.headline_reason


def test_the_same_disclosure_presented_twice_is_not_verified() -> None:
    credential = issue()
    report = verify(credential.present([*credential.disclosures, credential.disclosures[0]]))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.FORMAT) is CheckStatus.FAILED


@pytest.mark.parametrize(
    "bad",
    [
        b64(b"not json"),
        b64(json.dumps(["only-salt"]).encode()),
        b64(json.dumps([1, "name", "value"]).encode()),
        b64(json.dumps(["salt", "_sd", "value"]).encode()),
        b64(json.dumps({"salt": "s"}).encode()),
    ],
)
def test_a_malformed_disclosure_is_not_verified(bad: str) -> None:
    credential = issue(extra_payload={"_sd": [*issue().payload["_sd"], digest(bad)]})
    report = verify(credential.present([*credential.disclosures, bad]))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.FORMAT) is CheckStatus.FAILED


def test_a_claim_that_must_stay_in_the_clear_is_refused_when_disclosed() -> None:
    hidden_exp = disclosure("salt-exp", "exp", int(NOW.timestamp()) + 10)
    base = issue()
    payload = {k: v for k, v in base.payload.items() if k != "exp"}
    payload["_sd"] = [*payload["_sd"], digest(hidden_exp)]
    credential = type(base)(base.header, payload, [*base.disclosures, hidden_exp])
    report = verify(credential.present())
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "must be in the clear" in report.headline_reason


def test_an_array_element_disclosure_referenced_from_sd_is_not_verified() -> None:
    element = disclosure("salt-x", "value only")
    base = issue()
    payload = dict(base.payload)
    payload["_sd"] = [*payload["_sd"], digest(element)]
    credential = type(base)(base.header, payload, [*base.disclosures, element])
    assert verify(credential.present()).verdict is Verdict.NOT_VERIFIED


def test_a_wrong_sd_hash_is_not_verified() -> None:
    report = verify(issue().present(sd_hash=digest("something else")))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.HOLDER) is CheckStatus.FAILED
    assert "sd_hash" in report.headline_reason


def test_a_key_binding_jwt_over_fewer_disclosures_is_not_verified() -> None:
    credential = issue()
    presented = credential.present()
    head, _, kb = presented.rpartition("~")
    dropped = "~".join(head.split("~")[:-1]) + "~" + kb
    assert verify(dropped).verdict is Verdict.NOT_VERIFIED


def test_a_wrong_nonce_is_not_verified() -> None:
    report = verify(issue().present(nonce="another-challenge"))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "challenge" in report.headline_reason


def test_a_wrong_audience_is_not_verified() -> None:
    report = verify(issue().present(aud="https://another-verifier.example"))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "audience" in report.headline_reason


def test_a_stale_key_binding_is_not_verified() -> None:
    report = verify(issue().present(iat=NOW - timedelta(hours=2)))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "stale" in report.headline_reason


def test_a_key_binding_dated_in_the_future_is_not_verified() -> None:
    report = verify(issue().present(iat=NOW + timedelta(hours=1)))
    assert report.verdict is Verdict.NOT_VERIFIED


def test_a_key_binding_signed_by_another_key_is_not_verified() -> None:
    report = verify(issue().present(holder=p256_key("thief")))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.HOLDER) is CheckStatus.FAILED


def test_a_key_binding_without_its_typ_is_not_verified() -> None:
    report = verify(issue().present(kb_header={"alg": "ES256", "typ": "JWT"}))
    assert report.verdict is Verdict.NOT_VERIFIED


def test_a_key_binding_without_a_kiosk_challenge_is_check_manually() -> None:
    report = verify(issue().present(), context(challenge=None))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "replay" in report.headline_reason


def test_without_key_binding_the_holder_check_does_not_apply_unless_required() -> None:
    plain = issue().present(bind=False)
    assert verify(plain).verdict is Verdict.VERIFIED
    assert verify(plain).check(CheckId.HOLDER) is None
    required = verify(plain, context(require_holder_binding=True))
    assert required.verdict is Verdict.CHECK_MANUALLY
    assert status_of(required, CheckId.HOLDER) is CheckStatus.NOT_DONE


def test_an_expired_credential_is_not_verified() -> None:
    report = verify(issue().present(), context(now=NOW + timedelta(days=400)))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.DATES) is CheckStatus.FAILED


def test_a_credential_not_yet_valid_is_not_verified() -> None:
    later = int(NOW.timestamp()) + 86400
    report = verify(issue(extra_payload={"nbf": later}).present())
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.DATES) is CheckStatus.FAILED


@pytest.mark.parametrize("alg", ["none", "None", "HS256"])
def test_an_unsigned_or_shared_secret_issuer_jwt_is_not_verified(alg: str) -> None:
    credential = issue()
    header = b64(json.dumps({**credential.header, "alg": alg}).encode())
    token = ".".join([header, credential.jwt.split(".")[1], "AAAA"])
    text = "~".join([token, *credential.disclosures]) + "~"
    report = verify(text)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.PROOF) is CheckStatus.FAILED
    empty_signature = ".".join([header, credential.jwt.split(".")[1], ""]) + "~"
    assert verify_sd_jwt(empty_signature, context()).verdict is Verdict.NOT_VERIFIED


def test_a_signature_by_another_key_is_not_verified() -> None:
    report = verify(issue(key=p256_key("forger")).present())
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.PROOF) is CheckStatus.FAILED


def test_an_unknown_sd_alg_is_check_manually_and_shows_no_claims() -> None:
    report = verify(issue(extra_payload={"_sd_alg": "md5"}).present())
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert status_of(report, CheckId.FORMAT) is CheckStatus.NOT_DONE
    assert "md5" in report.headline_reason
    assert report.fields.claims == ()


def test_sha_384_digests_are_read() -> None:
    given_name = disclosure("s1", "given_name", "Alex")
    base = issue()
    payload = {
        **base.payload,
        "_sd_alg": "sha-384",
        "_sd": [digest(given_name, "sha384")],
        "nationalities": [],
    }
    credential = type(base)(base.header, payload, [given_name])
    head = credential.present(bind=False)
    report = verify(credential.present(sd_hash=digest(head, "sha384")))
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert verify(credential.present()).verdict is Verdict.NOT_VERIFIED  # sd_hash by sha-256


@pytest.mark.parametrize("typ", ["JWT", "vc+jwt", "sd-jwt", None])
def test_a_token_that_is_not_typed_as_an_sd_jwt_vc_is_not_verified(typ: str | None) -> None:
    report = verify(issue(header={"typ": typ}).present())
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.FORMAT) is CheckStatus.FAILED


def test_the_earlier_vc_sd_jwt_type_is_accepted() -> None:
    assert verify(issue(header={"typ": "vc+sd-jwt"}).present()).verdict is Verdict.VERIFIED


def test_an_issuer_not_on_the_trust_list_is_check_manually() -> None:
    report = verify(issue().present(), context(trusted={}))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert status_of(report, CheckId.TRUST) is CheckStatus.NOT_DONE
    assert report.fields.issuer is not None
    assert report.fields.issuer.source is FieldSource.CLAIMED
    assert ISSUER.startswith(report.fields.issuer.value.rstrip("…"))


def test_an_sd_jwt_vc_without_iss_is_check_manually_and_a_bad_iss_is_refused() -> None:
    base = issue()
    payload = {k: v for k, v in base.payload.items() if k != "iss"}
    report = verify(type(base)(base.header, payload, base.disclosures).present())
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert status_of(report, CheckId.FORMAT) is CheckStatus.NOT_DONE
    assert status_of(report, CheckId.ISSUER_KEY) is CheckStatus.NOT_DONE
    assert report.fields.issuer is None
    assert verify(issue(extra_payload={"iss": 7}).present()).verdict is Verdict.NOT_VERIFIED


def test_a_kid_of_another_did_is_not_verified() -> None:
    other = p256_key("other issuer")
    from tests.unit.sd_jwt.builder import did_jwk

    report = verify(issue(kid=did_jwk(other) + "#0", key=other).present())
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.ISSUER_KEY) is CheckStatus.FAILED


def test_hostile_text_in_claims_reaches_the_report_as_plain_text() -> None:
    hostile = disclosure("s", "given_name", "\x1b[31mAlex\u202e\x07")
    base = issue()
    payload = {**base.payload, "_sd": [digest(hostile)], "nationalities": []}
    report = verify(type(base)(base.header, payload, [hostile]).present())
    value = dict(report.fields.claims)["given_name"].value
    assert "\x1b" not in value and "\u202e" not in value and "\x07" not in value


def test_a_status_claim_of_an_unknown_mechanism_is_not_done() -> None:
    report = verify(issue(extra_payload={"status": {"other_list": {"idx": 1}}}).present())
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert status_of(report, CheckId.STATUS) is CheckStatus.NOT_DONE


def _decoded(text: str) -> str:
    import base64

    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()


PRESENTED = issue().present()
_CUTS = [i for i, ch in enumerate(PRESENTED) if ch not in ".~"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(position=st.sampled_from(_CUTS), replacement=st.sampled_from("AQgw_-9zZ"))
def test_changing_any_one_character_is_never_verified(position: int, replacement: str) -> None:
    """Any change to one character of the issuer JWT, a disclosure or the KB-JWT."""
    if PRESENTED[position] == replacement:
        return
    changed = PRESENTED[:position] + replacement + PRESENTED[position + 1 :]
    assert verify(changed).verdict is not Verdict.VERIFIED


@settings(max_examples=60, deadline=None)
@given(data=st.binary(min_size=0, max_size=200))
def test_arbitrary_disclosure_bytes_never_verify(data: bytes) -> None:
    credential = issue()
    report = verify(credential.present([*credential.disclosures[:1], b64(data) or "AA"]))
    assert report.verdict is not Verdict.VERIFIED


@pytest.mark.parametrize("bind", [True, False])
def test_a_changed_last_signature_character_is_never_verified(bind: bool) -> None:
    """The spare bits of a signature's last base64url character: decoders ignore them, the
    kiosk refuses any spelling but the canonical one."""
    presented = issue().present(bind=bind)
    end = len(presented) - (0 if bind else 1)  # the KB-JWT's, or the issuer JWT's signature
    last = presented[end - 1]
    for other in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_":
        if other != last:
            changed = presented[: end - 1] + other + presented[end:]
            assert verify(changed).verdict is not Verdict.VERIFIED, other


ISSUED = issue()
NAMES = ["given", "family", "address", "locality", "nationality", "degree"]  # issue()'s order


@settings(max_examples=80, deadline=None)
@given(chosen=st.lists(st.sampled_from(range(6)), unique=True), duplicate=st.booleans())
def test_any_selection_the_holder_makes_verifies_iff_every_disclosure_is_reachable(
    chosen: list[int], duplicate: bool
) -> None:
    """The holder may present any subset, in any order; the locality's digest sits inside the
    address disclosure, so the locality alone is unreferenced and refuses the whole SD-JWT. A
    disclosure presented twice is refused too. What is shown is exactly what was disclosed."""
    presented = [ISSUED.disclosures[i] for i in chosen]
    if duplicate and presented:
        presented.append(presented[0])
    report = verify(ISSUED.present(presented))
    reachable = NAMES.index("locality") not in chosen or NAMES.index("address") in chosen
    if reachable and not (duplicate and presented):
        assert report.verdict is Verdict.VERIFIED, report.checks
        labels = {label for label, _ in report.fields.claims}
        assert ("degree" in labels) == (NAMES.index("degree") in chosen)
        assert ("address / locality" in labels) == (NAMES.index("locality") in chosen)
        assert ("nationalities" in labels) == (NAMES.index("nationality") in chosen)
    else:
        assert report.verdict is Verdict.NOT_VERIFIED


def test_a_reordered_disclosure_list_still_verifies() -> None:
    credential = issue()
    assert verify(credential.present(list(reversed(credential.disclosures)))).verdict is (
        Verdict.VERIFIED
    )


def test_sign_jwt_helper_round_trips() -> None:  # the builder itself, so failures point here
    token = sign_jwt({"alg": "ES256"}, {"a": 1}, p256_key("x"))
    assert token.count(".") == 2 and CHALLENGE
