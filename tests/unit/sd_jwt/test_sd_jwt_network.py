"""SD-JWT VC issuer keys and status over real HTTPS (local servers, trustme CA), and x5c chains
to trust anchors the trust configuration names.

The https issuer is `https://issuer.kiosk.test:PORT` (the test resolver maps it to 127.0.0.1).
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from kiosk.net import DocumentCache
from kiosk.sync import Outcome, run_sync
from kiosk.verification import CheckId, CheckStatus, Verdict, VerificationReport, verify_payload
from kiosk.verification.context import VerificationContext
from tests.helpers import NOW
from tests.servers import LocalHttpsServer, Route
from tests.unit.keys.issuers import HOST, issuer_fetcher
from tests.unit.sd_jwt.builder import (
    ISSUER_KEY,
    b64,
    context,
    issue,
    p256_key,
    public_jwk,
    sign_jwt,
)
from trust_lists import TrustedIssuer, TrustListError, TrustRegistry, load_trust_list

pytestmark = pytest.mark.local_servers


def https_issuer(server: LocalHttpsServer) -> str:
    return f"https://{HOST}:{server.port}"


def online(
    ca: trustme.CA, issuer: str, cache: Path | None = None, **kwargs: Any
) -> VerificationContext:
    return context(
        trusted={issuer: TrustedIssuer(issuer, "Test University")},
        network=issuer_fetcher(ca),
        cache=None if cache is None else DocumentCache(cache),
        **kwargs,
    )


def verify(text: str, ctx: VerificationContext) -> VerificationReport:
    return verify_payload(text.encode("ascii"), ctx)


def status_of(report: VerificationReport, check_id: CheckId) -> CheckStatus | None:
    result = report.check(check_id)
    return None if result is None else result.status


def serve_metadata(server: LocalHttpsServer, issuer: str, named: str | None = None) -> None:
    jwk = {**public_jwk(ISSUER_KEY), "kid": "key-1", "use": "sig"}
    metadata = {"issuer": named or issuer, "jwks": {"keys": [jwk]}}
    server.json("/.well-known/jwt-vc-issuer", metadata)


# -- JWT VC Issuer Metadata --------------------------------------------------------------------


def test_an_https_issuer_key_from_its_jwt_vc_issuer_metadata_verifies(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    issuer = https_issuer(server)
    serve_metadata(server, issuer)
    report = verify(issue(issuer=issuer, kid="key-1").present(), online(tls_ca, issuer))
    assert report.verdict is Verdict.VERIFIED, report.checks
    key = report.check(CheckId.ISSUER_KEY)
    assert key is not None and "JWT VC issuer metadata" in key.reason
    assert server.paths == ["/.well-known/jwt-vc-issuer"]


def test_the_metadata_path_follows_the_issuer_path_and_jwks_uri_is_fetched(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    issuer = https_issuer(server) + "/tenants/7"
    server.json(
        "/.well-known/jwt-vc-issuer/tenants/7",
        {"issuer": issuer, "jwks_uri": https_issuer(server) + "/keys.json"},
    )
    server.json("/keys.json", {"keys": [{**public_jwk(ISSUER_KEY), "kid": "key-1"}]})
    report = verify(issue(issuer=issuer, kid="key-1").present(), online(tls_ca, issuer))
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert server.paths == ["/.well-known/jwt-vc-issuer/tenants/7", "/keys.json"]


def test_metadata_naming_another_issuer_fails_the_issuer_key(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    issuer = https_issuer(server)
    serve_metadata(server, issuer, named="https://someone.else.example")
    report = verify(issue(issuer=issuer, kid="key-1").present(), online(tls_ca, issuer))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.ISSUER_KEY) is CheckStatus.FAILED


def test_a_kid_the_metadata_does_not_list_fails_the_issuer_key(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    issuer = https_issuer(server)
    serve_metadata(server, issuer)
    report = verify(issue(issuer=issuer, kid="key-9").present(), online(tls_ca, issuer))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.ISSUER_KEY) is CheckStatus.FAILED


def test_a_signature_by_a_key_other_than_the_published_one_fails_the_proof(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    issuer = https_issuer(server)
    serve_metadata(server, issuer)
    forged = issue(issuer=issuer, kid="key-1", key=p256_key("forger")).present()
    report = verify(forged, online(tls_ca, issuer))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.PROOF) is CheckStatus.FAILED


def test_unreachable_metadata_is_check_manually(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    issuer = https_issuer(server)
    server.route("/.well-known/jwt-vc-issuer", Route(status=503, body=b"{}"))
    report = verify(issue(issuer=issuer, kid="key-1").present(), online(tls_ca, issuer))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert status_of(report, CheckId.ISSUER_KEY) is CheckStatus.NOT_DONE
    assert status_of(report, CheckId.PROOF) is CheckStatus.NOT_DONE


# -- IETF Token Status List ----------------------------------------------------------------------


def status_list(values: dict[int, int], bits: int, entries: int = 64) -> str:
    """`lst`: entries of `bits` bits, least significant first, zlib-compressed, base64url."""
    data = bytearray((entries * bits + 7) // 8)
    for index, value in values.items():
        byte, shift = divmod(index * bits, 8)
        data[byte] |= value << shift
    return b64(zlib.compress(bytes(data)))


def serve_status_list(
    server: LocalHttpsServer,
    issuer: str,
    values: dict[int, int],
    bits: int = 2,
    *,
    key: ec.EllipticCurvePrivateKey = ISSUER_KEY,
    **claims: Any,
) -> str:
    uri = https_issuer(server) + "/statuslists/1"
    payload = {
        "sub": uri,
        "iat": int(NOW.timestamp()) - 3600,
        "exp": int(NOW.timestamp()) + 86400,
        "status_list": {"bits": bits, "lst": status_list(values, bits)},
        **claims,
    }
    token = sign_jwt({"alg": "ES256", "typ": "statuslist+jwt", "kid": "key-1"}, payload, key)
    server.route(
        "/statuslists/1", Route(body=token.encode(), content_type="application/statuslist+jwt")
    )
    return uri


def with_status(server: LocalHttpsServer, issuer: str, index: int, uri: str) -> str:
    extra = {"status": {"status_list": {"idx": index, "uri": uri}}}
    return issue(issuer=issuer, kid="key-1", extra_payload=extra).present()


@pytest.mark.parametrize(
    ("value", "verdict", "reason"),
    [
        (0, Verdict.VERIFIED, "Not revoked or suspended"),
        (1, Verdict.NOT_VERIFIED, "Revoked"),
        (2, Verdict.NOT_VERIFIED, "Suspended"),
        (3, Verdict.CHECK_MANUALLY, "Could not check"),
    ],
)
def test_token_status_list_values(
    tls_ca: trustme.CA, server: LocalHttpsServer, value: int, verdict: Verdict, reason: str
) -> None:
    issuer = https_issuer(server)
    serve_metadata(server, issuer)
    uri = serve_status_list(server, issuer, {5: value, 6: 1})
    report = verify(with_status(server, issuer, 5, uri), online(tls_ca, issuer))
    assert report.verdict is verdict, report.checks
    status = report.check(CheckId.STATUS)
    assert status is not None and status.reason.startswith(reason)


@pytest.mark.parametrize("bits", [1, 4, 8])
def test_every_width_of_entry_is_read(
    tls_ca: trustme.CA, server: LocalHttpsServer, bits: int
) -> None:
    issuer = https_issuer(server)
    serve_metadata(server, issuer)
    uri = serve_status_list(server, issuer, {9: 1}, bits)
    revoked = verify(with_status(server, issuer, 9, uri), online(tls_ca, issuer))
    assert revoked.verdict is Verdict.NOT_VERIFIED
    valid = verify(with_status(server, issuer, 10, uri), online(tls_ca, issuer))
    assert valid.verdict is Verdict.VERIFIED, valid.checks


def test_a_status_list_signed_by_someone_else_says_nothing(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    issuer = https_issuer(server)
    serve_metadata(server, issuer)
    uri = serve_status_list(server, issuer, {5: 1}, key=p256_key("not the issuer"))
    report = verify(with_status(server, issuer, 5, uri), online(tls_ca, issuer))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert status_of(report, CheckId.STATUS) is CheckStatus.NOT_DONE


def test_a_status_list_for_another_address_or_expired_says_nothing(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    issuer = https_issuer(server)
    serve_metadata(server, issuer)
    uri = serve_status_list(server, issuer, {5: 1}, sub="https://elsewhere.example/list")
    assert verify(with_status(server, issuer, 5, uri), online(tls_ca, issuer)).verdict is (
        Verdict.CHECK_MANUALLY
    )
    uri = serve_status_list(server, issuer, {5: 1}, exp=int(NOW.timestamp()) - 86400)
    assert verify(with_status(server, issuer, 5, uri), online(tls_ca, issuer)).verdict is (
        Verdict.CHECK_MANUALLY
    )


def test_an_index_outside_the_list_is_not_verified(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    issuer = https_issuer(server)
    serve_metadata(server, issuer)
    uri = serve_status_list(server, issuer, {})
    report = verify(with_status(server, issuer, 10_000, uri), online(tls_ca, issuer))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.STATUS) is CheckStatus.FAILED


def test_a_cached_status_list_is_used_offline_and_said_to_be(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    issuer = https_issuer(server)
    serve_metadata(server, issuer)
    uri = serve_status_list(server, issuer, {5: 1})
    presented = with_status(server, issuer, 5, uri)
    assert verify(presented, online(tls_ca, issuer, tmp_path)).verdict is Verdict.NOT_VERIFIED
    offline = context(
        trusted={issuer: TrustedIssuer(issuer, "Test University")},
        cache=DocumentCache(tmp_path),
        now=NOW + timedelta(hours=12),
        offline=True,
    )
    report = verify(presented, offline)
    assert report.verdict is Verdict.NOT_VERIFIED, report.checks
    status = report.check(CheckId.STATUS)
    assert status is not None and "as of" in status.reason


# -- x5c chains ----------------------------------------------------------------------------------


def certificate(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer_name: str,
    signer: ec.EllipticCurvePrivateKey,
    *,
    ca: bool,
    dns: Iterable[str] = (),
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer_name)]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=30))
        .not_valid_after(NOW + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signer.public_key()), critical=False
        )
    )
    if dns:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name) for name in dns]), critical=False
        )
    return builder.sign(signer, hashes.SHA256())


ROOT_KEY, OTHER_ROOT_KEY = p256_key("x509 root"), p256_key("x509 other root")
ROOT = certificate("Test Trust Anchor", ROOT_KEY, "Test Trust Anchor", ROOT_KEY, ca=True)
OTHER_ROOT = certificate("Other Root", OTHER_ROOT_KEY, "Other Root", OTHER_ROOT_KEY, ca=True)
X5C_ISSUER = "https://issuer.kiosk.test"


def x5c_presentation(
    signer: ec.EllipticCurvePrivateKey = ROOT_KEY,
    root_name: str = "Test Trust Anchor",
    dns: str = "issuer.kiosk.test",
) -> str:
    leaf = certificate("Issuer signing key", ISSUER_KEY, root_name, signer, ca=False, dns=[dns])
    chain = [base64.b64encode(leaf.public_bytes(Encoding.DER)).decode()]
    return issue(issuer=X5C_ISSUER, kid=None, header={"x5c": chain}).present()


def x5c_context(*anchors: x509.Certificate) -> VerificationContext:
    entry = TrustedIssuer(X5C_ISSUER, "Test University", x509_anchors=anchors)
    return context(trusted={X5C_ISSUER: entry})


def test_an_x5c_chain_to_a_configured_anchor_verifies() -> None:
    report = verify(x5c_presentation(), x5c_context(ROOT))
    assert report.verdict is Verdict.VERIFIED, report.checks
    key = report.check(CheckId.ISSUER_KEY)
    assert key is not None and "Test Trust Anchor" in key.reason


def test_an_x5c_chain_to_an_untrusted_root_is_never_passed() -> None:
    report = verify(x5c_presentation(OTHER_ROOT_KEY, "Other Root"), x5c_context(ROOT))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert status_of(report, CheckId.ISSUER_KEY) is CheckStatus.NOT_DONE
    assert status_of(report, CheckId.PROOF) is CheckStatus.NOT_DONE


def test_an_x5c_chain_without_any_configured_anchor_is_not_done() -> None:
    report = verify(x5c_presentation(), x5c_context())
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "no trust anchor" in report.headline_reason


def test_a_trusted_certificate_for_another_name_fails_the_issuer_key() -> None:
    report = verify(x5c_presentation(dns="someone-else.kiosk.test"), x5c_context(ROOT))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report, CheckId.ISSUER_KEY) is CheckStatus.FAILED


def test_an_expired_certificate_is_not_passed() -> None:
    later = context(
        trusted={X5C_ISSUER: TrustedIssuer(X5C_ISSUER, "T", x509_anchors=(ROOT,))},
        now=NOW + timedelta(days=400),
    )
    report = verify(x5c_presentation(), later)
    assert report.verdict is not Verdict.VERIFIED
    assert status_of(report, CheckId.ISSUER_KEY) is CheckStatus.NOT_DONE


def test_a_trust_list_file_names_x509_anchors_for_an_issuer(tmp_path: Path) -> None:
    pem = ROOT.public_bytes(Encoding.PEM).decode()
    path = tmp_path / "list.json"
    entry = {"id": X5C_ISSUER, "name": "Test University", "x509_anchors": [pem]}
    path.write_text(
        json.dumps({"format": "credential-kiosk-trust-list/1", "name": "L", "issuers": [entry]})
    )
    registry = TrustRegistry((load_trust_list(path),))
    ctx = replace(context(trusted={}), trust=registry)
    assert verify(x5c_presentation(), ctx).verdict is Verdict.VERIFIED
    entry["x509_anchors"] = ["-----BEGIN CERTIFICATE-----\nnot a certificate\n"]
    path.write_text(json.dumps({"format": "credential-kiosk-trust-list/1", "issuers": [entry]}))
    with pytest.raises(TrustListError) as caught:
        load_trust_list(path)
    assert "x509 anchor" in caught.value.reason


def test_kiosk_sync_caches_the_metadata_so_an_offline_kiosk_verifies(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    issuer = https_issuer(server)
    server.json("/.well-known/jwt-vc-issuer", {"issuer": issuer, "jwks_uri": issuer + "/jwks"})
    server.json("/jwks", {"keys": [{**public_jwk(ISSUER_KEY), "kid": "key-1"}]})
    others = f"{issuer}/profiles/ob.json"  # an https issuer without metadata: no row for it
    server.json("/profiles/ob.json", {"id": others, "type": "Profile"})
    entries = [TrustedIssuer(issuer, "Test University"), TrustedIssuer(others, "OB College")]
    items = run_sync(entries, fetcher=issuer_fetcher(tls_ca), cache=DocumentCache(tmp_path))
    rows = [(item.issuer_name, item.what, item.outcome) for item in items]
    assert ("Test University", "JWT VC issuer metadata", Outcome.FETCHED) in rows
    assert ("Test University", "issuer key set", Outcome.FETCHED) in rows
    assert not any(name == "OB College" and "JWT VC" in what for name, what, _ in rows)
    offline = context(
        trusted={issuer: TrustedIssuer(issuer, "Test University")},
        cache=DocumentCache(tmp_path),
        offline=True,
    )
    report = verify(issue(issuer=issuer, kid="key-1").present(), offline)
    assert report.verdict is Verdict.VERIFIED, report.checks


def test_a_status_list_ttl_lets_the_cached_copy_serve_without_a_new_fetch(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    issuer = https_issuer(server)
    serve_metadata(server, issuer)
    uri = serve_status_list(server, issuer, {5: 1}, ttl=3600)
    presented = with_status(server, issuer, 5, uri)
    assert verify(presented, online(tls_ca, issuer, tmp_path)).verdict is Verdict.NOT_VERIFIED
    assert verify(presented, online(tls_ca, issuer, tmp_path)).verdict is Verdict.NOT_VERIFIED
    assert server.paths.count("/statuslists/1") == 1  # the second time, within the ttl
    uri = serve_status_list(server, issuer, {5: 1})  # no ttl: asked again every time
    cache = tmp_path / "no-ttl"
    verify(presented, online(tls_ca, issuer, cache))
    verify(presented, online(tls_ca, issuer, cache))
    assert server.paths.count("/statuslists/1") == 3
