"""Blockcerts v3 certificates with several proofs (a signature, then a Merkle proof chained to it,
or a proof set): every proof is verified, each over the certificate with the proofs before it,
as cert-verifier-js does. Offline here: the anchor and the issuer's profile are other tests'."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from tests.conftest import shared_vectors
from tests.helpers import context

pytestmark = pytest.mark.shared

V3 = "blockcerts/cert-verifier-js/fixtures/v3/"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shared_vectors() / V3 / name).read_text("utf-8"))
    return data


def proof_of(document: dict[str, Any]) -> Any:
    report = verify_document(document, context())
    result = report.check(CheckId.PROOF)
    assert result is not None, report.checks
    return report, result


@pytest.mark.parametrize(
    "name",
    [
        "example-non-chained-proofs.json",  # secp256k1 signature, then MerkleProof2019
        "proof-chain-example-ed25519.json",  # Ed25519Signature2020, then ChainedProof2021
        "mocknet-vc-v2-data-integrity-proof-multiple-signatures.json",  # two merkle-proof-2019
    ],
)
def test_every_proof_of_a_real_certificate_holds(name: str) -> None:
    _report, result = proof_of(load(name))
    assert result.status is CheckStatus.PASSED, result
    assert "all 2 of its proofs hold" in result.reason


def test_the_signature_of_a_chained_certificate_is_checked() -> None:
    """The Merkle proof covers the signature, so a changed signature breaks the Merkle proof."""
    document = load("example-non-chained-proofs.json")
    jws = document["proof"][0]["jws"]
    document["proof"][0]["jws"] = jws[:-6] + ("AAAAAA" if not jws.endswith("AAAAAA") else "BBBBBB")
    report, result = proof_of(document)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert result.status is CheckStatus.FAILED


def test_a_signature_that_does_not_hold_fails_even_when_the_merkle_proofs_do() -> None:
    """The cert-schema 3.1 example carries another certificate's Ed25519 proof and a Merkle
    proof made over that pair: the Merkle proof holds, the signature does not."""
    path = shared_vectors() / "blockcerts/cert-schema/examples/3.1/example.3.1.multisigned.json"
    report, result = proof_of(json.loads(path.read_text("utf-8")))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert result.reason.startswith("Its signature: the signature does not match")


def test_a_chained_proof_must_name_the_proof_it_follows() -> None:
    document = load("proof-chain-example-ed25519.json")
    changed = copy.deepcopy(document)
    changed["proof"][1]["previousProof"]["created"] = "2022-05-02T16:36:23.000Z"
    report, result = proof_of(changed)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "names an earlier proof the certificate does not carry" in result.reason


def test_dropping_the_signature_breaks_the_merkle_proof() -> None:
    document = load("example-non-chained-proofs.json")
    document["proof"] = [document["proof"][1]]
    report, result = proof_of(document)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "changed since it was issued" in result.reason


def test_a_merkle_sealed_presentation_is_checked_and_a_changed_one_fails() -> None:
    """cert-verifier-js's mocknet-verifiable-presentation: sealed with merkle-proof-2019 by the
    issuer. Its hash is checked (a change fails); the anchor of a presentation is not looked
    up and the seal says nothing about the presenter (not done)."""
    document = load("mocknet-verifiable-presentation.json")
    report = verify_document(document, context())
    proof, holder = report.check(CheckId.PROOF), report.check(CheckId.HOLDER)
    assert proof is not None and proof.status is CheckStatus.NOT_DONE
    assert "which is unchanged" in proof.reason
    assert holder is not None and "not signed by the person presenting it" in holder.reason
    assert report.verdict is Verdict.CHECK_MANUALLY
    document["holder"] = "did:example:someone-else"
    changed = verify_document(document, context())
    assert changed.verdict is Verdict.NOT_VERIFIED
    failed = changed.check(CheckId.PROOF)
    assert failed is not None and "changed since it was sealed" in failed.reason
