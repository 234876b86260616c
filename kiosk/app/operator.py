"""Provides the operator's side of kiosk mode: the PIN (hashed).

The receptionist cannot quit, change settings or read the history without the operator PIN.
The PIN is kept only as a salted scrypt hash (n=2^14, r=8, p=1) in the operator file,
``<config dir>/operator.json`` (mode 0600, written atomically)::

    {"format": "credential-kiosk-operator/1",
     "pin": {"scheme": "scrypt", "n": 16384, "r": 8, "p": 1,
             "salt": "<base64>", "hash": "<base64>"}}

The settings the operator changes on the settings screen are written to kiosk.toml
(`kiosk.config.writer.write_settings`), where every other setting lives; a "settings" object left in
an older operator file is ignored.

Until a PIN is set, the documented demo PIN (``DEMO_PIN``, see docs/operator.md) opens the
operator screens, and the kiosk says so on screen. ``PinGuard`` locks PIN entry for a minute
after five wrong PINs in a row.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.settings import KioskSettings

log = logging.getLogger(__name__)

FORMAT = "credential-kiosk-operator/1"
DEMO_PIN = "2468"
"""The PIN that works until the operator sets one (documented in docs/operator.md)."""
PIN_LENGTHS = range(4, 13)
"""A PIN has 4 to 12 digits."""
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MAX_FAILURES = 5
"""Wrong PINs in a row before entry is locked."""
LOCKOUT_SECONDS = 60.0
"""How long PIN entry stays locked."""


class PinError(ValueError):
    """A PIN that cannot be used; the message is one plain sentence."""


def config_dir(settings: KioskSettings) -> Path:
    """Where the operator file lives."""
    if settings.config_dir is not None:
        return settings.config_dir
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "credential-kiosk"


def data_dir(settings: KioskSettings) -> Path:
    """Where the history database and CSV exports live."""
    if settings.data_dir is not None:
        return settings.data_dir
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "credential-kiosk"


def check_new_pin(pin: str) -> None:
    """Raise `PinError` unless `pin` is 4 to 12 digits and not the demo PIN."""
    if not (pin.isascii() and pin.isdigit()) or len(pin) not in PIN_LENGTHS:
        raise PinError("A PIN is 4 to 12 digits.")
    if pin == DEMO_PIN:
        raise PinError("Choose a PIN other than the demo PIN.")
    if len(set(pin)) == 1:
        raise PinError("Choose a PIN that is not one digit repeated.")


def hash_pin(pin: str, salt: bytes | None = None) -> dict[str, Any]:
    """The stored form of a PIN: scrypt parameters, salt and hash (base64)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, dklen=32, **SCRYPT)
    return {
        "scheme": "scrypt",
        **SCRYPT,
        "salt": base64.b64encode(salt).decode("ascii"),
        "hash": base64.b64encode(digest).decode("ascii"),
    }


def pin_matches(pin: str, stored: dict[str, Any]) -> bool:
    """Whether `pin` matches a stored hash (constant-time comparison); False if unreadable."""
    try:
        if stored["scheme"] != "scrypt":
            return False
        salt = base64.b64decode(stored["salt"], validate=True)
        expected = base64.b64decode(stored["hash"], validate=True)
        n, r, p = int(stored["n"]), int(stored["r"]), int(stored["p"])
        if not (2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
            return False
        digest = hashlib.scrypt(
            pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(expected), maxmem=2**30
        )
    except (KeyError, TypeError, ValueError):
        return False
    return hmac.compare_digest(digest, expected)


class OperatorStore:
    """The operator file: PIN hash and saved settings. `path=None` keeps everything in memory."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.problem: str | None = None
        """Why the file could not be read, if it could not (then defaults apply)."""
        self._pin: dict[str, Any] | None = None
        if path is not None and path.exists():
            self._load(path)

    @property
    def pin_is_default(self) -> bool:
        """True while no PIN has been set: the demo PIN works."""
        return self._pin is None

    def check_pin(self, pin: str) -> bool:
        """Whether `pin` opens the operator screens (slow on purpose: call it off the UI)."""
        if self._pin is None:
            return hmac.compare_digest(pin.encode("utf-8"), DEMO_PIN.encode("utf-8"))
        return pin_matches(pin, self._pin)

    def set_pin(self, pin: str) -> None:
        """Check, hash and save a new PIN; raises `PinError` or `OSError`."""
        check_new_pin(pin)
        self._pin = hash_pin(pin)
        self._save()

    def _load(self, path: Path) -> None:
        try:
            document = json.loads(path.read_text("utf-8"))
            if not isinstance(document, dict) or document.get("format") != FORMAT:
                raise ValueError("not an operator file")
            pin = document.get("pin")
            self._pin = pin if isinstance(pin, dict) else None
        except (OSError, ValueError) as error:
            log.warning("operator file %s unreadable: %s", path, error)
            self.problem = f"The operator file {path} could not be read; defaults are in use."

    def _save(self) -> None:
        if self.path is None:
            return
        document = {"format": FORMAT, "pin": self._pin}
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = self.path.with_name(self.path.name + ".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(document, file, indent=2)
        os.replace(partial, self.path)
        self.problem = None


class PinGuard:
    """Counts wrong PINs: after `MAX_FAILURES` in a row, entry is locked for a while."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0

    @property
    def seconds_locked(self) -> int:
        """Whole seconds until PIN entry opens again (0: open now)."""
        left = self._locked_until - self._clock()
        return int(left) + (left % 1 > 0) if left > 0 else 0

    @property
    def tries_left(self) -> int:
        """Wrong PINs still allowed before the lock."""
        return MAX_FAILURES - self._failures

    def failed(self) -> None:
        """Record a wrong PIN."""
        self._failures += 1
        if self._failures >= MAX_FAILURES:
            self._failures = 0
            self._locked_until = self._clock() + LOCKOUT_SECONDS

    def succeeded(self) -> None:
        """Record a right PIN: the count starts again."""
        self._failures = 0
