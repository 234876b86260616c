"""What an explorer is configured as, what it reports about a transaction, and how it fails.

An operator configures explorers as one line each, `"<api> <chain> <https base URL>"`:

    esplora bitcoin-mainnet https://blockstream.info/api
    blockcypher bitcoin-testnet https://api.blockcypher.com/v1/btc/test3
    etherscan ethereum-mainnet https://api.etherscan.io/v2/api?chainid=1&apikey=KEY

`api` is the shape of the API (`ExplorerApi`), not the company: mempool.space speaks Esplora,
Blockscout speaks Etherscan's. The *operator* of an explorer is its host name: two explorers on
the same host are one operator, and agreement needs answers from different operators.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit

from kiosk.verification.blockcerts.chains import Chain

log = logging.getLogger(__name__)


class ExplorerApi(StrEnum):
    """The API shapes the Blockcerts verifier reads, each from several operators."""

    ESPLORA = "esplora"
    """Blockstream.info, mempool.space: `GET {base}/tx/{txid}`, `GET {base}/blocks/tip/height`."""
    BLOCKCYPHER = "blockcypher"
    """BlockCypher: `GET {base}/txs/{txid}` (Bitcoin networks)."""
    ETHERSCAN = "etherscan"
    """Etherscan and Etherscan-compatible APIs: `module=proxy` JSON-RPC calls."""


SUPPORTED_CHAINS: dict[ExplorerApi, frozenset[Chain]] = {
    ExplorerApi.ESPLORA: frozenset({Chain.BITCOIN_MAINNET, Chain.BITCOIN_TESTNET}),
    ExplorerApi.BLOCKCYPHER: frozenset({Chain.BITCOIN_MAINNET, Chain.BITCOIN_TESTNET}),
    ExplorerApi.ETHERSCAN: frozenset(c for c in Chain if c.is_ethereum),
}


class ExplorerConfigError(ValueError):
    """An explorer line the kiosk cannot use; the message says why (for the settings screen)."""


@dataclass(frozen=True, slots=True)
class ExplorerEndpoint:
    """One configured explorer: API shape, chain, base URL."""

    api: ExplorerApi
    chain: Chain
    base_url: str

    @property
    def operator(self) -> str:
        """Who runs it, as far as the kiosk can tell: the host name (lower case)."""
        return (urlsplit(self.base_url).hostname or "").lower()

    def __str__(self) -> str:
        return f"{self.api.value} {self.chain.value} {self.base_url}"


def parse_endpoint(line: str) -> ExplorerEndpoint:
    """Read one `"<api> <chain> <https URL>"` line.

    Raises:
        ExplorerConfigError: unknown API or chain, a chain that API does not serve, not https.
    """
    parts = line.split()
    if len(parts) != 3:
        raise ExplorerConfigError(f"'{line[:80]}' is not '<api> <chain> <https URL>'.")
    api_name, chain_name, url = parts
    try:
        api = ExplorerApi(api_name.lower())
    except ValueError:
        known = ", ".join(a.value for a in ExplorerApi)
        raise ExplorerConfigError(f"Unknown explorer API '{api_name[:20]}' ({known}).") from None
    try:
        chain = Chain(chain_name.lower())
    except ValueError:
        known = ", ".join(c.value for c in Chain if c.is_real)
        raise ExplorerConfigError(f"Unknown chain '{chain_name[:30]}' ({known}).") from None
    if chain not in SUPPORTED_CHAINS[api]:
        raise ExplorerConfigError(f"A {api.value} explorer does not serve {chain.display}.")
    # A first reading of the operator's line; every request is checked again by the fetcher.
    try:
        parsed = urlsplit(url)
        host = parsed.hostname
    except ValueError:
        raise ExplorerConfigError(f"'{url[:80]}' is not a valid URL.") from None
    if parsed.scheme != "https" or not host:
        raise ExplorerConfigError(f"Explorer addresses must be https URLs, not '{url[:80]}'.")
    return ExplorerEndpoint(api, chain, url.rstrip("/") if "?" not in url else url)


def parse_endpoints(lines: tuple[str, ...] | list[str]) -> tuple[ExplorerEndpoint, ...]:
    """Every configured explorer (raises `ExplorerConfigError` on the first bad line)."""
    return tuple(parse_endpoint(line) for line in lines if line.strip())


def usable_endpoints(lines: tuple[str, ...] | list[str]) -> tuple[ExplorerEndpoint, ...]:
    """The configured explorers that can be used; a bad line is logged and left out, so a typo
    in one line never stops the kiosk (anchors on that chain are then "not done")."""
    endpoints = []
    for line in lines:
        if not line.strip():
            continue
        try:
            endpoints.append(parse_endpoint(line))
        except ExplorerConfigError as error:
            log.warning("ignoring explorer setting: %s", error)
    return tuple(endpoints)


@dataclass(frozen=True, slots=True)
class TxFacts:
    """What one explorer says about an anchoring transaction, normalised across APIs."""

    chain: Chain
    tx_id: str
    data: str
    """The anchored data, lower-case hex: the OP_RETURN payload (Bitcoin), the transaction's
    input data (Ethereum). Empty when the transaction carries none."""
    issuing_address: str
    """The address that paid for the transaction (first input / `from`): the issuer's key."""
    block_height: int | None
    """None while unconfirmed."""
    block_time: datetime | None
    confirmations: int

    def same_transaction_as(self, other: TxFacts) -> bool:
        """The facts that must agree between explorers (confirmations may differ by a block)."""
        return (
            self.data == other.data
            and _address_key(self.chain, self.issuing_address)
            == _address_key(other.chain, other.issuing_address)
            and self.block_height == other.block_height
        )

    def summary(self) -> str:
        """One line for details: "data 71fd…2602, from mj9W…, block 4200000 (12 confirmations)"."""
        block = (
            f"block {self.block_height} ({self.confirmations} confirmations)"
            if self.block_height is not None
            else "not in a block yet"
        )
        return f"data {self.data[:64] or '(none)'}, from {self.issuing_address[:64]}, {block}"


def _address_key(chain: Chain, address: str) -> str:
    """Ethereum addresses compare without case (checksum capitals); Bitcoin's are exact."""
    return address.lower() if chain.is_ethereum else address


MALFORMED_ANSWER = "answered in a form the kiosk does not understand"
"""Why an explorer's answer was not used when it had the wrong shape (every API alike)."""


class ExplorerFailure(Exception):
    """One explorer gave no usable answer; `reason` finishes "<operator> …" in plain words."""

    def __init__(self, reason: str, *, not_found: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.not_found = not_found
        """The explorer answered that it does not know the transaction (HTTP 404 or the API's
        own "not found")."""
