"""Issuer identity: the transaction's paying address must be the issuer's key, in force then.

https issuers list their addresses with windows in their profile; a DID issuer's key (resolved
through the kiosk's key resolution, here a universal resolver on the local documents server)
must have the paying address.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.model import CheckId, CheckStatus, Verdict
from kiosk.verification.pipeline import verify_payload
from tests.unit.blockcerts.chain_servers import Tx
from tests.unit.blockcerts.conftest import World
from tests.unit.blockcerts.fixtures import (
    CVJS,
    PEER_ISSUER,
    load,
    peer_testnet_world,
    raw,
)
from tests.unit.blockcerts.harness import serve_document, serve_json
from tests.unit.blockcerts.mint import ETH_ADDRESS, minted_profile
from tests.unit.blockcerts.minted import check, explain, minted_world, verify

pytestmark = pytest.mark.local_servers


@pytest.mark.parametrize(
    ("window", "words"),
    [
        ({"revoked": "2026-02-01T00:00:00Z"}, "had revoked the paying address"),
        ({"expires": "2026-02-15T00:00:00Z"}, "had expired before"),
        ({"created": "2026-04-01T00:00:00Z"}, "was not yet the issuer's"),
    ],
)
def test_an_address_outside_its_window_at_the_transaction_fails(
    world: World, window: dict[str, str], words: str
) -> None:
    certificate, _tx = minted_world(world, profile=minted_profile(**window))
    report = verify(world, certificate)
    assert report.verdict is Verdict.NOT_VERIFIED, explain(report)
    assert words in check(report, CheckId.ISSUER_KEY).reason


def test_an_address_revoked_after_the_transaction_still_signs_what_it_signed(world: World) -> None:
    certificate, _tx = minted_world(world, profile=minted_profile(revoked="2026-06-01T00:00:00Z"))
    assert verify(world, certificate).verdict is Verdict.VERIFIED


def test_a_transaction_paid_by_another_address_is_not_the_issuers(world: World) -> None:
    certificate, _tx = minted_world(world, sender="mkAvTwCYUyVk3rncFVCTJt1HUDsApVezhP")
    report = verify(world, certificate)
    assert report.verdict is Verdict.NOT_VERIFIED
    issuer_key = check(report, CheckId.ISSUER_KEY)
    assert "does not list" in issuer_key.reason
    assert "paying address: mkAvTwCYUyVk3rncFVCTJt1HUDsApVezhP" in issuer_key.details


def test_ethereum_addresses_compare_without_case(world: World) -> None:
    certificate, _tx = minted_world(world, Chain.ETHEREUM_MAINNET, sender=ETH_ADDRESS)
    assert verify(world, certificate).verdict is Verdict.VERIFIED


def test_an_unreachable_profile_is_not_done_never_failed(world: World) -> None:
    certificate, _tx = minted_world(world)
    world.docs.routes.clear()
    report = verify(world, certificate)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert check(report, CheckId.ISSUER_KEY).status is CheckStatus.NOT_DONE
    status = check(report, CheckId.STATUS)
    assert status.status is CheckStatus.NOT_DONE and "revoked" in status.reason


def test_a_verification_method_the_profile_marks_revoked_fails(world: World) -> None:
    peer_testnet_world(world)
    profile = load("peer-generated/blockcerts-btc-testnet-issuer-profile.json")
    profile["verificationMethod"] = [
        {
            "id": f"{PEER_ISSUER}#key-1",
            "type": "EcdsaSecp256k1VerificationKey2019",
            "controller": PEER_ISSUER,
            "revoked": "2026-02-01T00:00:00Z",
        }
    ]
    serve_json(world.docs, PEER_ISSUER, profile)
    report = verify_payload(
        raw("peer-generated/blockcerts-v3-btc-testnet.json"), world.context(PEER_ISSUER)
    )
    assert report.verdict is Verdict.NOT_VERIFIED, explain(report)
    assert "revoked" in check(report, CheckId.ISSUER_KEY).reason


DID = "did:ion:EiA_Z6LQILbB2zj_eVrqfQ2xDm4HNqeJUw5Kj2Z7bFOOeQ"
DID_DOCUMENT = f"https://dev.uniresolver.io/1.0/identifiers/{DID}"
PROFILE = "https://www.blockcerts.org/samples/3.0/issuer-blockcerts.json"
REVOCATIONS = "https://www.blockcerts.org/samples/3.0/revocation-list-blockcerts.json"


ORIGINAL = "did-ion-EiA_Z6LQILbB2zj_eVrqfQ2xDm4HNqeJUw5Kj2Z7bFOOeQ.json"
MODIFIED = "modified-key-did-ion-EiA_Z6LQILbB2zj_eVrqfQ2xDm4HNqeJUw5Kj2Z7bFOOeQ.json"


def did_world(world: World, did_document: dict[str, Any]) -> bytes:
    """testnet-v3-did.json, its DID document, profile, revocation list and transaction (the
    cert-verifier-js e2e test's recorded answers)."""
    serve_json(world.docs, DID_DOCUMENT, {"didDocument": did_document})
    serve_document(world.docs, PROFILE, raw("cert-verifier-js/issuer-blockcerts.json"))
    serve_document(world.docs, REVOCATIONS, raw("cert-verifier-js/v3-revocation-list.json"))
    world.chain.publish(
        Tx(
            Chain.BITCOIN_TESTNET,
            "140ee9382a5c84433b9c89a5d9fea26c47415838b5841deb0c36a8a4b9121f2e",
            "68df661ae14f926878aabbe5ca33e46376e8bfb397c1364c2f1fa653ecd8b4b6",
            "mgdWjvq4RYAAP5goUNagTRMx7Xw534S5am",
            datetime(2022, 4, 5, 18, 45, 30, tzinfo=UTC),
        )
    )
    return raw("cert-verifier-js/testnet-v3-did.json")


def did_document(name: str) -> dict[str, Any]:
    value: dict[str, Any] = json.loads((CVJS / name).read_text())
    return value


def test_a_did_issuers_key_has_the_paying_address(world: World) -> None:
    certificate = did_world(world, did_document(ORIGINAL))
    report = verify_payload(certificate, world.context(DID))
    assert report.verdict is Verdict.VERIFIED, explain(report)
    issuer_key = check(report, CheckId.ISSUER_KEY)
    assert "paying address: mgdWjvq4RYAAP5goUNagTRMx7Xw534S5am" in issuer_key.details


def test_a_did_key_without_the_paying_address_is_an_identity_mismatch(world: World) -> None:
    """The DID document with the key of cert-verifier-js's address-mismatch test."""
    document = did_document(ORIGINAL)
    document["verificationMethod"][0]["publicKeyJwk"] = did_document(MODIFIED)[
        "verificationMethod"
    ][0]["publicKeyJwk"]
    report = verify_payload(did_world(world, document), world.context(DID))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "Issuer identity mismatch" in check(report, CheckId.ISSUER_KEY).reason


def test_the_upstream_mismatch_document_fails_on_its_empty_controller(world: World) -> None:
    report = verify_payload(did_world(world, did_document(MODIFIED)), world.context(DID))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "another controller" in check(report, CheckId.ISSUER_KEY).reason


def test_a_did_method_without_a_resolver_is_not_done(world: World) -> None:
    certificate = did_world(world, did_document(ORIGINAL))
    context = world.context(DID)
    report = verify_payload(certificate, replace(context, universal_resolver=None))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "did:ion is not supported" in check(report, CheckId.ISSUER_KEY).reason
