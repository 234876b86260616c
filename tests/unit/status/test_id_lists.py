"""Lists of revoked ids: 1EdTech Revocation List (OB 3.0 / CLR 2.0) and Blockcerts revocation
lists (`check_revocation_list`, for the Blockcerts checks, and `credentialStatus` type
`RevocationList`), over real HTTPS."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import trustme

from kiosk.net import DocumentCache
from kiosk.verification import CheckStatus, Verdict
from kiosk.verification.status import OutcomeKind, check_revocation_list, summarise
from kiosk.verification.status.blockcerts_revocation_list import with_assertion_id
from kiosk.verification.suites.signing import sign_eddsa_rdfc_2022
from tests.helpers import NOW, load_fixture, ob3_unsigned
from tests.servers import LocalHttpsServer, unused_port
from tests.unit.status.lists import CREATED, ISSUER, offline, online, origin, status_of, verify

pytestmark = pytest.mark.local_servers

OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
CREDENTIAL_ID = "urn:uuid:2f0c5a7e-6f7b-4a55-9c1e-0f6d3f1b2a10"
"""The id of `tests.helpers.ob3_unsigned` credentials."""


def with_extensions(status: Any) -> dict[str, Any]:
    """An OB 3.0 credential with the OB extensions context (it defines 1EdTechRevocationList)."""
    unsigned = ob3_unsigned(ISSUER)
    unsigned["@context"].append(OB_EXTENSIONS)
    unsigned["credentialStatus"] = status
    return sign_eddsa_rdfc_2022(unsigned, ISSUER, CREATED)


@pytest.mark.parametrize(
    ("entries", "verdict", "reason"),
    [
        ([], Verdict.VERIFIED, "Not revoked or suspended"),
        ([{"id": "urn:uuid:someone-else"}], Verdict.VERIFIED, "Not revoked or suspended"),
        (
            [{"id": CREDENTIAL_ID, "revoked": True, "revocationReason": "Issued in error"}],
            Verdict.NOT_VERIFIED,
            "Revoked by the issuer. Reason given: Issued in error.",
        ),
        ([{"id": CREDENTIAL_ID}], Verdict.NOT_VERIFIED, "Revoked by the issuer."),
        ([{"id": CREDENTIAL_ID, "revoked": False}], Verdict.VERIFIED, "Not revoked"),
    ],
)
def test_1edtech_revocation_list(
    tls_ca: trustme.CA,
    server: LocalHttpsServer,
    entries: list[dict[str, Any]],
    verdict: Verdict,
    reason: str,
) -> None:
    url = f"{origin(server)}/revocations"
    server.json("/revocations", {"id": url, "issuer": "x", "revokedCredentials": entries})
    report = verify(with_extensions({"id": url, "type": "1EdTechRevocationList"}), online(tls_ca))
    assert report.verdict is verdict, report.checks
    assert status_of(report).reason.startswith(reason)
    assert any("not signed" in line for line in status_of(report).details)


def test_1edtech_list_spelled_as_the_validator_reads_it(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/revocations"
    server.json("/revocations", {"revokedCredential": [{"id": CREDENTIAL_ID}]})
    report = verify(with_extensions({"id": url, "type": "1EdTechRevocationList"}), online(tls_ca))
    assert report.verdict is Verdict.NOT_VERIFIED


def test_1edtech_document_that_is_not_a_list_is_not_done(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/revocations"
    server.json("/revocations", {"hello": "world"})
    result = status_of(
        verify(with_extensions({"id": url, "type": "1EdTechRevocationList"}), online(tls_ca))
    )
    assert result.status is CheckStatus.NOT_DONE
    assert "is not a revocation list" in result.reason


def test_1edtech_credential_without_an_id_is_not_done(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/revocations"
    server.json("/revocations", {"revokedCredentials": []})
    document = with_extensions({"id": url, "type": "1EdTechRevocationList"})
    unsigned = {k: v for k, v in document.items() if k not in ("proof", "id")}
    result = status_of(verify(sign_eddsa_rdfc_2022(unsigned, ISSUER, CREATED), online(tls_ca)))
    assert result.status is CheckStatus.NOT_DONE
    assert "no id" in result.reason
    assert server.paths == []


# Blockcerts -------------------------------------------------------------------------------


def test_blockcerts_list_names_the_certificate_with_its_reason(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/revocation.json", load_fixture("status/blockcerts/v2-revocation-list.json"))
    url = f"{origin(server)}/revocation.json"
    certificate = (
        "https://blockcerts.learningmachine.com/certificate/c4e09dfafc4a53e8a7f630df7349fd39"
    )
    outcome = check_revocation_list(url, certificate, online(tls_ca))
    assert outcome.kind is OutcomeKind.REVOKED
    assert outcome.text == "Incorrect Issue Date. New credential to be issued."
    result = summarise([outcome])
    assert result.status is CheckStatus.FAILED
    assert result.reason == (
        "Revoked by the issuer. Reason given: Incorrect Issue Date. New credential to be issued."
    )
    assert server.paths == [
        "/revocation.json?assertionId=https%3A%2F%2Fblockcerts.learningmachine.com%2F"
        "certificate%2Fc4e09dfafc4a53e8a7f630df7349fd39"
    ]


def test_blockcerts_list_not_naming_the_certificate_passes(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/rl.json", load_fixture("status/blockcerts/v2-testnet-revocation-list.json"))
    outcome = check_revocation_list(
        f"{origin(server)}/rl.json", "urn:uuid:bbba8553-8ec1-445f-82c9-a57251dd731c", online(tls_ca)
    )
    assert outcome.kind is OutcomeKind.OK
    assert summarise([outcome]).status is CheckStatus.PASSED


def test_blockcerts_list_entries_may_be_plain_ids(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/rl.json", {"revokedAssertions": ["urn:uuid:1", "urn:uuid:2"]})
    outcome = check_revocation_list(f"{origin(server)}/rl.json", "urn:uuid:2", online(tls_ca))
    assert outcome.kind is OutcomeKind.REVOKED and outcome.text == ""


def test_blockcerts_list_reason_is_plain_text(tls_ca: trustme.CA, server: LocalHttpsServer) -> None:
    reason = "Fraud\x1b]0;owned\x07\u202e detected\n\nnow"
    server.json("/rl.json", {"revokedAssertions": [{"id": "urn:1", "revocationReason": reason}]})
    outcome = check_revocation_list(f"{origin(server)}/rl.json", "urn:1", online(tls_ca))
    assert outcome.text == "Fraud]0;owned detected now"


def test_blockcerts_offline_uses_the_synced_plain_list(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    url = f"{origin(server)}/rl.json"
    server.json("/rl.json", {"revokedAssertions": [{"id": "urn:9", "revocationReason": "Gone"}]})
    fetcher = online(tls_ca).network
    assert fetcher is not None
    DocumentCache(tmp_path).put(fetcher.fetch(url))  # what `kiosk sync` stores
    outcome = check_revocation_list(url, "urn:9", offline(tmp_path, NOW + timedelta(days=2)))
    assert outcome.kind is OutcomeKind.REVOKED
    assert summarise([outcome]).reason.startswith(
        "Revoked by the issuer (status as of 24 Nov 2026)"
    )


def test_blockcerts_unreachable_or_offline_is_not_done(tmp_path: Path, tls_ca: trustme.CA) -> None:
    url = f"https://issuer.kiosk.test:{unused_port()}/rl.json"
    for context in (online(tls_ca), offline(tmp_path)):
        outcome = check_revocation_list(url, "urn:1", context)
        assert outcome.kind is OutcomeKind.UNKNOWN
        assert summarise([outcome]).status is CheckStatus.NOT_DONE


def test_blockcerts_a_missing_list_is_not_done(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    outcome = check_revocation_list(f"{origin(server)}/none.json", "urn:1", online(tls_ca))
    assert outcome.kind is OutcomeKind.UNKNOWN and "404" in outcome.text


def test_blockcerts_a_document_that_is_not_a_list_is_not_done(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/rl.json", {"revokedAssertions": "none"})
    outcome = check_revocation_list(f"{origin(server)}/rl.json", "urn:1", online(tls_ca))
    assert outcome.kind is OutcomeKind.UNKNOWN


def test_blockcerts_without_a_certificate_id_is_not_done(tls_ca: trustme.CA) -> None:
    outcome = check_revocation_list("https://issuer.kiosk.test/rl.json", "", online(tls_ca))
    assert outcome.kind is OutcomeKind.UNKNOWN


def test_credential_status_of_type_revocation_list_reads_a_blockcerts_list(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/rl.json", {"revokedAssertions": [{"id": CREDENTIAL_ID, "revocationReason": "x"}]})
    status = {"id": f"{origin(server)}/rl.json", "type": "RevocationList"}
    unsigned = ob3_unsigned(ISSUER)
    unsigned["@context"].append({"RevocationList": "https://w3id.org/openbadges#RevocationList"})
    unsigned["credentialStatus"] = status
    report = verify(sign_eddsa_rdfc_2022(unsigned, ISSUER, CREATED), online(tls_ca))
    assert report.verdict is Verdict.NOT_VERIFIED, report.checks
    assert status_of(report).reason == "Revoked by the issuer. Reason given: x."


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/rl.json", "https://a.example/rl.json?assertionId=urn%3Auuid%3A1"),
        ("https://a.example/rl?x=1", "https://a.example/rl?x=1&assertionId=urn%3Auuid%3A1"),
        ("https://a.example/rl#f", "https://a.example/rl?assertionId=urn%3Auuid%3A1#f"),
    ],
)
def test_the_assertion_id_is_appended_as_cert_verifier_js_does(url: str, expected: str) -> None:
    assert with_assertion_id(url, "urn:uuid:1") == expected
