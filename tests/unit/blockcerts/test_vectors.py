"""Every Blockcerts sample of the shared vectors, verified as its MANIFEST says (see `vectors`).

The kiosk's verdict for each is in the table; the table itself is checked against the MANIFEST
by one rule: a sample the MANIFEST calls tampered, revoked, expired, invalid or "invalid proof"
is never VERIFIED, and a "valid" one is VERIFIED unless the table says why the kiosk cannot
(mock chain, several proofs, nothing recorded upstream for it) — then CHECK MANUALLY, never
NOT VERIFIED.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.credential import recognise
from kiosk.verification.errors import VerificationError
from kiosk.verification.model import CheckStatus, Verdict
from kiosk.verification.pipeline import verify_payload
from tests.conftest import shared_vectors
from tests.servers import Route
from tests.unit.blockcerts.chain_servers import Tx, json_route
from tests.unit.blockcerts.conftest import World
from tests.unit.blockcerts.harness import serve_document, serve_json
from tests.unit.blockcerts.vectors import (
    CASES,
    CVJS,
    PEER,
    Case,
    manifest_verdicts,
    mocked_documents,
    mocked_tx,
    peer_manifest,
    read,
)

pytestmark = [pytest.mark.local_servers, pytest.mark.shared]

NEVER_VERIFIED = {
    "tampered",
    "revoked",
    "expired",
    "invalid",
    "invalid proof",
    "revoked issuer key",
}


def prepare(world: World, case: Case) -> tuple[bytes, str | None]:
    """Serve the case's documents and publish its transaction; the certificate and its issuer."""
    body = read(case.path)
    document = json.loads(body)
    served: set[str] = set()
    for name in (*((case.mocks,) if case.mocks else ()), *case.also):
        for url, answer in mocked_documents(name).items():
            if url.split("?")[0] not in served:
                serve_document(world.docs, url, answer)
                served.add(url.split("?")[0])
    if case.mocks is not None:
        tx = mocked_tx(case.mocks, case.tx_index, document)
        if tx is not None and not case.recorded_explorers:
            world.chain.publish(tx)
        elif tx is not None:
            publish_recorded(world, tx)
    for url, value in case.extra.items():
        serve_json(world.docs, url, value)
    if case.peer_serve:
        entry = peer_manifest(case.id)
        for url, name in entry["serve"].items():
            if "/tx/" in url:
                world.chain.publish(peer_tx(json.loads((PEER / name).read_text())))
            else:
                serve_document(world.docs, url, (PEER / name).read_bytes())
    try:
        issuer: str | None = recognise(document).issuer_id
    except VerificationError:
        issuer = None
    return body, issuer


def peer_tx(recorded: dict[str, object]) -> Tx:
    """The peer tooling's fabricated Esplora answer, as a transaction on the local testnet."""
    status, vin, vout = recorded["status"], recorded["vin"], recorded["vout"]
    assert isinstance(status, dict) and isinstance(vin, list) and isinstance(vout, list)
    script = next(o["scriptpubkey"] for o in vout if o.get("scriptpubkey_type") == "op_return")
    return Tx(
        Chain.BITCOIN_TESTNET,
        str(recorded["txid"]),
        script[4:],
        vin[0]["prevout"]["scriptpubkey_address"],
        datetime.fromtimestamp(status["block_time"], UTC),
        status["block_height"],
    )


def publish_recorded(world: World, tx: Tx) -> None:
    """Answer with the explorer responses recorded upstream for this very transaction."""
    lookups = CVJS.parent / "explorer-lookup"
    if tx.chain is Chain.BITCOIN_MAINNET:
        world.chain.publish(tx)
        stream = json.loads((lookups / "mockBlockstreamResponse.json").read_text())
        cypher = json.loads((lookups / "mockBlockcypherResponse.json").read_text())
        world.chain.route("esplora", tx, json_route(stream))
        world.chain.route(
            "esplora",
            tx,
            Route(
                body=str(stream["status"]["block_height"] + 9).encode(), content_type="text/plain"
            ),
            "tip",
        )
        world.chain.route("blockcypher", tx, json_route(cypher))
    else:
        recorded = json.loads((lookups / "mockEtherscanResponse.json").read_text())
        at = replace(tx, height=int(recorded["result"]["blockNumber"], 16))
        world.chain.publish(at)
        world.chain.route("etherscan", at, json_route(recorded))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_each_sample_verifies_as_its_manifest_says(world: World, case: Case) -> None:
    shared_vectors()
    body, issuer = prepare(world, case)
    explorers = None if world.chain.published else ()  # nothing recorded: none configured
    trusted = (issuer,) if issuer and not case.untrusted else ()
    context = world.context(*trusted, explorers=explorers)
    report = verify_payload(body, context)
    deciding = [c for c in report.checks if c.status is not CheckStatus.PASSED]
    shown = "\n".join(f"{c.check_id}: {c.status} — {c.reason}" for c in report.checks)
    assert report.verdict is case.expected, shown
    if case.because:
        reasons = [c.reason for c in (deciding or report.checks)]
        assert any(case.because in reason for reason in reasons), shown


def test_the_table_follows_the_manifest() -> None:
    shared_vectors()  # skips cleanly when ../shared is absent
    verdicts = manifest_verdicts()
    assert set(verdicts) <= {case.path for case in CASES}, "a sample is missing from the table"
    for case in CASES:
        assert verdicts.get(case.path) == case.manifest, case.path
        if case.manifest in NEVER_VERIFIED:
            assert case.expected is not Verdict.VERIFIED, case.path
        if case.manifest == "valid" and not case.caveat:
            assert case.expected is not Verdict.NOT_VERIFIED, case.path
            assert case.expected is Verdict.VERIFIED or case.because, case.path
