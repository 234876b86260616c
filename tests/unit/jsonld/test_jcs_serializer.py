"""RFC 8785 (JCS) serialisation: the RFC's own examples, and agreement with the reference
implementation that pyld ships (`c14n`, used here only as a test oracle)."""

from __future__ import annotations

import math
import struct
from typing import Any

import pytest
from c14n import canonicalize as reference_jcs
from hypothesis import given
from hypothesis import strategies as st

from kiosk.verification.jsonld.jcs import JcsError, canonical_json, ecmascript_number

# RFC 8785 Appendix B: IEEE 754 bit patterns and their required serialisation
RFC_NUMBERS = {
    "0000000000000000": "0",
    "8000000000000000": "0",
    "0000000000000001": "5e-324",
    "8000000000000001": "-5e-324",
    "7fefffffffffffff": "1.7976931348623157e+308",
    "ffefffffffffffff": "-1.7976931348623157e+308",
    "4340000000000000": "9007199254740992",
    "c340000000000000": "-9007199254740992",
    "4430000000000000": "295147905179352830000",
    "44b52d02c7e14af5": "9.999999999999997e+22",
    "44b52d02c7e14af6": "1e+23",
    "44b52d02c7e14af7": "1.0000000000000001e+23",
    "444b1ae4d6e2ef4e": "999999999999999700000",
    "444b1ae4d6e2ef4f": "999999999999999900000",
    "444b1ae4d6e2ef50": "1e+21",
    "3eb0c6f7a0b5ed8c": "9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d": "0.000001",
    "41b3de4355555553": "333333333.3333332",
    "41b3de4355555554": "333333333.33333325",
    "41b3de4355555555": "333333333.3333333",
    "41b3de4355555556": "333333333.3333334",
    "41b3de4355555557": "333333333.33333343",
    "becbf647612f3696": "-0.0000033333333333333333",
    "43143ff3c1cb0959": "1424953923781206.2",
}


@pytest.mark.parametrize(("bits", "expected"), sorted(RFC_NUMBERS.items()))
def test_rfc8785_numbers(bits: str, expected: str) -> None:
    value = struct.unpack(">d", bytes.fromhex(bits))[0]
    assert ecmascript_number(value) == expected


def test_rfc8785_sorting_example() -> None:
    """Members sorted by UTF-16 code units (the emoji sorts before U+FB33)."""
    value = {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\U0001f600": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis",
    }
    keys = ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\U0001f600", "\ufb33"]
    expected = "{" + ",".join(f'"{k}":"{value[k]}"' for k in keys).replace("\r", "\\r") + "}"
    assert canonical_json(value) == expected.encode("utf-8")


def test_strings_escape_like_ecmascript() -> None:
    text = '\u2028\x7f\x01\x1f\b\t\n\f\r"\\/é'
    assert canonical_json(text) == '"\u2028\x7f\\u0001\\u001f\\b\\t\\n\\f\\r\\"\\\\/é"'.encode()


def test_large_integers_become_doubles_like_a_javascript_signer() -> None:
    assert canonical_json(2**53) == b"9007199254740992"
    assert canonical_json(12345678901234567890) == b"12345678901234567000"
    assert canonical_json([True, False, None, 1.0, -0.0]) == b"[true,false,null,1,0]"


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, 10**400, "\ud800", {1: "x"}, b"x"])
def test_non_json_is_refused(bad: Any) -> None:
    with pytest.raises(JcsError):
        canonical_json(bad)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_agrees_with_the_reference_implementation(value: Any) -> None:
    assert canonical_json(value) == reference_jcs(value)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_agree_with_the_reference_implementation(value: float) -> None:
    assert ecmascript_number(value).encode() == reference_jcs(value)
