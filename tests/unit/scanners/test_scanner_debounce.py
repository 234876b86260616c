"""ScanDebouncer: a payload held in view is acted on once."""

from __future__ import annotations

import pytest

from scanners import ScanDebouncer


def test_first_sighting_is_accepted(fake_clock):
    assert ScanDebouncer(5.0, clock=fake_clock).accept(b"A")


def test_same_payload_within_hold_is_rejected(fake_clock):
    debouncer = ScanDebouncer(5.0, clock=fake_clock)
    assert debouncer.accept(b"A")
    fake_clock.advance(4.9)
    assert not debouncer.accept(b"A")


def test_payload_held_still_for_a_minute_is_accepted_once(fake_clock):
    debouncer = ScanDebouncer(5.0, clock=fake_clock)
    accepted = []
    for _ in range(60 * 30):  # 30 fps for 60 s: each sighting extends the hold
        accepted.append(debouncer.accept(b"A"))
        fake_clock.advance(1 / 30)
    assert accepted.count(True) == 1
    assert accepted[0]


def test_payload_is_accepted_again_after_hold_without_sightings(fake_clock):
    debouncer = ScanDebouncer(5.0, clock=fake_clock)
    assert debouncer.accept(b"A")
    fake_clock.advance(5.1)
    assert debouncer.accept(b"A")


def test_different_payload_is_accepted_at_once(fake_clock):
    debouncer = ScanDebouncer(5.0, clock=fake_clock)
    assert debouncer.accept(b"A")
    assert debouncer.accept(b"B")


def test_two_codes_alternating_in_view_are_each_accepted_once(fake_clock):
    debouncer = ScanDebouncer(5.0, clock=fake_clock)
    results = []
    for _ in range(20):
        results.append((debouncer.accept(b"A"), debouncer.accept(b"B")))
        fake_clock.advance(0.5)
    assert results[0] == (True, True)
    assert all(result == (False, False) for result in results[1:])


def test_reset_forgets_everything(fake_clock):
    debouncer = ScanDebouncer(5.0, clock=fake_clock)
    debouncer.accept(b"A")
    debouncer.reset()
    assert debouncer.accept(b"A")


def test_negative_hold_is_rejected():
    with pytest.raises(ValueError):
        ScanDebouncer(-1.0)
