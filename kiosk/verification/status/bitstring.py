"""A status bitstring: entries of `size` bits, index 0 at the left-most (most significant) bit.

Example::

    bits = Bitstring(decode_encoded_list(list_subject["encodedList"]))
    bits.entries(size=1)          # how many entries the list holds
    bits.value_at(94567, size=1)  # 0 or 1 (or 0 … 2**size - 1)
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.verification.status.errors import MalformedEntryError

MIN_ENTRIES = 131_072
"""Bitstring Status List / StatusList2021 / RevocationList2020: at least 16 KiB of bits (herd
privacy). A shorter list cannot vouch for a credential; see `docs/status.md`."""


@dataclass(frozen=True, slots=True)
class Bitstring:
    """The inflated bitstring of a status list."""

    data: bytes

    @property
    def bit_count(self) -> int:
        return len(self.data) * 8

    def entries(self, size: int = 1) -> int:
        """How many `size`-bit entries the list holds."""
        return self.bit_count // size

    def value_at(self, index: int, size: int = 1) -> int:
        """The `size`-bit value of entry `index` (most significant bit first).

        Raises:
            MalformedEntryError: the entry lies outside the list (a RANGE_ERROR in the spec).
        """
        start = index * size
        if index < 0 or start + size > self.bit_count:
            raise MalformedEntryError(
                f"its index {index} is outside the status list, which holds "
                f"{self.entries(size):,} entries"
            )
        value = 0
        for position in range(start, start + size):
            byte = self.data[position // 8]
            value = (value << 1) | ((byte >> (7 - position % 8)) & 1)
        return value
