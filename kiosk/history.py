"""Provides ``HistoryLog``: the kiosk's local record of verifications, in SQLite, with export.

For the institution's records: when, which verdict, which issuer and achievement, which checks
did not pass, and where the code came from. The holder's name is never stored in clear: only
their initials ("A. C.") and a salted hash (HMAC-SHA256 with a random per-database secret,
16 hex digits) that lets staff who know a name check whether it was seen, without the
database listing names.

Rows older than ``retention_days`` are deleted when the log opens and after every new row;
``retention_days = 0`` keeps nothing. ``export_csv`` writes every row kept (a private file,
mode 0600), with cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``)
prefixed by an apostrophe.

Headless and thread-safe: the kiosk records from its verification thread and reads from the UI.

Schema (``verifications``, version 1)::

    id INTEGER PRIMARY KEY, checked_at TEXT (ISO 8601 UTC, "2026-11-24T09:30:00Z"),
    verdict TEXT, issuer TEXT, issuer_source TEXT, achievement TEXT,
    holder_initials TEXT, holder_hash TEXT, credential_type TEXT,
    problems TEXT ("Signature: failed; Trusted issuer: not done"), origin TEXT
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import os
import secrets
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.settings import utc_now
from kiosk.verification.model import CheckStatus, ShownField, VerificationReport
from kiosk.wording import check_name

SCHEMA_VERSION = "1"
DEFAULT_RETENTION_DAYS = 90
"""How long verifications are kept when the operator has not said otherwise."""
MAX_ROWS = 200_000
"""A hard cap on rows kept, whatever the retention (oldest go first)."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS verifications (
    id INTEGER PRIMARY KEY,
    checked_at TEXT NOT NULL,
    verdict TEXT NOT NULL,
    issuer TEXT,
    issuer_source TEXT,
    achievement TEXT,
    holder_initials TEXT,
    holder_hash TEXT,
    credential_type TEXT,
    problems TEXT NOT NULL,
    origin TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS verifications_checked_at ON verifications (checked_at);
"""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One verification as kept in the log (and exported, in this column order)."""

    checked_at: str
    """ISO 8601 UTC, seconds: "2026-11-24T09:30:00Z"."""
    verdict: str
    issuer: str | None
    issuer_source: str | None
    """"trust list", "signed" or "claimed"."""
    achievement: str | None
    holder_initials: str | None
    holder_hash: str | None
    credential_type: str | None
    problems: str
    """The checks that did not pass, e.g. "Signature: failed"; empty when all passed."""
    origin: str
    """Where the code came from: camera, demo image, keyboard scanner, serial scanner, paste."""


def timestamp(moment: datetime) -> str:
    """An instant as stored: UTC, whole seconds, with a Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


IDENTIFIER_SCHEMES = frozenset({"did", "urn", "http", "https", "mailto", "tel"})
"""A one-word holder starting with one of these and ":" is an identifier: only its scheme is
kept ("did:…"). Any other word with a colon is a name ("Jonathan:Smith" -> "J. S.")."""


def holder_initials(name: str | None) -> str | None:
    """A masked form of the holder: "Alex Candidate" -> "A. C.", "did:key:z6Mk…" -> "did:…".

    Only initials (at most three) or a known identifier scheme are ever returned: nothing else
    of the name is kept in clear."""
    if not name or not name.strip():
        return None
    words = name.split()
    if len(words) == 1 and ":" in words[0]:
        scheme = words[0].split(":", 1)[0].lower()
        if scheme in IDENTIFIER_SCHEMES:
            return scheme + ":…"
    parts = [part for word in words for part in word.split(":") if part]
    initials = [part[0].upper()[:1] + "." for part in parts[:3] if part[0].isalnum()]
    return " ".join(initials) or "…"


def _normalised(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def spreadsheet_safe(value: str | None) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else value
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


class HistoryLog:
    """The verification log in one SQLite file (or in memory when ``path`` is None)."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        retention_days: int = DEFAULT_RETENTION_DAYS,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.path = path
        self._clock = clock
        self._retention_days = max(0, retention_days)
        self._lock = threading.Lock()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not path.exists():
                path.touch(mode=0o600)
        self._db = sqlite3.connect(
            ":memory:" if path is None else str(path), check_same_thread=False
        )
        with self._transaction() as db:
            db.executescript(_SCHEMA)
            db.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema', ?), ('holder_secret', ?)",
                (SCHEMA_VERSION, secrets.token_hex(16)),
            )
            (secret,) = db.execute("SELECT value FROM meta WHERE key = 'holder_secret'").fetchone()
        self._secret = bytes.fromhex(secret)
        self.purge()

    @property
    def retention_days(self) -> int:
        """Days a verification is kept; 0 keeps none."""
        return self._retention_days

    def set_retention(self, days: int) -> int:
        """Change the retention and apply it at once; returns how many rows were deleted."""
        self._retention_days = max(0, days)
        return self.purge()

    def holder_hash(self, name: str) -> str:
        """The salted hash stored for a holder name (case and spacing do not matter)."""
        digest = hmac.new(self._secret, _normalised(name).encode("utf-8"), hashlib.sha256)
        return digest.hexdigest()[:16]

    def entry_for(self, report: VerificationReport, origin: str) -> HistoryEntry:
        """What would be stored for ``report`` (nothing is written)."""
        shown = report.fields
        holder = shown.holder.value if shown.holder is not None else None
        problems = "; ".join(
            f"{check_name(check.check_id)}: {check.status.value}"
            for check in report.checks
            if check.status is not CheckStatus.PASSED
        )
        return HistoryEntry(
            checked_at=timestamp(report.checked_at or self._clock()),
            verdict=report.verdict.value,
            issuer=_value(shown.issuer),
            issuer_source=None if shown.issuer is None else shown.issuer.source.value,
            achievement=_value(shown.achievement),
            holder_initials=holder_initials(holder),
            holder_hash=None if not holder else self.holder_hash(holder),
            credential_type=shown.credential_type,
            problems=problems,
            origin=origin,
        )

    def record(self, report: VerificationReport, origin: str) -> HistoryEntry | None:
        """Store one verification (unless retention is 0); returns what was stored."""
        if self._retention_days == 0:
            return None
        entry = self.entry_for(report, origin)
        columns = ", ".join(field.name for field in fields(HistoryEntry))
        marks = ", ".join("?" for _ in fields(HistoryEntry))
        with self._transaction() as db:
            db.execute(f"INSERT INTO verifications ({columns}) VALUES ({marks})", astuple(entry))
        self.purge()
        return entry

    def purge(self) -> int:
        """Delete rows older than the retention (all rows when it is 0); returns how many."""
        cutoff = timestamp(self._clock() - timedelta(days=self._retention_days))
        with self._transaction() as db:
            if self._retention_days == 0:
                removed = db.execute("DELETE FROM verifications").rowcount
            else:
                removed = db.execute(
                    "DELETE FROM verifications WHERE checked_at < ?", (cutoff,)
                ).rowcount
            removed += db.execute(
                "DELETE FROM verifications WHERE id <= "
                "(SELECT id FROM verifications ORDER BY id DESC LIMIT 1 OFFSET ?)",
                (MAX_ROWS,),
            ).rowcount
        return removed

    def recent(self, limit: int = 500) -> list[HistoryEntry]:
        """The newest entries first."""
        return list(self._select("ORDER BY id DESC LIMIT ?", (limit,)))

    def count(self) -> int:
        """How many verifications are kept."""
        with self._transaction() as db:
            (number,) = db.execute("SELECT COUNT(*) FROM verifications").fetchone()
        return int(number)

    def export_csv(self, target: Path) -> int:
        """Write every kept entry, oldest first, as CSV with a header; returns the row count."""
        rows = list(self._select("ORDER BY id ASC", ()))
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = target.with_name(target.name + ".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow([field.name for field in fields(HistoryEntry)])
            for entry in rows:
                writer.writerow([spreadsheet_safe(value) for value in astuple(entry)])
        os.replace(partial, target)
        return len(rows)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _select(self, tail: str, parameters: tuple[object, ...]) -> Iterator[HistoryEntry]:
        columns = ", ".join(field.name for field in fields(HistoryEntry))
        with self._transaction() as db:
            rows = db.execute(f"SELECT {columns} FROM verifications {tail}", parameters).fetchall()
        return (HistoryEntry(*row) for row in rows)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._db:
            yield self._db


def _value(shown: ShownField | None) -> str | None:
    return None if shown is None else shown.value
