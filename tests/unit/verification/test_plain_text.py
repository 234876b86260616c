"""Text from a credential becomes plain, printable, single-line text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.verification.plain_text import plain_text


def test_escape_sequences_and_bidi_controls_are_removed() -> None:
    assert plain_text("A\x1b[31mB\x9b2J\u202eC\u200bD\x00") == "A[31mB2JCD"


def test_whitespace_is_folded_and_long_text_truncated() -> None:
    assert plain_text("  a \n\t b  ") == "a b"
    assert plain_text("x" * 500, limit=10) == "x" * 9 + "…"


@given(st.text())
def test_no_control_or_format_character_survives(text: str) -> None:
    import unicodedata

    out = plain_text(text)
    assert all(unicodedata.category(ch) not in {"Cc", "Cf", "Co", "Cs", "Cn"} for ch in out)
    assert "\n" not in out and len(out) <= 160
