"""Provides ``read_cborld_bytes``: the CBOR-LD tag header and the payload, parsed within bounds.

Before ``cbor2`` sees a byte, ``check_well_formed`` walks the encoded item once: it
enforces the size, depth and item limits, requires the item to span the input exactly,
and refuses what CBOR-LD never uses but a hostile payload could: nested tags (shared
references, string references, big numbers ...), indefinite lengths, simple values other
than false/true/null, non-finite floats, and map keys other than small non-negative
integers and text strings. ``cbor2`` then decodes the checked bytes with duplicate map
keys refused.

Recognised headers (the CBOR tag in front of the payload):

* 0xCB1D (51997), CBOR-LD 1.0: the tagged item is ``[registryEntryId, payload]``.
* 0x0600-0x06FF, pre-1.0 range: the registry entry id is a varint whose first byte is
  ``tag - 0x0600``; when that is 128 or more the tagged item is ``[bytes, payload]``
  holding the varint's remaining bytes.
* 0x0500 / 0x0501, legacy singleton (Digital Bazaar cborld up to 7.x, the Digital
  Credentials Consortium's fork 4.x): uncompressed / compressed with the legacy tables.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import cbor2

from payloads.cborld.errors import CborldMalformedError
from payloads.cborld.limits import (
    MAX_CBORLD_BYTES,
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_MAP_KEY,
    MAX_VARINT_BYTES,
)

TAG_CBORLD_1_0 = 0xCB1D
TAG_LEGACY_RANGE_START = 0x0600
TAG_LEGACY_RANGE_END = 0x06FF
TAG_LEGACY_UNCOMPRESSED = 0x0500
TAG_LEGACY_COMPRESSED = 0x0501


class CborldForm(StrEnum):
    """Which tag system a payload uses."""

    V1_0 = "cbor-ld-1.0"
    LEGACY_RANGE = "legacy-range"
    LEGACY_SINGLETON = "legacy-singleton"


@dataclass(frozen=True)
class CborldHeader:
    """The parsed tag: its form, the tag value and (for the ranged forms) the registry entry."""

    form: CborldForm
    tag: int
    registry_entry_id: int | None
    """None for the legacy singleton tags, which name no registry entry."""


def _damaged(detail: str) -> CborldMalformedError:
    return CborldMalformedError("ERR_NOT_CBORLD", f"The compressed data is damaged: {detail}.")


def _read_head(data: bytes, pos: int) -> tuple[int, int, int, int]:
    """Return (major type, additional info, argument, next position) of the item at ``pos``."""
    if pos >= len(data):
        raise _damaged("it ends too early")
    initial = data[pos]
    major, info = initial >> 5, initial & 0x1F
    pos += 1
    if info < 24:
        return major, info, info, pos
    if info > 27:
        raise _damaged(
            "it uses an indefinite length, which CBOR-LD does not use"
            if info == 31
            else "it holds an invalid CBOR item header"
        )
    width = 1 << (info - 24)
    if pos + width > len(data):
        raise _damaged("it ends too early")
    return major, info, int.from_bytes(data[pos : pos + width], "big"), pos + width


def _check_float(data: bytes, info: int, start: int, end: int) -> None:
    raw = data[start:end]
    if info == 25:
        value = struct.unpack(">e", raw)[0]
    elif info == 26:
        value = struct.unpack(">f", raw)[0]
    else:
        value = struct.unpack(">d", raw)[0]
    if not math.isfinite(value):
        raise _damaged("it holds a number that is not finite")


def check_well_formed(data: bytes, start: int = 0) -> None:
    """Check that ``data[start:]`` is exactly one CBOR item within the decoder's limits.

    Raises:
        CborldMalformedError: naming the first problem found.
    """
    pos = start
    items = 0
    # each frame: [items still expected, is a map, index within the map (for key position)]
    stack: list[list[int]] = [[1, 0, 0]]
    while stack:
        frame = stack[-1]
        if frame[0] == 0:
            stack.pop()
            continue
        frame[0] -= 1
        is_key = frame[1] == 1 and frame[2] % 2 == 0
        frame[2] += 1
        items += 1
        if items > MAX_ITEMS:
            raise CborldMalformedError(
                "ERR_TOO_MANY_ITEMS", f"The compressed data holds more than {MAX_ITEMS} values."
            )
        item_start = pos
        major, info, argument, pos = _read_head(data, pos)
        if is_key and not ((major == 0 and argument <= MAX_MAP_KEY) or major == 3):
            raise _damaged("a field name is neither a small number nor text")
        if major in (2, 3):
            if argument > len(data) - pos:
                raise _damaged("it ends too early")
            pos += argument
        elif major in (4, 5):
            count = argument * (2 if major == 5 else 1)
            if count > MAX_ITEMS - items:
                raise CborldMalformedError(
                    "ERR_TOO_MANY_ITEMS",
                    f"The compressed data holds more than {MAX_ITEMS} values.",
                )
            if count > len(data) - pos:
                raise _damaged("it announces more values than it holds")
            if len(stack) > MAX_DEPTH:
                raise CborldMalformedError(
                    "ERR_TOO_DEEP",
                    f"The compressed data is nested more than {MAX_DEPTH} levels deep.",
                )
            stack.append([count, 1 if major == 5 else 0, 0])
        elif major == 6:
            raise _damaged(f"it uses CBOR tag {argument}, which CBOR-LD payloads do not use")
        elif major == 7:
            if info in (25, 26, 27):
                _check_float(data, info, item_start + 1, pos)
            elif argument not in (20, 21, 22):  # false, true, null
                raise _damaged("it holds a CBOR value that has no JSON equivalent")
    if pos != len(data):
        raise _damaged("it has extra bytes after its end")


def _decode(data: bytes, start: int) -> Any:
    check_well_formed(data, start)
    try:
        return cbor2.loads(
            data[start:],
            max_depth=MAX_DEPTH + 2,
            allow_indefinite=False,
            allow_duplicate_keys=False,
        )
    except cbor2.CBORDecodeError as exc:
        text = f"{exc} {exc.__cause__}".lower()
        if "duplicate" in text:
            raise _damaged("it names the same field twice") from None
        if "utf" in text or "unicode" in text:
            raise _damaged("it holds text that is not valid UTF-8") from None
        raise _damaged("it is not valid CBOR") from None


def _varint(first: int, rest: bytes) -> int:
    """Decode an unsigned LEB128 varint whose first byte is ``first``; all bytes must be used."""
    varint = bytes([first]) + rest
    if len(varint) > MAX_VARINT_BYTES:
        raise _damaged("its registry entry number is too long")
    value = 0
    for index, byte in enumerate(varint):
        value |= (byte & 0x7F) << (7 * index)
        if not byte & 0x80:
            if index != len(varint) - 1:
                raise _damaged("its registry entry number is badly encoded")
            return value
    raise _damaged("its registry entry number is badly encoded")


def read_cborld_bytes(data: bytes) -> tuple[CborldHeader, Any]:
    """Parse the CBOR-LD tag and decode the payload it tags (within the decoder's limits).

    Raises:
        CborldMalformedError: too large, not CBOR-LD, or damaged.
    """
    if len(data) > MAX_CBORLD_BYTES:
        raise CborldMalformedError(
            "ERR_TOO_LARGE",
            f"The compressed data is {len(data)} bytes long; the limit is {MAX_CBORLD_BYTES}.",
        )
    if not data:
        raise _damaged("it is empty")
    major, _, tag, pos = _read_head(data, 0)
    if major != 6:
        raise CborldMalformedError(
            "ERR_NOT_CBORLD", "The compressed data does not start with a CBOR-LD tag."
        )
    if tag in (TAG_LEGACY_UNCOMPRESSED, TAG_LEGACY_COMPRESSED):
        return CborldHeader(CborldForm.LEGACY_SINGLETON, tag, None), _decode(data, pos)
    if tag == TAG_CBORLD_1_0:
        item = _decode(data, pos)
        if not (
            isinstance(item, list) and len(item) == 2 and type(item[0]) is int and item[0] >= 0
        ):
            raise _damaged("its CBOR-LD tag does not hold [registry entry, payload]")
        return CborldHeader(CborldForm.V1_0, tag, item[0]), item[1]
    if TAG_LEGACY_RANGE_START <= tag <= TAG_LEGACY_RANGE_END:
        first = tag - TAG_LEGACY_RANGE_START
        item = _decode(data, pos)
        if first < 0x80:
            return CborldHeader(CborldForm.LEGACY_RANGE, tag, first), item
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], bytes)):
            raise _damaged("its CBOR-LD tag does not hold [registry entry, payload]")
        return CborldHeader(CborldForm.LEGACY_RANGE, tag, _varint(first, item[0])), item[1]
    raise CborldMalformedError(
        "ERR_NOT_CBORLD", f"The compressed data carries CBOR tag {tag}, which is not CBOR-LD."
    )
