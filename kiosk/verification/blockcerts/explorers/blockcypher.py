"""BlockCypher-style explorers for Bitcoin mainnet (`…/v1/btc/main`) and testnet (`…/btc/test3`).

GET {base}/txs/{txid}   → {"block_height": 508180 (-1 unconfirmed), "confirmations": 95579,
                           "confirmed": "2018-02-08T00:23:34Z",
                           "inputs": [{"addresses": ["1Awd…"]}],
                           "outputs": [{"script": "6a20…", "data_hex": "…"}]}
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from kiosk.net import GuardedFetcher
from kiosk.verification.blockcerts.explorers.base import (
    MALFORMED_ANSWER,
    ExplorerEndpoint,
    ExplorerFailure,
    TxFacts,
)
from kiosk.verification.blockcerts.explorers.http import get_json, join
from kiosk.verification.blockcerts.explorers.script import op_return_data


def look_up(endpoint: ExplorerEndpoint, tx_id: str, fetcher: GuardedFetcher) -> TxFacts:
    """The transaction as this BlockCypher explorer reports it.

    Raises:
        ExplorerFailure: unreachable, refused, not found, or an answer of the wrong shape.
    """
    answer = get_json(fetcher, join(endpoint.base_url, f"txs/{tx_id}"))
    if not isinstance(answer, Mapping):
        raise ExplorerFailure(MALFORMED_ANSWER)
    if isinstance(answer.get("error"), str):  # BlockCypher's own refusals come as JSON too
        raise ExplorerFailure(f"refused the request ({answer['error'][:80]})")
    if answer.get("hash") not in (None, tx_id):
        raise ExplorerFailure("answered about another transaction")
    height = answer.get("block_height")
    confirmations = answer.get("confirmations", 0)
    if not isinstance(height, int) or not isinstance(confirmations, int):
        raise ExplorerFailure(MALFORMED_ANSWER)
    if isinstance(height, bool) or isinstance(confirmations, bool) or confirmations < 0:
        raise ExplorerFailure(MALFORMED_ANSWER)
    confirmed = height >= 0 and confirmations > 0
    return TxFacts(
        chain=endpoint.chain,
        tx_id=tx_id,
        data=_data(answer.get("outputs")),
        issuing_address=_sender(answer.get("inputs")),
        block_height=height if confirmed else None,
        block_time=_time(answer.get("confirmed")) if confirmed else None,
        confirmations=confirmations if confirmed else 0,
    )


def _data(outputs: Any) -> str:
    if not isinstance(outputs, list):
        raise ExplorerFailure(MALFORMED_ANSWER)
    for output in outputs:
        if isinstance(output, Mapping):
            data = op_return_data(output.get("script"))
            if data is not None:
                return data
    return ""


def _sender(inputs: Any) -> str:
    first = inputs[0] if isinstance(inputs, list) and inputs else None
    addresses = first.get("addresses") if isinstance(first, Mapping) else None
    if not isinstance(addresses, list) or not addresses or not isinstance(addresses[0], str):
        raise ExplorerFailure(MALFORMED_ANSWER)
    return str(addresses[0])


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        raise ExplorerFailure(MALFORMED_ANSWER)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ExplorerFailure(MALFORMED_ANSWER) from None
    if moment.tzinfo is None:
        raise ExplorerFailure(MALFORMED_ANSWER)
    return moment
