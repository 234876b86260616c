"""HistoryLog: what is kept (never a holder's name), retention, export, and thread safety."""

from __future__ import annotations

import csv
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.history import (
    HistoryLog,
    holder_initials,
    spreadsheet_safe,
)
from kiosk.verification.model import (
    CheckId,
    CheckResult,
    FieldSource,
    ShownField,
    ShownFields,
    Verdict,
    VerificationReport,
)

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def report(
    holder: str = "Alex Candidate",
    verdict: Verdict = Verdict.NOT_VERIFIED,
    at: datetime = NOW,
    issuer: str = "Northfield College",
) -> VerificationReport:
    checks = (
        (
            CheckResult.passed(CheckId.PAYLOAD, "ok"),
            CheckResult.failed(CheckId.PROOF, "The signature does not match."),
            CheckResult.not_done(CheckId.TRUST, "Not checked."),
        )
        if verdict is Verdict.NOT_VERIFIED
        else (
            CheckResult.passed(CheckId.PAYLOAD, "ok"),
            CheckResult.passed(CheckId.PROOF, "The signature is valid."),
            CheckResult.passed(CheckId.TRUST, "Trusted issuer."),
        )
    )
    built = VerificationReport(
        checks=checks,
        fields=ShownFields(
            issuer=ShownField(issuer, FieldSource.CLAIMED),
            holder=ShownField(holder, FieldSource.CLAIMED),
            achievement=ShownField("Certified Kiosk Operator", FieldSource.CLAIMED),
            credential_type="Open Badges 3.0 credential (VC 2.0)",
        ),
        checked_at=at,
    )
    assert built.verdict is verdict
    return built


def test_an_entry_keeps_the_facts_but_not_the_name(tmp_path: Path) -> None:
    log = HistoryLog(tmp_path / "history.sqlite3", clock=Clock())
    entry = log.record(report(), "camera")
    assert entry is not None
    assert entry.checked_at == "2026-11-24T12:00:00Z"
    assert entry.verdict == "NOT VERIFIED"
    assert entry.issuer == "Northfield College"
    assert entry.issuer_source == "claimed"
    assert entry.achievement == "Certified Kiosk Operator"
    assert entry.holder_initials == "A. C."
    assert entry.holder_hash == log.holder_hash("  alex   CANDIDATE ")
    assert entry.problems == "Signature: failed; Trusted issuer: not done"
    assert entry.origin == "camera"
    assert log.recent() == [entry]
    log.close()
    raw = (tmp_path / "history.sqlite3").read_bytes()
    assert b"Alex" not in raw and b"Candidate" not in raw


def test_the_hash_is_salted_per_database(tmp_path: Path) -> None:
    first = HistoryLog(tmp_path / "a.sqlite3")
    second = HistoryLog(tmp_path / "b.sqlite3")
    assert first.holder_hash("Alex Candidate") != second.holder_hash("Alex Candidate")
    again = HistoryLog(tmp_path / "a.sqlite3")
    assert again.holder_hash("Alex Candidate") == first.holder_hash("Alex Candidate")


def test_the_database_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "history.sqlite3"
    HistoryLog(path).close()
    assert path.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Alex Candidate", "A. C."),
        ("maría josé de la cruz", "M. J. D."),
        ("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "did:…"),
        ("", None),
        (None, None),
        ("   ", None),
        ("«»", "…"),
        ("Jonathan:Smith", "J. S."),  # a name with a colon is not an identifier
        ("Jonathan:", "J."),
        ("urn:uuid:6c1e9a3e-5d0b-4f3a-9e55-000000000001", "urn:…"),
        ("mailto:alex@example.org", "mailto:…"),
    ],
)
def test_holder_initials(name: str | None, initials: str | None) -> None:
    assert holder_initials(name) == initials


@given(st.text(min_size=1, max_size=40))
def test_history_never_keeps_more_than_initials_of_a_name(name: str) -> None:
    """Issue 12: `Jonathan:Smith` was kept as `Jonathan:…`. Whatever the name, what is stored
    is initials (one character and a dot each) or a known identifier scheme."""
    stored = holder_initials(name)
    if stored is None:
        return
    if stored.endswith(":…"):
        assert stored[:-2] in {"did", "urn", "http", "https", "mailto", "tel"}
        return
    assert stored == "…" or all(len(part) == 2 and part[1] == "." for part in stored.split(" "))


def test_retention_deletes_old_rows() -> None:
    clock = Clock()
    log = HistoryLog(retention_days=30, clock=clock)
    log.record(report(at=NOW - timedelta(days=40)), "camera")  # stored, then purged at once
    log.record(report(at=NOW - timedelta(days=10)), "camera")
    assert log.count() == 1
    clock.now = NOW + timedelta(days=25)
    log.purge()
    assert log.count() == 0


def test_retention_zero_keeps_nothing() -> None:
    log = HistoryLog(retention_days=30)
    log.record(report(), "camera")
    assert log.count() == 1
    assert log.set_retention(0) == 1
    assert log.record(report(), "camera") is None
    assert log.count() == 0


def test_recent_is_newest_first() -> None:
    log = HistoryLog(clock=Clock())
    for name in ("First Person", "Second Person", "Third Person"):
        log.record(report(holder=name), "paste")
    assert [e.holder_initials for e in log.recent(2)] == ["T. P.", "S. P."]


def test_export_csv_is_spreadsheet_safe(tmp_path: Path) -> None:
    log = HistoryLog(clock=Clock())
    log.record(report(issuer='=HYPERLINK("http://evil")'), "keyboard scanner")
    log.record(report(verdict=Verdict.VERIFIED), "camera")
    target = tmp_path / "out" / "history.csv"
    assert log.export_csv(target) == 2
    with target.open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0][:3] == ["checked_at", "verdict", "issuer"]
    assert rows[1][2] == '\'=HYPERLINK("http://evil")'
    assert rows[2][1] == "VERIFIED"
    assert not (tmp_path / "out" / "history.csv.partial").exists()
    assert target.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("ok", "ok"), (None, "")],
)
def test_spreadsheet_safe(value: str | None, cell: str) -> None:
    assert spreadsheet_safe(value) == cell


def test_recording_from_threads_loses_nothing() -> None:
    log = HistoryLog(clock=Clock())

    def work() -> None:
        for _ in range(25):
            log.record(report(), "camera")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert log.count() == 100


def test_schema_is_as_documented(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryLog(path).close()
    with sqlite3.connect(path) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(verifications)")]
        schema = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    assert columns == [
        "id",
        "checked_at",
        "verdict",
        "issuer",
        "issuer_source",
        "achievement",
        "holder_initials",
        "holder_hash",
        "credential_type",
        "problems",
        "origin",
    ]
    assert schema == ("1",)
