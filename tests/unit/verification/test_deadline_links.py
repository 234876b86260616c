"""Finding 4 through a link QR: the linked document is as large as a payload may be, or the
server answers too slowly; real HTTPS servers on 127.0.0.1."""

from __future__ import annotations

import dataclasses

import pytest
import trustme

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_payload
from kiosk.verification.context import VerificationContext
from tests.helpers import context, signed_ob3
from tests.large_payloads import empty_subjects
from tests.servers import LocalHttpsServer, Route, make_fetcher

pytestmark = pytest.mark.local_servers


def _online(ca: trustme.CA, server: LocalHttpsServer, deadline: float) -> VerificationContext:
    fetcher = make_fetcher(ca, f"127.0.0.1:{server.port}")
    return dataclasses.replace(context(), network=fetcher, deadline_seconds=deadline)


def test_a_short_link_to_a_240_kb_document_gets_its_verdict_in_time(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    """The 27-byte link of finding 4 (before: about an hour after the fetch)."""
    server.route("/c", Route(body=empty_subjects(), content_type="application/ld+json"))
    link = f"https://127.0.0.1:{server.port}/c".encode()
    report = verify_payload(link, _online(tls_ca, server, deadline=300.0))
    assert report.verdict is Verdict.NOT_VERIFIED
    format_check = report.check(CheckId.FORMAT)
    assert format_check is not None and format_check.status is CheckStatus.FAILED
    assert "too complex to canonicalize" in format_check.reason


def test_a_server_slower_than_the_deadline_is_check_manually(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    """The deadline covers fetches too: the fetcher's own limits (20 s) are longer."""
    server.route("/slow", Route(body=b"{}" * 64, drip_interval=0.5))
    server.json("/good", signed_ob3())
    online = _online(tls_ca, server, deadline=0.5)
    report = verify_payload(f"https://127.0.0.1:{server.port}/slow".encode(), online)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "took too long to check" in report.headline_reason
    # the same fetcher (its kept-alive connections) serves the next scan as before
    after = verify_payload(
        f"https://127.0.0.1:{server.port}/good".encode(),
        dataclasses.replace(online, deadline_seconds=300.0),
    )
    fetched = after.check(CheckId.PAYLOAD)
    proof = after.check(CheckId.PROOF)
    assert fetched is not None and fetched.status is CheckStatus.PASSED, after.checks
    assert proof is not None and proof.status is CheckStatus.PASSED, after.checks
