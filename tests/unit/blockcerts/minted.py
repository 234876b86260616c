"""A world holding one minted certificate: its issuer profile, revocation list and transaction."""

from __future__ import annotations

import json
from typing import Any

from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.model import CheckId, CheckResult, VerificationReport
from kiosk.verification.pipeline import verify_payload
from tests.unit.blockcerts.chain_servers import Tx
from tests.unit.blockcerts.conftest import World
from tests.unit.blockcerts.harness import serve_json
from tests.unit.blockcerts.mint import (
    MINTED_ISSUER,
    MINTED_REVOCATIONS,
    mint_v2,
    minted_profile,
    minted_tx,
    revocations,
)

BTC_TX = "d75b7a5bdb3d5244b753e6b84e987267cfa4ffa7a532a2ed49ad3848be1d82f8"
ETH_TX = "0x16bd0c4236bcadbb0b7709bddd573e9ccc6e6e96abd2f04636e72568fd3efa59"


def minted_world(
    world: World,
    chain: Chain = Chain.BITCOIN_TESTNET,
    *,
    profile: dict[str, Any] | None = None,
    revoked: tuple[tuple[str, str], ...] = (),
    publish: bool = True,
    **tx_options: Any,
) -> tuple[dict[str, Any], Tx]:
    """Mint a certificate on `chain`, serve its issuer's documents, publish its transaction."""
    certificate = mint_v2(chain, ETH_TX if chain.is_ethereum else BTC_TX)
    serve_json(world.docs, MINTED_ISSUER, profile or minted_profile())
    serve_json(world.docs, MINTED_REVOCATIONS, revocations(*revoked))
    tx = minted_tx(certificate, **tx_options)
    if publish:
        world.chain.publish(tx)
    return certificate, tx


def verify(world: World, certificate: dict[str, Any], **options: Any) -> VerificationReport:
    """Verify as the kiosk does a scanned payload, trusting the minted issuer."""
    return verify_payload(json.dumps(certificate).encode(), world.context(MINTED_ISSUER, **options))


def check(report: VerificationReport, check_id: CheckId) -> CheckResult:
    result = report.check(check_id)
    assert result is not None, report.checks
    return result


def explain(report: VerificationReport) -> str:
    return "\n".join(
        f"{c.check_id}: {c.status} — {c.reason} {list(c.details)}" for c in report.checks
    )
