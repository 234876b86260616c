"""Merkle receipts: MerkleProof2019 decoding, MerkleProof2017 reading, paths, chains, bounds.

Decoded proofs are compared with cert-verifier-js's own decodings (`*-signature-merkle2019.json`,
copied in `tests/fixtures/blockcerts/`); hostile proof values must fail as "malformed", never
crash or pass.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from typing import Any

import cbor2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.verification.blockcerts import Chain, MerkleProofError
from kiosk.verification.blockcerts.certificate import (
    is_blockcerts_v2,
    lenient_datetime,
    merkle_receipt,
)
from kiosk.verification.blockcerts.chains import chain_from_recipient_address
from kiosk.verification.blockcerts.merkle_proof_2017 import read_merkle_proof_2017
from kiosk.verification.blockcerts.merkle_proof_2019 import decode_merkle_proof_2019
from kiosk.verification.blockcerts.receipt import MerkleReceipt, PathStep, Side
from kiosk.verification.credential import recognise
from kiosk.verification.errors import UnsupportedError
from kiosk.verification.keys.multibase import base58btc_encode
from tests.unit.blockcerts.fixtures import load


def as_json(receipt: MerkleReceipt) -> dict[str, Any]:
    """A receipt in cert-verifier-js's decoded form (`blink:` anchors)."""
    blinks = {
        Chain.BITCOIN_TESTNET: "btc:testnet",
        Chain.BITCOIN_MAINNET: "btc:mainnet",
        Chain.ETHEREUM_ROPSTEN: "eth:ropsten",
    }
    return {
        "path": [{step.side.value: step.sibling.hex()} for step in receipt.path],
        "merkleRoot": receipt.merkle_root.hex(),
        "targetHash": receipt.target_hash.hex(),
        "anchors": [
            f"blink:{blinks[a.chain]}:{a.tx_id}" for a in receipt.anchors if a.chain is not None
        ],
    }


@pytest.mark.parametrize(
    ("certificate", "decoded"),
    [
        ("testnet-v3-did.json", "testnet-v3.0-did-signature-merkle2019.json"),
        ("blockcerts-3.0-beta.json", "v3.0-beta-signature-merkle2019.json"),
    ],
)
def test_merkle_proof_2019_decodes_as_the_blockcerts_verifier_does(
    certificate: str, decoded: str
) -> None:
    proof = load(f"cert-verifier-js/{certificate}")["proof"]
    receipt = decode_merkle_proof_2019(proof["proofValue"])
    assert as_json(receipt) == load(f"cert-verifier-js/{decoded}")
    assert receipt.computed_root() == receipt.merkle_root


def test_a_peer_encoded_proof_with_raw_hashes_decodes_too() -> None:
    """The newer encoder writes hashes as CBOR byte strings, the older as hex text."""
    proof = load("peer-generated/blockcerts-v3-btc-testnet.json")["proof"]
    receipt = decode_merkle_proof_2019(proof["proofValue"])
    recorded = load("peer-generated/blockcerts-btc-testnet-explorer-tx.json")
    assert receipt.anchors[0].chain is Chain.BITCOIN_TESTNET
    assert receipt.anchors[0].tx_id == recorded["txid"]
    assert receipt.computed_root() == receipt.merkle_root


def test_the_mocknet_blink_is_the_mock_chain() -> None:
    proof = load("peer-generated/blockcerts-v3-mocknet.json")["proof"]
    assert decode_merkle_proof_2019(proof["proofValue"]).anchors[0].chain is Chain.MOCKNET


def test_merkle_proof_2017_is_read_with_its_named_chain() -> None:
    signature = load("cert-verifier-js/v2.0-ethereum-main-signature-merkle2017.json")
    receipt = read_merkle_proof_2017(signature, None)
    assert receipt.anchors[0].chain is Chain.ETHEREUM_MAINNET
    assert receipt.anchors[0].tx_id.startswith("0xa12c498c")
    assert receipt.target_hash == receipt.merkle_root and not receipt.path


def test_an_anchor_without_a_chain_takes_the_network_of_the_recipients_address() -> None:
    certificate = load("cert-verifier-js/testnet-valid-2.0.json")
    assert "chain" not in certificate["signature"]["anchors"][0]
    receipt = merkle_receipt(recognise(certificate))
    assert receipt.anchors[0].chain is Chain.BITCOIN_TESTNET
    assert chain_from_recipient_address("ecdsa-koblitz-pubkey:1AwdUWQz") is Chain.BITCOIN_MAINNET
    assert chain_from_recipient_address("bc1qxyz") is Chain.BITCOIN_MAINNET
    assert chain_from_recipient_address("tb1qxyz") is Chain.BITCOIN_TESTNET
    assert chain_from_recipient_address("0x3d99") is None


def test_the_path_combines_left_and_right_siblings_in_order() -> None:
    target, left, right = b"\x01" * 32, b"\x02" * 32, b"\x03" * 32
    first = hashlib.sha256(left + target).digest()
    root = hashlib.sha256(first + right).digest()
    receipt = MerkleReceipt(
        "MerkleProof2017",
        target,
        root,
        (PathStep(Side.LEFT, left), PathStep(Side.RIGHT, right)),
        (),
    )
    assert receipt.computed_root() == root


def test_a_v2_certificate_is_recognised_by_its_context_and_signature() -> None:
    certificate = load("cert-verifier-js/testnet-valid-2.0.json")
    assert is_blockcerts_v2(certificate)
    parsed = recognise(certificate)
    assert parsed.vc_version == "ob2" and parsed.proof_property == "signature"
    assert parsed.issuer_id == "https://www.blockcerts.org/samples/2.0/issuer-testnet.json"
    assert "signature" not in parsed.unsecured
    assert not is_blockcerts_v2(
        {"@context": ["https://w3id.org/openbadges/v2"], "type": "Assertion"}
    )


def test_v1_certificates_are_not_supported() -> None:
    with pytest.raises(UnsupportedError, match="Blockcerts v1"):
        recognise({"@context": "https://w3id.org/blockcerts/v1", "type": "BlockchainCertificate"})


def test_with_several_proofs_the_last_merkle_proof_is_the_anchored_one() -> None:
    certificate = load("peer-generated/blockcerts-v3-mocknet.json")
    merkle = certificate["proof"]
    certificate["proof"] = [{"type": "Ed25519Signature2020"}, merkle]
    receipt = merkle_receipt(recognise(certificate))
    assert receipt == merkle_receipt(recognise({**certificate, "proof": merkle}))


def test_v2_dates_without_a_time_or_zone_are_read_as_utc() -> None:
    assert lenient_datetime("2017-05-02").isoformat() == "2017-05-02T00:00:00+00:00"  # type: ignore[union-attr]
    assert lenient_datetime("2017-06-29T14:58:57.461422").tzinfo is not None  # type: ignore[union-attr]
    assert lenient_datetime("yesterday") is None


def proof_value(structure: Any) -> str:
    return "z" + base58btc_encode(cbor2.dumps(structure))


def h(value: bytes = b"\x11" * 32) -> bytes:
    return cbor2.dumps(value)


@pytest.mark.parametrize(
    ("structure", "reason"),
    [
        ({"merkleRoot": 1}, "malformed"),
        ([[0, h()], [1, h()]], "does not hold"),
        ([[0, h()], [1, h()], [2, []]], "where it was anchored"),
        ([[0, h()], [1, h(b"\x01" * 31)], [2, [[[0, 0], [1, 3], [2, h()]]]]], "32-byte"),
        ([[0, h()], [1, h()], [2, [[[0, 7], [1, 3], [2, h()]]]]], "unknown chain"),
        ([[0, h()], [1, h()], [2, [[[0, 0], [1, 9], [2, h()]]]]], "unknown network"),
        ([[0, h()], [1, h()], [2, [[[0, 0], [1, 3]]]]], "no transaction id"),
        ([[0, h()], [1, h()], [0, h()], [2, [[[0, 0], [1, 3], [2, h()]]]]], "malformed"),
        ([[0, h()], [1, h()], [2, [[[0, 0], [1, 3], [2, h()]]]], [3, [[2, h()]]]], "path"),
        ([[0, h()], [1, h()], [2, [[[0, 0], [1, 3], [2, h()]]]], [3, [[0, h()]] * 65]], "long"),
        ([[0, h()], [1, h()], [2, [[[0, 0], [1, 3], [2, h()]]]], [9, 1]], "does not hold"),
    ],
)
def test_malformed_proof_values_fail_with_a_reason(structure: Any, reason: str) -> None:
    with pytest.raises(MerkleProofError, match=reason):
        decode_merkle_proof_2019(proof_value(structure))


@pytest.mark.parametrize("value", ["", "u" + "A" * 10, "z0OIl", "z" + "1" * 5000, 42, None])
def test_proof_values_that_are_not_base58_cbor_fail(value: Any) -> None:
    with pytest.raises(MerkleProofError):
        decode_merkle_proof_2019(value)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_as_a_proof_value_fail_cleanly_or_decode(data: bytes) -> None:
    with contextlib.suppress(MerkleProofError):
        decode_merkle_proof_2019("z" + base58btc_encode(data))


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.integers() | st.binary(max_size=40) | st.text(max_size=8), st.lists, max_leaves=12
    )
)
def test_any_cbor_structure_fails_cleanly_or_decodes(structure: Any) -> None:
    with contextlib.suppress(MerkleProofError):
        decode_merkle_proof_2019(proof_value(structure))


def test_v2_signature_steps_and_anchors_are_checked() -> None:
    good = {
        "type": ["MerkleProof2017", "Extension"],
        "targetHash": "11" * 32,
        "merkleRoot": "11" * 32,
        "proof": [],
        "anchors": [{"sourceId": "ab", "type": "BTCOpReturn", "chain": "bitcoinTestnet"}],
    }
    assert read_merkle_proof_2017(good, None).anchors[0].chain is Chain.BITCOIN_TESTNET
    for broken in (
        {**good, "proof": [{"up": "11" * 32}]},
        {**good, "proof": [{"left": "zz"}]},
        {**good, "anchors": []},
        {**good, "anchors": [{"type": "BTCOpReturn"}]},
        {**good, "targetHash": "11"},
        {**good, "type": "MerkleProof2019"},
    ):
        with pytest.raises(MerkleProofError):
            read_merkle_proof_2017(broken, None)
    unknown = {
        **good,
        "anchors": [{"sourceId": "ab", "type": "BTCOpReturn", "chain": "bitcoinRegtest"}],
    }
    assert read_merkle_proof_2017(unknown, None).anchors[0].chain is None
    assert json.dumps(good)  # the fixture itself stays JSON
