"""Anchors the kiosk has already seen confirmed, kept in the document cache for offline use.

After the explorers agreed on an anchoring transaction, the kiosk keeps what they said (chain,
transaction, anchored data, paying address, block, confirmations, when, which explorers) as one
entry of the ordinary document cache, under the key `blockcerts-anchor:<chain>:<txid>`. Every
certificate of a batch shares its transaction, so one online check covers the whole batch.

A transaction buried under enough blocks does not change: a cached anchor that was confirmed
when it was recorded stays usable offline (the check then passes "as of" its date) — unlike
profiles and lists, it has no maximum age. One recorded with too few confirmations is kept so
that `kiosk sync` can refresh it, but is never used to pass.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.net import DocumentCache, FetchedDocument
from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.blockcerts.explorers.base import TxFacts

log = logging.getLogger(__name__)

KEY_PREFIX = "blockcerts-anchor:"
CONTENT_TYPE = "application/vnd.credential-kiosk.anchor+json"


@dataclass(frozen=True, slots=True)
class AnchorRecord:
    """An agreed transaction as the kiosk recorded it."""

    facts: TxFacts
    checked_at: datetime
    """When the explorers agreed on it."""
    explorers: tuple[str, ...]
    """The operators that agreed."""
    issuer_id: str
    """The issuer of the certificate it was checked for (for `kiosk sync`)."""


def cache_key(chain: Chain, tx_id: str) -> str:
    """The cache key of an anchor: `blockcerts-anchor:bitcoin-testnet:<txid>`."""
    return f"{KEY_PREFIX}{chain.value}:{tx_id.lower()}"


def save_anchor(cache: DocumentCache | None, record: AnchorRecord) -> None:
    """Keep `record` (a full disk or a read-only cache is logged, never raised)."""
    if cache is None:
        return
    facts = record.facts
    body = {
        "chain": facts.chain.value,
        "tx_id": facts.tx_id,
        "data": facts.data,
        "issuing_address": facts.issuing_address,
        "block_height": facts.block_height,
        "block_time": None if facts.block_time is None else facts.block_time.isoformat(),
        "confirmations": facts.confirmations,
        "explorers": list(record.explorers),
        "issuer_id": record.issuer_id,
    }
    key = cache_key(facts.chain, facts.tx_id)
    document = FetchedDocument(
        url=key,
        final_url=key,
        content_type=CONTENT_TYPE,
        body=json.dumps(body, sort_keys=True).encode(),
        fetched_at=record.checked_at,
    )
    try:
        cache.put(document)
    except (OSError, ValueError) as error:
        log.warning("could not keep the anchor %s: %s", key, error)


def load_anchor(cache: DocumentCache | None, chain: Chain, tx_id: str) -> AnchorRecord | None:
    """The recorded anchor for `tx_id` on `chain`, or None (absent or unreadable)."""
    if cache is None:
        return None
    cached = cache.get(cache_key(chain, tx_id))
    return None if cached is None else _record(cached.body, cached.fetched_at)


def recorded_anchors(cache: DocumentCache | None) -> list[AnchorRecord]:
    """Every anchor the cache holds (for `kiosk sync`)."""
    if cache is None:
        return []
    records = []
    for entry in cache.entries():
        if entry.url.startswith(KEY_PREFIX):
            record = _record(entry.body, entry.fetched_at)
            if record is not None:
                records.append(record)
    return records


def _record(body: bytes, checked_at: datetime) -> AnchorRecord | None:
    try:
        value: Any = json.loads(body)
        block_time = value["block_time"]
        facts = TxFacts(
            chain=Chain(value["chain"]),
            tx_id=str(value["tx_id"]),
            data=str(value["data"]),
            issuing_address=str(value["issuing_address"]),
            block_height=None if value["block_height"] is None else int(value["block_height"]),
            block_time=None if block_time is None else datetime.fromisoformat(block_time),
            confirmations=int(value["confirmations"]),
        )
        return AnchorRecord(
            facts, checked_at, tuple(str(e) for e in value["explorers"]), str(value["issuer_id"])
        )
    except (ValueError, KeyError, TypeError):
        log.warning("ignoring a damaged anchor record")
        return None
