"""The status line's facts: online/offline, trust sources and their age, sync age coloured
against the maximum cache age (amber near it, red past it)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.kiosk_status import Freshness, KioskStatus, TrustSource, ago, collect_status
from kiosk.net import DocumentCache
from kiosk.net.fetcher import FetchedDocument
from trust_lists import load_trust_list

ROOT = Path(__file__).resolve().parents[2]
DEMO_LIST = ROOT / "trust_lists" / "shipped" / "demo.json"
NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)
MAX_AGE = timedelta(days=30)


def cache_with(tmp_path: Path, *ages: timedelta) -> DocumentCache:
    cache = DocumentCache(tmp_path / "cache")
    for number, age in enumerate(ages):
        url = f"https://issuer{number}.example/key.json"
        cache.put(FetchedDocument(url, url, "application/json", b"{}", NOW - age))
    return cache


@pytest.mark.parametrize(
    ("ages", "text", "freshness"),
    [
        (
            (timedelta(days=2), timedelta(days=40)),
            "Keys and lists synced 2 days ago",
            Freshness.FINE,
        ),
        ((timedelta(days=23),), "synced 23 days ago (limit 30 days)", Freshness.NEAR),
        (
            (timedelta(days=31),),
            "synced 31 days ago: too old to use",
            Freshness.STALE,
        ),
        ((timedelta(minutes=5),), "synced 5 minutes ago", Freshness.FINE),
    ],
    ids=["fresh", "near", "stale", "minutes"],
)
def test_sync_age_is_coloured_against_the_maximum_cache_age(
    tmp_path: Path, ages: tuple[timedelta, ...], text: str, freshness: Freshness
) -> None:
    status = collect_status(
        now=NOW, offline=True, lists=(), cache=cache_with(tmp_path, *ages), max_cache_age=MAX_AGE
    )
    assert text in status.sync_text()
    assert status.sync_freshness() is freshness


def test_nothing_synced_is_red_offline_and_amber_online(tmp_path: Path) -> None:
    empty = DocumentCache(tmp_path / "none")
    offline = collect_status(now=NOW, offline=True, lists=(), cache=empty, max_cache_age=MAX_AGE)
    assert offline.sync_text() == "Nothing synced yet: run kiosk sync"
    assert offline.sync_freshness() is Freshness.STALE
    assert offline.network_text().startswith("○ Offline")
    online = collect_status(now=NOW, offline=False, lists=(), cache=empty, max_cache_age=MAX_AGE)
    assert online.sync_freshness() is Freshness.NEAR
    assert online.network_text() == "● Online"


def test_trust_sources_are_counted_and_dated_by_their_file(tmp_path: Path) -> None:
    copy = tmp_path / "college.json"
    copy.write_bytes(DEMO_LIST.read_bytes())
    three_days = (NOW - timedelta(days=3)).timestamp()
    os.utime(copy, (three_days, three_days))
    status = collect_status(
        now=NOW, offline=False, lists=(load_trust_list(copy),), cache=None, max_cache_age=MAX_AGE
    )
    assert status.trust_text() == "Trust: 1 source, 1 issuer, updated 3 days ago"
    assert status.trust_freshness() is Freshness.FINE


def test_no_trust_source_or_a_broken_one_is_red() -> None:
    none = collect_status(now=NOW, offline=False, lists=(), cache=None, max_cache_age=MAX_AGE)
    assert none.trust_text() == "No trust list: no issuer is trusted"
    assert none.trust_freshness() is Freshness.STALE
    broken = collect_status(
        now=NOW,
        offline=False,
        lists="Trust list x.json cannot be used",
        cache=None,
        max_cache_age=MAX_AGE,
    )
    assert broken.trust_text() == "Trust list x.json cannot be used"
    assert broken.trust_freshness() is Freshness.STALE


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (-30, "just now"),
        (59, "just now"),
        (60, "1 minute ago"),
        (7200, "2 hours ago"),
        (86400 * 2 + 5, "2 days ago"),
    ],
)
def test_ages_in_words(seconds: int, words: str) -> None:
    assert ago(timedelta(seconds=seconds)) == words


def source(**changes: object) -> TrustSource:
    fields: dict[str, object] = {
        "name": "Fleet list",
        "issuers": 4,
        "changed_at": NOW - timedelta(days=1),
    }
    fields.update(changes)
    return TrustSource(**fields)  # type: ignore[arg-type]


def status_of(*sources: TrustSource) -> KioskStatus:
    return KioskStatus(
        now=NOW,
        offline=False,
        trust_sources=sources,
        trust_problem=None,
        synced_at=None,
        max_cache_age=MAX_AGE,
    )


def test_a_source_that_did_not_load_or_expired_is_not_counted_and_amber() -> None:
    offline_registry = source(name="Federation", issuers=0, changed_at=None, loaded=False)
    expired = source(name="Old list", issuers=9, valid_until=NOW - timedelta(hours=1))
    status = status_of(source(), offline_registry, expired)
    assert status.trust_text() == (
        "Trust: 3 sources, 4 issuers, updated 1 day ago; 2 not usable (trust screen: T)"
    )
    assert status.trust_freshness() is Freshness.NEAR
    assert status_of(offline_registry).trust_freshness() is Freshness.STALE


def test_a_source_about_to_expire_asks_for_a_sync() -> None:
    soon = source(valid_until=NOW + timedelta(days=2))
    status = status_of(soon)
    assert status.trust_text().endswith("; 1 expiring: run kiosk sync")
    assert status.trust_freshness() is Freshness.NEAR
    assert status_of(source(valid_until=NOW + timedelta(days=20))).trust_freshness() is (
        Freshness.FINE
    )
