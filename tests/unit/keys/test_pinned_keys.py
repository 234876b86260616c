"""Keys named by identifiers the kiosk cannot look up (`urn:uuid:…#z6Mk…`, as in 1EdTech's CLR
samples) are "not done", never failed; a trust-list entry may pin the issuer's key, and then the
credential verifies (and a wrong pinned key fails the signature)."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import context, make_key, ob3_unsigned
from trust_lists import TrustedIssuer, TrustList, TrustListError, TrustRegistry, load_trust_list

KEY = make_key("urn issuer")
MULTIKEY = did_key_for(KEY).removeprefix("did:key:")
ISSUER = "urn:uuid:6f1d2c3b-7a8e-4f90-b1c2-d3e4f5a6b7c8"


def urn_credential(method: str = f"{ISSUER}#{MULTIKEY}") -> dict[str, Any]:
    unsigned = ob3_unsigned(KEY)
    unsigned["issuer"]["id"] = ISSUER
    return sign_eddsa_rdfc_2022(unsigned, KEY, "2026-01-15T09:00:00Z", verification_method=method)


def pinned(*keys: str) -> Any:
    entry = TrustedIssuer(id=ISSUER, name="Urn College", public_keys=keys)
    registry = TrustRegistry((TrustList("Registrar list", "tests", {ISSUER: entry}, "tests"),))
    return replace(context(), trust=registry)


def check(report: Any, check_id: CheckId) -> Any:
    result = report.check(check_id)
    assert result is not None, report.checks
    return result


def test_a_urn_key_without_a_pin_is_not_done_never_failed() -> None:
    report = verify_document(urn_credential(), context({ISSUER: "Urn College"}))
    key = check(report, CheckId.ISSUER_KEY)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert key.status is CheckStatus.NOT_DONE
    assert "urn: identifier" in key.reason


def test_a_pinned_multikey_verifies_it() -> None:
    report = verify_document(urn_credential(), pinned(MULTIKEY))
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert (
        "pinned for this issuer in the trust list 'Registrar list'"
        in check(report, CheckId.ISSUER_KEY).reason
    )


def test_a_pinned_jwk_verifies_it() -> None:
    raw = KEY.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    x = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    jwk = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, sort_keys=True)
    assert verify_document(urn_credential(), pinned(jwk)).verdict is Verdict.VERIFIED


def test_a_wrong_pinned_key_fails_the_signature() -> None:
    other = did_key_for(make_key("someone else")).removeprefix("did:key:")
    report = verify_document(urn_credential(), pinned(other))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert check(report, CheckId.PROOF).status is CheckStatus.FAILED


def test_with_several_pinned_keys_the_fragment_chooses() -> None:
    other = did_key_for(make_key("someone else")).removeprefix("did:key:")
    assert verify_document(urn_credential(), pinned(other, MULTIKEY)).verdict is Verdict.VERIFIED
    unnamed = urn_credential(method=f"{ISSUER}#key-1")
    report = verify_document(unnamed, pinned(other, MULTIKEY))
    assert check(report, CheckId.ISSUER_KEY).status is CheckStatus.NOT_DONE


def test_a_pin_is_never_used_for_a_key_that_resolves() -> None:
    """A did:key method resolves: the pinned key plays no part (a foreign did:key fails)."""
    stranger = make_key("stranger")
    unsigned = ob3_unsigned(stranger)
    unsigned["issuer"]["id"] = ISSUER
    document = sign_eddsa_rdfc_2022(unsigned, stranger, "2026-01-15T09:00:00Z")
    report = verify_document(document, pinned(MULTIKEY))
    assert report.verdict is not Verdict.VERIFIED


def test_a_key_reference_without_a_scheme_still_fails() -> None:
    """1EdTech's `simple-err-proof-method-no-scheme`: not an identifier at all (the kiosk cannot
    even sign it: JSON-LD refuses the relative IRI), so the proof is refused."""
    document = urn_credential()
    document["proof"]["verificationMethod"] = MULTIKEY
    report = verify_document(document, pinned(MULTIKEY))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert check(report, CheckId.ISSUER_KEY).status is CheckStatus.FAILED


def write(tmp_path: Path, keys: Any) -> Path:
    path = tmp_path / "list.json"
    entry = {"id": ISSUER, "name": "Urn College", "public_keys": keys}
    path.write_text(
        json.dumps({"format": "credential-kiosk-trust-list/1", "name": "L", "issuers": [entry]})
    )
    return path


def test_the_loader_reads_pinned_keys(tmp_path: Path) -> None:
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": "abc"}
    loaded = load_trust_list(write(tmp_path, [MULTIKEY, jwk]))
    keys = loaded.issuers[ISSUER].public_keys
    assert keys[0] == MULTIKEY and json.loads(keys[1]) == jwk


@pytest.mark.parametrize("keys", ["z6Mk", [42], [{"x": "no kty"}], ["short"], [MULTIKEY] * 17])
def test_the_loader_refuses_malformed_pinned_keys(tmp_path: Path, keys: Any) -> None:
    with pytest.raises(TrustListError, match="public"):
        load_trust_list(write(tmp_path, keys))


@pytest.mark.parametrize(
    ("scheme", "status"),
    [
        ("urn:uuid:1b2c#", CheckStatus.NOT_DONE),
        ("http://issuer.example/keys#", CheckStatus.NOT_DONE),
        ("xxx:", CheckStatus.FAILED),  # 1EdTech's simple-err-proof-method-unknown-scheme
    ],
)
def test_only_registered_schemes_are_not_done(scheme: str, status: CheckStatus) -> None:
    document = urn_credential()
    document["proof"]["verificationMethod"] = f"{scheme}{MULTIKEY}"
    report = verify_document(document, context({ISSUER: "Urn College"}))
    assert check(report, CheckId.ISSUER_KEY).status is status


def test_a_did_key_signing_for_a_urn_issuer_is_bound_by_a_pin() -> None:
    """1EdTech's simple-did-key-method: issuer `urn:uuid:…`, key a did:key. The key resolves but
    nothing says it is the issuer's: not done, unless the issuer's entry pins that very key."""
    document = urn_credential(method=f"{did_key_for(KEY)}#{MULTIKEY}")
    unpinned = verify_document(document, context({ISSUER: "Urn College"}))
    assert check(unpinned, CheckId.ISSUER_KEY).status is CheckStatus.NOT_DONE
    report = verify_document(document, pinned(MULTIKEY))
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert (
        "pinned for it in the trust list 'Registrar list'"
        in check(report, CheckId.ISSUER_KEY).reason
    )
    other = did_key_for(make_key("someone else")).removeprefix("did:key:")
    assert check(verify_document(document, pinned(other)), CheckId.ISSUER_KEY).status is (
        CheckStatus.NOT_DONE
    )
