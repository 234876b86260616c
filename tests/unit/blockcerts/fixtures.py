"""The always-present Blockcerts fixtures (`tests/fixtures/blockcerts/`), and worlds built on them.

`peer_testnet_world` serves the peer-generated Bitcoin-testnet certificate's issuer profile and
revocation list and publishes its (fabricated) anchoring transaction on the local explorers;
the certificates of that batch then verify as VERIFIED with a trust list naming the issuer.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from kiosk.verification.blockcerts.chains import Chain
from tests.conftest import FIXTURES
from tests.unit.blockcerts.chain_servers import Tx
from tests.unit.blockcerts.conftest import World
from tests.unit.blockcerts.harness import serve_document

BLOCKCERTS = FIXTURES / "blockcerts"
PEER = BLOCKCERTS / "peer-generated"
CVJS = BLOCKCERTS / "cert-verifier-js"
PEER_ISSUER = "https://issuer.kiosk.test/blockcerts/btc-testnet/issuer.json"
PEER_REVOCATIONS = "https://issuer.kiosk.test/blockcerts/btc-testnet/revocation-list.json"
MOCKNET_ISSUER = "https://issuer.kiosk.test/blockcerts/mocknet/issuer.json"
MOCKNET_REVOCATIONS = "https://issuer.kiosk.test/blockcerts/mocknet/revocation-list.json"


def load(path: str) -> Any:
    return json.loads((BLOCKCERTS / path).read_text())


def raw(path: str) -> bytes:
    return (BLOCKCERTS / path).read_bytes()


def peer_tx() -> Tx:
    """The peer tooling's fabricated anchoring transaction (its recorded Esplora answer)."""
    recorded = load("peer-generated/blockcerts-btc-testnet-explorer-tx.json")
    script = next(o["scriptpubkey"] for o in recorded["vout"] if "scriptpubkey" in o)
    return Tx(
        Chain.BITCOIN_TESTNET,
        recorded["txid"],
        script[4:],
        recorded["vin"][0]["prevout"]["scriptpubkey_address"],
        datetime.fromtimestamp(recorded["status"]["block_time"], UTC),
        recorded["status"]["block_height"],
    )


def peer_testnet_world(world: World, *, publish: bool = True) -> Tx:
    """Serve the peer testnet issuer's documents (and publish its transaction)."""
    serve_document(
        world.docs, PEER_ISSUER, raw("peer-generated/blockcerts-btc-testnet-issuer-profile.json")
    )
    serve_document(
        world.docs,
        PEER_REVOCATIONS,
        raw("peer-generated/blockcerts-btc-testnet-revocation-list.json"),
    )
    tx = peer_tx()
    if publish:
        world.chain.publish(tx)
    return tx


def mocknet_world(world: World) -> None:
    serve_document(
        world.docs, MOCKNET_ISSUER, raw("peer-generated/blockcerts-mocknet-issuer-profile.json")
    )
    serve_document(
        world.docs,
        MOCKNET_REVOCATIONS,
        raw("peer-generated/blockcerts-mocknet-revocation-list.json"),
    )
