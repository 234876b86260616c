"""Block explorers: the configured endpoints, their three API shapes, and the agreement rule.

    endpoints = parse_endpoints(["esplora bitcoin-testnet https://blockstream.info/testnet/api",
                                 "blockcypher bitcoin-testnet https://api.blockcypher.com/v1/btc/test3"])
    lookup = look_up_transaction(Chain.BITCOIN_TESTNET, txid, endpoints, fetcher)
    lookup.outcome, lookup.facts, lookup.details()

Every request goes through the kiosk's guarded fetcher.
"""

from kiosk.verification.blockcerts.explorers.base import (
    SUPPORTED_CHAINS,
    ExplorerApi,
    ExplorerConfigError,
    ExplorerEndpoint,
    ExplorerFailure,
    TxFacts,
    parse_endpoint,
    parse_endpoints,
)
from kiosk.verification.blockcerts.explorers.lookup import (
    MIN_AGREEING,
    ExplorerAnswer,
    Outcome,
    TransactionLookup,
    decide,
    explorers_for,
    look_up_transaction,
)

__all__ = [
    "MIN_AGREEING",
    "SUPPORTED_CHAINS",
    "ExplorerAnswer",
    "ExplorerApi",
    "ExplorerConfigError",
    "ExplorerEndpoint",
    "ExplorerFailure",
    "Outcome",
    "TransactionLookup",
    "TxFacts",
    "decide",
    "explorers_for",
    "look_up_transaction",
    "parse_endpoint",
    "parse_endpoints",
]
