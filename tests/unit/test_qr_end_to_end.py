"""Every payload envelope as a real QR image: rendered by the test (segno), read by the kiosk's
decoder, and verified — the path a scan takes, for each kind of code a candidate may show."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import numpy as np
import pytest
import segno
from joserfc import jws
from joserfc.jwk import OKPKey

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_payload
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from scanners.qr_decoder import decode_qr
from tests.helpers import FIXTURES, context, make_key, ob3_unsigned, signed_ob3
from tests.unit.payloads.cborld_builder import legacy_cborld, vp1_b
from tests.unit.sd_jwt.builder import issue as issue_sd_jwt_vc

KEY = make_key()
ISSUER = did_key_for(KEY)
HOLDER_KEY = make_key("holder")
HOLDER = did_key_for(HOLDER_KEY)


def scan(payload: bytes) -> bytes:
    """Render `payload` as a QR code image and read it back with the kiosk's decoder."""
    image = segno.make_qr(payload, error="l", boost_error=False)
    rows = np.array(list(image.matrix_iter(scale=3, border=4)), dtype=np.uint8)
    codes = decode_qr((1 - rows) * 255)
    assert len(codes) == 1
    return codes[0].data


def jwt(header: dict[str, Any], payload: dict[str, Any]) -> bytes:
    import warnings

    from joserfc.errors import SecurityWarning

    registry = jws.JWSRegistry(algorithms=["EdDSA"], strict_check_header=False)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "EdDSA is deprecated", SecurityWarning)
        token = jws.serialize_compact(
            header, json.dumps(payload).encode(), OKPKey.import_key(KEY), registry=registry
        )
    return token.encode()


def presentation() -> dict[str, Any]:
    unsigned = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": HOLDER,
        "verifiableCredential": [signed_ob3()],
    }
    return sign_eddsa_rdfc_2022(
        unsigned,
        HOLDER_KEY,
        "2026-11-24T10:00:00Z",
        proof_purpose="authentication",
        options={"challenge": "c-1"},
    )


CASES: list[tuple[str, Any, Verdict]] = [
    ("JSON credential", lambda: json.dumps(signed_ob3()).encode(), Verdict.VERIFIED),
    (
        "VC-JOSE token",
        lambda: jwt(
            {"alg": "EdDSA", "typ": "vc+jwt", "kid": f"{ISSUER}#{ISSUER[8:]}"}, ob3_unsigned(KEY)
        ),
        Verdict.VERIFIED,
    ),
    (
        "peer-signed VC-JWT (jose)",
        lambda: (FIXTURES / "vectors/peer-generated/ob3-vc11-jwt-eddsa.jwt").read_bytes().strip(),
        Verdict.CHECK_MANUALLY,
    ),
    ("JSON presentation", lambda: json.dumps(presentation()).encode(), Verdict.CHECK_MANUALLY),
    (  # verified but for trust: its did:jwk issuer is not on this test's list
        "SD-JWT VC",
        lambda: issue_sd_jwt_vc().present(bind=False).encode(),
        Verdict.CHECK_MANUALLY,
    ),
    (
        "wallet request",
        lambda: b"openid4vp://?client_id=v&request_uri=https%3A%2F%2Fv.example%2Fr",
        Verdict.NOT_VERIFIED,
    ),
    (
        "link while offline",
        lambda: b"https://credentials.example.edu/badges/1.json",
        Verdict.CHECK_MANUALLY,
    ),
    (
        "insecure link",
        lambda: b"http://credentials.example.edu/badges/1.json",
        Verdict.NOT_VERIFIED,
    ),
    (
        "VP1 CBOR-LD presentation (self-made, unsigned)",
        lambda: vp1_b(
            legacy_cborld(
                {
                    "@context": ["https://www.w3.org/ns/credentials/v2"],
                    "type": ["VerifiablePresentation"],
                    "verifiableCredential": [signed_ob3()],
                }
            )
        ),
        Verdict.CHECK_MANUALLY,
    ),
    ("text that is no credential", lambda: b"Hello from the job fair!", Verdict.NOT_VERIFIED),
    ("binary garbage", lambda: bytes(range(256)), Verdict.NOT_VERIFIED),
]


@pytest.mark.parametrize(("name", "make", "verdict"), CASES, ids=[c[0] for c in CASES])
def test_each_envelope_scanned_from_a_qr_image(name: str, make: Any, verdict: Verdict) -> None:
    payload = make()
    assert scan(payload) == payload  # byte-exact through the decoder
    ctx = dataclasses.replace(context({ISSUER: "Test College"}), challenge="c-1")
    report = verify_payload(payload, ctx)
    assert report.verdict is verdict, report.checks
    payload_check = report.check(CheckId.PAYLOAD)
    assert payload_check is not None and payload_check.reason
    if verdict is Verdict.NOT_VERIFIED and name in {"text that is no credential", "binary garbage"}:
        assert payload_check.status is CheckStatus.FAILED
        assert "\x00" not in payload_check.reason


def test_a_vc_jose_token_with_its_last_signature_character_respelled_is_not_verified() -> None:
    """The same signature bytes spelled differently (spare bits of the last base64url
    character): a changed token is never read as the same token."""
    make = next(case[1] for case in CASES if case[0] == "VC-JOSE token")
    token = make().decode()
    ctx = dataclasses.replace(context({ISSUER: "Test College"}), challenge="c-1")
    assert verify_payload(token.encode(), ctx).verdict is Verdict.VERIFIED
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for other in alphabet.replace(token[-1], ""):
        changed = (token[:-1] + other).encode()
        assert verify_payload(changed, ctx).verdict is not Verdict.VERIFIED, other
