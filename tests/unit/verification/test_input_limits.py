"""Separate limits for what is scanned (a QR code: `max_payload_bytes`) and what is given as a
file (`kiosk verify FILE`: `max_file_bytes`), with defaults that admit real certificates with
embedded images (0.3 to 2 MB)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from kiosk.context_setup import build_context
from kiosk.settings import KioskSettings
from kiosk.verification import CheckId, CheckStatus, Verdict, verify_payload
from kiosk.verification.suites.signing import did_key_for
from tests.conftest import shared_vectors
from tests.helpers import context, make_key
from tests.unit.verification.test_links import with_image

KEY = make_key()


def test_a_large_file_is_read_but_the_same_bytes_scanned_are_refused() -> None:
    body = json.dumps(with_image(1_000_000)).encode()
    trusted = context({did_key_for(KEY): "Big College"})
    from_file = verify_payload(body, trusted, from_file=True)
    assert from_file.verdict is Verdict.VERIFIED, from_file.checks
    scanned = verify_payload(body, trusted)
    payload = scanned.check(CheckId.PAYLOAD)
    assert scanned.verdict is Verdict.NOT_VERIFIED
    assert payload is not None and f"the limit is {trusted.max_payload_bytes}" in payload.reason


def test_a_file_over_the_file_limit_is_refused_before_parsing() -> None:
    small = dataclasses.replace(context(), max_file_bytes=1000)
    report = verify_payload(b"{" + b" " * 2000 + b"}", small, from_file=True)
    payload = report.check(CheckId.PAYLOAD)
    assert payload is not None and payload.status is CheckStatus.FAILED
    assert "the limit is 1000" in payload.reason


def test_the_settings_reach_the_context() -> None:
    settings = KioskSettings(offline=True, max_payload_bytes=10_000, max_file_bytes=3_000_000)
    built = build_context(settings)
    assert (built.max_payload_bytes, built.max_file_bytes) == (10_000, 3_000_000)
    default = build_context(KioskSettings(offline=True))
    assert default.max_file_bytes >= 2_200_000 > default.max_payload_bytes


@pytest.mark.shared
@pytest.mark.parametrize(
    "name", ["ethereum-main-valid-2.0.json", "mainnet-valid-2.0.json", "testnet-valid-2.0.json"]
)
def test_real_blockcerts_files_pass_the_payload_limit(name: str) -> None:
    """The two upstream cases refused for size alone before (2 MB with an embedded image)."""
    body = (shared_vectors() / "blockcerts/cert-verifier-js/fixtures/v2" / name).read_bytes()
    settings = KioskSettings(offline=True)
    report = verify_payload(body, build_context(settings), from_file=True)
    payload = report.check(CheckId.PAYLOAD)
    assert payload is not None and payload.status is CheckStatus.PASSED, payload
