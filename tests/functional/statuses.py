"""Provides fixed kiosk statuses for the status line in tests and snapshots (the real one reads
the trust-list files' dates and the user's cache, which differ from machine to machine)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from kiosk.kiosk_status import KioskStatus, TrustSource

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def status(
    *, offline: bool = False, synced_days_ago: float | None = 2
) -> Callable[[], KioskStatus]:
    """A status gatherer: the demo list updated 3 days ago, keys synced so many days ago."""

    def gather() -> KioskStatus:
        return KioskStatus(
            now=NOW,
            offline=offline,
            trust_sources=(TrustSource("Demo trust list", 1, NOW - timedelta(days=3)),),
            trust_problem=None,
            synced_at=None if synced_days_ago is None else NOW - timedelta(days=synced_days_ago),
            max_cache_age=timedelta(days=30),
        )

    return gather
