"""The operator file: PIN kept as a salted scrypt hash, saved settings, the lock on wrong PINs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.app.operator import (
    DEMO_PIN,
    LOCKOUT_SECONDS,
    MAX_FAILURES,
    OperatorStore,
    PinError,
    PinGuard,
    check_new_pin,
    hash_pin,
    pin_matches,
)


def test_until_a_pin_is_set_the_demo_pin_works() -> None:
    store = OperatorStore()
    assert store.pin_is_default
    assert store.check_pin(DEMO_PIN)
    assert not store.check_pin("0000")


def test_a_set_pin_is_stored_only_as_a_salted_hash(tmp_path: Path) -> None:
    path = tmp_path / "operator.json"
    OperatorStore(path).set_pin("73519")
    text = path.read_text()
    assert "73519" not in text
    stored = json.loads(text)["pin"]
    assert stored["scheme"] == "scrypt" and stored["n"] == 2**14
    assert path.stat().st_mode & 0o077 == 0
    again = OperatorStore(path)
    assert not again.pin_is_default
    assert again.check_pin("73519")
    assert not again.check_pin(DEMO_PIN), "the demo PIN stops working once a PIN is set"


def test_the_same_pin_hashes_differently_each_time() -> None:
    first, second = hash_pin("73519"), hash_pin("73519")
    assert first["hash"] != second["hash"]
    assert pin_matches("73519", first) and pin_matches("73519", second)


@pytest.mark.parametrize(
    "stored",
    [
        {},
        {"scheme": "md5", "salt": "", "hash": ""},
        {"scheme": "scrypt", "n": 2**40, "r": 8, "p": 1, "salt": "AA==", "hash": "AA=="},
        {"scheme": "scrypt", "n": 16384, "r": 8, "p": 1, "salt": "***", "hash": "AA=="},
    ],
)
def test_an_unreadable_hash_never_matches(stored: dict[str, object]) -> None:
    assert not pin_matches("1234", stored)


@pytest.mark.parametrize(
    ("pin", "why"),
    [
        ("123", "4 to 12 digits"),
        ("1234567890123", "4 to 12 digits"),
        ("12a4", "4 to 12 digits"),
        ("١٢٣٤", "4 to 12 digits"),
        (DEMO_PIN, "other than the demo PIN"),
        ("7777", "not one digit repeated"),
    ],
)
def test_bad_new_pins_are_refused(pin: str, why: str) -> None:
    with pytest.raises(PinError, match=why):
        check_new_pin(pin)


def test_a_damaged_file_is_reported_and_defaults_apply(tmp_path: Path) -> None:
    path = tmp_path / "operator.json"
    path.write_text("{not json")
    store = OperatorStore(path)
    assert store.problem is not None and "could not be read" in store.problem
    assert store.pin_is_default


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_guard_locks_after_five_wrong_pins_for_a_minute() -> None:
    clock = Clock()
    guard = PinGuard(clock)
    for _ in range(MAX_FAILURES - 1):
        guard.failed()
    assert guard.tries_left == 1 and guard.seconds_locked == 0
    guard.failed()
    assert guard.seconds_locked == LOCKOUT_SECONDS
    clock.now = LOCKOUT_SECONDS - 0.5
    assert guard.seconds_locked == 1
    clock.now = LOCKOUT_SECONDS
    assert guard.seconds_locked == 0
    assert guard.tries_left == MAX_FAILURES


def test_a_right_pin_resets_the_count() -> None:
    guard = PinGuard(Clock())
    guard.failed()
    guard.failed()
    guard.succeeded()
    assert guard.tries_left == MAX_FAILURES
