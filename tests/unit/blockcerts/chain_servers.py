"""Local block explorers for the Blockcerts tests: real HTTPS servers answering as the APIs do.

Four servers on 127.0.0.1 (certificates from the test CA), one per operator:

| host (`*.kiosk.test`) | API shape   | serves                                        |
|-----------------------|-------------|-----------------------------------------------|
| esplora               | Esplora     | `/api/…` (Bitcoin), `/testnet/api/…`          |
| blockcypher           | BlockCypher | `/v1/btc/main/…`, `/v1/btc/test3/…`           |
| etherscan             | Etherscan   | `/v2/api?chainid=N&module=proxy&…`            |
| blockscout            | Etherscan   | `/<chain>/api?module=proxy&…`                 |
| mempool               | Esplora     | as esplora (a third Bitcoin operator, on request) |

`LocalChain.publish(tx)` writes a transaction to every explorer of its chain, in each API's own
response shape (`esplora_tx`, `blockcypher_tx`, `etherscan_*`, shaped like the recorded answers
in `../shared/vectors/blockcerts/explorer-lookup/`). A test can then override one explorer's
answer (down, slow, rate-limited, malformed, lying) with `LocalChain.route`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import trustme

from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.blockcerts.explorers import ExplorerEndpoint, parse_endpoint
from tests.servers import LocalHttpsServer, Route

ETHERSCAN_CHAIN_IDS = {
    Chain.ETHEREUM_MAINNET: 1,
    Chain.ETHEREUM_ROPSTEN: 3,
    Chain.ETHEREUM_RINKEBY: 4,
    Chain.ETHEREUM_GOERLI: 5,
    Chain.ETHEREUM_SEPOLIA: 11155111,
}
ESPLORA_PATHS = {Chain.BITCOIN_MAINNET: "/api", Chain.BITCOIN_TESTNET: "/testnet/api"}
BLOCKCYPHER_PATHS = {Chain.BITCOIN_MAINNET: "/v1/btc/main", Chain.BITCOIN_TESTNET: "/v1/btc/test3"}
OPERATORS = ("esplora", "blockcypher", "etherscan", "blockscout", "mempool")
DEFAULT_OPERATORS = ("esplora", "blockcypher", "etherscan", "blockscout")
"""Two explorers of different operators per chain, the minimum the agreement rule needs."""


@dataclass(frozen=True)
class Tx:
    """An anchoring transaction as the fake chain holds it."""

    chain: Chain
    tx_id: str
    data: str
    """The anchored data (hex, no 0x): the Merkle root for an honest transaction."""
    sender: str
    time: datetime
    height: int = 4_200_000
    confirmations: int = 12

    @property
    def tip(self) -> int:
        return self.height + self.confirmations - 1


def esplora_tx(tx: Tx) -> dict[str, Any]:
    """`GET /tx/{txid}` as Blockstream.info and mempool.space answer it."""
    return {
        "txid": tx.tx_id,
        "version": 1,
        "locktime": 0,
        "vin": [
            {
                "txid": "4b4b5aa4b0a1df5a00cd119e8e147e6422eb4bea980670c23dcd150e2d36d400",
                "vout": 0,
                "prevout": {
                    "scriptpubkey_type": "p2pkh",
                    "scriptpubkey_address": tx.sender,
                    "value": 231716,
                },
                "is_coinbase": False,
            }
        ],
        "vout": [
            {"scriptpubkey_type": "p2pkh", "scriptpubkey_address": tx.sender, "value": 90000},
            {"scriptpubkey": "6a20" + tx.data, "scriptpubkey_type": "op_return", "value": 0},
        ],
        "status": {
            "confirmed": True,
            "block_height": tx.height,
            "block_hash": "00" * 32,
            "block_time": int(tx.time.timestamp()),
        },
    }


def blockcypher_tx(tx: Tx) -> dict[str, Any]:
    """`GET /txs/{txid}` as BlockCypher answers it."""
    received = tx.time - timedelta(seconds=31)
    return {
        "block_hash": "00" * 32,
        "block_height": tx.height,
        "hash": tx.tx_id,
        "addresses": [tx.sender],
        "confirmed": tx.time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "received": received.astimezone(UTC)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z"),
        "double_spend": False,
        "confirmations": tx.confirmations,
        "inputs": [{"addresses": [tx.sender], "script_type": "pay-to-pubkey-hash"}],
        "outputs": [
            {"value": 90000, "addresses": [tx.sender], "script_type": "pay-to-pubkey-hash"},
            {
                "value": 0,
                "script": "6a20" + tx.data,
                "addresses": None,
                "script_type": "null-data",
                "data_hex": tx.data,
            },
        ],
    }


def etherscan_tx(tx: Tx) -> dict[str, Any]:
    """`module=proxy&action=eth_getTransactionByHash` (JSON-RPC through Etherscan)."""
    return {
        "jsonrpc": "2.0",
        "id": 1,
        "result": {
            "blockNumber": hex(tx.height),
            "from": tx.sender.lower(),
            "hash": tx.tx_id,
            "input": "0x" + tx.data,
            "to": "0xdeaddeaddeaddeaddeaddeaddeaddeaddeaddead",
            "value": "0x0",
        },
    }


def etherscan_tip(tx: Tx) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": 83, "result": hex(tx.tip)}


def etherscan_block(tx: Tx) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": 1,
        "result": {"number": hex(tx.height), "timestamp": hex(int(tx.time.timestamp()))},
    }


def json_route(value: Any, **kwargs: Any) -> Route:
    return Route(body=json.dumps(value).encode(), **kwargs)


@dataclass
class LocalChain:
    """The four explorer servers, and what each serves."""

    servers: dict[str, LocalHttpsServer]
    published: list[Tx] = field(default_factory=list)

    def host(self, operator: str) -> str:
        return f"{operator}.kiosk.test:{self.servers[operator].port}"

    def endpoints(self, *operators: str) -> tuple[ExplorerEndpoint, ...]:
        """Explorer settings for every chain, for the given operators (default: all)."""
        chosen = operators or DEFAULT_OPERATORS
        lines = []
        for chain, path in ESPLORA_PATHS.items():
            for operator in ("esplora", "mempool"):
                if operator in chosen:
                    lines.append(f"esplora {chain.value} https://{self.host(operator)}{path}")
            if "blockcypher" in chosen:
                lines.append(
                    f"blockcypher {chain.value} "
                    f"https://{self.host('blockcypher')}{BLOCKCYPHER_PATHS[chain]}"
                )
        for chain, chain_id in ETHERSCAN_CHAIN_IDS.items():
            if "etherscan" in chosen:
                lines.append(
                    f"etherscan {chain.value} "
                    f"https://{self.host('etherscan')}/v2/api?chainid={chain_id}"
                )
            if "blockscout" in chosen:
                lines.append(
                    f"etherscan {chain.value} https://{self.host('blockscout')}/{chain.value}/api"
                )
        return tuple(parse_endpoint(line) for line in lines)

    def paths(self, tx: Tx) -> dict[str, dict[str, str]]:
        """operator → {what: request path} for `tx` ("tx", "tip", "block")."""
        if tx.chain.is_bitcoin:
            esplora, cypher = ESPLORA_PATHS[tx.chain], BLOCKCYPHER_PATHS[tx.chain]
            shape = {"tx": f"{esplora}/tx/{tx.tx_id}", "tip": f"{esplora}/blocks/tip/height"}
            return {
                "esplora": shape,
                "mempool": dict(shape),
                "blockcypher": {"tx": f"{cypher}/txs/{tx.tx_id}"},
            }
        prefixes = {
            "etherscan": f"/v2/api?chainid={ETHERSCAN_CHAIN_IDS[tx.chain]}&",
            "blockscout": f"/{tx.chain.value}/api?",
        }
        return {
            operator: {
                "tx": f"{prefix}module=proxy&action=eth_getTransactionByHash&txhash={tx.tx_id}",
                "tip": f"{prefix}module=proxy&action=eth_blockNumber",
                "block": (
                    f"{prefix}module=proxy&action=eth_getBlockByNumber&tag={hex(tx.height)}"
                    "&boolean=false"
                ),
            }
            for operator, prefix in prefixes.items()
        }

    def publish(self, tx: Tx) -> None:
        """Every explorer of `tx.chain` answers about `tx` as its API does."""
        self.published.append(tx)
        for operator, paths in self.paths(tx).items():
            server = self.servers[operator]
            if operator in ("esplora", "mempool"):
                server.route(paths["tx"], json_route(esplora_tx(tx)))
                server.route(
                    paths["tip"], Route(body=str(tx.tip).encode(), content_type="text/plain")
                )
            elif operator == "blockcypher":
                server.route(paths["tx"], json_route(blockcypher_tx(tx)))
            else:
                server.route(paths["tx"], json_route(etherscan_tx(tx)))
                server.route(paths["tip"], json_route(etherscan_tip(tx)))
                server.route(paths["block"], json_route(etherscan_block(tx)))

    def route(self, operator: str, tx: Tx, route: Route, what: str = "tx") -> None:
        """Override one explorer's answer about `tx` (a fault, a lie)."""
        self.servers[operator].route(self.paths(tx)[operator][what], route)

    def requests(self, operator: str) -> list[str]:
        return self.servers[operator].paths

    def reset(self) -> None:
        self.published.clear()
        for server in self.servers.values():
            server.routes.clear()
            server.requests.clear()


@contextmanager
def local_chain(ca: trustme.CA) -> Iterator[LocalChain]:
    """Start the four explorer servers; stop them afterwards."""
    with ExitStack() as stack:
        servers = {name: stack.enter_context(LocalHttpsServer(ca)) for name in OPERATORS}
        yield LocalChain(servers)
