"""The blockchains a Blockcerts certificate can be anchored on, and how certificates name them.

Blockcerts v2 names the chain in its anchor (`"chain": "bitcoinTestnet"`), or — in early 2.0
certificates — not at all, when the recipient's address tells Bitcoin mainnet from testnet.
Blockcerts v3 (MerkleProof2019) names it in a "blink" (`blink:btc:testnet:<txid>`), encoded with
the MerkleProof2019 compression table (chain and network codes). The mock chain used for test
certificates is a chain like the others here, so that the anchor check can say plainly that it
is not a real one.
"""

from __future__ import annotations

from enum import StrEnum


class Chain(StrEnum):
    """A blockchain (and network) the kiosk knows how to read anchors on."""

    BITCOIN_MAINNET = "bitcoin-mainnet"
    BITCOIN_TESTNET = "bitcoin-testnet"
    ETHEREUM_MAINNET = "ethereum-mainnet"
    ETHEREUM_SEPOLIA = "ethereum-sepolia"
    ETHEREUM_GOERLI = "ethereum-goerli"
    ETHEREUM_ROPSTEN = "ethereum-ropsten"
    ETHEREUM_RINKEBY = "ethereum-rinkeby"
    MOCKNET = "mocknet"

    @property
    def display(self) -> str:
        """The chain as staff read it: "Bitcoin testnet"."""
        return _DISPLAY[self]

    @property
    def is_bitcoin(self) -> bool:
        return self in (Chain.BITCOIN_MAINNET, Chain.BITCOIN_TESTNET)

    @property
    def is_ethereum(self) -> bool:
        return self.value.startswith("ethereum-")

    @property
    def is_real(self) -> bool:
        """False for the mock chain of test certificates: nothing is anchored anywhere."""
        return self is not Chain.MOCKNET


_DISPLAY = {
    Chain.BITCOIN_MAINNET: "Bitcoin",
    Chain.BITCOIN_TESTNET: "Bitcoin testnet",
    Chain.ETHEREUM_MAINNET: "Ethereum",
    Chain.ETHEREUM_SEPOLIA: "Ethereum Sepolia (test network)",
    Chain.ETHEREUM_GOERLI: "Ethereum Goerli (test network)",
    Chain.ETHEREUM_ROPSTEN: "Ethereum Ropsten (test network)",
    Chain.ETHEREUM_RINKEBY: "Ethereum Rinkeby (test network)",
    Chain.MOCKNET: "a mock chain (test certificate)",
}

V2_CHAIN_NAMES: dict[str, Chain] = {
    "bitcoinMainnet": Chain.BITCOIN_MAINNET,
    "bitcoinTestnet": Chain.BITCOIN_TESTNET,
    "ethereumMainnet": Chain.ETHEREUM_MAINNET,
    "ethereumSepolia": Chain.ETHEREUM_SEPOLIA,
    "ethereumGoerli": Chain.ETHEREUM_GOERLI,
    "ethereumRopsten": Chain.ETHEREUM_ROPSTEN,
    "ethereumRinkeby": Chain.ETHEREUM_RINKEBY,
    "mockchain": Chain.MOCKNET,
}
"""Blockcerts v2 anchor `chain` values (`bitcoinRegtest` is a private chain: not listed)."""

BLINK_CHAINS: dict[tuple[str, str], Chain] = {
    ("btc", "mainnet"): Chain.BITCOIN_MAINNET,
    ("btc", "testnet"): Chain.BITCOIN_TESTNET,
    ("eth", "mainnet"): Chain.ETHEREUM_MAINNET,
    ("eth", "sepolia"): Chain.ETHEREUM_SEPOLIA,
    ("eth", "goerli"): Chain.ETHEREUM_GOERLI,
    ("eth", "ropsten"): Chain.ETHEREUM_ROPSTEN,
    ("eth", "rinkeby"): Chain.ETHEREUM_RINKEBY,
}
"""(chain, network) of a MerkleProof2019 "blink" anchor; any mocknet blink is `Chain.MOCKNET`."""

BLINK_CHAIN_CODES: dict[int, tuple[str, dict[int, str]]] = {
    0: ("btc", {1: "mainnet", 3: "testnet"}),
    1: ("eth", {1: "mainnet", 3: "ropsten", 4: "rinkeby", 5: "goerli", 11155111: "sepolia"}),
    2: ("mtc", {137: "mainnet", 80001: "mumbai"}),
    3: ("base", {8453: "mainnet", 84532: "sepolia"}),
    -1: ("mocknet", {-1: "mocknet"}),
}
"""The MerkleProof2019 compression table for anchors: chain code → (name, network codes)."""


def chain_from_recipient_address(address: str) -> Chain | None:
    """Early Blockcerts 2.0 anchors name no chain: a Bitcoin address says which network.

    Mainnet addresses start with 1, 3 or bc1; testnet ones with m, n, 2 or tb1.
    """
    bare = address.removeprefix("ecdsa-koblitz-pubkey:")
    if bare.startswith(("1", "3", "bc1")):
        return Chain.BITCOIN_MAINNET
    if bare.startswith(("m", "n", "2", "tb1")):
        return Chain.BITCOIN_TESTNET
    return None
