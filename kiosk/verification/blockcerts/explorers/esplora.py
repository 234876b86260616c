"""Esplora-style explorers (Blockstream.info, mempool.space) for Bitcoin mainnet and testnet.

    GET {base}/tx/{txid}            → {"status": {"confirmed", "block_height", "block_time"},
                                       "vin": [{"prevout": {"scriptpubkey_address"}}],
                                       "vout": [{"scriptpubkey": "6a20…"}]}
    GET {base}/blocks/tip/height    → 4200011   (plain text)

Confirmations are `tip - block height + 1`.
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
from kiosk.verification.blockcerts.explorers.http import get_json, get_text, join
from kiosk.verification.blockcerts.explorers.script import op_return_data


def look_up(endpoint: ExplorerEndpoint, tx_id: str, fetcher: GuardedFetcher) -> TxFacts:
    """The transaction as this Esplora explorer reports it.

    Raises:
        ExplorerFailure: unreachable, refused, not found, or an answer of the wrong shape.
    """
    answer = get_json(fetcher, join(endpoint.base_url, f"tx/{tx_id}"))
    if not isinstance(answer, Mapping) or not isinstance(answer.get("status"), Mapping):
        raise ExplorerFailure(MALFORMED_ANSWER)
    if answer.get("txid") not in (None, tx_id):
        raise ExplorerFailure("answered about another transaction")
    status = answer["status"]
    height = status.get("block_height") if status.get("confirmed") is True else None
    if height is not None and (not isinstance(height, int) or height < 0):
        raise ExplorerFailure(MALFORMED_ANSWER)
    confirmations = 0
    if height is not None:
        tip_text = get_text(fetcher, join(endpoint.base_url, "blocks/tip/height"))
        if not tip_text.isdigit() or int(tip_text) < height:
            raise ExplorerFailure("gave an impossible chain height")
        confirmations = int(tip_text) - height + 1
    return TxFacts(
        chain=endpoint.chain,
        tx_id=tx_id,
        data=_data(answer.get("vout")),
        issuing_address=_sender(answer.get("vin")),
        block_height=height,
        block_time=_time(status.get("block_time")) if height is not None else None,
        confirmations=confirmations,
    )


def _data(outputs: Any) -> str:
    if not isinstance(outputs, list):
        raise ExplorerFailure(MALFORMED_ANSWER)
    for output in outputs:
        if isinstance(output, Mapping):
            data = op_return_data(output.get("scriptpubkey"))
            if data is not None:
                return data
    return ""


def _sender(inputs: Any) -> str:
    first = inputs[0] if isinstance(inputs, list) and inputs else None
    prevout = first.get("prevout") if isinstance(first, Mapping) else None
    address = prevout.get("scriptpubkey_address") if isinstance(prevout, Mapping) else None
    if not isinstance(address, str) or not address:
        raise ExplorerFailure(MALFORMED_ANSWER)
    return address


def _time(value: Any) -> datetime | None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**33:
        raise ExplorerFailure(MALFORMED_ANSWER)
    return datetime.fromtimestamp(value, UTC)
