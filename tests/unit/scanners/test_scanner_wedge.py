"""WedgeBuffer: a keyboard-wedge burst is told from typing by timing alone (made-up clock)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scanners.wedge import (
    HOLD_SECONDS,
    MAX_CHARS,
    NO_ENTER,
    SILENCE_SECONDS,
    TOO_LONG,
    WedgeBuffer,
    WedgeStep,
    is_scan_timing,
)

SCANNER_GAP = 0.004  # a fast USB wedge
PERSON_GAP = 0.150


def burst(buffer: WedgeBuffer[str], text: str, start: float = 10.0, gap: float = SCANNER_GAP):
    """Feed `text` as keys `gap` apart; return the steps and the time after the last key."""
    steps = []
    at = start
    for index, char in enumerate(text):
        at = start + index * gap
        steps.append(buffer.key(char, at, f"{index}:{char}").step)
    return steps, at


def test_a_fast_burst_ending_in_enter_is_one_scan() -> None:
    buffer: WedgeBuffer[str] = WedgeBuffer()
    payload = '{"@context":"x","id":"urn:uuid:1"}'
    steps, at = burst(buffer, payload)
    assert steps[:7] == [WedgeStep.HOLD] * 7, "undecided keys are held back"
    assert set(steps[7:]) == {WedgeStep.SWALLOW}, "from the 8th fast key on: a scan"
    assert buffer.scanning
    action = buffer.enter(at + SCANNER_GAP)
    assert action.step is WedgeStep.SCAN
    assert action.text == payload
    assert action.release == (), "held keys of a scan are never replayed"
    assert not buffer.busy


def test_a_person_typing_is_released_key_by_key() -> None:
    buffer: WedgeBuffer[str] = WedgeBuffer()
    assert buffer.key("h", 1.0, "h").step is WedgeStep.HOLD
    assert buffer.deadline == 1.0 + HOLD_SECONDS
    assert buffer.timeout(1.0 + HOLD_SECONDS / 2) is None, "a stale timer does nothing"
    released = buffer.timeout(1.0 + HOLD_SECONDS)
    assert released is not None
    assert released.step is WedgeStep.RELEASE
    assert released.release == ("h",)
    assert not buffer.busy


def test_slow_keys_never_become_a_scan_even_without_timer() -> None:
    buffer: WedgeBuffer[str] = WedgeBuffer()
    first = buffer.key("1", 0.0, "1")
    second = buffer.key("2", PERSON_GAP, "2")
    assert first.step is WedgeStep.HOLD
    assert second.step is WedgeStep.HOLD
    assert second.release == ("1",), "the late key releases the earlier one first"


def test_enter_after_typing_releases_the_keys_then_passes() -> None:
    buffer: WedgeBuffer[str] = WedgeBuffer()
    buffer.key("1", 0.0, "1")
    buffer.key("2", 0.02, "2")
    action = buffer.enter(0.04)
    assert action.step is WedgeStep.PASS
    assert action.release == ("1", "2")


def test_enter_with_nothing_pending_just_passes() -> None:
    assert WedgeBuffer[str]().enter(0.0).step is WedgeStep.PASS


def test_silence_without_enter_drops_the_scan_with_a_reason() -> None:
    buffer: WedgeBuffer[str] = WedgeBuffer()
    _, at = burst(buffer, "https://example.org/credential")
    assert buffer.deadline == at + SILENCE_SECONDS
    action = buffer.timeout(at + SILENCE_SECONDS)
    assert action is not None
    assert action.step is WedgeStep.DROPPED
    assert action.reason == NO_ENTER


def test_a_tab_suffix_ends_a_scan() -> None:
    buffer: WedgeBuffer[str] = WedgeBuffer()
    _, at = burst(buffer, "https://example.org/credential")
    assert buffer.other_key("\t", at + SCANNER_GAP).step is WedgeStep.SWALLOW
    action = buffer.timeout(at + SCANNER_GAP + SILENCE_SECONDS)
    assert action is not None
    assert action.step is WedgeStep.SCAN
    assert action.text == "https://example.org/credential"


def test_other_keys_during_a_scan_are_swallowed() -> None:
    buffer: WedgeBuffer[str] = WedgeBuffer()
    _, at = burst(buffer, "abcdefghij")
    assert buffer.other_key(None, at + 0.001).step is WedgeStep.SWALLOW
    action = buffer.enter(at + 0.002)
    assert action.text == "abcdefghij"


def test_other_key_while_undecided_releases_then_passes() -> None:
    buffer: WedgeBuffer[str] = WedgeBuffer()
    buffer.key("x", 0.0, "x")
    action = buffer.other_key(None, 0.01)
    assert action.step is WedgeStep.PASS
    assert action.release == ("x",)


def test_the_buffer_is_capped() -> None:
    buffer: WedgeBuffer[str] = WedgeBuffer()
    _, at = burst(buffer, "a" * (MAX_CHARS + 10), gap=0.0001)
    assert buffer.scanning, "an overflowing burst keeps being swallowed"
    action = buffer.enter(at + 0.001)
    assert action.step is WedgeStep.DROPPED
    assert action.reason == TOO_LONG
    assert not buffer.busy


def test_a_scan_of_exactly_the_cap_is_kept() -> None:
    buffer: WedgeBuffer[str] = WedgeBuffer()
    _, at = burst(buffer, "b" * MAX_CHARS, gap=0.0001)
    assert buffer.enter(at).text == "b" * MAX_CHARS


def test_many_quick_typed_keys_are_released_rather_than_held_forever() -> None:
    buffer: WedgeBuffer[str] = WedgeBuffer()
    steps = [buffer.key("k", index * 0.045, str(index)).step for index in range(70)]
    assert WedgeStep.PASS in steps, "at most 64 keys are held for a person typing"
    assert not buffer.scanning


def test_scan_timing_rule() -> None:
    assert not is_scan_timing([0.0, 0.001, 0.002])  # too few keys
    assert is_scan_timing([i * 0.02 for i in range(8)])
    assert not is_scan_timing([i * 0.05 for i in range(20)])
    # One long pause in a fast burst does not change the median.
    assert is_scan_timing([0, 0.01, 0.02, 0.5, 0.51, 0.52, 0.53, 0.54, 0.55])


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=8))
def test_any_fast_printable_burst_comes_back_exactly(payload: str) -> None:
    buffer: WedgeBuffer[int] = WedgeBuffer()
    at = 0.0
    for index, char in enumerate(payload[:MAX_CHARS]):
        at = index * 0.002
        assert buffer.key(char, at, index).release == ()
    assert buffer.enter(at + 0.002).text == payload[:MAX_CHARS]
