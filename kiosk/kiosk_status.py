"""Provides `KioskStatus`: what the scanning screen's status line says about the kiosk itself —
online or offline, the trust sources loaded and how old they are, and how long ago the issuers'
keys and lists were synced, judged against the maximum cache age.

Headless: `collect_status` reads the trust lists and the document cache's fetch times (in a
worker thread: it reads files); `KioskStatus` turns them into short sentences and a
`Freshness` the screen colours (amber when copies near the maximum cache age, red past it).
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.net import DocumentCache
    from trust_lists import TrustList

NEAR_FRACTION = 0.75
"""Copies older than this share of the maximum cache age are "near" it (amber)."""


class Freshness(enum.Enum):
    """How a status part should look: fine, worth a look (amber), or a problem (red)."""

    FINE = "fine"
    NEAR = "near"
    STALE = "stale"


EXPIRY_WARNING = timedelta(days=3)
"""A trust source whose own validity ends sooner than this is shown amber."""


@dataclass(frozen=True, slots=True)
class TrustSource:
    """One trust source: its name, how many issuers, when its copy was fetched or its file last
    changed, when the source itself stops being valid, and whether it could be loaded."""

    name: str
    issuers: int
    changed_at: datetime | None
    valid_until: datetime | None = None
    loaded: bool = True


@dataclass(frozen=True, slots=True)
class KioskStatus:
    """The facts the status line shows, as of `now`."""

    now: datetime
    offline: bool
    trust_sources: tuple[TrustSource, ...]
    trust_problem: str | None
    """Why no trust source could be loaded, if so (one plain sentence)."""
    synced_at: datetime | None
    """When the newest copy was fetched: the last `kiosk sync` (or the last fetch online).
    Older copies of documents no longer needed may linger in the cache, so the oldest copy
    says nothing; the last sync says how long the kiosk can stay offline."""
    max_cache_age: timedelta

    def network_text(self) -> str:
        return "○ Offline: cached copies only" if self.offline else "● Online"

    def trust_text(self) -> str:
        if self.trust_problem is not None:
            return self.trust_problem
        if not self.trust_sources:
            return "No trust list: no issuer is trusted"
        usable = self._usable_sources()
        count = len(self.trust_sources)
        issuers = sum(source.issuers for source in usable)
        text = f"Trust: {count} source{_s(count)}, {issuers} issuer{_s(issuers)}"
        dates = [source.changed_at for source in usable if source.changed_at]
        if dates:
            text += f", updated {ago(self.now - max(dates))}"
        unusable = count - len(usable)
        if unusable:
            text += f"; {unusable} not usable (trust screen: T)"
        elif self._expiring():
            text += f"; {len(self._expiring())} expiring: run kiosk sync"
        return text

    def trust_freshness(self) -> Freshness:
        if self.trust_problem is not None or not self._usable_sources():
            return Freshness.STALE
        if len(self._usable_sources()) < len(self.trust_sources) or self._expiring():
            return Freshness.NEAR
        return Freshness.FINE

    def _usable_sources(self) -> list[TrustSource]:
        """Sources that loaded and are still within their own validity."""
        return [
            source
            for source in self.trust_sources
            if source.loaded and (source.valid_until is None or source.valid_until > self.now)
        ]

    def _expiring(self) -> list[TrustSource]:
        return [
            source
            for source in self._usable_sources()
            if source.valid_until is not None and source.valid_until - self.now < EXPIRY_WARNING
        ]

    def sync_text(self) -> str:
        if self.synced_at is None:
            return "Nothing synced yet: run kiosk sync" if self.offline else "Nothing synced yet"
        text = f"Keys and lists synced {ago(self.now - self.synced_at)}"
        freshness = self.sync_freshness()
        if freshness is Freshness.STALE:
            text += ": too old to use"
        elif freshness is Freshness.NEAR:
            text += f" (limit {self.max_cache_age.days} days)"
        return text

    def sync_freshness(self) -> Freshness:
        if self.synced_at is None:
            return Freshness.STALE if self.offline else Freshness.NEAR
        return _freshness(self.now - self.synced_at, self.max_cache_age)


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _freshness(age: timedelta, max_age: timedelta) -> Freshness:
    if age > max_age:
        return Freshness.STALE
    if age >= max_age * NEAR_FRACTION:
        return Freshness.NEAR
    return Freshness.FINE


def ago(delta: timedelta) -> str:
    """ "just now", "5 minutes ago", "3 hours ago", "2 days ago" (a clock behind: "just now")."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "just now"
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            amount = int(seconds // size)
            return f"{amount} {unit}{'s' if amount != 1 else ''} ago"
    return "just now"  # pragma: no cover - the loop always returns


def trust_sources(lists: Iterable[TrustList]) -> tuple[TrustSource, ...]:
    """The trust sources as status parts, each dated by when its copy was fetched, else by its
    file's last change."""
    found = []
    for trust_list in lists:
        changed = trust_list.fetched_at
        if changed is None:
            try:
                changed = datetime.fromtimestamp(os.stat(trust_list.source).st_mtime, UTC)
            except (OSError, ValueError):
                changed = None
        name = trust_list.name or Path(trust_list.source).name
        found.append(
            TrustSource(
                name,
                len(trust_list.issuers),
                changed,
                valid_until=trust_list.valid_until,
                loaded=not trust_list.problem,
            )
        )
    return tuple(found)


def collect_status(
    *,
    now: datetime,
    offline: bool,
    lists: Iterable[TrustList] | str,
    cache: DocumentCache | None,
    max_cache_age: timedelta,
) -> KioskStatus:
    """Gather the status (reads files: call it off the UI thread).

    Args:
        lists: The trust lists loaded, or the sentence saying why they could not be.
        cache: The document cache, if any.
    """
    newest = max(cache.fetch_times(), default=None) if cache is not None else None
    problem = lists if isinstance(lists, str) else None
    sources = () if isinstance(lists, str) else trust_sources(lists)
    return KioskStatus(
        now=now,
        offline=offline,
        trust_sources=sources,
        trust_problem=problem,
        synced_at=newest,
        max_cache_age=max_cache_age,
    )
