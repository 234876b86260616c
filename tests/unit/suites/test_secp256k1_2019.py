"""EcdsaSecp256k1Signature2019: the Blockcerts v3 status lists (real, signed upstream) verify,
changed ones fail, and the JWS header and key rules hold; a credential suspended on the real
Blockcerts suspension list is NOT VERIFIED "suspended"."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from typing import Any

import pytest
import trustme
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.keys.multibase import base58btc_encode
from kiosk.verification.suites.rdfc_hashing import rdfc_hash_data
from tests.conftest import NetworkAttempts
from tests.helpers import context, load_fixture, signed_ob3
from tests.unit.status.lists import ISSUER_ID, bitstring_entry, credential, status_of
from tests.unit.status.public import path_of, public_server

LISTS = (
    "status/blockcerts/status-list-2021.json",
    "status/blockcerts/status-list-2021-suspension.json",
)
SUSPENSION_URL = "https://www.blockcerts.org/samples/3.0/status-list-2021-suspension.json"
DETACHED_ES256K = {"alg": "ES256K", "b64": False, "crit": ["b64"]}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def secp256k1_did(key: ec.EllipticCurvePrivateKey) -> str:
    point = key.public_key().public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
    return "did:key:z" + base58btc_encode(b"\xe7\x01" + point)


def sign_secp256k1_2019(
    unsecured: dict[str, Any], key: ec.EllipticCurvePrivateKey, header: dict[str, Any]
) -> dict[str, Any]:
    """Test-only signer: a detached unencoded-payload JWS over the RDFC verifyData."""
    did = secp256k1_did(key)
    proof = {
        "type": "EcdsaSecp256k1Signature2019",
        "created": "2026-01-15T09:00:00Z",
        "verificationMethod": f"{did}#{did[8:]}",
        "proofPurpose": "assertionMethod",
    }
    verify_data = rdfc_hash_data(unsecured, proof, Canonicalizer(), hashlib.sha256)
    encoded_header = b64url(json.dumps(header).encode())
    der = key.sign(encoded_header.encode() + b"." + verify_data, ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return {**unsecured, "proof": {**proof, "jws": f"{encoded_header}..{b64url(signature)}"}}


def own_credential(key: ec.EllipticCurvePrivateKey) -> dict[str, Any]:
    document = signed_ob3()
    del document["proof"]
    document["issuer"]["id"] = secp256k1_did(key)
    document["@context"].append("https://w3id.org/security/suites/secp256k1-2019/v1")
    return document


def proof_status(document: dict[str, Any], trusted: str | None = None) -> Any:
    report = verify_document(document, context({trusted: "X"} if trusted else None))
    proof = report.check(CheckId.PROOF)
    assert proof is not None, report.checks
    return proof


@pytest.mark.parametrize("fixture", LISTS)
def test_real_blockcerts_status_lists_verify(fixture: str) -> None:
    proof = proof_status(load_fixture(fixture))
    assert proof.status is CheckStatus.PASSED, proof
    assert "EcdsaSecp256k1Signature2019" in " ".join(proof.details)


@pytest.mark.parametrize("fixture", LISTS)
def test_a_changed_blockcerts_status_list_fails(fixture: str) -> None:
    document = load_fixture(fixture)
    document["validFrom"] = "2023-04-18T14:20:19.643Z"
    proof = proof_status(document)
    assert proof.status is CheckStatus.FAILED
    assert "does not match" in proof.reason


def test_own_signed_credential_verifies_and_a_change_fails() -> None:
    key = ec.generate_private_key(ec.SECP256K1())
    signed = sign_secp256k1_2019(own_credential(key), key, DETACHED_ES256K)
    report = verify_document(signed, context({secp256k1_did(key): "K1 College"}))
    assert report.verdict is Verdict.VERIFIED, report.checks
    changed = copy.deepcopy(signed)
    changed["credentialSubject"]["name"] = "Someone Else"
    assert proof_status(changed).status is CheckStatus.FAILED


@pytest.mark.parametrize(
    ("header", "status", "words"),
    [
        ({"alg": "ES256K"}, CheckStatus.FAILED, "unencoded-payload"),
        ({"alg": "ES256K", "b64": True, "crit": ["b64"]}, CheckStatus.FAILED, "b64"),
        ({"alg": "HS256", "b64": False, "crit": ["b64"]}, CheckStatus.FAILED, "HMAC"),
        ({"alg": "none", "b64": False, "crit": ["b64"]}, CheckStatus.FAILED, "no key"),
        ({"alg": "ES512", "b64": False, "crit": ["b64"]}, CheckStatus.NOT_DONE, "ES512"),
        ({"alg": "ES256X", "b64": False, "crit": ["b64"]}, CheckStatus.FAILED, "unknown"),
    ],
)
def test_jws_header_rules(header: dict[str, Any], status: CheckStatus, words: str) -> None:
    """Only the detached ES256K form this suite signs; none/HMAC fail; another real algorithm
    is "not done"."""
    key = ec.generate_private_key(ec.SECP256K1())
    proof = proof_status(sign_secp256k1_2019(own_credential(key), key, header))
    assert proof.status is status, proof
    assert words in proof.reason


@pytest.mark.parametrize("jws", ["", "abc", "a.b.c", "eyJ..", "..sig", 42, None])
def test_malformed_jws_fails(jws: Any) -> None:
    document = load_fixture(LISTS[0])
    document["proof"]["jws"] = jws
    proof = proof_status(document)
    assert proof.status is CheckStatus.FAILED
    assert "malformed" in proof.reason or "missing" in proof.reason


def test_an_ed25519_key_cannot_make_this_proof() -> None:
    document = load_fixture(LISTS[0])
    ed_did = "did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH"
    document["issuer"] = ed_did
    document["proof"]["verificationMethod"] = f"{ed_did}#{ed_did[8:]}"
    proof = proof_status(document)
    assert proof.status is CheckStatus.FAILED
    assert "Ed25519" in proof.reason


@pytest.mark.local_servers
@pytest.mark.parametrize(
    ("index", "verdict", "words"),
    [(23548, Verdict.NOT_VERIFIED, "Suspended"), (23549, Verdict.VERIFIED, "Not revoked")],
)
def test_a_credential_on_the_real_blockcerts_suspension_list(
    tls_ca: trustme.CA,
    monkeypatch: pytest.MonkeyPatch,
    network_guard: NetworkAttempts,
    index: int,
    verdict: Verdict,
    words: str,
) -> None:
    """The list cert-verifier-js's suspension test serves (index 23548 set), signed upstream
    with EcdsaSecp256k1Signature2019 by a did:key that is not the credential's issuer."""
    from dataclasses import replace

    document = credential(bitstring_entry(SUSPENSION_URL, index, purpose="suspension"))
    with public_server(tls_ca, ["www.blockcerts.org"], monkeypatch) as (server, fetcher):
        server.json(path_of(SUSPENSION_URL), load_fixture(LISTS[1]))
        trusted = replace(context({ISSUER_ID: "Test College"}), network=fetcher)
        report = verify_document(document, trusted)
    result = status_of(report)
    assert report.verdict is verdict, report.checks
    assert words in result.reason
    assert any("zQ3shWbMURApEGeYEYbyfMoPbuW5qCmM7gtWkwnhGf2LLkv2M" in d for d in result.details)
