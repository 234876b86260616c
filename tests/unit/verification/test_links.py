"""A QR code holding a link: the credential is fetched through the guarded fetcher from real
HTTPS servers on 127.0.0.1, with content negotiation and one standard HTML-alternate hop."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
import trustme

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_payload
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import FIXTURES, context, make_key, ob3_unsigned, signed_ob3
from tests.servers import LocalHttpsServer, Route, make_fetcher

pytestmark = pytest.mark.local_servers

KEY = make_key()
ISSUER = did_key_for(KEY)
JWT = (FIXTURES / "vectors/peer-generated/ob3-vc2-jose-eddsa.jwt").read_text().strip()


@pytest.fixture
def ca(tls_ca: trustme.CA) -> trustme.CA:
    return tls_ca


def online(ca: trustme.CA, server: LocalHttpsServer, **trusted: str) -> Any:
    fetcher = make_fetcher(ca, f"127.0.0.1:{server.port}")
    return dataclasses.replace(context({ISSUER: "Linked College", **trusted}), network=fetcher)


def link(server: LocalHttpsServer, path: str) -> bytes:
    return f"https://127.0.0.1:{server.port}{path}".encode()


def test_linked_json_credential_is_fetched_and_verified(
    ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/badges/1.json", signed_ob3())
    report = verify_payload(link(server, "/badges/1.json"), online(ca, server))
    assert report.verdict is Verdict.VERIFIED, report.checks
    payload = report.check(CheckId.PAYLOAD)
    assert payload is not None and "Fetched the credential from 127.0.0.1" in payload.reason
    assert "application/ld+json" in server.requests[0].headers.get("Accept", "")


def test_linked_jwt_credential_is_verified(ca: trustme.CA, server: LocalHttpsServer) -> None:
    server.route("/c.jwt", Route(body=JWT.encode(), content_type="application/vc+jwt"))
    issuer = "did:key:z6MkiHMipUvDtgUF5ThCdEJttsCHcMt34Yg7UcjutfqTb7AH"
    report = verify_payload(link(server, "/c.jwt"), online(ca, server, **{issuer: "Peer"}))
    assert report.verdict is Verdict.VERIFIED, report.checks


def test_html_page_naming_a_json_alternate_is_followed_once(
    ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/badges/2.json", signed_ob3())
    page = b'<html><head><link rel="alternate" type="application/ld+json" href="/badges/2.json">'
    server.route("/share/2", Route(body=page + b"</head></html>", content_type="text/html"))
    report = verify_payload(link(server, "/share/2"), online(ca, server))
    assert report.verdict is Verdict.VERIFIED
    assert server.paths == ["/share/2", "/badges/2.json"]


def test_html_page_without_a_credential_is_not_verified(
    ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.route(
        "/share/3", Route(body=b"<html><body>Congrats!</body></html>", content_type="text/html")
    )
    report = verify_payload(link(server, "/share/3"), online(ca, server))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "web page" in report.headline_reason


def test_missing_linked_credential_is_not_verified(
    ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/gone", {"error": "no"}, status=404)
    report = verify_payload(link(server, "/gone"), online(ca, server))
    assert report.verdict is Verdict.NOT_VERIFIED


def test_unreachable_link_is_check_manually(ca: trustme.CA, server: LocalHttpsServer) -> None:
    server.json("/broken", {"error": "later"}, status=503)
    report = verify_payload(link(server, "/broken"), online(ca, server))
    assert report.verdict is Verdict.CHECK_MANUALLY
    payload = report.check(CheckId.PAYLOAD)
    assert payload is not None and payload.status is CheckStatus.NOT_DONE


def test_offline_link_is_check_manually_without_any_request(server: LocalHttpsServer) -> None:
    report = verify_payload(link(server, "/badges/1.json"), context({ISSUER: "Linked College"}))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "offline" in report.headline_reason
    assert server.paths == []


def test_link_to_a_host_that_is_not_allowed_is_refused(
    ca: trustme.CA,
    server: LocalHttpsServer,
) -> None:
    fetcher = make_fetcher(ca)  # nothing allow-listed: 127.0.0.1 is loopback, refused
    ctx = dataclasses.replace(context(), network=fetcher)
    report = verify_payload(link(server, "/badges/1.json"), ctx)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "refused" in report.headline_reason
    assert server.paths == []


def test_a_link_to_another_link_is_not_followed(ca: trustme.CA, server: LocalHttpsServer) -> None:
    server.route("/hop", Route(body=link(server, "/badges/1.json"), content_type="text/plain"))
    report = verify_payload(link(server, "/hop"), online(ca, server))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert server.paths == ["/hop"]


def test_linked_tampered_credential_is_not_verified(
    ca: trustme.CA, server: LocalHttpsServer
) -> None:
    document = signed_ob3()
    document["name"] = "Changed"
    server.route("/t.json", Route(body=json.dumps(document).encode()))
    assert (
        verify_payload(link(server, "/t.json"), online(ca, server)).verdict is Verdict.NOT_VERIFIED
    )


def with_image(size: int) -> dict[str, Any]:
    """A credential carrying an embedded image of about `size` bytes, as Blockcerts and
    Open Badges certificates do; signed after the image is added."""
    unsigned = ob3_unsigned(KEY)
    image = "data:image/png;base64," + "A" * size
    unsigned["credentialSubject"]["achievement"]["image"] = {"id": image, "type": "Image"}
    return sign_eddsa_rdfc_2022(unsigned, KEY, "2026-01-15T09:00:00Z")


def test_a_linked_credential_larger_than_a_document_but_within_the_file_limit_verifies(
    ca: trustme.CA, server: LocalHttpsServer
) -> None:
    """DID documents and lists are capped at 1 MiB; a credential behind a link may be as large
    as a file (`max_file_bytes`)."""
    server.json("/big.json", with_image(1_500_000))
    report = verify_payload(link(server, "/big.json"), online(ca, server))
    assert report.verdict is Verdict.VERIFIED, report.checks


def test_a_linked_credential_over_the_file_limit_is_refused(
    ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/huge.json", with_image(600_000))
    small = dataclasses.replace(online(ca, server), max_file_bytes=500_000)
    report = verify_payload(link(server, "/huge.json"), small)
    payload = report.check(CheckId.PAYLOAD)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert payload is not None and "too large" in payload.reason
