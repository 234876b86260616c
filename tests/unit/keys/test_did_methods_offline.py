"""DID methods that need no network: did:key vectors (shared and W3C), did:jwk (web5 vectors and
our own keys), did:web locations (spec examples), and unsupported methods."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from kiosk.verification.errors import KeyResolutionError, UnsupportedError
from kiosk.verification.keys.did_jwk import did_jwk_document, resolve_did_jwk
from kiosk.verification.keys.did_key import did_key_document, resolve_did_key
from kiosk.verification.keys.did_web import did_web_location
from kiosk.verification.keys.jwk import public_key_from_jwk
from kiosk.verification.keys.public_key import KeyType, PublicKey
from kiosk.verification.keys.resolver import resolve_verification_method
from tests.conftest import NetworkAttempts, shared_vectors
from tests.helpers import NOW, context, make_key
from tests.unit.keys.issuers import signed_by


def raw(key: PublicKey) -> bytes:
    if isinstance(key.key, ec.EllipticCurvePublicKey):
        return key.key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return key.key.public_bytes(Encoding.Raw, PublicFormat.Raw)  # type: ignore[union-attr]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def did_jwk_for(jwk: dict[str, Any]) -> str:
    return "did:jwk:" + b64url(json.dumps(jwk, separators=(",", ":")).encode())


# -- did:key ----------------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.parametrize(
    "name",
    [
        "did-key-z6MkjHnntGvtLjwfAMHWTAXXGJHhVL3DPtaT9BHmyTjWpjqs.json",
        "did-key-zQ3shWbMURApEGeYEYbyfMoPbuW5qCmM7gtWkwnhGf2LLkv2M.json",
    ],
)
def test_shared_did_key_documents_give_the_same_key_as_the_identifier(name: str) -> None:
    """Blockcerts' expected did:key documents carry each key as a JWK: ours must match it."""
    folder = shared_vectors() / "blockcerts" / "cert-verifier-js"
    path = next(folder.rglob(name))
    expected = json.loads(path.read_text("utf-8"))
    method = resolve_did_key(expected["verificationMethod"][0]["id"])
    jwk = {k: v for k, v in expected["verificationMethod"][0]["publicKeyJwk"].items() if k != "kid"}
    assert raw(method.public_key) == raw(public_key_from_jwk(jwk))
    assert method.controller == expected["id"]
    assert method.purposes >= {"assertionMethod", "authentication"}


@pytest.mark.shared
@pytest.mark.parametrize(
    ("relative", "key_type"),
    [
        ("w3c-vc-di-eddsa/TestVectors/keyPair.json", KeyType.ED25519),
        ("w3c-vc-di-ecdsa/TestVectors/p256KeyPair.json", KeyType.P256),
        ("w3c-vc-di-ecdsa/TestVectors/p384KeyPair.json", KeyType.P384),
    ],
)
def test_w3c_key_pairs_resolve_as_did_keys_to_their_types(relative: str, key_type: KeyType) -> None:
    pair = json.loads((shared_vectors() / relative).read_text("utf-8"))
    public = pair["publicKeyMultibase"]
    method = resolve_did_key(f"did:key:{public}#{public}")
    assert method.public_key.key_type is key_type


def test_a_did_key_document_lists_its_one_key_for_every_signing_purpose() -> None:
    did = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
    document = did_key_document(did)
    method_id = f"{did}#{did[8:]}"
    assert document["id"] == did
    assert document["assertionMethod"] == [method_id]
    assert document["verificationMethod"] == [
        {
            "id": method_id,
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": did[8:],
        }
    ]


# -- did:jwk ----------------------------------------------------------------------------------


@pytest.mark.shared
def test_web5_did_jwk_vectors_resolve_to_their_documents() -> None:
    path = shared_vectors() / "web5-spec" / "test-vectors" / "did_jwk" / "resolve.json"
    vectors = json.loads(path.read_text("utf-8"))["vectors"]
    assert len(vectors) == 3
    for vector in vectors:
        if vector.get("errors"):
            with pytest.raises(KeyResolutionError):
                did_jwk_document(vector["input"])
            continue
        expected = vector["output"]["didDocument"]
        assert did_jwk_document(vector["input"]) == expected
        method = resolve_did_jwk(f"{vector['input']}#0", NOW)
        jwk = expected["verificationMethod"][0]["publicKeyJwk"]
        assert raw(method.public_key) == raw(public_key_from_jwk(jwk))


def test_a_credential_signed_by_a_did_jwk_issuer_verifies() -> None:
    key = make_key("did:jwk issuer")
    x = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    did = did_jwk_for({"kty": "OKP", "crv": "Ed25519", "x": b64url(x)})
    report = verify_document(signed_by(did, f"{did}#0", key), context({did: "JWK College"}))
    assert report.verdict is Verdict.VERIFIED, report.checks
    key_check = report.check(CheckId.ISSUER_KEY)
    assert key_check is not None and "did:jwk identifier itself" in key_check.reason


def test_a_did_jwk_for_encryption_only_cannot_sign_credentials() -> None:
    key = make_key("did:jwk enc")
    x = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    did = did_jwk_for({"kty": "OKP", "crv": "Ed25519", "x": b64url(x), "use": "enc"})
    report = verify_document(signed_by(did, f"{did}#0", key), context({did: "JWK College"}))
    key_check = report.check(CheckId.ISSUER_KEY)
    assert key_check is not None and key_check.status is CheckStatus.FAILED
    assert "not authorised" in key_check.reason


@pytest.mark.parametrize(
    "did_url",
    [
        "did:jwk:hehe",
        "did:jwk:" + b64url(b"[1, 2]"),
        "did:jwk:" + b64url(b'{"kty": "OKP", "crv": "Ed25519", "x": "AA", "d": "AA"}') + "#0",
        did_jwk_for({"kty": "OKP", "crv": "Ed25519", "x": b64url(bytes(32))}) + "#1",
        "did:jwk:eyJ=",
    ],
)
def test_malformed_did_jwks_are_refused(did_url: str) -> None:
    with pytest.raises(KeyResolutionError):
        resolve_did_jwk(did_url, NOW)


def test_a_did_jwk_of_an_unsupported_key_type_is_not_done() -> None:
    did = did_jwk_for({"kty": "OKP", "crv": "X448", "x": b64url(bytes(56))})
    with pytest.raises(UnsupportedError):
        resolve_did_jwk(f"{did}#0", NOW)


# -- did:web locations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("did", "url"),
    [
        ("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json"),
        (
            "did:web:w3c-ccg.github.io:user:alice",
            "https://w3c-ccg.github.io/user/alice/did.json",
        ),
        ("did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json"),
        ("did:web:Example.COM", "https://example.com/.well-known/did.json"),
        ("did:web:example.com:a%20b", "https://example.com/a%20b/did.json"),
    ],
)
def test_did_web_identifiers_map_to_their_document_urls(did: str, url: str) -> None:
    assert did_web_location(did).url == url


@pytest.mark.shared
def test_web5_did_web_vectors_map_to_their_mock_server_urls() -> None:
    path = shared_vectors() / "web5-spec" / "test-vectors" / "did_web" / "resolve.json"
    for vector in json.loads(path.read_text("utf-8"))["vectors"]:
        did = vector["input"]["didUri"]
        served = vector["input"].get("mockServer")
        if served:
            assert did_web_location(did).url == next(iter(served))
        elif "invalidDid" in json.dumps(vector["output"]):
            with pytest.raises(KeyResolutionError):
                did_web_location(did)


@pytest.mark.parametrize(
    "did",
    [
        "did:web:127.0.0.1",
        "did:web:[::1]",
        "did:web:example.com%3A99999",
        "did:web:example.com%3Ahttp",
        "did:web:example.com::alice",
        "did:web:example.com:..:alice",
        "did:web:example.com:a%2Fb",
        "did:web:invalidcharø.com",
        "did:web:localhost",
        "did:web:-bad-.example",
        "did:web:",
    ],
)
def test_invalid_did_web_identifiers_are_refused(did: str) -> None:
    with pytest.raises(KeyResolutionError):
        did_web_location(did)


# -- unsupported methods ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["did:ion", "did:ethr", "did:cheqd", "did:example"])
def test_other_did_methods_are_not_supported_and_nothing_is_fetched(
    method: str, network_guard: NetworkAttempts
) -> None:
    with pytest.raises(UnsupportedError) as refused:
        resolve_verification_method(f"{method}:abc123#key-1", context())
    assert refused.value.description == f"The DID method {method} is not supported."
    assert network_guard.attempts == []


def test_unsupported_issuer_method_is_check_manually_never_verified(tmp_path: Path) -> None:
    report = verify_document(signed_by("did:ion:abc", "did:ion:abc#key-1"), context())
    assert report.verdict is Verdict.CHECK_MANUALLY
    key_check = report.check(CheckId.ISSUER_KEY)
    assert key_check is not None and key_check.status is CheckStatus.NOT_DONE
    assert key_check.reason == "The DID method did:ion is not supported."
