"""`kiosk sync` refreshes the status lists the kiosk has met, so a kiosk taken offline answers
from a fresh copy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import trustme

from kiosk.net import DocumentCache
from kiosk.sync import SYNC_PROVIDERS, Outcome, run_sync
from kiosk.sync.status_lists import is_status_list, list_issuer, sync_status_lists
from kiosk.verification import Verdict
from tests.helpers import NOW
from tests.servers import LocalHttpsServer
from tests.unit.status.lists import (
    ISSUER_ID,
    OTHER,
    bits,
    bitstring_entry,
    bitstring_list,
    credential,
    fetcher,
    offline,
    online,
    origin,
    status_of,
    verify,
)
from trust_lists import TrustedIssuer

pytestmark = pytest.mark.local_servers

LATER = NOW + timedelta(days=20)


def test_the_status_list_provider_is_registered() -> None:
    assert sync_status_lists in SYNC_PROVIDERS


def test_sync_refreshes_the_issuers_cached_lists_and_offline_uses_them(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    url, others = f"{origin(server)}/status/1", f"{origin(server)}/status/other"
    server.json("/status/1", bitstring_list(url, bits()))
    server.json("/status/other", bitstring_list(others, bits(), key=OTHER))
    document = credential(bitstring_entry(url, 5))
    assert verify(document, online(tls_ca, tmp_path)).verdict is Verdict.VERIFIED
    verify(credential(bitstring_entry(others, 5)), online(tls_ca, tmp_path))
    server.json("/status/1", bitstring_list(url, bits({5})))  # revoked since
    items = run_sync(
        [TrustedIssuer(ISSUER_ID, "Status College")],
        fetcher=fetcher(tls_ca, LATER),
        cache=DocumentCache(tmp_path),
    )
    rows = [(i.what, i.outcome, i.url) for i in items]
    assert ("status list", Outcome.FETCHED, url) in rows
    assert all(row[2] != others for row in rows)  # another issuer's list is not this issuer's
    report = verify(document, offline(tmp_path, now=LATER + timedelta(days=1)))
    assert report.verdict is Verdict.NOT_VERIFIED
    assert status_of(report).reason == "Revoked by the issuer (status as of 14 Dec 2026)."


def test_a_failed_refresh_keeps_the_older_copy_and_says_so(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    url = f"{origin(server)}/status/1"
    server.json("/status/1", bitstring_list(url, bits()))
    verify(credential(bitstring_entry(url, 5)), online(tls_ca, tmp_path))
    server.json("/status/1", {}, status=500)
    items = run_sync(
        [TrustedIssuer(ISSUER_ID, "Status College")],
        fetcher=fetcher(tls_ca, LATER),
        cache=DocumentCache(tmp_path),
        providers=[sync_status_lists],
    )
    assert [(i.what, i.outcome) for i in items] == [("status list", Outcome.FAILED)]
    assert "older saved copy is kept" in items[0].reason
    assert items[0].fetched_at == datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def test_nothing_cached_means_nothing_to_sync(tls_ca: trustme.CA, tmp_path: Path) -> None:
    items = run_sync(
        [TrustedIssuer(ISSUER_ID, "Status College")],
        fetcher=fetcher(tls_ca),
        cache=DocumentCache(tmp_path),
        providers=[sync_status_lists],
    )
    assert items == []


def test_what_counts_as_a_status_list() -> None:
    assert is_status_list(bitstring_list("https://x.example/1", bits(), sign=False))
    assert is_status_list({"issuer": {"id": "https://x.example"}, "revokedCredentials": []})
    assert not is_status_list({"id": "did:web:x", "verificationMethod": []})
    assert not is_status_list([1, 2])
    assert list_issuer({"issuer": {"id": "did:key:z"}}) == "did:key:z"
    assert list_issuer({"issuer": 7}) is None
