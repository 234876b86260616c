"""Reading the data of a Bitcoin OP_RETURN output script (`6a` + one push)."""

from __future__ import annotations

import re

_HEX = re.compile(r"(?:[0-9a-f]{2})*")
OP_RETURN = 0x6A
OP_PUSHDATA1 = 0x4C
OP_PUSHDATA2 = 0x4D


def op_return_data(script_hex: object) -> str | None:
    """The data pushed by an OP_RETURN script, as lower-case hex; None for any other script.

    `6a20<32 bytes>` → the 32 bytes. Malformed pushes (a length longer than the script) are
    None: an explorer must not be able to make the kiosk read past the script.
    """
    if not isinstance(script_hex, str) or len(script_hex) > 20_000:
        return None
    text = script_hex.lower()
    if not _HEX.fullmatch(text):
        return None
    script = bytes.fromhex(text)
    if len(script) < 2 or script[0] != OP_RETURN:
        return None
    opcode, rest = script[1], script[2:]
    if opcode <= 0x4B:
        length = opcode
    elif opcode == OP_PUSHDATA1 and rest:
        length, rest = rest[0], rest[1:]
    elif opcode == OP_PUSHDATA2 and len(rest) >= 2:
        length, rest = int.from_bytes(rest[:2], "little"), rest[2:]
    else:
        return None
    if length != len(rest):
        return None
    return rest.hex()


def clean_hex(value: object) -> str | None:
    """Lower-case hex without a 0x prefix, or None when `value` is not hex."""
    if not isinstance(value, str) or len(value) > 20_000:
        return None
    text = value.lower().removeprefix("0x")
    return text if _HEX.fullmatch(text) else None
