"""The VC 1.1-era bit lists: StatusList2021Entry and RevocationList2020Status, over real HTTPS."""

from __future__ import annotations

from typing import Any

import pytest
import trustme

from kiosk.verification import CheckStatus, Verdict
from kiosk.verification.status.encoding import encode_list
from kiosk.verification.suites.signing import sign_eddsa_rdfc_2022
from tests.servers import LocalHttpsServer
from tests.unit.status.lists import (
    CREATED,
    DATA_INTEGRITY,
    ISSUER,
    ISSUER_ID,
    STATUS_LIST_2021,
    VC1,
    bits,
    bitstring_entry,
    bitstring_list,
    credential,
    online,
    origin,
    status_of,
    verify,
)

pytestmark = pytest.mark.local_servers

RL2020 = "https://w3id.org/vc-revocation-list-2020#"
RL2020_TERMS = {
    "RevocationList2020Status": f"{RL2020}RevocationList2020Status",
    "RevocationList2020Credential": f"{RL2020}RevocationList2020Credential",
    "RevocationList2020": f"{RL2020}RevocationList2020",
    "revocationListIndex": f"{RL2020}revocationListIndex",
    "revocationListCredential": {"@id": f"{RL2020}revocationListCredential", "@type": "@id"},
    "encodedList": f"{RL2020}encodedList",
}
"""The Revocation List 2020 context is not bundled: these tests define its terms inline."""


def vc11(contexts: list[Any], status: Any) -> dict[str, Any]:
    unsigned = {
        "@context": [VC1, *contexts, DATA_INTEGRITY],
        "id": "urn:uuid:7a1c56f5-8a4e-4c3a-9d0a-2d3f4e5a6b7c",
        "type": ["VerifiableCredential"],
        "issuer": ISSUER_ID,
        "issuanceDate": "2026-01-15T09:00:00Z",
        "credentialSubject": {"id": "did:example:learner"},
        "credentialStatus": status,
    }
    return sign_eddsa_rdfc_2022(unsigned, ISSUER, CREATED)


def list_2021(url: str, set_bits: set[int], purpose: str = "revocation") -> dict[str, Any]:
    document = {
        "@context": [VC1, STATUS_LIST_2021, DATA_INTEGRITY],
        "id": url,
        "type": ["VerifiableCredential", "StatusList2021Credential"],
        "issuer": ISSUER_ID,
        "issuanceDate": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "StatusList2021",
            "statusPurpose": purpose,
            "encodedList": encode_list(bits(set_bits))[1:],  # StatusList2021: no multibase prefix
        },
    }
    return sign_eddsa_rdfc_2022(document, ISSUER, CREATED)


def entry_2021(url: str, index: int, purpose: str = "revocation") -> dict[str, Any]:
    return {
        "id": f"{url}#{index}",
        "type": "StatusList2021Entry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


@pytest.mark.parametrize(
    ("index", "purpose", "verdict", "reason"),
    [
        (41, "revocation", Verdict.VERIFIED, "Not revoked or suspended"),
        (42, "revocation", Verdict.NOT_VERIFIED, "Revoked by the issuer."),
        (42, "suspension", Verdict.NOT_VERIFIED, "Suspended by the issuer"),
    ],
)
def test_status_list_2021(
    tls_ca: trustme.CA,
    server: LocalHttpsServer,
    index: int,
    purpose: str,
    verdict: Verdict,
    reason: str,
) -> None:
    url = f"{origin(server)}/sl2021"
    server.json("/sl2021", list_2021(url, {42}, purpose))
    report = verify(vc11([STATUS_LIST_2021], entry_2021(url, index, purpose)), online(tls_ca))
    assert report.verdict is verdict, report.checks
    assert status_of(report).reason.startswith(reason)


def test_a_status_list_2021_entry_reads_a_bitstring_list_as_blockcerts_publishes_it(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/bitstring"
    server.json("/bitstring", bitstring_list(url, bits({23547})))
    revoked = verify(vc11([STATUS_LIST_2021], entry_2021(url, 23547)), online(tls_ca))
    assert revoked.verdict is Verdict.NOT_VERIFIED, revoked.checks
    valid = verify(vc11([STATUS_LIST_2021], entry_2021(url, 23546)), online(tls_ca))
    assert valid.verdict is Verdict.VERIFIED, valid.checks


def test_a_bitstring_entry_does_not_accept_a_status_list_2021_credential(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/sl2021"
    server.json("/sl2021", list_2021(url, set()))
    result = status_of(verify(credential(bitstring_entry(url, 1)), online(tls_ca)))
    assert result.status is CheckStatus.NOT_DONE
    assert "not a Bitstring Status List credential" in result.reason


def rl2020_list(url: str, set_bits: set[int]) -> dict[str, Any]:
    document = {
        "@context": [VC1, RL2020_TERMS, DATA_INTEGRITY],
        "id": url,
        "type": ["VerifiableCredential", "RevocationList2020Credential"],
        "issuer": ISSUER_ID,
        "issuanceDate": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "RevocationList2020",
            "encodedList": encode_list(bits(set_bits))[1:],
        },
    }
    return sign_eddsa_rdfc_2022(document, ISSUER, CREATED)


@pytest.mark.parametrize(("index", "verdict"), [(0, Verdict.VERIFIED), (7, Verdict.NOT_VERIFIED)])
def test_revocation_list_2020(
    tls_ca: trustme.CA, server: LocalHttpsServer, index: int, verdict: Verdict
) -> None:
    url = f"{origin(server)}/rl2020"
    server.json("/rl2020", rl2020_list(url, {7}))
    entry = {
        "id": f"{url}#{index}",
        "type": "RevocationList2020Status",
        "revocationListIndex": str(index),
        "revocationListCredential": url,
    }
    report = verify(vc11([RL2020_TERMS], entry), online(tls_ca))
    assert report.verdict is verdict, report.checks


def test_revocation_list_2020_without_an_index_is_malformed(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    entry = {
        "id": "urn:x",
        "type": "RevocationList2020Status",
        "revocationListCredential": "urn:x:list",
    }
    result = status_of(verify(vc11([RL2020_TERMS], entry), online(tls_ca)))
    assert result.status is CheckStatus.FAILED
    assert "it has no revocationListIndex" in result.reason
