"""Minting Blockcerts v2 certificates for tests: no key is needed, only a hash and a transaction.

A MerkleProof2017 certificate alone in its batch has an empty path: its target hash is its
Merkle root, anchored by whatever transaction the test publishes on the local explorers. The
issuing address that paid for it is listed in an issuer profile the test serves. Starting from a
real certificate (cert-verifier-js `testnet-valid-2.0.json`) keeps every term defined by the
bundled contexts.
"""

from __future__ import annotations

import copy
import hashlib
from datetime import UTC, datetime
from typing import Any

from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.jsonld.canonicalize import canonicalize
from tests.unit.blockcerts.chain_servers import Tx
from tests.unit.blockcerts.fixtures import load

V2_CHAIN_NAMES = {
    Chain.BITCOIN_MAINNET: "bitcoinMainnet",
    Chain.BITCOIN_TESTNET: "bitcoinTestnet",
    Chain.ETHEREUM_MAINNET: "ethereumMainnet",
    Chain.ETHEREUM_SEPOLIA: "ethereumSepolia",
}
MINTED_ISSUER = "https://minted.kiosk.test/issuer.json"
MINTED_REVOCATIONS = "https://minted.kiosk.test/revocations.json"
ETH_ADDRESS = "0x3D995EF85A8d1BCbeD78182aB225b9F88dC8937C"
BTC_ADDRESS = "msBCHdwaQ7N2ypBYupkp6uNxtr9Pg76imj"


def mint_v2(
    chain: Chain,
    tx_id: str,
    *,
    name: str = "Ada Lovelace",
    certificate_id: str = "urn:uuid:6b1f0d5c-0000-4000-8000-000000000001",
    expires: str | None = None,
) -> dict[str, Any]:
    """A v2 certificate of `MINTED_ISSUER`, anchored (path of length 0) in `tx_id` on `chain`."""
    certificate = copy.deepcopy(load("cert-verifier-js/testnet-valid-2.0.json"))
    certificate["id"] = certificate_id
    certificate["recipientProfile"]["name"] = name
    certificate["badge"]["issuer"]["id"] = MINTED_ISSUER
    certificate["badge"]["issuer"]["revocationList"] = MINTED_REVOCATIONS
    if expires is not None:
        certificate["expires"] = expires
    del certificate["signature"]
    root = hashlib.sha256(canonicalize(certificate).encode()).hexdigest()
    anchor = {"sourceId": tx_id, "type": "ETHData" if chain.is_ethereum else "BTCOpReturn"}
    certificate["signature"] = {
        "type": ["MerkleProof2017", "Extension"],
        "targetHash": root,
        "merkleRoot": root,
        "proof": [],
        "anchors": [{**anchor, "chain": V2_CHAIN_NAMES[chain]}],
    }
    return certificate


def minted_tx(
    certificate: dict[str, Any], *, sender: str | None = None, confirmations: int = 12
) -> Tx:
    """The honest anchoring transaction of a minted certificate."""
    signature = certificate["signature"]
    anchor = signature["anchors"][0]
    chain = next(c for c, n in V2_CHAIN_NAMES.items() if n == anchor["chain"])
    default = ETH_ADDRESS if chain.is_ethereum else BTC_ADDRESS
    return Tx(
        chain,
        anchor["sourceId"],
        signature["merkleRoot"],
        sender or default,
        datetime(2026, 3, 1, 10, 0, tzinfo=UTC),
        confirmations=confirmations,
    )


def minted_profile(**key_window: str) -> dict[str, Any]:
    """The minted issuer's profile: both test addresses, created 2026-01-01 unless told."""
    window = {"created": "2026-01-01T00:00:00Z", **key_window}
    return {
        "@context": ["https://w3id.org/openbadges/v2", "https://w3id.org/blockcerts/v2"],
        "type": "Profile",
        "id": MINTED_ISSUER,
        "name": "Minted Test College",
        "revocationList": MINTED_REVOCATIONS,
        "publicKey": [
            {"id": f"ecdsa-koblitz-pubkey:{BTC_ADDRESS}", **window},
            {"id": f"ecdsa-koblitz-pubkey:{ETH_ADDRESS.lower()}", **window},
        ],
    }


def revocations(*revoked: tuple[str, str]) -> dict[str, Any]:
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "id": MINTED_REVOCATIONS,
        "type": "RevocationList",
        "revokedAssertions": [{"id": i, "revocationReason": r} for i, r in revoked],
    }
