"""Issue 12, finding 1: a term written under another spelling that means the same triple keeps
the signature valid, so the checks must read it from the signed graph.

Each test signs (or takes) a credential, then rewrites one property into another spelling —
the signature still holds, the value is the same triple — and asserts that the check still sees
it. On the old main each of these said VERIFIED.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import trustme

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import context, make_key, ob3_unsigned, signed_ob3
from tests.servers import LocalHttpsServer
from tests.unit.status.lists import bits, bitstring_list, credential, online, origin, status_of

ROOT = Path(__file__).resolve().parents[3]
CRED = "https://www.w3.org/2018/credentials#"
STATUS = "https://www.w3.org/ns/credentials/status#"
DATE_TIME = "http://www.w3.org/2001/XMLSchema#dateTime"
DEMO_ISSUER = "did:key:z6MkorM9JNaMwCoJ58ccuMcrhCWNR9wW59uhKKuTX837Wgaj"
KEY = make_key()
ISSUER = did_key_for(KEY)


def date_value(moment: str) -> dict[str, str]:
    return {"@value": moment, "@type": DATE_TIME}


def dates_result(document: dict[str, Any], trusted: str = ISSUER) -> tuple[Verdict, Any]:
    report = verify_document(document, context({trusted: "Trusted"}))
    return report.verdict, report.check(CheckId.DATES)


def test_valid_until_as_a_full_iri_value_object_still_expires() -> None:
    """The issue's repro: the expired demo credential with `validUntil` respelled."""
    document = json.loads((ROOT / "kiosk/demo/credentials/03-expired.json").read_text("utf-8"))
    until = document.pop("validUntil")
    document[CRED + "validUntil"] = date_value(until)
    verdict, dates = dates_result(document, DEMO_ISSUER)
    assert verdict is Verdict.NOT_VERIFIED
    assert dates is not None and dates.status is CheckStatus.FAILED
    assert dates.reason == "Expired on 30 Jun 2025."


def test_valid_from_in_the_future_written_as_a_compact_iri_is_not_valid_yet() -> None:
    document = signed_ob3(valid_from="2030-01-01T00:00:00Z")
    document["@context"] = [*document["@context"], {"vc": CRED}]
    document["vc:validFrom"] = [date_value(document.pop("validFrom"))]
    verdict, dates = dates_result(document)
    assert verdict is Verdict.NOT_VERIFIED
    assert dates is not None and dates.reason == "Not valid yet: valid from 1 Jan 2030."


def test_vc11_expiration_date_under_an_alias_still_expires() -> None:
    unsigned = {
        "@context": [
            "https://www.w3.org/2018/credentials/v1",
            "https://w3id.org/security/data-integrity/v2",
        ],
        "id": "urn:uuid:1b2c3d4e-0000-4000-8000-000000000011",
        "type": ["VerifiableCredential"],
        "issuer": ISSUER,
        "issuanceDate": "2024-01-01T00:00:00Z",
        "expirationDate": "2025-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder"},
    }
    document = sign_eddsa_rdfc_2022(unsigned, KEY, "2024-01-01T00:00:00Z")
    assert dates_result(document)[0] is Verdict.NOT_VERIFIED  # the baseline: expired
    document["@context"] = [*document["@context"], {"endsAt": CRED + "expirationDate"}]
    document["endsAt"] = date_value(document.pop("expirationDate"))
    verdict, dates = dates_result(document)
    assert verdict is Verdict.NOT_VERIFIED
    assert dates is not None and dates.reason == "Expired on 1 Jan 2025."


def test_two_different_valid_until_dates_are_malformed() -> None:
    document = signed_ob3(valid_until="2036-01-15T09:00:00Z")
    document[CRED + "validUntil"] = date_value("2025-01-01T00:00:00Z")  # signed over: re-sign
    document = sign_eddsa_rdfc_2022(
        {k: v for k, v in document.items() if k != "proof"}, KEY, "2026-01-15T09:00:00Z"
    )
    report = verify_document(document, context({ISSUER: "Trusted"}))
    assert report.verdict is Verdict.NOT_VERIFIED
    format_result = report.check(CheckId.FORMAT)
    assert format_result is not None and format_result.status is CheckStatus.FAILED
    assert format_result.reason == "It states 2 different validUntil dates."


@pytest.mark.local_servers
def test_revoked_credential_with_credential_status_as_a_full_iri_is_not_verified(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/status/1"
    server.json("/status/1", bitstring_list(url, data=bits({94567})))
    entry = {
        "@id": f"{url}#94567",
        "@type": STATUS + "BitstringStatusListEntry",
        STATUS + "statusPurpose": "revocation",
        STATUS + "statusListIndex": "94567",
        STATUS + "statusListCredential": {"@id": url},
    }
    signed = credential(
        {
            "id": f"{url}#94567",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "94567",
            "statusListCredential": url,
        }
    )
    assert verify_document(signed, online(tls_ca)).verdict is Verdict.NOT_VERIFIED  # baseline
    respelled = copy.deepcopy(signed)
    del respelled["credentialStatus"]
    respelled[CRED + "credentialStatus"] = entry
    report = verify_document(respelled, online(tls_ca))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report).reason == "Revoked by the issuer."


def test_tampered_credential_inside_a_clr_under_a_full_iri_is_checked() -> None:
    bad = signed_ob3()
    bad["credentialSubject"]["achievement"]["name"] = "Forged Course"
    unsigned = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:7d0a4c1e-0b5f-4a8e-9c2d-3e4f5a6b7c8d",
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": {"id": ISSUER, "type": ["Profile"], "name": "Test College"},
        "validFrom": "2026-01-15T09:00:00Z",
        "name": "Transcript",
        "credentialSubject": {
            "type": ["ClrSubject"],
            "https://purl.imsglobal.org/spec/vc/clr/vocab.html#verifiableCredential": [bad],
        },
    }
    document = sign_eddsa_rdfc_2022(unsigned, KEY, "2026-01-15T09:00:00Z")
    report = verify_document(document, context({ISSUER: "Test College"}))
    assert report.verdict is Verdict.NOT_VERIFIED
    nested = report.check(CheckId.NESTED)
    assert nested is not None and nested.status is CheckStatus.FAILED
    assert [part.label for part in report.parts] == ["Forged Course"]


def test_a_proof_written_under_a_full_iri_stops_at_the_format_check() -> None:
    document = signed_ob3()
    document["https://w3id.org/security#proof"] = document.pop("proof")
    report = verify_document(document, context({ISSUER: "Trusted"}))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert [c.check_id for c in report.checks] == [CheckId.FORMAT]
    assert report.checks[0].reason == (
        "Its proof is written in a way the kiosk does not read (not under 'proof')."
    )


def test_a_proof_option_hidden_under_a_full_iri_stops_at_the_format_check() -> None:
    """`expires` passed, written as the IRI the proof check does not read: the proof
    configuration's canonical form (what is signed) is the same, so only the gate catches it."""
    unsigned = ob3_unsigned(KEY)
    document = sign_eddsa_rdfc_2022(
        unsigned, KEY, "2026-01-15T09:00:00Z", options={"expires": "2026-02-01T00:00:00Z"}
    )
    expired = verify_document(document, context({ISSUER: "Trusted"}))
    assert expired.verdict is Verdict.NOT_VERIFIED  # baseline: the proof has expired
    proof = document["proof"]
    proof["https://w3id.org/security#expiration"] = date_value(proof.pop("expires"))
    report = verify_document(document, context({ISSUER: "Trusted"}))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert report.checks[0].check_id is CheckId.FORMAT
    assert (
        report.checks[0].reason
        == "Its proof is written in a way the kiosk does not read (expires)."
    )


def test_a_name_the_graph_does_not_hold_is_not_shown() -> None:
    """A JSON-LD 1.1 `@json`-free way to carry text outside the graph: a key inside a value
    object's sibling `@index` — pyld keeps it in the JSON, the graph has no triple for it."""
    document = signed_ob3(holder="Alex Candidate")
    document["credentialSubject"]["name"] = {"@value": "Alex Candidate", "@index": "Dr. Nobody"}
    report = verify_document(document, context({ISSUER: "Trusted"}))
    assert report.verdict is Verdict.VERIFIED
    assert report.fields.holder is not None and report.fields.holder.value == "Alex Candidate"
    assert "Dr. Nobody" not in json.dumps(report.as_dict())
