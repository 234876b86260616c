"""VC-JWT (1.1) and VC-JOSE (vc+jwt) credentials: peer vectors, claim mapping, algorithm policy."""

from __future__ import annotations

import base64
import json
import warnings
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from joserfc import jws
from joserfc.errors import SecurityWarning
from joserfc.jwk import ECKey, OKPKey, RSAKey

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_payload
from kiosk.verification.keys.jwk import public_key_from_jwk
from kiosk.verification.keys.multibase import base58btc_encode
from kiosk.verification.suites.base import ProofFailedError
from kiosk.verification.suites.jose import verify_compact_jws
from kiosk.verification.suites.signing import did_key_for
from tests.helpers import FIXTURES, context, make_key, ob3_unsigned

PEER = FIXTURES / "vectors" / "peer-generated"
KEY = make_key()
ISSUER = did_key_for(KEY)


def p256_did(key: ec.EllipticCurvePrivateKey) -> str:
    point = key.public_key().public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
    return "did:key:z" + base58btc_encode(b"\x80\x24" + point)


def sign(header: dict[str, Any], payload: dict[str, Any], key: Any) -> str:
    registry = jws.JWSRegistry(algorithms=[header["alg"]], strict_check_header=False)
    with warnings.catch_warnings():  # RFC 9864 renames EdDSA; issuers still use the old name
        warnings.filterwarnings("ignore", "EdDSA is deprecated", SecurityWarning)
        return jws.serialize_compact(header, json.dumps(payload).encode(), key, registry=registry)


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def vc2_token(header_extra: dict[str, Any] | None = None, **payload_extra: Any) -> str:
    payload = ob3_unsigned(KEY) | payload_extra
    header = {"alg": "EdDSA", "typ": "vc+jwt", "kid": f"{ISSUER}#{ISSUER[8:]}"} | (
        header_extra or {}
    )
    return sign(header, payload, OKPKey.import_key(KEY))


def verdict_of(token: str, trusted: bool = True) -> Any:
    return verify_payload(token.encode(), context({ISSUER: "Test College"} if trusted else None))


@pytest.mark.parametrize("name", sorted(p.name for p in PEER.glob("*.jwt")))
def test_peer_generated_jwts_verify_as_manifest_says(name: str) -> None:
    token = (PEER / name).read_text().strip()
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    issuer = header["kid"].split("#")[0]
    report = verify_payload(token.encode(), context({issuer: "Example Community College"}))
    if ".tampered." in name:
        assert report.verdict is Verdict.NOT_VERIFIED
        proof = report.check(CheckId.PROOF)
        assert proof is not None and proof.status is CheckStatus.FAILED
    else:
        assert report.verdict is Verdict.VERIFIED, report.checks


def test_own_vc_jose_token_verifies_and_shows_fields() -> None:
    report = verdict_of(vc2_token())
    assert report.verdict is Verdict.VERIFIED
    assert report.fields.holder is not None and report.fields.holder.value == "Alex Candidate"
    assert report.fields.credential_type is not None and "VC-JOSE" in report.fields.credential_type


@pytest.mark.parametrize(
    ("alg", "words"),
    [("none", "not signed"), ("None", "not signed"), ("HS256", "shared-secret")],
)
def test_refused_algorithms_give_reasons(alg: str, words: str) -> None:
    """`none` and HMAC are attacks (they prove nothing about the issuer): failed."""
    token = vc2_token()
    forged = b64({"alg": alg, "typ": "vc+jwt", "kid": f"{ISSUER}#{ISSUER[8:]}"})
    token = forged + "." + token.split(".")[1] + "."
    report = verdict_of(token)
    assert report.verdict is Verdict.NOT_VERIFIED
    proof = report.check(CheckId.PROOF)
    assert proof is not None and words in proof.reason


@pytest.mark.parametrize("alg", ["RS512", "ES512", "PS384", "Ed448", "ML-DSA-65"])
def test_algorithms_the_kiosk_does_not_implement_are_not_done(alg: str) -> None:
    """A real algorithm the kiosk lacks is "not done" (CHECK MANUALLY), never "failed"."""
    token = vc2_token()
    other = b64({"alg": alg, "typ": "vc+jwt", "kid": f"{ISSUER}#{ISSUER[8:]}"})
    report = verdict_of(other + "." + token.split(".", 1)[1])
    proof = report.check(CheckId.PROOF)
    assert report.verdict is Verdict.CHECK_MANUALLY, report.checks
    assert proof is not None and proof.status is CheckStatus.NOT_DONE
    assert alg in proof.reason and "not supported" in proof.reason


@pytest.mark.parametrize("alg", ["EdDSB", "ES256X", "RS-256", "eddsa"])
def test_a_name_outside_the_jose_registry_fails(alg: str) -> None:
    """A changed header must never turn NOT VERIFIED into CHECK MANUALLY."""
    token = vc2_token()
    other = b64({"alg": alg, "typ": "vc+jwt", "kid": f"{ISSUER}#{ISSUER[8:]}"})
    report = verdict_of(other + "." + token.split(".", 1)[1])
    proof = report.check(CheckId.PROOF)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert proof is not None and "unknown signature algorithm" in proof.reason


def secp256k1_did(key: ec.EllipticCurvePrivateKey) -> str:
    point = key.public_key().public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
    return "did:key:z" + base58btc_encode(b"\xe7\x01" + point)


def es256k_token(key: ec.EllipticCurvePrivateKey, header_alg: str = "ES256K") -> str:
    issuer = secp256k1_did(key)
    payload = ob3_unsigned(KEY) | {"issuer": {"id": issuer, "type": ["Profile"], "name": "X"}}
    header = {"alg": "ES256K", "typ": "vc+jwt", "kid": f"{issuer}#{issuer[8:]}"}
    token = sign(header, payload, ECKey.import_key(key))
    if header_alg != "ES256K":
        token = b64(header | {"alg": header_alg}) + "." + token.split(".", 1)[1]
    return token


def test_es256k_token_from_a_secp256k1_did_key_verifies() -> None:
    """RFC 8812 ES256K: ECDSA over secp256k1, SHA-256, raw r||s."""
    key = ec.generate_private_key(ec.SECP256K1())
    token = es256k_token(key)
    report = verify_payload(token.encode(), context({secp256k1_did(key): "K1 College"}))
    assert report.verdict is Verdict.VERIFIED, report.checks


def test_es256k_token_changed_after_signing_fails() -> None:
    key = ec.generate_private_key(ec.SECP256K1())
    header, payload, signature = es256k_token(key).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["name"] = "Another Badge"
    report = verify_payload(
        f"{header}.{b64(claims)}.{signature}".encode(),
        context({secp256k1_did(key): "K1 College"}),
    )
    proof = report.check(CheckId.PROOF)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert proof is not None and proof.status is CheckStatus.FAILED


def test_es256_header_on_a_secp256k1_key_is_key_confusion() -> None:
    key = ec.generate_private_key(ec.SECP256K1())
    report = verify_payload(
        es256k_token(key, header_alg="ES256").encode(),
        context({secp256k1_did(key): "K1 College"}),
    )
    proof = report.check(CheckId.PROOF)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert proof is not None and "secp256k1 key" in proof.reason


def test_algorithm_key_type_confusion_is_refused() -> None:
    token = vc2_token()
    header = b64({"alg": "ES256", "typ": "vc+jwt", "kid": f"{ISSUER}#{ISSUER[8:]}"})
    report = verdict_of(header + "." + token.split(".", 1)[1])
    proof = report.check(CheckId.PROOF)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert proof is not None and "Ed25519 key" in proof.reason


def test_iss_that_disagrees_with_issuer_is_not_verified() -> None:
    report = verdict_of(vc2_token(iss="did:key:z6MkSomeoneElse"))
    fmt = report.check(CheckId.FORMAT)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert fmt is not None and "disagree" in fmt.reason


def test_exp_claim_fills_a_missing_valid_until_and_expires() -> None:
    payload = ob3_unsigned(KEY, valid_until=None) | {"exp": 1767225600}  # 2026-01-01
    header = {"alg": "EdDSA", "typ": "vc+jwt", "kid": f"{ISSUER}#{ISSUER[8:]}"}
    report = verdict_of(sign(header, payload, OKPKey.import_key(KEY)))
    dates = report.check(CheckId.DATES)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert dates is not None and dates.reason == "Expired on 1 Jan 2026."


def test_vc11_jwt_claims_must_match_the_vc_claim() -> None:
    vc = ob3_unsigned(KEY)
    vc["@context"][0] = "https://www.w3.org/2018/credentials/v1"
    vc["issuanceDate"] = vc.pop("validFrom")
    vc.pop("validUntil")
    header = {"alg": "EdDSA", "typ": "JWT", "kid": f"{ISSUER}#{ISSUER[8:]}"}
    good = {"vc": vc, "iss": ISSUER, "nbf": 1768467600}
    assert verdict_of(sign(header, good, OKPKey.import_key(KEY))).verdict is Verdict.VERIFIED
    bad = {"vc": vc, "iss": ISSUER, "nbf": 1768467600 + 86400}
    report = verdict_of(sign(header, bad, OKPKey.import_key(KEY)))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "nbf" in report.headline_reason


def test_es256_token_from_a_p256_did_key_verifies() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    did = p256_did(key)
    payload = ob3_unsigned(KEY) | {"issuer": {"id": did, "type": ["Profile"], "name": "P"}}
    header = {"alg": "ES256", "typ": "vc+jwt", "kid": f"{did}#{did[8:]}"}
    token = sign(header, payload, ECKey.import_key(key))
    report = verify_payload(token.encode(), context({did: "P-256 College"}))
    assert report.verdict is Verdict.VERIFIED, report.checks


def test_token_without_kid_from_a_did_key_issuer_uses_that_key() -> None:
    payload = ob3_unsigned(KEY)
    token = sign({"alg": "EdDSA", "typ": "vc+jwt"}, payload, OKPKey.import_key(KEY))
    assert verdict_of(token).verdict is Verdict.VERIFIED


@pytest.mark.parametrize("alg", ["RS256", "PS256"])
def test_rsa_algorithms_verify_with_an_rsa_jwk(alg: str) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = RSAKey.import_key(key.public_key()).as_dict()
    token = sign({"alg": alg}, {"hello": "world"}, RSAKey.import_key(key))
    verify_compact_jws(token, public_key_from_jwk(jwk), alg)
    tampered = token.split(".")[0] + "." + b64({"hello": "there"}) + "." + token.split(".")[2]
    with pytest.raises(ProofFailedError):
        verify_compact_jws(tampered, public_key_from_jwk(jwk), alg)


def test_short_rsa_keys_and_private_jwks_are_refused() -> None:
    from kiosk.verification.errors import KeyResolutionError

    small = (
        rsa.generate_private_key(public_exponent=65537, key_size=1024).public_key().public_numbers()
    )

    def b64int(value: int) -> str:
        raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    with pytest.raises(KeyResolutionError):
        public_key_from_jwk({"kty": "RSA", "n": b64int(small.n), "e": b64int(small.e)})
    with pytest.raises(KeyResolutionError):
        public_key_from_jwk(OKPKey.import_key(KEY).as_dict(private=True))


def test_embedded_internal_proof_type_is_refused_in_json() -> None:
    """A JSON credential cannot borrow a valid JWS as its 'proof'."""
    token = vc2_token()
    forged = ob3_unsigned(KEY) | {"name": "Forged"}
    forged["proof"] = {
        "type": "kiosk:compact-jws",
        "verificationMethod": f"{ISSUER}#{ISSUER[8:]}",
        "proofPurpose": "assertionMethod",
        "alg": "EdDSA",
        "jws": token,
    }
    report = verify_payload(json.dumps(forged).encode(), context({ISSUER: "Test College"}))
    assert report.verdict is Verdict.NOT_VERIFIED


@pytest.mark.parametrize("typ", [None, "Kakamimi", "JWT"])
def test_vc_jose_token_must_declare_its_type(typ: str | None) -> None:
    header = {"alg": "EdDSA", "kid": f"{ISSUER}#{ISSUER[8:]}"} | ({"typ": typ} if typ else {})
    report = verdict_of(sign(header, ob3_unsigned(KEY), OKPKey.import_key(KEY)))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "typ" in report.headline_reason


def test_es256k_token_from_a_secp256k1_did_jwk_verifies() -> None:
    """The web5 form: an ES256K VC-JWT whose kid is a did:jwk of a secp256k1 key."""
    key = ec.generate_private_key(ec.SECP256K1())
    public = ECKey.import_key(key.public_key()).as_dict(private=False)
    did = "did:jwk:" + b64(public)
    payload = ob3_unsigned(KEY) | {"issuer": {"id": did, "type": ["Profile"], "name": "X"}}
    header = {"alg": "ES256K", "typ": "vc+jwt", "kid": f"{did}#0"}
    token = sign(header, payload, ECKey.import_key(key))
    report = verify_payload(token.encode(), context({did: "K1 College"}))
    assert report.verdict is Verdict.VERIFIED, report.checks
