"""did:web end to end: documents served over real HTTPS, credentials signed in the test.

Each scenario of the issue: valid, key rotated, key revoked, expired, wrong controller, method
not under assertionMethod, 404, slow, huge, redirect to a private address, redirect loop,
non-JSON, JSON bomb — and offline with and without a cached copy.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import trustme

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from kiosk.verification.model import CheckResult, VerificationReport
from tests.conftest import NetworkAttempts
from tests.servers import LocalHttpsServer, Route
from tests.unit.keys.issuers import (
    KEY,
    ROTATED,
    controller_document,
    did_web,
    document_path,
    issuer_fetcher,
    key_context,
    multikey,
    signed_by,
)

pytestmark = pytest.mark.local_servers

PATH = ("issuers", "college")


def key_check(report: VerificationReport) -> CheckResult:
    result = report.check(CheckId.ISSUER_KEY)
    assert result is not None
    return result


def verify_with(
    ca: trustme.CA, server: LocalHttpsServer, document: Any, tmp_path: Path, **limits: Any
) -> VerificationReport:
    did = did_web(server, *PATH)
    if document is not None:
        server.json(document_path(*PATH), document)
    context = key_context(did, issuer_fetcher(ca, **limits), tmp_path)
    return verify_document(signed_by(did, f"{did}#key-1"), context)


def test_a_valid_did_web_issuer_is_verified_and_the_source_named(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    did = did_web(server, *PATH)
    report = verify_with(tls_ca, server, controller_document(did), tmp_path)
    assert report.verdict is Verdict.VERIFIED, report.checks
    reason = key_check(report).reason
    assert f"did:web document of issuer.kiosk.test:{server.port}/issuers/college" in reason
    assert "as of" not in reason  # fetched just now, not from the cache
    assert "document fetched 2026-11-24 12:00 UTC" in key_check(report).details
    assert server.paths == ["/issuers/college/did.json"]


def test_the_well_known_location_serves_a_bare_domain(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    did = did_web(server)
    server.json("/.well-known/did.json", controller_document(did))
    report = verify_document(
        signed_by(did, f"{did}#key-1"), key_context(did, issuer_fetcher(tls_ca), tmp_path)
    )
    assert report.verdict is Verdict.VERIFIED, report.checks


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"key": ROTATED}, "may have been replaced or removed"),
        ({"revoked": "2026-06-01T00:00:00Z"}, "revoked this key on 1 Jun 2026"),
        ({"expires": "2026-10-01T00:00:00Z"}, "let the key expire on 1 Oct 2026"),
        ({"controller": "did:web:evil.kiosk.test"}, "names another controller"),
        ({"relationships": ("authentication",)}, "not authorised to sign credentials"),
    ],
    ids=["key-rotated", "key-revoked", "key-expired", "wrong-controller", "not-assertion"],
)
def test_what_the_document_says_can_fail_the_key(
    tls_ca: trustme.CA,
    server: LocalHttpsServer,
    tmp_path: Path,
    change: dict[str, Any],
    words: str,
) -> None:
    did = did_web(server, *PATH)
    if "key" in change:  # rotated: the document now holds only the next key, under key-2
        document = controller_document(did, change["key"], fragment="key-2")
    else:
        document = controller_document(did, **change)
    report = verify_with(tls_ca, server, document, tmp_path)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert key_check(report).status is CheckStatus.FAILED
    assert words in key_check(report).reason


def test_a_revocation_date_still_ahead_does_not_fail_the_key(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    did = did_web(server, *PATH)
    document = controller_document(did, revoked="2027-06-01T00:00:00Z")
    assert verify_with(tls_ca, server, document, tmp_path).verdict is Verdict.VERIFIED


def test_a_document_for_another_did_fails(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    document = controller_document("did:web:someone-else.kiosk.test")
    report = verify_with(tls_ca, server, document, tmp_path)
    assert key_check(report).status is CheckStatus.FAILED
    assert "is for another identifier" in key_check(report).reason


@pytest.mark.parametrize(
    ("route", "limits", "words"),
    [
        (Route(status=404, body=b"{}"), {}, "answered 404"),
        (Route(body=b"{}", delay=5), {"read_timeout": 0.3}, "time limit"),
        (Route(body=b"{", filler_bytes=5_000_000), {"max_bytes": 64 * 1024}, "64 KiB"),
        (Route(body=b"<html></html>", content_type="text/html"), {}, "not JSON"),
        (Route(body=b"[" * 50_000 + b"]" * 50_000), {}, "nested more than 64"),
        (Route(status=302, headers={"Location": "https://10.0.0.1/did.json"}), {}, "private"),
        (
            Route(status=302, headers={"Location": "https://169.254.169.254/latest/meta-data"}),
            {},
            "link-local",
        ),
        (Route(status=302, headers={"Location": "/issuers/college/did.json"}), {}, "loop"),
    ],
    ids=["404", "slow", "huge", "non-json", "json-bomb", "to-private", "to-metadata", "loop"],
)
def test_an_unusable_answer_is_check_manually_with_the_reason(
    tls_ca: trustme.CA,
    server: LocalHttpsServer,
    network_guard: NetworkAttempts,
    tmp_path: Path,
    route: Route,
    limits: dict[str, Any],
    words: str,
) -> None:
    server.route(document_path(*PATH), route)
    report = verify_with(tls_ca, server, None, tmp_path, **limits)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert key_check(report).status is CheckStatus.NOT_DONE
    assert words in key_check(report).reason
    assert key_check(report).reason.startswith("Could not get the did:web document of")
    assert all(attempt == ("127.0.0.1", server.port) for attempt in network_guard.attempts)


def test_offline_a_cached_document_verifies_and_shows_its_fetch_date(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    did = did_web(server, *PATH)
    server.json(document_path(*PATH), controller_document(did))
    fetcher = issuer_fetcher(tls_ca, clock=lambda: datetime(2026, 11, 12, 9, 30, tzinfo=UTC))
    credential = signed_by(did, f"{did}#key-1")
    verify_document(credential, key_context(did, fetcher, tmp_path))
    report = verify_document(credential, key_context(did, None, tmp_path))
    assert report.verdict is Verdict.VERIFIED
    assert key_check(report).reason == (
        "The signing key is the issuer's, taken from the did:web document of "
        f"issuer.kiosk.test:{server.port}/issuers/college as of 12 Nov 2026."
    )
    assert "document fetched 2026-11-12 09:30 UTC" in key_check(report).details


def test_offline_without_a_cached_document_is_check_manually(
    server: LocalHttpsServer, tmp_path: Path, network_guard: NetworkAttempts
) -> None:
    did = did_web(server, *PATH)
    report = verify_document(signed_by(did, f"{did}#key-1"), key_context(did, None, tmp_path))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "offline and has no saved copy" in key_check(report).reason
    assert network_guard.attempts == [] and server.requests == []


def test_a_cached_document_older_than_the_limit_is_not_used(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    did = did_web(server, *PATH)
    server.json(document_path(*PATH), controller_document(did))
    credential = signed_by(did, f"{did}#key-1")
    verify_document(credential, key_context(did, issuer_fetcher(tls_ca), tmp_path))
    later = key_context(did, None, tmp_path, now=datetime(2027, 2, 1, tzinfo=UTC))
    report = verify_document(credential, later)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "older than the 30-day limit" in key_check(report).reason
    two_hours_later = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    short = key_context(did, None, tmp_path, now=two_hours_later, max_cache_age=timedelta(hours=1))
    assert "older than the 1-hour limit" in key_check(verify_document(credential, short)).reason
    within = key_context(did, None, tmp_path, now=two_hours_later)
    assert verify_document(credential, within).verdict is Verdict.VERIFIED


def test_when_the_server_fails_the_cached_copy_is_used(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    did = did_web(server, *PATH)
    server.json(document_path(*PATH), controller_document(did))
    credential = signed_by(did, f"{did}#key-1")
    verify_document(credential, key_context(did, issuer_fetcher(tls_ca), tmp_path))
    server.route(document_path(*PATH), Route(status=503, body=b"{}"))
    report = verify_document(credential, key_context(did, issuer_fetcher(tls_ca), tmp_path))
    assert report.verdict is Verdict.VERIFIED
    assert "as of 24 Nov 2026" in key_check(report).reason
    assert server.paths == ["/issuers/college/did.json"] * 2


def test_an_issuer_may_list_an_external_did_key_for_signing(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    did = did_web(server, *PATH)
    external = f"did:key:{multikey(ROTATED)}#{multikey(ROTATED)}"
    document = controller_document(did)
    document["assertionMethod"].append(external)
    server.json(document_path(*PATH), document)
    context = key_context(did, issuer_fetcher(tls_ca), tmp_path)
    report = verify_document(signed_by(did, external, ROTATED), context)
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert "listed for signing in the did:web document" in key_check(report).reason


def test_a_did_key_the_issuer_does_not_list_is_refused(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    did = did_web(server, *PATH)
    server.json(document_path(*PATH), controller_document(did))
    stranger = f"did:key:{multikey(ROTATED)}#{multikey(ROTATED)}"
    context = key_context(did, issuer_fetcher(tls_ca), tmp_path)
    report = verify_document(signed_by(did, stranger, ROTATED), context)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert key_check(report).reason == (
        "The credential was signed with a key that does not belong to its issuer."
    )


def test_a_key_signed_by_the_issuer_but_a_different_key_in_the_document_fails_the_proof(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    """The document's key-1 is KEY; a credential signed with another key naming key-1 fails."""
    did = did_web(server, *PATH)
    server.json(document_path(*PATH), controller_document(did, KEY))
    context = key_context(did, issuer_fetcher(tls_ca), tmp_path)
    report = verify_document(signed_by(did, f"{did}#key-1", ROTATED), context)
    assert report.verdict is Verdict.NOT_VERIFIED
    proof = report.check(CheckId.PROOF)
    assert proof is not None and proof.status is CheckStatus.FAILED
