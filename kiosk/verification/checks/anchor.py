"""Anchor check (Blockcerts): the certificate's Merkle root is in a confirmed transaction.

Steps, for the certificate's anchor:

1. The mock chain of test certificates: "not done — test certificate, not anchored on a real
   chain" (so a test certificate is never VERIFIED). A chain the kiosk does not know: not done.
2. Online: every explorer configured for the chain is asked (`blockcerts.explorers`); the
   agreement rule decides. Agreed → the anchored data must be the Merkle root (else failed:
   the certificate was not issued in that transaction), and the transaction must have at least
   `min_confirmations` confirmations (else "not done: not yet confirmed"). A passed anchor is
   kept in the cache. Explorers disagreeing → not done, both answers shown. Two explorers that
   do not know the transaction → failed.
3. Too few answers, or offline: a cached anchor, confirmed when recorded, passes "as of" the
   day it was recorded; otherwise not done with the explorers' reasons.
"""

from __future__ import annotations

from datetime import UTC, timedelta

from kiosk.net import show_day
from kiosk.verification.blockcerts.anchor_cache import AnchorRecord, load_anchor, save_anchor
from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.blockcerts.explorers import Outcome, TxFacts, look_up_transaction
from kiosk.verification.blockcerts.findings import findings_of, receipt_of
from kiosk.verification.blockcerts.receipt import Anchor
from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckId, CheckResult

RECORD_REFRESH = timedelta(days=1)
"""A confirmed anchor record is rewritten at most this often (its "as of" date moves on)."""
MOCKNET_REASON = "Test certificate: not anchored on a real chain, so it cannot be verified."


def check_anchor(state: CredentialState) -> CheckResult:
    """Find the certificate's Merkle root in a confirmed transaction (see the module doc)."""
    receipt = receipt_of(state)
    anchor = receipt.anchors[0]
    if anchor.chain is Chain.MOCKNET:
        return CheckResult.not_done(CheckId.ANCHOR, MOCKNET_REASON)
    if anchor.chain is None:
        return CheckResult.not_done(
            CheckId.ANCHOR,
            "The certificate is anchored on a chain the kiosk does not know "
            f"({anchor.chain_name}).",
        )
    context, root = state.context, receipt.merkle_root.hex()
    if context.network is None:
        return _from_cache(state, anchor, root, "the kiosk is offline")
    lookup = look_up_transaction(anchor.chain, anchor.tx_id, context.explorers, context.network)
    details = (*_where(anchor), *lookup.details())
    if lookup.outcome is Outcome.NO_EXPLORERS:
        reason = f"no block explorer is configured for {anchor.chain.display}"
        return _from_cache(state, anchor, root, reason)
    if lookup.outcome is Outcome.DISAGREE:
        return CheckResult.not_done(
            CheckId.ANCHOR,
            "The blockchain explorers disagree about the anchoring transaction: "
            "check the certificate by other means.",
            *details,
        )
    if lookup.outcome is Outcome.NOT_FOUND:
        return CheckResult.failed(
            CheckId.ANCHOR,
            f"The anchoring transaction is not on {anchor.chain.display}: "
            "the blockchain explorers do not know it.",
            *details,
        )
    if lookup.outcome is Outcome.TOO_FEW or lookup.facts is None:
        reason = (
            "fewer than two independent block explorers answered"
            if len(lookup.answers) > 1
            else f"only one block explorer is configured for {anchor.chain.display}"
        )
        return _from_cache(state, anchor, root, reason, details)
    facts = lookup.facts
    if facts.data != root:
        return CheckResult.failed(
            CheckId.ANCHOR,
            "The blockchain transaction holds a different Merkle root: "
            "the certificate was not issued in it.",
            f"Merkle root of the certificate {root}",
            *details,
        )
    agreeing = tuple(a.endpoint.operator for a in lookup.answers if a.facts is not None)
    if _worth_saving(state, facts):
        save_anchor(
            context.cache,
            AnchorRecord(facts, context.now, agreeing, state.credential.issuer_id),
        )
    if facts.confirmations < context.min_confirmations:
        return CheckResult.not_done(
            CheckId.ANCHOR,
            f"Not yet confirmed: {facts.confirmations} of {context.min_confirmations} "
            "confirmations so far; try again later.",
            *details,
        )
    findings_of(state).anchor = facts
    return CheckResult.passed(
        CheckId.ANCHOR,
        f"Anchored on {anchor.chain.display} in transaction {_short(facts.tx_id)} "
        f"({facts.confirmations} confirmations); {len(agreeing)} explorers agree.",
        *details,
    )


def _worth_saving(state: CredentialState, facts: TxFacts) -> bool:
    """Keep a new record unless a confirmed one for the same data, less than a day old, is
    there already (a confirmed anchor does not change; this spares a disk write per scan)."""
    context = state.context
    kept = load_anchor(context.cache, facts.chain, facts.tx_id)
    return (
        kept is None
        or kept.facts.data != facts.data
        or kept.facts.confirmations < context.min_confirmations
        or context.now - kept.checked_at >= RECORD_REFRESH
    )


def _from_cache(
    state: CredentialState,
    anchor: Anchor,
    root: str,
    why: str,
    details: tuple[str, ...] = (),
) -> CheckResult:
    """Pass on a confirmed anchor the kiosk recorded earlier, else not done saying `why`."""
    context = state.context
    assert anchor.chain is not None
    record = load_anchor(context.cache, anchor.chain, anchor.tx_id)
    where = details or _where(anchor)
    if record is None or record.facts.confirmations < context.min_confirmations:
        return CheckResult.not_done(
            CheckId.ANCHOR,
            f"The blockchain anchor could not be checked: {why}, and no confirmed copy of it "
            "is saved.",
            *where,
        )
    facts: TxFacts = record.facts
    if facts.data != root:
        return CheckResult.failed(
            CheckId.ANCHOR,
            "The blockchain transaction holds a different Merkle root: "
            "the certificate was not issued in it.",
            f"Merkle root of the certificate {root}",
            *where,
        )
    findings = findings_of(state)
    findings.anchor, findings.anchor_as_of = facts, record.checked_at
    return CheckResult.passed(
        CheckId.ANCHOR,
        f"Anchored on {anchor.chain.display} in transaction {_short(facts.tx_id)}, "
        f"as of {show_day(record.checked_at)} (the kiosk's saved copy; {why}).",
        *where,
        f"recorded {record.checked_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC from "
        f"{', '.join(record.explorers)} "
        f"with {facts.confirmations} confirmations",
    )


def _where(anchor: Anchor) -> tuple[str, ...]:
    chain = anchor.chain.display if anchor.chain is not None else anchor.chain_name
    return (f"chain: {chain}", f"transaction: {anchor.tx_id}")


def _short(tx_id: str) -> str:
    return tx_id if len(tx_id) <= 20 else f"{tx_id[:10]}…{tx_id[-6:]}"
