"""Verification in a worker process that the app kills and replaces past the deadline.

The app verifies in a Textual thread worker, and a thread cannot be stopped: a payload that
keeps pyld busy would keep "Checking…" on screen and hold the verification lock. So the app
sends each payload to a worker process (this module), which verifies it in its main thread with
the in-process deadline of `kiosk.verification.deadline` (a clean CHECK MANUALLY report, the
worker kept). Should the worker not answer `KILL_GRACE_SECONDS` after the deadline anyway (work
a signal cannot interrupt), the app kills it and starts another: the kiosk stays responsive,
and the killed worker's caches and lock go with it, so nothing half-updated survives.

The worker is forked from a `forkserver` that has already imported the verification core and
processed the bundled contexts (`kiosk.verify_warmup`), and a replacement is started at once,
so the next scan waits neither for imports nor for cold caches. `kiosk verify`
does not use it: it runs the in-process deadline in its own main thread, with no process spawn.

Messages from the worker: ("ready",) once started; ("step", label) while verifying; then
("report", VerificationReport) or ("failed", "Type: message"). The parent unpickles only what
its own worker sends.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from multiprocessing import resource_tracker
from multiprocessing.connection import Connection
from typing import Any

from kiosk.settings import KioskSettings, utc_now
from kiosk.verification.model import VerificationReport

log = logging.getLogger(__name__)

KILL_GRACE_SECONDS = 2.0
"""How long after the deadline the worker may still answer before it is killed."""
START_TIMEOUT_SECONDS = 60.0
"""How long a new worker may take to be ready (imports, on a busy machine)."""
POLL_SECONDS = 0.1
"""How often a waiting verification looks whether a newer scan superseded it."""
_PRELOAD = ["kiosk.verify_worker", "kiosk.context_setup", "kiosk.verify_warmup"]


class Outcome(enum.Enum):
    """Why `VerificationWorker.verify` returned no report."""

    TIMED_OUT = "timed out"
    SUPERSEDED = "superseded"


class WorkerFailed(Exception):
    """The worker could not verify (it died, or verification raised inside it)."""


@dataclass(frozen=True, slots=True)
class Job:
    """One payload to verify, with the settings and the instant to verify as of."""

    data: bytes
    settings: KioskSettings
    now: datetime


def portable_settings(settings: KioskSettings) -> KioskSettings:
    """`settings` without its clock (a `--now` lambda cannot be pickled; `Job.now` carries
    the instant)."""
    return dataclasses.replace(settings, clock=utc_now)


def serve(connection: Connection, log_path: str | None) -> None:
    """The worker's loop: verify each job sent, until the connection closes."""
    _quiet_output(log_path)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the app decides when the kiosk stops
    from kiosk.context_setup import build_context
    from kiosk.verification import verify_payload

    built: tuple[KioskSettings, Any] | None = None
    connection.send(("ready",))
    while True:
        try:
            job: Job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            if built is None or built[0] != job.settings:
                built = (job.settings, build_context(job.settings, now=job.now))
            context = dataclasses.replace(built[1], now=job.now)
            report = verify_payload(
                job.data, context, on_step=lambda label: connection.send(("step", label))
            )
            connection.send(("report", report))
        except Exception as error:
            log.exception("verification failed unexpectedly in the worker")
            connection.send(("failed", f"{type(error).__name__}: {error}"))


def _quiet_output(log_path: str | None) -> None:
    """Nothing the worker prints may reach the kiosk's terminal: stdout and stderr go to the
    log file (or nowhere)."""
    target = os.open(log_path or os.devnull, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.dup2(target, 1)
    os.dup2(target, 2)
    os.close(target)
    if log_path:
        logging.basicConfig(
            filename=log_path,
            level=logging.INFO,
            format="%(asctime)s %(levelname)s %(name)s worker %(message)s",
        )


def _log_file() -> str | None:
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            return handler.baseFilename
    return None


class VerificationWorker:
    """The parent's handle on one worker process at a time (thread-safe; one job at a time)."""

    def __init__(self) -> None:
        self._mp = multiprocessing.get_context("forkserver")
        self._mp.set_forkserver_preload(_PRELOAD)
        # The forkserver needs multiprocessing's resource tracker, which passes on stderr's file
        # descriptor: start it now (a quick spawn), before Textual replaces sys.stderr.
        resource_tracker.ensure_running()
        self._process: Any = None
        self._connection: Connection | None = None
        self._ready = False
        self._state = threading.Lock()
        self._busy = threading.Lock()
        self._latest = 0
        self.replaced = 0
        """Workers killed and replaced so far (for tests and the log)."""

    def start(self) -> None:
        """Start a worker unless one is running (returns at once; it gets ready by itself)."""
        with self._state:
            if self._process is not None and self._process.is_alive():
                return
            self._discard()
            parent_end, child_end = self._mp.Pipe()
            process = self._mp.Process(
                target=serve, args=(child_end, _log_file()), name="kiosk-verify", daemon=True
            )
            process.start()
            child_end.close()
            self._process, self._connection, self._ready = process, parent_end, False

    def close(self) -> None:
        """Stop the worker (the app is quitting)."""
        with self._state:
            self._discard()

    def _discard(self) -> None:
        if self._connection is not None:
            self._connection.close()
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=5)
        self._process, self._connection, self._ready = None, None, False

    def _replace(self) -> None:
        self.replaced += 1
        log.warning("verification worker replaced")
        with self._state:
            self._discard()
        self.start()

    def verify(
        self, job: Job, on_step: Callable[[str], None], timeout: float
    ) -> VerificationReport | Outcome:
        """The worker's report on `job`, or `TIMED_OUT` (the worker was killed and replaced
        after `timeout` seconds) or `SUPERSEDED` (a newer job was sent meanwhile)."""
        with self._state:
            self._latest += 1
            mine = self._latest
        with self._busy:
            if mine != self._latest:
                return Outcome.SUPERSEDED
            self.start()
            connection = self._wait_ready()
            connection.send(job)
            end = time.monotonic() + timeout
            while True:
                left = end - time.monotonic()
                if left <= 0:
                    self._replace()
                    return Outcome.TIMED_OUT
                if mine != self._latest:
                    self._replace()
                    return Outcome.SUPERSEDED
                if not connection.poll(min(left, POLL_SECONDS)):
                    continue
                message = self._receive(connection)
                if message[0] == "step":
                    on_step(str(message[1]))
                elif message[0] == "report" and isinstance(message[1], VerificationReport):
                    return message[1]
                else:
                    raise WorkerFailed(str(message[1]) if len(message) > 1 else "no answer")

    def _wait_ready(self) -> Connection:
        connection = self._connection
        assert connection is not None
        if not self._ready:
            if not connection.poll(START_TIMEOUT_SECONDS):
                self._replace()
                raise WorkerFailed("the verification worker did not start")
            if self._receive(connection) != ("ready",):
                self._replace()
                raise WorkerFailed("the verification worker did not start")
            self._ready = True
        return connection

    def _receive(self, connection: Connection) -> tuple[Any, ...]:
        try:
            message = connection.recv()
        except (EOFError, OSError) as error:
            self._replace()
            raise WorkerFailed("the verification worker stopped") from error
        return message if isinstance(message, tuple) and message else ("failed", "bad message")
