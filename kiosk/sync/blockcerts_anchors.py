"""`kiosk sync` for Blockcerts: refresh the anchors the kiosk has recorded for each issuer.

Anchors are per transaction, not per issuer, so there is nothing to fetch for an issuer the
kiosk has never seen a certificate from. What sync does is keep the recorded ones fresh: for
every anchor recorded for a trusted issuer (by an earlier online check — one per batch of
certificates), the explorers are asked again and, when they agree on the same data, the record
is replaced — so one that had too few confirmations when first seen becomes usable offline.
Explorers reporting different data than recorded leave the record as it was, and say so.

`cli_sync` adds this provider to `kiosk.sync.SYNC_PROVIDERS` with the operator's explorers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from kiosk.settings import utc_now
from kiosk.sync.session import Outcome, SyncProvider, SyncSession
from kiosk.verification.blockcerts.anchor_cache import (
    AnchorRecord,
    recorded_anchors,
    save_anchor,
)
from kiosk.verification.blockcerts.explorers import (
    ExplorerEndpoint,
    look_up_transaction,
)
from kiosk.verification.blockcerts.explorers import Outcome as Agreement


def anchor_sync_provider(
    explorers: tuple[ExplorerEndpoint, ...],
    min_confirmations: int,
    clock: Callable[[], datetime] = utc_now,
) -> SyncProvider:
    """A sync provider refreshing recorded anchors with these explorers."""

    def sync_anchors(session: SyncSession) -> None:
        records = [r for r in recorded_anchors(session.cache) if r.issuer_id == session.issuer.id]
        for record in records:
            _refresh(session, record, explorers, min_confirmations, clock)

    return sync_anchors


def _refresh(
    session: SyncSession,
    record: AnchorRecord,
    explorers: tuple[ExplorerEndpoint, ...],
    min_confirmations: int,
    clock: Callable[[], datetime],
) -> None:
    facts = record.facts
    what = f"anchor on {facts.chain.display}"
    where = f"transaction {facts.tx_id}"
    lookup = look_up_transaction(facts.chain, facts.tx_id, explorers, session.fetcher)
    if lookup.outcome is not Agreement.AGREED or lookup.facts is None:
        reason = (
            f"the explorers gave no agreed answer ({lookup.outcome.value}); "
            "the older record is kept"
        )
        session.note(what, Outcome.FAILED, reason, where, record.checked_at)
        return
    if lookup.facts.data != facts.data:
        reason = "the explorers now report other data for it; the older record is kept"
        session.note(what, Outcome.FAILED, reason, where, record.checked_at)
        return
    now = clock()
    agreeing = tuple(a.endpoint.operator for a in lookup.answers if a.facts is not None)
    save_anchor(session.cache, AnchorRecord(lookup.facts, now, agreeing, record.issuer_id))
    confirmations = lookup.facts.confirmations
    reason = (
        ""
        if confirmations >= min_confirmations
        else f"only {confirmations} of {min_confirmations} confirmations so far"
    )
    session.note(what, Outcome.FETCHED, reason, where, now)
