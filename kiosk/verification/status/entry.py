"""Reading the fields of a `credentialStatus` entry; a malformed field raises `MalformedEntryError`.

The entry is part of the signed credential, so a malformed entry is the credential's defect (the
status check fails), unlike a list that cannot be had or trusted ("not done").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.verification.plain_text import plain_text
from kiosk.verification.status.errors import MalformedEntryError

MAX_STATUS_SIZE = 16
"""Largest `statusSize` read (65,536 possible values and messages)."""
MAX_INDEX_DIGITS = 20
_DIGITS = re.compile(r"[0-9]+")
_HEX = re.compile(r"0[xX][0-9a-fA-F]{1,8}")


@dataclass(frozen=True, slots=True)
class StatusSubject:
    """What status methods need to know about the credential whose status is asked."""

    issuer_id: str
    credential_id: str | None = None
    """The credential's `id` (id-based lists: 1EdTech, Blockcerts), None when it has none."""


def read_index(entry: Mapping[str, Any], field: str) -> int:
    """A non-negative whole number given as a base-10 string (or a JSON integer)."""
    value = entry.get(field)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and _DIGITS.fullmatch(value) and len(value) <= MAX_INDEX_DIGITS:
        return int(value)
    if value is None:
        raise MalformedEntryError(f"it has no {field}")
    raise MalformedEntryError(f"its {field} is not a whole number ({plain_text(value, 40)})")


def read_url(entry: Mapping[str, Any], field: str) -> str:
    """The list's URL (checked by the guarded fetcher later, not here)."""
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise MalformedEntryError(f"it does not say where its status list is ({field})")
    return value.strip()


def read_size(entry: Mapping[str, Any]) -> int:
    """`statusSize`: 1 when absent, else a whole number from 1 to `MAX_STATUS_SIZE`."""
    value = entry.get("statusSize", 1)
    if isinstance(value, str) and _DIGITS.fullmatch(value) and len(value) <= 3:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_STATUS_SIZE:
        return value
    raise MalformedEntryError(f"its statusSize is not a whole number from 1 to {MAX_STATUS_SIZE}")


def read_messages(value: Any) -> dict[int, str] | None:
    """`statusMessage`: [{"status": "0x1", "message": "…"}] → {1: "…"}; None when absent."""
    if value is None:
        return None
    if not isinstance(value, list):
        raise MalformedEntryError("its statusMessage is not a list")
    messages: dict[int, str] = {}
    for item in value:
        status = item.get("status") if isinstance(item, Mapping) else None
        message = item.get("message") if isinstance(item, Mapping) else None
        if (
            not isinstance(status, str)
            or not _HEX.fullmatch(status)
            or not isinstance(message, str)
        ):
            raise MalformedEntryError("its statusMessage has an entry without status and message")
        messages[int(status, 16)] = message
    return messages


def entry_types(entry: Mapping[str, Any]) -> list[str]:
    """The entry's `type` as a list of strings (JSON-LD allows one string or a list)."""
    value = entry.get("type")
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]
