"""Bitstring Status List over real HTTPS: every way a list can answer, fail or not be there.

Lists and credentials are signed for real; lists are served by a local HTTPS server (trustme CA)
at `https://issuer.kiosk.test:PORT/…`.
"""

from __future__ import annotations

import gzip
import zlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import trustme

from kiosk.verification import CheckId, CheckStatus, Verdict
from kiosk.verification.status.encoding import encode_list
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import NOW, ob3_unsigned
from tests.servers import LocalHttpsServer, Route, unused_port
from tests.unit.status.lists import (
    CREATED,
    ISSUER,
    OTHER,
    bits,
    bitstring_entry,
    bitstring_list,
    credential,
    offline,
    online,
    origin,
    status_of,
    values,
    verify,
)

pytestmark = pytest.mark.local_servers


def serve(server: LocalHttpsServer, path: str = "/status/1", **kwargs: object) -> str:
    """Serve a signed list (built from `kwargs`) at `path`; return its URL."""
    url = f"{origin(server)}{path}"
    server.json(path, bitstring_list(url, **kwargs))  # type: ignore[arg-type]
    return url


def test_a_clear_bit_in_the_issuers_list_passes_and_the_credential_is_verified(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=bits({5}))
    report = verify(credential(bitstring_entry(url, 94567)), online(tls_ca))
    assert report.verdict is Verdict.VERIFIED, report.checks
    result = status_of(report)
    assert result.reason.startswith("Not revoked or suspended, according to the status list at")
    assert "as of" not in result.reason
    assert server.paths == ["/status/1"]


def test_a_set_revocation_bit_is_not_verified(tls_ca: trustme.CA, server: LocalHttpsServer) -> None:
    url = serve(server, data=bits({94567}))
    report = verify(credential(bitstring_entry(url, 94567)), online(tls_ca))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report).status is CheckStatus.FAILED
    assert status_of(report).reason == "Revoked by the issuer."
    assert report.headline_reason == "Revoked by the issuer."


def test_a_set_suspension_bit_is_not_verified_suspended(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=bits({7}), purpose="suspension")
    report = verify(credential(bitstring_entry(url, 7, "suspension")), online(tls_ca))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report).reason.startswith("Suspended by the issuer")


def test_every_entry_is_checked_and_the_most_severe_wins(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    revocations = serve(server, "/revocations", data=bits())
    suspensions = serve(server, "/suspensions", data=bits({3}), purpose="suspension")
    status = [bitstring_entry(revocations, 3), bitstring_entry(suspensions, 3, "suspension")]
    report = verify(credential(status), online(tls_ca))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report).reason.startswith("Suspended")
    assert sorted(server.paths) == ["/revocations", "/suspensions"]
    assert len(status_of(report).details) >= 2


def test_one_list_named_by_two_entries_is_fetched_once(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=bits(), purpose=["revocation", "suspension"])
    status = [bitstring_entry(url, 1), bitstring_entry(url, 2, "suspension")]
    report = verify(credential(status), online(tls_ca))
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert server.paths == ["/status/1"]


def test_multi_bit_message_status_passes_and_shows_the_message(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=values({10: 2}, size=2), purpose="message")
    messages = [
        {"status": "0x0", "message": "pending_review"},
        {"status": "0x1", "message": "accepted"},
        {"status": "0x2", "message": "rejected \x1b[31mRED"},
        {"status": "0x3", "message": "undefined"},
    ]
    entry = bitstring_entry(url, 10, "message", statusSize=2, statusMessage=messages)
    report = verify(credential(entry), online(tls_ca))
    result = status_of(report)
    assert result.status is CheckStatus.PASSED, result
    assert "status message" in result.reason
    assert any(line.endswith("status message: rejected [31mRED") for line in result.details)
    assert not any("\x1b" in line for line in result.details)


def test_a_message_value_the_issuer_left_undefined_is_not_done(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=values({10: 3}, size=2), purpose="message")
    messages = [{"status": f"0x{v}", "message": m} for v, m in enumerate("abc")] + [
        {"status": "0x3", "message": "undefined"}
    ]
    entry = bitstring_entry(url, 10, "message", statusSize=2, statusMessage=messages)
    result = status_of(verify(credential(entry), online(tls_ca)))
    assert result.status is CheckStatus.NOT_DONE
    assert "has not defined status 0x3" in result.reason


def test_a_multi_bit_revocation_value_is_revoked_with_the_issuers_message(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=values({4: 1}, size=2))
    messages = [
        {"status": "0x0", "message": "valid"},
        {"status": "0x1", "message": "Issued in error"},
        {"status": "0x2", "message": "Replaced"},
        {"status": "0x3", "message": "undefined"},
    ]
    entry = bitstring_entry(url, 4, statusSize=2, statusMessage=messages)
    report = verify(credential(entry), online(tls_ca))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report).reason == "Revoked by the issuer. Reason given: Issued in error."


def test_status_size_above_one_without_messages_is_malformed(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=values({}, size=2))
    report = verify(credential(bitstring_entry(url, 4, statusSize=2)), online(tls_ca))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "malformed" in status_of(report).reason
    assert server.paths == []


def test_a_list_with_a_bad_proof_is_never_believed(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/status/1"
    tampered = bitstring_list(url, bits())
    tampered["credentialSubject"]["encodedList"] = encode_list(bits({94567}))
    server.json("/status/1", tampered)
    report = verify(credential(bitstring_entry(url, 94567)), online(tls_ca))
    result = status_of(report)
    assert result.status is CheckStatus.NOT_DONE
    assert "signature is not valid" in result.reason
    assert report.verdict is Verdict.CHECK_MANUALLY


def test_an_unsigned_list_is_never_believed(tls_ca: trustme.CA, server: LocalHttpsServer) -> None:
    url = f"{origin(server)}/status/1"
    server.json("/status/1", bitstring_list(url, bits(), sign=False))
    result = status_of(verify(credential(bitstring_entry(url, 1)), online(tls_ca)))
    assert result.status is CheckStatus.NOT_DONE


def test_a_clear_bit_in_another_signers_verified_list_passes_and_names_the_signer(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    """Bitstring Status List 1.0: the list's issuer MAY differ from the credential's. A list
    whose proof verifies with its signer's resolved key is read; the signer is named."""
    url = serve(server, data=bits(), key=OTHER)
    report = verify(credential(bitstring_entry(url, 1)), online(tls_ca))
    result = status_of(report)
    assert result.status is CheckStatus.PASSED, result
    assert report.verdict is Verdict.VERIFIED
    signer = did_key_for(OTHER)
    named = [line for line in result.details if signer in line]
    assert named and "not by the credential's issuer" in named[0]


def test_another_signers_list_with_a_bad_signature_is_not_done(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/status/1"
    signed = bitstring_list(url, bits(), key=OTHER)
    signed["credentialSubject"]["encodedList"] = encode_list(bits({1}))
    server.json("/status/1", signed)
    for index in (1, 2):
        result = status_of(verify(credential(bitstring_entry(url, index)), online(tls_ca)))
        assert result.status is CheckStatus.NOT_DONE
        assert "cannot be relied on" in result.reason


def test_a_set_bit_in_another_issuers_signed_list_still_revokes(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=bits({1}), key=OTHER)
    report = verify(credential(bitstring_entry(url, 1)), online(tls_ca))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert any("not by the credential's issuer" in line for line in status_of(report).details)


@pytest.mark.parametrize(
    ("dates", "words"),
    [
        ({"validUntil": "2026-06-01T00:00:00Z"}, "expired on 1 Jun 2026"),
        ({"validFrom": "2027-01-01T00:00:00Z"}, "not valid yet"),
    ],
)
def test_a_list_outside_its_validity_period_is_not_done(
    tls_ca: trustme.CA, server: LocalHttpsServer, dates: dict[str, str], words: str
) -> None:
    url = serve(server, data=bits({1}), **dates)
    result = status_of(verify(credential(bitstring_entry(url, 1)), online(tls_ca)))
    assert result.status is CheckStatus.NOT_DONE
    assert words.lower() in result.reason.lower()


def test_a_list_for_another_purpose_is_not_done(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=bits({1}), purpose="suspension")
    result = status_of(verify(credential(bitstring_entry(url, 1)), online(tls_ca)))
    assert result.status is CheckStatus.NOT_DONE
    assert "is for suspension, not for revocation" in result.reason


def test_a_list_stating_no_purpose_is_read_with_the_entrys_purpose(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    """Blockcerts publishes lists without statusPurpose: both values are read, and noted."""
    url = f"{origin(server)}/status/1"
    unsigned = bitstring_list(url, bits({1}), sign=False)
    del unsigned["credentialSubject"]["statusPurpose"]
    server.json("/status/1", sign_eddsa_rdfc_2022(unsigned, ISSUER, CREATED))
    clear = status_of(verify(credential(bitstring_entry(url, 2)), online(tls_ca)))
    assert clear.status is CheckStatus.PASSED
    assert any("does not say what it is for" in line for line in clear.details)
    revoked = verify(credential(bitstring_entry(url, 1)), online(tls_ca))
    assert revoked.verdict is Verdict.NOT_VERIFIED
    assert status_of(revoked).reason.startswith("Revoked by the issuer")
    assert any("does not say what it is for" in line for line in status_of(revoked).details)


def test_a_document_that_is_not_a_status_list_credential_is_not_done(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=bits(), type=["VerifiableCredential"])
    result = status_of(verify(credential(bitstring_entry(url, 1)), online(tls_ca)))
    assert result.status is CheckStatus.NOT_DONE
    assert "is not a Bitstring Status List credential" in result.reason


def test_an_index_out_of_range_is_malformed(tls_ca: trustme.CA, server: LocalHttpsServer) -> None:
    url = serve(server, data=bits())
    report = verify(credential(bitstring_entry(url, 131072)), online(tls_ca))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report).reason.startswith("Its status entry is malformed: its index 131072")


@pytest.mark.parametrize("index", ["-1", "12a", "1e5", "", "99999999999999999999999"])
def test_an_index_that_is_not_a_whole_number_is_malformed(
    tls_ca: trustme.CA, server: LocalHttpsServer, index: str
) -> None:
    url = serve(server, data=bits())
    result = status_of(verify(credential(bitstring_entry(url, index)), online(tls_ca)))
    assert result.status is CheckStatus.FAILED
    assert "malformed" in result.reason


@pytest.mark.parametrize(
    ("encoded", "words"),
    [
        ("u!!not base64!!", "not base64url"),
        ("u" + encode_list(b"\0" * 16384)[1:40], "cut short"),
        ("uSGVsbG8gd29ybGQ", "not GZIP"),
        ("", "no encodedList"),
    ],
)
def test_a_malformed_encoding_is_not_done(
    tls_ca: trustme.CA, server: LocalHttpsServer, encoded: str, words: str
) -> None:
    url = serve(server, encoded=encoded)
    result = status_of(verify(credential(bitstring_entry(url, 1)), online(tls_ca)))
    assert result.status is CheckStatus.NOT_DONE
    assert words in result.reason


def test_a_gzip_bomb_is_refused_at_the_inflate_cap(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1024 * 1024)
    packed = b"".join(compressor.compress(block) for _ in range(256)) + compressor.flush()
    assert len(packed) < 512 * 1024  # 256 MiB of zeros in a few hundred KiB
    import base64

    url = serve(server, encoded="u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode())
    result = status_of(verify(credential(bitstring_entry(url, 1)), online(tls_ca)))
    assert result.status is CheckStatus.NOT_DONE
    assert "more than the 4 MiB limit" in result.reason


def test_a_list_shorter_than_the_minimum_is_read_both_ways_with_a_note(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    """Real DCC lists hold 100,000 entries: herd privacy protects the holder, not the
    verifier, so a clear bit and a set bit are read alike; the details say it is short."""
    url = serve(server, data=bits({2}, entries=100_000))
    clear = status_of(verify(credential(bitstring_entry(url, 1)), online(tls_ca)))
    assert clear.status is CheckStatus.PASSED
    assert any("100,000 entries, fewer than the 131,072" in line for line in clear.details)
    revoked = status_of(verify(credential(bitstring_entry(url, 2)), online(tls_ca)))
    assert revoked.status is CheckStatus.FAILED
    assert revoked.reason.startswith("Revoked by the issuer")
    assert any("fewer than the 131,072" in line for line in revoked.details)


def test_an_unreachable_list_is_check_manually(tls_ca: trustme.CA) -> None:
    url = f"https://issuer.kiosk.test:{unused_port()}/status/1"
    report = verify(credential(bitstring_entry(url, 1)), online(tls_ca))
    assert report.verdict is Verdict.CHECK_MANUALLY
    result = status_of(report)
    assert result.status is CheckStatus.NOT_DONE
    assert result.reason.startswith("Could not check whether it was revoked: the status list at")


def test_a_slow_list_is_cut_off_and_check_manually(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/status/1"
    body = bitstring_list(url, bits())
    import json

    server.route("/status/1", Route(body=json.dumps(body).encode(), delay=3.0))
    context = online(tls_ca, read_timeout=0.3, total_timeout=0.6)
    result = status_of(verify(credential(bitstring_entry(url, 1)), context))
    assert result.status is CheckStatus.NOT_DONE
    assert "time" in result.reason


def test_a_missing_list_is_check_manually(tls_ca: trustme.CA, server: LocalHttpsServer) -> None:
    url = f"{origin(server)}/status/none"
    result = status_of(verify(credential(bitstring_entry(url, 1)), online(tls_ca)))
    assert result.status is CheckStatus.NOT_DONE
    assert "404" in result.reason


def test_a_gzip_compressed_response_body_is_read(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    import json

    url = f"{origin(server)}/status/1"
    body = gzip.compress(json.dumps(bitstring_list(url, bits())).encode())
    server.route("/status/1", Route(body=body, headers={"Content-Encoding": "gzip"}))
    report = verify(credential(bitstring_entry(url, 1)), online(tls_ca))
    assert report.verdict is Verdict.VERIFIED, report.checks


UNSUPPORTED_TERMS = {
    "CredentialStatusList2017": "https://example.org/vocab#CredentialStatusList2017",
    "SomethingElse2030": "https://example.org/vocab#SomethingElse2030",
}
"""Status types the kiosk has no method for, defined inline (an undefined term is refused)."""


def with_terms(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "@context": [*document["@context"], UNSUPPORTED_TERMS]}


def test_an_unsupported_status_method_is_not_done(tls_ca: trustme.CA) -> None:
    entry = {"id": "https://example.edu/status#1", "type": "CredentialStatusList2017"}
    report = verify(
        credential(entry, **{"@context": with_terms(ob3_unsigned(ISSUER))["@context"]}),
        online(tls_ca),
    )
    result = status_of(report)
    assert result.status is CheckStatus.NOT_DONE
    assert "status method CredentialStatusList2017 is not supported" in result.reason
    assert report.verdict is Verdict.CHECK_MANUALLY


def test_a_revoked_entry_wins_over_an_unsupported_one(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=bits({1}))
    status = [{"id": "urn:x", "type": "SomethingElse2030"}, bitstring_entry(url, 1)]
    document = credential(status, **{"@context": with_terms(ob3_unsigned(ISSUER))["@context"]})
    assert verify(document, online(tls_ca)).verdict is Verdict.NOT_VERIFIED


def test_a_status_list_naming_its_own_status_does_not_recurse(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/status/1"
    server.json(
        "/status/1",
        bitstring_list(url, bits(), credentialStatus=bitstring_entry(url, 0)),
    )
    report = verify(credential(bitstring_entry(url, 1)), online(tls_ca))
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert server.paths == ["/status/1"]


def test_after_a_failed_signature_the_list_is_not_fetched(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=bits())
    document = credential(bitstring_entry(url, 1))
    document["name"] = "Tampered"
    report = verify(document, online(tls_ca))
    assert status_of(report).status is CheckStatus.NOT_DONE
    assert server.paths == []


def test_offline_with_a_fresh_cache_the_status_shows_the_lists_date(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    url = serve(server, data=bits())
    document = credential(bitstring_entry(url, 1))
    assert verify(document, online(tls_ca, tmp_path)).verdict is Verdict.VERIFIED
    later = verify(document, offline(tmp_path, now=NOW + timedelta(days=3)))
    assert later.verdict is Verdict.VERIFIED, later.checks
    result = status_of(later)
    assert "(status as of 24 Nov 2026)" in result.reason
    assert "list fetched 2026-11-24 12:00 UTC (the kiosk's saved copy)" in result.details


def test_offline_a_cached_revocation_shows_the_lists_date(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    url = serve(server, data=bits({1}))
    document = credential(bitstring_entry(url, 1))
    verify(document, online(tls_ca, tmp_path))
    result = status_of(verify(document, offline(tmp_path, now=NOW + timedelta(days=1))))
    assert result.reason == "Revoked by the issuer (status as of 24 Nov 2026)."


def test_offline_without_a_cached_list_is_check_manually(tmp_path: Path) -> None:
    document = credential(bitstring_entry("https://issuer.kiosk.test/status/1", 1))
    report = verify(document, offline(tmp_path))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "offline and has no saved copy" in status_of(report).reason


def test_a_cached_list_older_than_the_limit_is_not_used(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    url = serve(server, data=bits())
    document = credential(bitstring_entry(url, 1))
    verify(document, online(tls_ca, tmp_path))
    report = verify(document, offline(tmp_path, now=NOW + timedelta(days=31)))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "older than the 30-day limit" in status_of(report).reason


def test_when_the_server_fails_the_cached_list_is_used(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    url = serve(server, data=bits())
    document = credential(bitstring_entry(url, 1))
    verify(document, online(tls_ca, tmp_path))
    server.json("/status/1", {}, status=503)
    report = verify(document, online(tls_ca, tmp_path))
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert "(status as of 24 Nov 2026)" in status_of(report).reason


def test_the_status_check_keeps_its_place_in_the_report(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = serve(server, data=bits())
    report = verify(credential(bitstring_entry(url, 1)), online(tls_ca))
    order = [c.check_id for c in report.checks]
    assert order.index(CheckId.DATES) < order.index(CheckId.STATUS) < order.index(CheckId.TRUST)
