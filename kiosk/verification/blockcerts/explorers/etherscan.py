"""Etherscan-style explorers (Etherscan API v2, and Etherscan-compatible APIs) for Ethereum.

Three JSON-RPC calls through the `proxy` module, on the configured base URL (which carries the
chain id and the API key, e.g. `https://api.etherscan.io/v2/api?chainid=1&apikey=KEY`):

    module=proxy&action=eth_getTransactionByHash&txhash=0x…   → {"result": {"blockNumber",
                                                                  "from", "input"}}
    module=proxy&action=eth_blockNumber                        → {"result": "0x…"}
    module=proxy&action=eth_getBlockByNumber&tag=0x…&boolean=false → {"result": {"timestamp"}}

Etherscan refuses with HTTP 200 and `{"status": "0", "result": "Max rate limit reached"}`;
that is reported as rate limiting, like an HTTP 429.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from kiosk.net import GuardedFetcher
from kiosk.verification.blockcerts.explorers.base import (
    MALFORMED_ANSWER,
    ExplorerEndpoint,
    ExplorerFailure,
    TxFacts,
)
from kiosk.verification.blockcerts.explorers.http import get_json, with_query
from kiosk.verification.blockcerts.explorers.script import clean_hex


def look_up(endpoint: ExplorerEndpoint, tx_id: str, fetcher: GuardedFetcher) -> TxFacts:
    """The transaction as this Etherscan-style explorer reports it.

    Raises:
        ExplorerFailure: unreachable, refused, rate-limited, not found, or a malformed answer.
    """
    tx_hash = tx_id if tx_id.startswith("0x") else f"0x{tx_id}"
    result = _call(
        fetcher,
        with_query(
            endpoint.base_url, module="proxy", action="eth_getTransactionByHash", txhash=tx_hash
        ),
    )
    if result is None:
        raise ExplorerFailure("does not know the transaction", not_found=True)
    if not isinstance(result, Mapping):
        raise ExplorerFailure(MALFORMED_ANSWER)
    if str(result.get("hash", tx_hash)).lower() != tx_hash.lower():
        raise ExplorerFailure("answered about another transaction")
    data, sender = clean_hex(result.get("input")), clean_hex(result.get("from"))
    if data is None or sender is None or len(sender) != 40:
        raise ExplorerFailure(MALFORMED_ANSWER)
    height = _quantity(result.get("blockNumber")) if result.get("blockNumber") else None
    confirmations, block_time = 0, None
    if height is not None:
        tip = _quantity(
            _call(fetcher, with_query(endpoint.base_url, module="proxy", action="eth_blockNumber"))
        )
        if tip < height:
            raise ExplorerFailure("gave an impossible chain height")
        confirmations = tip - height + 1
        block = _call(
            fetcher,
            with_query(
                endpoint.base_url,
                module="proxy",
                action="eth_getBlockByNumber",
                tag=hex(height),
                boolean="false",
            ),
        )
        if not isinstance(block, Mapping):
            raise ExplorerFailure(MALFORMED_ANSWER)
        block_time = datetime.fromtimestamp(_quantity(block.get("timestamp")), UTC)
    return TxFacts(
        chain=endpoint.chain,
        tx_id=tx_hash.lower(),
        data=data,
        issuing_address=f"0x{sender}",
        block_height=height,
        block_time=block_time,
        confirmations=confirmations,
    )


def _call(fetcher: GuardedFetcher, url: str) -> Any:
    answer = get_json(fetcher, url)
    if not isinstance(answer, Mapping):
        raise ExplorerFailure(MALFORMED_ANSWER)
    if answer.get("status") == "0" or "error" in answer:
        message = str(answer.get("result") or answer.get("error") or answer.get("message"))
        if "rate limit" in message.lower():
            raise ExplorerFailure("is rate-limiting the kiosk (too many requests)")
        raise ExplorerFailure(f"refused the request ({message[:80]})")
    if "result" not in answer:
        raise ExplorerFailure(MALFORMED_ANSWER)
    return answer["result"]


def _quantity(value: Any) -> int:
    """A JSON-RPC quantity ("0x1b4") as an int."""
    if not isinstance(value, str) or not value.startswith("0x") or len(value) > 18:
        raise ExplorerFailure(MALFORMED_ANSWER)
    try:
        return int(value, 16)
    except ValueError:
        raise ExplorerFailure(MALFORMED_ANSWER) from None
