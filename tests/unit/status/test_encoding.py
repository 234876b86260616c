"""Decoding `encodedList`: spec examples and real lists decode to the bits they state; broken,
truncated and oversized encodings are refused with a reason; values are read most significant
bit first, one or several bits per entry."""

from __future__ import annotations

import base64
import gzip
import json
import zlib
from typing import Any

import pytest

from kiosk.verification.status.bitstring import MIN_ENTRIES, Bitstring
from kiosk.verification.status.encoding import MAX_LIST_BYTES, decode_encoded_list, encode_list
from kiosk.verification.status.errors import MalformedEntryError, StatusUnavailableError
from tests.helpers import FIXTURES

STATUS = FIXTURES / "status"
SPEC = json.loads((STATUS / "spec-examples.json").read_text("utf-8"))["examples"]

STATED = [
    # (fixture, entries, set, clear) — as the upstream tests state them (SOURCE.md)
    ("dcc/verifier-core-status-e5WK8CbZ1GjycuPombrj.json", 100_000, {6, 8}, {7, 9}),
    ("dcc/statusList-expired.json", 100_000, {6, 8}, {7, 9}),
    ("dcc/statusList-notYetValid.json", 100_000, {6, 8}, {7, 9}),
    ("dcc/statusList-missingBitStringType.json", 100_000, {6, 8}, {7, 9}),
    ("1edtech/bit-string-list-testlist.json", MIN_ENTRIES, {23}, {22, 24}),
    ("blockcerts/status-list-2021.json", MIN_ENTRIES, {23547}, {23546}),
    ("blockcerts/status-list-2021-suspension.json", MIN_ENTRIES, {12354, 23548}, {23547}),
]
EVERY_SET_BIT = {
    "dcc/verifier-core-status-e5WK8CbZ1GjycuPombrj.json": {2, 6, 8},
    "1edtech/bit-string-list-testlist.json": {23},
    "blockcerts/status-list-2021.json": {23547},
    "blockcerts/status-list-2021-suspension.json": {12354, 23548},
}


def encoded(relative: str) -> Any:
    return json.loads((STATUS / relative).read_text("utf-8"))["credentialSubject"]["encodedList"]


def set_bits(bitstring: Bitstring) -> set[int]:
    return {
        index
        for index, byte in enumerate(bitstring.data)
        if byte
        for index in range(index * 8, index * 8 + 8)
        if bitstring.value_at(index)
    }


@pytest.mark.parametrize("example", SPEC, ids=lambda e: e["name"][:40])
def test_spec_examples_decode_to_the_bits_they_state(example: dict[str, Any]) -> None:
    bitstring = Bitstring(decode_encoded_list(example["encodedList"]))
    assert bitstring.entries() == example["entries"]
    assert set_bits(bitstring) == set(example["set"])
    assert all(bitstring.value_at(i) == 0 for i in example["clear"])


@pytest.mark.parametrize(("fixture", "entries", "on", "off"), STATED, ids=lambda v: str(v))
def test_real_lists_decode_to_the_bits_their_tests_state(
    fixture: str, entries: int, on: set[int], off: set[int]
) -> None:
    bitstring = Bitstring(decode_encoded_list(encoded(fixture)))
    assert bitstring.entries() == entries
    assert all(bitstring.value_at(i) == 1 for i in on)
    assert all(bitstring.value_at(i) == 0 for i in off)
    if fixture in EVERY_SET_BIT:
        assert set_bits(bitstring) == EVERY_SET_BIT[fixture]


def test_the_hand_edited_dcc_list_does_not_decode() -> None:
    with pytest.raises(StatusUnavailableError):
        decode_encoded_list(encoded("dcc/statusList-tampered.json"))


def test_with_and_without_the_multibase_prefix_and_padding_decode_alike() -> None:
    raw = bytes([0b1010_0000]) + bytes(16383)
    prefixed = encode_list(raw)
    plain = prefixed[1:]
    padded = plain + "=" * (-len(plain) % 4)
    standard = base64.b64encode(base64.urlsafe_b64decode(padded)).decode()
    for text in (prefixed, plain, padded, standard):
        assert decode_encoded_list(text) == raw


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (None, "no encodedList"),
        (123, "no encodedList"),
        ("", "no encodedList"),
        ("u", "is empty"),
        ("uAB C", "not base64url"),
        ("u€€", "not base64url"),
        ("u" + base64.urlsafe_b64encode(zlib.compress(b"\0" * 64)).decode(), "not GZIP"),
        (
            "u" + base64.urlsafe_b64encode(gzip.compress(b"\0" * 64, mtime=0)[:-6]).decode(),
            "cut short",
        ),
        (
            "u" + base64.urlsafe_b64encode(gzip.compress(b"\0" * 64, mtime=0) + b"xx").decode(),
            "after its end",
        ),
        ("u" + "A" * (2 * 1024 * 1024 + 1), "too long"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 30 else "-",
)
def test_broken_encodings_are_refused_with_a_reason(text: object, words: str) -> None:
    with pytest.raises(StatusUnavailableError, match=words):
        decode_encoded_list(text)


def test_a_gzip_bomb_stops_at_the_cap_without_inflating_it_all() -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1024 * 1024)
    bomb = b"".join(compressor.compress(chunk) for _ in range(64)) + compressor.flush()
    text = "u" + base64.urlsafe_b64encode(bomb).decode().rstrip("=")
    with pytest.raises(StatusUnavailableError, match="more than the 4 MiB limit"):
        decode_encoded_list(text)
    exactly = encode_list(b"\0" * MAX_LIST_BYTES)
    assert len(decode_encoded_list(exactly)) == MAX_LIST_BYTES


def test_values_are_read_most_significant_bit_first() -> None:
    bitstring = Bitstring(bytes([0b1000_0001, 0b0110_0000]))
    first, second = [1, 0, 0, 0, 0, 0, 0, 1], [0, 1, 1, 0, 0, 0, 0, 0]
    assert [bitstring.value_at(i) for i in range(16)] == [*first, *second]
    assert [bitstring.value_at(i, size=2) for i in range(8)] == [2, 0, 0, 1, 1, 2, 0, 0]
    assert bitstring.value_at(1, size=4) == 1
    assert bitstring.entries(size=3) == 5


@pytest.mark.parametrize(("index", "size"), [(16, 1), (8, 2), (-1, 1), (2**70, 1)])
def test_an_index_outside_the_list_is_malformed(index: int, size: int) -> None:
    with pytest.raises(MalformedEntryError, match="outside the status list"):
        Bitstring(bytes(2)).value_at(index, size)
