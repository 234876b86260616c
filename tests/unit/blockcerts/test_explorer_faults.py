"""Explorer faults: each gives the verdict the agreement rule demands, with the reason.

Two explorers of different operators must answer and agree (docs/blockcerts.md). Faults are made
on real HTTPS servers on 127.0.0.1: a port with nothing listening (down), error statuses, HTTP 429,
an answer slower than the fetch limits, broken or wrongly shaped JSON, and explorers that lie about
the anchored data.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.blockcerts.explorers import parse_endpoint
from kiosk.verification.model import CheckId, CheckStatus, Verdict
from tests.servers import Route, unused_port
from tests.unit.blockcerts.chain_servers import Tx, esplora_tx, json_route
from tests.unit.blockcerts.conftest import World
from tests.unit.blockcerts.minted import check, explain, minted_world, verify

pytestmark = pytest.mark.local_servers

OTHER_ROOT = "ab" * 32
FAST_LIMITS = {"connect_timeout": 0.5, "read_timeout": 0.4, "total_timeout": 0.6}


def test_two_agreeing_bitcoin_explorers_verify(world: World) -> None:
    certificate, tx = minted_world(world)
    report = verify(world, certificate)
    assert report.verdict is Verdict.VERIFIED, explain(report)
    anchor = check(report, CheckId.ANCHOR)
    assert "Anchored on Bitcoin testnet in transaction d75b7a5bdb" in anchor.reason
    assert f"transaction: {tx.tx_id}" in anchor.details
    assert any(line.startswith("esplora.kiosk.test (esplora)") for line in anchor.details)
    assert any(line.startswith("blockcypher.kiosk.test (blockcypher)") for line in anchor.details)


def test_two_agreeing_etherscan_style_explorers_verify_ethereum(world: World) -> None:
    certificate, _tx = minted_world(world, Chain.ETHEREUM_SEPOLIA)
    report = verify(world, certificate)
    assert report.verdict is Verdict.VERIFIED, explain(report)
    assert "Ethereum Sepolia" in check(report, CheckId.ANCHOR).reason
    assert "checksum" not in explain(report)  # the lower-case profile address matched


def down(world: World, operator: str) -> tuple[Any, ...]:
    """Explorer settings with `operator` pointing at a port where nothing listens."""
    endpoints = []
    for endpoint in world.chain.endpoints():
        if endpoint.operator == f"{operator}.kiosk.test":
            base = endpoint.base_url.replace(
                str(world.chain.servers[operator].port), str(unused_port())
            )
            endpoint = replace(endpoint, base_url=base)
        endpoints.append(endpoint)
    return tuple(endpoints)


def fault(world: World, tx: Tx, name: str) -> dict[str, Any]:
    """Make fault `name` on the explorers; return extra context options it needs."""
    if name == "one explorer down":
        return {"explorers": down(world, "esplora")}
    if name == "both explorers down":
        return {"explorers": down(world, "blockcypher")[:0] + _both_down(world)}
    if name == "one answers HTTP 503":
        world.chain.route("esplora", tx, Route(status=503, body=b"{}"))
    elif name == "one is rate-limited (HTTP 429)":
        world.chain.route(
            "blockcypher", tx, Route(status=429, body=b'{"error": "Limits reached."}')
        )
    elif name == "one is slow":
        world.chain.route("esplora", tx, replace(json_route(esplora_tx(tx)), delay=3.0))
        return {"limits": FAST_LIMITS}
    elif name == "one sends broken JSON":
        world.chain.route("blockcypher", tx, Route(body=b'{"block_height": 42,'))
    elif name == "one sends JSON of another shape":
        world.chain.route("esplora", tx, json_route({"tx": tx.tx_id, "ok": True}))
    elif name == "one lies about the OP_RETURN":
        world.chain.route("esplora", tx, json_route(esplora_tx(replace(tx, data=OTHER_ROOT))))
    elif name == "they disagree on the block":
        world.chain.route("blockcypher", tx, json_route(_cypher(replace(tx, height=tx.height + 3))))
    elif name == "one does not know the transaction":
        world.chain.route("blockcypher", tx, Route(status=404, body=b'{"error": "not found"}'))
    elif name == "neither knows the transaction":
        world.chain.route("blockcypher", tx, Route(status=404, body=b"{}"))
        world.chain.route("esplora", tx, Route(status=404, body=b"Transaction not found"))
    elif name == "both tell the same other root":
        world.chain.publish(replace(tx, data=OTHER_ROOT))
    else:
        raise AssertionError(name)
    return {}


def _both_down(world: World) -> tuple[Any, ...]:
    first = down(world, "esplora")
    return tuple(
        replace(
            e,
            base_url=e.base_url.replace(
                str(world.chain.servers["blockcypher"].port), str(unused_port())
            ),
        )
        if e.operator == "blockcypher.kiosk.test"
        else e
        for e in first
    )


def _cypher(tx: Tx) -> dict[str, Any]:
    from tests.unit.blockcerts.chain_servers import blockcypher_tx

    return blockcypher_tx(tx)


FAULTS = [
    # (fault, verdict, anchor status, words in the anchor's reason or details)
    ("one explorer down", Verdict.CHECK_MANUALLY, CheckStatus.NOT_DONE, "fewer than two"),
    ("both explorers down", Verdict.CHECK_MANUALLY, CheckStatus.NOT_DONE, "fewer than two"),
    ("one answers HTTP 503", Verdict.CHECK_MANUALLY, CheckStatus.NOT_DONE, "HTTP 503"),
    ("one is rate-limited (HTTP 429)", Verdict.CHECK_MANUALLY, CheckStatus.NOT_DONE, "HTTP 429"),
    ("one is slow", Verdict.CHECK_MANUALLY, CheckStatus.NOT_DONE, "did not answer in time"),
    ("one sends broken JSON", Verdict.CHECK_MANUALLY, CheckStatus.NOT_DONE, "not JSON"),
    (
        "one sends JSON of another shape",
        Verdict.CHECK_MANUALLY,
        CheckStatus.NOT_DONE,
        "does not understand",
    ),
    ("one lies about the OP_RETURN", Verdict.CHECK_MANUALLY, CheckStatus.NOT_DONE, "disagree"),
    ("they disagree on the block", Verdict.CHECK_MANUALLY, CheckStatus.NOT_DONE, "disagree"),
    ("one does not know the transaction", Verdict.CHECK_MANUALLY, CheckStatus.NOT_DONE, "disagree"),
    (
        "neither knows the transaction",
        Verdict.NOT_VERIFIED,
        CheckStatus.FAILED,
        "not on Bitcoin testnet",
    ),
    (
        "both tell the same other root",
        Verdict.NOT_VERIFIED,
        CheckStatus.FAILED,
        "different Merkle root",
    ),
]


@pytest.mark.parametrize(("name", "verdict", "status", "words"), FAULTS, ids=[f[0] for f in FAULTS])
def test_explorer_faults_give_the_verdict_the_rule_demands(
    world: World, name: str, verdict: Verdict, status: CheckStatus, words: str
) -> None:
    certificate, tx = minted_world(world)
    report = verify(world, certificate, **fault(world, tx, name))
    anchor = check(report, CheckId.ANCHOR)
    assert report.verdict is verdict, explain(report)
    assert anchor.status is status, explain(report)
    assert words in " ".join((anchor.reason, *anchor.details)), explain(report)


def test_a_lie_shows_both_answers(world: World) -> None:
    certificate, tx = minted_world(world)
    report = verify(world, certificate, **fault(world, tx, "one lies about the OP_RETURN"))
    details = check(report, CheckId.ANCHOR).details
    assert any(line.startswith("esplora.kiosk.test") and OTHER_ROOT in line for line in details)
    assert any(line.startswith("blockcypher.kiosk.test") and tx.data in line for line in details)


def test_etherscan_refusals_in_a_200_answer_are_rate_limits(world: World) -> None:
    certificate, tx = minted_world(world, Chain.ETHEREUM_SEPOLIA)
    refusal = {"status": "0", "message": "NOTOK", "result": "Max rate limit reached"}
    world.chain.route("etherscan", tx, json_route(refusal))
    report = verify(world, certificate)
    anchor = check(report, CheckId.ANCHOR)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert any("etherscan.kiosk.test" in d and "rate-limiting" in d for d in anchor.details)


def test_an_ethereum_transaction_no_explorer_knows_fails(world: World) -> None:
    certificate, tx = minted_world(world, Chain.ETHEREUM_SEPOLIA)
    for operator in ("etherscan", "blockscout"):
        world.chain.route(operator, tx, json_route({"jsonrpc": "2.0", "id": 1, "result": None}))
    report = verify(world, certificate)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "not on Ethereum Sepolia" in check(report, CheckId.ANCHOR).reason


def test_with_three_operators_one_fault_is_harmless_but_a_lie_is_never_outvoted(
    world: World,
) -> None:
    certificate, tx = minted_world(world)
    three = world.chain.endpoints("esplora", "mempool", "blockcypher")
    world.chain.route("mempool", tx, Route(status=503, body=b"{}"))
    report = verify(world, certificate, explorers=three)
    assert report.verdict is Verdict.VERIFIED, explain(report)
    world.chain.route("mempool", tx, json_route(esplora_tx(replace(tx, data=OTHER_ROOT))))
    report = verify(world, certificate, explorers=three)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "disagree" in check(report, CheckId.ANCHOR).reason


def test_explorers_of_one_operator_count_once(world: World) -> None:
    certificate, _tx = minted_world(world)
    port = world.chain.servers["esplora"].port
    same_host = (
        parse_endpoint(f"esplora bitcoin-testnet https://esplora.kiosk.test:{port}/testnet/api"),
        parse_endpoint(f"esplora bitcoin-testnet https://esplora.kiosk.test:{port}/testnet/api/"),
    )
    report = verify(world, certificate, explorers=same_host)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "only one block explorer is configured" in check(report, CheckId.ANCHOR).reason


def test_no_explorer_for_the_chain_is_not_done(world: World) -> None:
    certificate, _tx = minted_world(world)
    report = verify(world, certificate, explorers=world.chain.endpoints("etherscan"))
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert (
        "no block explorer is configured for Bitcoin testnet"
        in check(report, CheckId.ANCHOR).reason
    )


def test_too_few_confirmations_is_not_yet_confirmed(world: World) -> None:
    certificate, _tx = minted_world(world, confirmations=2)
    report = verify(world, certificate)
    anchor = check(report, CheckId.ANCHOR)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert anchor.status is CheckStatus.NOT_DONE
    assert anchor.reason.startswith("Not yet confirmed: 2 of 6 confirmations")
    assert check(report, CheckId.ISSUER_KEY).status is CheckStatus.NOT_DONE
    assert verify(world, certificate, min_confirmations=2).verdict is Verdict.VERIFIED


def test_confirmations_are_the_fewest_an_explorer_reports(world: World) -> None:
    certificate, tx = minted_world(world)
    world.chain.route("blockcypher", tx, json_route(_cypher(replace(tx, confirmations=3))))
    anchor = check(verify(world, certificate), CheckId.ANCHOR)
    assert anchor.reason.startswith("Not yet confirmed: 3 of 6")


def test_explorers_are_asked_in_parallel(world: World) -> None:
    """Two slow explorers cost one delay, not two."""
    import time

    certificate, tx = minted_world(world)
    for operator, make in (("esplora", esplora_tx), ("blockcypher", _cypher)):
        world.chain.route(operator, tx, replace(json_route(make(tx)), delay=0.4))
    started = time.monotonic()
    report = verify(world, certificate)
    assert report.verdict is Verdict.VERIFIED, explain(report)
    assert time.monotonic() - started < 1.2


def test_only_the_configured_explorers_are_asked(world: World) -> None:
    certificate, tx = minted_world(world)
    verify(world, certificate)
    assert world.chain.requests("esplora") == [
        f"/testnet/api/tx/{tx.tx_id}",
        "/testnet/api/blocks/tip/height",
    ]
    assert world.chain.requests("blockcypher") == [f"/v1/btc/test3/txs/{tx.tx_id}"]
    assert world.chain.requests("etherscan") == world.chain.requests("blockscout") == []
    assert json.dumps(certificate)
