"""JSON Canonicalization Scheme (RFC 8785): the transformation of the `*-jcs-*` suites.

RFC 8785 serialises JSON the way ECMAScript's `JSON.stringify` does, with object members sorted
by their names' UTF-16 code units and no whitespace:

- strings: `"` and `\\` escaped, U+0008/0009/000A/000C/000D as `\\b \\t \\n \\f \\r`, other
  controls below U+0020 as `\\u00xx` (lower-case hex); everything else as is, in UTF-8
  (Python's C JSON string encoder with `ensure_ascii=False` does exactly this);
- numbers: IEEE 754 doubles printed as ECMAScript's Number::toString does (shortest round-trip
  digits, exponent form below 1e-6 and from 1e21). Python's `repr(float)` gives the same digits;
  only the layout differs. Integers beyond 2**53 become doubles first, as a JavaScript signer
  would have read them.

Not JSON (NaN, infinities, lone surrogates, non-string keys) raises `JcsError`.
"""

from __future__ import annotations

from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

from kiosk.verification.errors import VerificationError

_EXACT_INTEGER = 2**53


class JcsError(VerificationError):
    """The value cannot be canonicalized as JSON (RFC 8785)."""

    code = "jcs-error"


def canonical_json(value: Any) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a parsed JSON value."""
    parts: list[str] = []
    _write(value, parts)
    try:
        return "".join(parts).encode("utf-8")
    except UnicodeEncodeError as error:
        raise JcsError("The credential holds text that is not valid Unicode.") from error


def _write(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, int):
        out.append(_integer(value))
    elif isinstance(value, float):
        out.append(ecmascript_number(value))
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _write(item, out)
        out.append("]")
    elif isinstance(value, dict):
        _write_object(value, out)
    else:
        raise JcsError(f"A {type(value).__name__} is not a JSON value.")


def _write_object(value: dict[Any, Any], out: list[str]) -> None:
    if not all(isinstance(key, str) for key in value):
        raise JcsError("A JSON object key is not a string.")
    out.append("{")
    for index, key in enumerate(sorted(value, key=_utf16_order)):
        if index:
            out.append(",")
        out.append(encode_basestring(key))
        out.append(":")
        _write(value[key], out)
    out.append("}")


def _utf16_order(key: str) -> bytes:
    return key.encode("utf-16-be", "surrogatepass")


def _integer(value: int) -> str:
    if -_EXACT_INTEGER <= value <= _EXACT_INTEGER:
        return str(value)
    try:
        return ecmascript_number(float(value))
    except OverflowError as error:
        raise JcsError("A number in the credential is too large for JSON.") from error


def ecmascript_number(value: float) -> str:
    """ECMAScript Number::toString of a finite double (RFC 8785 §3.2.2.3)."""
    if value != value or value in (float("inf"), float("-inf")):
        raise JcsError("NaN and infinity are not JSON numbers.")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    # digits: the shortest round-trip digits; point: where the decimal point goes (n in ES)
    _, digit_tuple, exponent = Decimal(repr(abs(value))).as_tuple()
    if not isinstance(exponent, int):  # only for NaN / infinity, refused above
        raise JcsError("Not a finite JSON number.")
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    point = exponent + len(digit_tuple)
    count = len(digits)
    if count <= point <= 21:
        return sign + digits + "0" * (point - count)
    if 0 < point <= 21:
        return sign + digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return sign + "0." + "0" * -point + digits
    mantissa = digits if count == 1 else digits[0] + "." + digits[1:]
    power = point - 1
    return f"{sign}{mantissa}e{'+' if power > 0 else '-'}{abs(power)}"
