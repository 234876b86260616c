"""Offline: a confirmed anchor the kiosk recorded earlier passes "as of" its date; `kiosk sync`
refreshes recorded anchors. Without a confirmed record the anchor is not done."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from kiosk.net import DocumentCache
from kiosk.sync import Outcome, run_sync
from kiosk.sync.blockcerts_anchors import anchor_sync_provider
from kiosk.verification.blockcerts.anchor_cache import (
    cache_key,
    load_anchor,
    recorded_anchors,
)
from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.model import CheckId, CheckStatus, Verdict
from tests.servers import Route
from tests.unit.blockcerts.chain_servers import esplora_tx, json_route
from tests.unit.blockcerts.conftest import World
from tests.unit.blockcerts.mint import MINTED_ISSUER
from tests.unit.blockcerts.minted import check, explain, minted_world, verify
from trust_lists import TrustedIssuer

pytestmark = pytest.mark.local_servers


def test_a_confirmed_anchor_seen_online_passes_offline_as_of_its_date(world: World) -> None:
    certificate, tx = minted_world(world)
    assert verify(world, certificate).verdict is Verdict.VERIFIED
    record = load_anchor(DocumentCache(world.cache_dir), Chain.BITCOIN_TESTNET, tx.tx_id)
    assert record is not None and record.facts.data == tx.data
    assert record.issuer_id == MINTED_ISSUER
    offline = verify(world, certificate, online=False)
    anchor = check(offline, CheckId.ANCHOR)
    assert offline.verdict is Verdict.VERIFIED, explain(offline)
    assert "as of 24 Nov 2026 (the kiosk's saved copy; the kiosk is offline)" in anchor.reason
    assert any("recorded 2026-11-24 12:00 UTC" in d for d in anchor.details)


def test_offline_without_a_recorded_anchor_is_not_done(world: World) -> None:
    certificate, _tx = minted_world(world)
    report = verify(world, certificate, online=False)
    anchor = check(report, CheckId.ANCHOR)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert anchor.status is CheckStatus.NOT_DONE
    assert "the kiosk is offline" in anchor.reason


def test_explorers_failing_online_fall_back_to_the_recorded_anchor(world: World) -> None:
    certificate, tx = minted_world(world)
    assert verify(world, certificate).verdict is Verdict.VERIFIED
    for operator in ("esplora", "blockcypher"):
        world.chain.route(operator, tx, Route(status=503, body=b"{}"))
    report = verify(world, certificate)
    assert report.verdict is Verdict.VERIFIED, explain(report)
    assert (
        "fewer than two independent block explorers answered"
        in check(report, CheckId.ANCHOR).reason
    )


def test_a_disagreement_is_never_covered_by_a_recorded_anchor(world: World) -> None:
    certificate, tx = minted_world(world)
    assert verify(world, certificate).verdict is Verdict.VERIFIED
    world.chain.route("esplora", tx, json_route(esplora_tx(replace(tx, data="cd" * 32))))
    assert verify(world, certificate).verdict is Verdict.CHECK_MANUALLY


def test_an_unconfirmed_record_does_not_pass_offline(world: World) -> None:
    certificate, tx = minted_world(world, confirmations=1)
    assert verify(world, certificate).verdict is Verdict.CHECK_MANUALLY
    record = load_anchor(DocumentCache(world.cache_dir), Chain.BITCOIN_TESTNET, tx.tx_id)
    assert record is not None and record.facts.confirmations == 1
    report = verify(world, certificate, online=False)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "no confirmed copy" in check(report, CheckId.ANCHOR).reason


def test_a_damaged_anchor_record_is_ignored(world: World) -> None:
    certificate, tx = minted_world(world)
    assert verify(world, certificate).verdict is Verdict.VERIFIED
    cache = DocumentCache(world.cache_dir)
    path = cache.path_for(cache_key(Chain.BITCOIN_TESTNET, tx.tx_id))
    path.write_text(path.read_text().replace('"body_base64": "', '"body_base64": "AAAA'))
    assert load_anchor(cache, Chain.BITCOIN_TESTNET, tx.tx_id) is None
    assert verify(world, certificate, online=False).verdict is Verdict.CHECK_MANUALLY


def test_sync_refreshes_recorded_anchors_until_they_are_confirmed(world: World) -> None:
    certificate, tx = minted_world(world, confirmations=2)
    assert verify(world, certificate).verdict is Verdict.CHECK_MANUALLY  # recorded, unconfirmed
    world.chain.publish(replace(tx, confirmations=9))
    when = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    provider = anchor_sync_provider(world.chain.endpoints(), 6, clock=lambda: when)
    issuer = TrustedIssuer(id=MINTED_ISSUER, name="Minted Test College")
    items = run_sync(
        [issuer],
        fetcher=world.fetcher(),
        cache=DocumentCache(world.cache_dir),
        providers=[provider],
    )
    assert [(i.what, i.outcome) for i in items] == [("anchor on Bitcoin testnet", Outcome.FETCHED)]
    assert items[0].fetched_at == when and items[0].url == f"transaction {tx.tx_id}"
    report = verify(world, certificate, online=False)
    assert report.verdict is Verdict.VERIFIED, explain(report)
    assert "as of 25 Nov 2026" in check(report, CheckId.ANCHOR).reason


def test_sync_keeps_the_record_when_the_explorers_now_say_otherwise(world: World) -> None:
    certificate, tx = minted_world(world)
    assert verify(world, certificate).verdict is Verdict.VERIFIED
    world.chain.publish(replace(tx, data="ef" * 32))
    provider = anchor_sync_provider(world.chain.endpoints(), 6)
    issuer = TrustedIssuer(id=MINTED_ISSUER, name="Minted Test College")
    cache = DocumentCache(world.cache_dir)
    items = run_sync([issuer], fetcher=world.fetcher(), cache=cache, providers=[provider])
    assert items[0].outcome is Outcome.FAILED and "other data" in items[0].reason
    assert [r.facts.data for r in recorded_anchors(cache)] == [tx.data]


def test_sync_has_nothing_to_do_for_an_issuer_never_seen(world: World) -> None:
    provider = anchor_sync_provider(world.chain.endpoints(), 6)
    issuer = TrustedIssuer(id="https://never.kiosk.test/issuer.json", name="Never seen")
    items = run_sync(
        [issuer],
        fetcher=world.fetcher(),
        cache=DocumentCache(world.cache_dir),
        providers=[provider],
    )
    assert items == []
