"""Issuers identified by https URLs: profiles with keys, key documents, JWKS, Open Badges 2.0
CryptographicKeys — served over real HTTPS — and the universal resolver an operator may set."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
import trustme
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from kiosk.verification.model import CheckResult, VerificationReport
from tests.conftest import NetworkAttempts
from tests.servers import LocalHttpsServer
from tests.unit.keys.issuers import (
    HOST,
    KEY,
    ROTATED,
    controller_document,
    issuer_fetcher,
    key_context,
    multikey,
    signed_by,
)

pytestmark = pytest.mark.local_servers


def key_check(report: VerificationReport) -> CheckResult:
    result = report.check(CheckId.ISSUER_KEY)
    assert result is not None
    return result


def origin(server: LocalHttpsServer) -> str:
    return f"https://{HOST}:{server.port}"


def jwk(key: Any = KEY, **extra: str) -> dict[str, str]:
    x = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": base64.urlsafe_b64encode(x).rstrip(b"=").decode(),
        **extra,
    }


def verify(
    ca: trustme.CA, issuer: str, method: str, tmp_path: Path, key: Any = KEY
) -> VerificationReport:
    return verify_document(
        signed_by(issuer, method, key), key_context(issuer, issuer_fetcher(ca), tmp_path)
    )


def test_a_profile_listing_its_key_under_assertion_method_verifies(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    issuer = f"{origin(server)}/issuers/1"
    server.json("/issuers/1", {"type": ["Profile"], **controller_document(issuer)})
    report = verify(tls_ca, issuer, f"{issuer}#key-1", tmp_path)
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert f"document at {HOST}:{server.port}/issuers/1" in key_check(report).reason


def test_a_profile_key_not_under_assertion_method_fails(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    issuer = f"{origin(server)}/issuers/1"
    server.json("/issuers/1", controller_document(issuer, relationships=()))
    report = verify(tls_ca, issuer, f"{issuer}#key-1", tmp_path)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "not authorised" in key_check(report).reason


def test_a_key_document_at_its_own_url_verifies_when_the_profile_lists_it(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    issuer, key_url = f"{origin(server)}/issuers/1", f"{origin(server)}/keys/1"
    server.json(
        "/keys/1",
        {
            "id": key_url,
            "type": "Multikey",
            "controller": issuer,
            "publicKeyMultibase": multikey(KEY),
        },
    )
    server.json("/issuers/1", {"id": issuer, "type": "Profile", "assertionMethod": [key_url]})
    report = verify(tls_ca, issuer, key_url, tmp_path)
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert server.paths == ["/keys/1", "/issuers/1"]


def test_a_key_document_its_controller_does_not_list_fails(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    issuer, key_url = f"{origin(server)}/issuers/1", f"{origin(server)}/keys/1"
    server.json(
        "/keys/1",
        {
            "id": key_url,
            "type": "Multikey",
            "controller": issuer,
            "publicKeyMultibase": multikey(KEY),
        },
    )
    server.json("/issuers/1", {"id": issuer, "type": "Profile"})
    report = verify(tls_ca, issuer, key_url, tmp_path)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert key_check(report).status is CheckStatus.FAILED


def test_a_key_document_claiming_another_controller_is_not_the_issuers(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    issuer, key_url = f"{origin(server)}/issuers/1", f"{origin(server)}/keys/1"
    attacker = f"{origin(server)}/attacker"
    server.json(
        "/keys/1",
        {
            "id": key_url,
            "type": "Multikey",
            "controller": attacker,
            "publicKeyMultibase": multikey(KEY),
        },
    )
    server.json("/attacker", {"id": attacker, "assertionMethod": [key_url]})
    server.json("/issuers/1", {"id": issuer, "type": "Profile"})
    report = verify(tls_ca, issuer, key_url, tmp_path)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "does not belong to its issuer" in key_check(report).reason


def test_a_jwks_key_verifies_only_when_the_profile_lists_it(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    issuer = f"{origin(server)}/issuers/1"
    method = f"{origin(server)}/jwks.json#signing-2026"
    server.json(
        "/jwks.json",
        {"keys": [jwk(kid="signing-2026"), jwk(ROTATED, kid="old")]},
        content_type="application/jwk-set+json",
    )
    server.json("/issuers/1", {"id": issuer, "assertionMethod": [method]})
    assert verify(tls_ca, issuer, method, tmp_path).verdict is Verdict.VERIFIED
    server.json("/issuers/1", {"id": issuer, "assertionMethod": []})
    report = verify(tls_ca, issuer, method, tmp_path / "fresh")
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "does not belong to its issuer" in key_check(report).reason


def test_an_open_badges_2_cryptographic_key_verifies_through_the_profile(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    issuer, key_url = f"{origin(server)}/issuer.json", f"{origin(server)}/public-key.json"
    pem = KEY.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    server.json(
        "/public-key.json",
        {
            "@context": "https://w3id.org/openbadges/v2",
            "type": "CryptographicKey",
            "id": key_url,
            "owner": issuer,
            "publicKeyPem": pem.decode(),
        },
    )
    server.json(
        "/issuer.json",
        {
            "@context": "https://w3id.org/openbadges/v2",
            "type": "Issuer",
            "id": issuer,
            "name": "OB2 College",
            "publicKey": key_url,
        },
    )
    report = verify(tls_ca, issuer, key_url, tmp_path)
    assert report.verdict is Verdict.VERIFIED, report.checks


def test_an_https_issuer_may_sign_with_a_did_key_it_lists(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    issuer = f"{origin(server)}/issuers/1"
    did_key = f"did:key:{multikey(ROTATED)}#{multikey(ROTATED)}"
    server.json("/issuers/1", {"id": issuer, "assertionMethod": [did_key]})
    report = verify(tls_ca, issuer, did_key, tmp_path, key=ROTATED)
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert "listed for signing in the issuer's profile" in key_check(report).reason


def test_without_network_an_https_issuers_binding_is_not_done(
    server: LocalHttpsServer, tmp_path: Path, network_guard: NetworkAttempts
) -> None:
    issuer = f"{origin(server)}/issuers/1"
    did_key = f"did:key:{multikey(ROTATED)}#{multikey(ROTATED)}"
    report = verify_document(
        signed_by(issuer, did_key, ROTATED), key_context(issuer, None, tmp_path)
    )
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert key_check(report).status is CheckStatus.NOT_DONE
    assert "offline" in key_check(report).reason
    assert report.check(CheckId.PROOF) is not None
    assert network_guard.attempts == [] and server.requests == []


def test_a_configured_universal_resolver_is_asked_for_other_did_methods(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    did = "did:example:123456"
    result = {"didDocument": controller_document(did), "didResolutionMetadata": {}}
    server.json(f"/1.0/identifiers/{did}", result)
    context = key_context(
        did,
        issuer_fetcher(tls_ca),
        tmp_path,
        universal_resolver=f"{origin(server)}/1.0/identifiers/",
    )
    report = verify_document(signed_by(did, f"{did}#key-1"), context)
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert "did:example document from the resolver at" in key_check(report).reason
    assert server.paths == [f"/1.0/identifiers/{did}"]
