"""The deadline from `kiosk verify` (in its own process: exit code, stdout, stderr) and the
app's verification worker process, killed and replaced past its time."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.settings import KioskSettings
from kiosk.verification.model import Verdict, VerificationReport
from kiosk.verify_worker import Job, Outcome, VerificationWorker, portable_settings
from tests.large_payloads import empty_subjects

ROOT = Path(__file__).resolve().parents[2]
DEMO_VALID = (ROOT / "kiosk/demo/credentials/01-valid.json").read_bytes()
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def test_kiosk_verify_past_its_deadline_says_check_manually_without_a_traceback(
    tmp_path: Path,
) -> None:
    slow = tmp_path / "slow.json"
    slow.write_bytes(empty_subjects())
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "verify", str(slow), "--offline", "--deadline", "0.05"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert done.stdout.startswith("? CHECK MANUALLY")
    assert "took too long to check" in done.stdout
    assert done.stderr == ""


def test_a_deadline_that_is_not_a_positive_number_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "verify", "-", "--deadline", "0"],
        input="{}",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 64
    assert "--deadline" in done.stderr


@pytest.fixture
def worker() -> Iterator[VerificationWorker]:
    started = VerificationWorker()
    try:
        yield started
    finally:
        started.close()


def _job(data: bytes, deadline: float = 600.0) -> Job:
    settings = KioskSettings(offline=True, verification_deadline_seconds=deadline)
    return Job(data, portable_settings(settings), NOW)


def test_a_worker_that_does_not_answer_in_time_is_killed_and_replaced(
    worker: VerificationWorker,
) -> None:
    """The worker's own deadline is long here: the parent's kill is what stops it."""
    first = worker.verify(_job(DEMO_VALID), lambda _step: None, timeout=600)
    assert isinstance(first, VerificationReport)
    stopped = worker.verify(_job(empty_subjects()), lambda _step: None, timeout=0.05)
    assert stopped is Outcome.TIMED_OUT
    assert worker.replaced == 1
    steps: list[str] = []
    again = worker.verify(_job(DEMO_VALID), steps.append, timeout=600)
    assert isinstance(again, VerificationReport)
    assert again.verdict is first.verdict
    assert again.checks == first.checks
    assert steps  # the new worker reports its steps too


def test_the_worker_s_own_deadline_gives_the_report_and_keeps_the_worker(
    worker: VerificationWorker,
) -> None:
    report = worker.verify(_job(empty_subjects(), deadline=0.05), lambda _step: None, timeout=600)
    assert isinstance(report, VerificationReport)
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert "took too long to check" in report.headline_reason
    assert worker.replaced == 0


def test_a_newer_scan_supersedes_the_one_in_the_worker(worker: VerificationWorker) -> None:
    """The app's "verify" group is exclusive: the older scan's work is stopped, not awaited."""
    answers: list[object] = []
    started: list[str] = []
    older = threading.Thread(
        target=lambda: answers.append(
            worker.verify(_job(empty_subjects()), started.append, timeout=600)
        )
    )
    older.start()
    while not started and older.is_alive():
        older.join(0.05)  # the older job is under way in the worker
    newer = worker.verify(_job(DEMO_VALID), lambda _step: None, timeout=600)
    older.join()
    assert answers == [Outcome.SUPERSEDED]
    assert isinstance(newer, VerificationReport)
