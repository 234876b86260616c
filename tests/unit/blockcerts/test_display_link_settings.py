"""What staff see for a Blockcerts certificate, the link path, the slow-step label, and settings."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import pytest

import kiosk.verification.blockcerts as blockcerts
from kiosk.context_setup import build_context
from kiosk.settings import DEFAULT_EXPLORERS, KioskSettings
from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.blockcerts.explorers import (
    ExplorerApi,
    ExplorerConfigError,
    parse_endpoint,
    parse_endpoints,
)
from kiosk.verification.model import CheckId, FieldSource, Verdict
from kiosk.verification.pipeline import verify_payload
from tests.unit.blockcerts.conftest import World
from tests.unit.blockcerts.harness import serve_document
from tests.unit.blockcerts.mint import MINTED_ISSUER
from tests.unit.blockcerts.minted import check, explain, minted_world, verify


@pytest.mark.local_servers
def test_the_screen_shows_the_trusted_issuer_recipient_badge_date_chain_and_transaction(
    world: World,
) -> None:
    certificate, tx = minted_world(world)
    report = verify(world, certificate)
    fields = report.fields
    assert fields.issuer is not None and fields.issuer.source is FieldSource.TRUST_LIST
    assert fields.issuer.value == "Trusted issuer 0"
    assert fields.holder is not None and fields.holder.value == "Ada Lovelace"
    assert fields.holder.source is FieldSource.SIGNED
    assert fields.achievement is not None
    assert fields.achievement.value == certificate["badge"]["name"]
    assert fields.issued is not None and fields.issued.value.startswith("2017-06-29")
    assert fields.credential_type == "Blockcerts v2 certificate (Open Badges 2.0)"
    anchor = check(report, CheckId.ANCHOR)
    assert "Bitcoin testnet" in anchor.reason and tx.tx_id[:10] in anchor.reason


@pytest.mark.local_servers
def test_without_a_checked_anchor_everything_is_a_claim(world: World) -> None:
    certificate, _tx = minted_world(world, publish=False)
    report = verify(world, certificate, explorers=())
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert report.fields.holder is not None and report.fields.holder.source is FieldSource.CLAIMED
    assert report.fields.issuer is not None
    assert report.fields.issuer.value == certificate["badge"]["issuer"]["name"]
    assert report.fields.issuer.source is FieldSource.CLAIMED


@pytest.mark.local_servers
def test_a_v2_certificate_arrives_by_link_through_the_guarded_fetcher(world: World) -> None:
    certificate, _tx = minted_world(world)
    link = "https://certificates.kiosk-college.example/ada.json"
    body = json.dumps(certificate).encode()
    assert len(body) > 100_000  # a v2 certificate with its image: no QR code holds it
    serve_document(world.docs, link, body, content_type="application/ld+json")
    report = verify_payload(link.encode(), world.context(MINTED_ISSUER))
    assert report.verdict is Verdict.VERIFIED, explain(report)
    assert "certificates.kiosk-college.example" in check(report, CheckId.PAYLOAD).reason
    assert world.docs.paths[0] == "/certificates.kiosk-college.example/ada.json"


@pytest.mark.local_servers
def test_the_slow_step_is_named_asking_the_blockchain_explorers(world: World) -> None:
    certificate, _tx = minted_world(world)
    steps: list[str] = []
    verify_payload(json.dumps(certificate).encode(), world.context(MINTED_ISSUER), steps.append)
    assert "asking the blockchain explorers" in steps
    assert steps.index("checking the Merkle proof") < steps.index("asking the blockchain explorers")


def test_the_default_explorers_are_two_operators_per_chain_at_least() -> None:
    endpoints = parse_endpoints(DEFAULT_EXPLORERS)
    for chain in (Chain.BITCOIN_MAINNET, Chain.BITCOIN_TESTNET, Chain.ETHEREUM_MAINNET):
        operators = {e.operator for e in endpoints if e.chain is chain}
        assert len(operators) >= 2, chain


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("esplora bitcoin-mainnet", "is not"),
        ("electrum bitcoin-mainnet https://x.example/api", "Unknown explorer API"),
        ("esplora dogecoin https://x.example/api", "Unknown chain"),
        ("etherscan bitcoin-mainnet https://x.example/api", "does not serve"),
        ("esplora bitcoin-mainnet http://x.example/api", "https"),
        ("esplora mocknet https://x.example/api", "does not serve"),
    ],
)
def test_bad_explorer_lines_are_refused_with_a_reason(line: str, words: str) -> None:
    with pytest.raises(ExplorerConfigError, match=words):
        parse_endpoint(line)


def test_settings_reach_the_context_and_a_bad_line_is_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = dataclasses.replace(
        KioskSettings(cache_dir=tmp_path),
        blockchain_explorers=(
            "esplora bitcoin-testnet https://blockstream.info/testnet/api",
            "typo",
            "blockcypher bitcoin-testnet https://api.blockcypher.com/v1/btc/test3",
        ),
        min_confirmations=10,
    )
    with caplog.at_level(logging.WARNING):
        context = build_context(settings)
    assert [e.api for e in context.explorers] == [ExplorerApi.ESPLORA, ExplorerApi.BLOCKCYPHER]
    assert context.min_confirmations == 10
    assert "ignoring explorer setting" in caplog.text


def test_the_package_exports_what_it_lists() -> None:
    for name in blockcerts.__all__:
        assert hasattr(blockcerts, name), name
