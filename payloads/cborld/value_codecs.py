"""Provides ``decode_value``: one compressed CBOR-LD value back to its JSON-LD form.

Follows the CBOR-LD 1.0 "Create Value Decoder" algorithm and the default processing
model's codecs:

1. The value's *table type* is "url" for ``@id`` / ``@type`` (and their aliases) and for
   terms typed ``@id`` / ``@vocab``; otherwise the term's ``@type`` IRI, else "none".
2. If the registry entry has a table for that type, a compressed value is looked up in
   it: as a byte string (unsigned big-endian) for the types the entry encodes as bytes,
   else as an integer. A miss is an error, except that legacy payloads fall back to a
   term id for URLs. A byte string for another typed term is a signed integer.
3. Otherwise a codec for the type: URLs (term ids and ``[prefix, ...]`` arrays for
   http(s), urn:uuid, data:, did:v1:nym and did:key), multibase byte strings
   (``z`` / ``u`` / ``M``), ``xsd:date`` and ``xsd:dateTime`` seconds since the epoch.
4. Anything else that is not an array passes through unchanged; an array without a codec
   is returned as ``NOT_DECODED`` so the caller converts its elements one by one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Final

from payloads.cborld.active_context import TermCodes, TermDefinition
from payloads.cborld.errors import CborldMalformedError
from payloads.cborld.tables import (
    MULTIBASE_TYPE,
    URL_PREFIXES,
    XSD_DATE,
    XSD_DATETIME,
    RegistryEntry,
)
from payloads.cborld.text_codecs import (
    base58btc_encode,
    base64_pad,
    base64url_nopad,
    iso_instant,
)


class _NotDecoded:
    """Marker: no codec applies; convert the array's elements instead."""

    def __repr__(self) -> str:
        return "NOT_DECODED"


NOT_DECODED: Final = _NotDecoded()


@dataclass(frozen=True)
class TermInfo:
    """What the decoder knows about one key of a compressed object."""

    term: str
    key: int | str
    plural: bool
    definition: TermDefinition


def _is_int(value: object) -> bool:
    return type(value) is int


def _is_number(value: object) -> bool:
    return type(value) in (int, float)


def _unknown_value(value: object) -> CborldMalformedError:
    return CborldMalformedError(
        "ERR_UNKNOWN_COMPRESSED_VALUE",
        "The compressed data holds a compressed value this kiosk cannot expand "
        f"({_describe(value)}).",
    )


def _describe(value: object) -> str:
    if isinstance(value, bytes):
        return f"{len(value)} bytes"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return f"number {value}" if _is_number(value) else type(value).__name__


def table_type(info: TermInfo, term_type: object) -> str:
    """The type-table key for a value of ``info`` typed ``term_type``."""
    term_id = info.definition.get("@id")
    if (
        info.term in ("@id", "@type")
        or term_id in ("@id", "@type")
        or term_type in ("@id", "@vocab")
    ):
        return "url"
    return term_type if isinstance(term_type, str) else "none"


def _uint_from_bytes(data: bytes) -> int:
    if len(data) not in (1, 2, 4):
        raise _unknown_value(data)
    return int.from_bytes(data, "big")


def _int_from_bytes(data: bytes) -> int:
    if len(data) not in (1, 2, 4, 8):
        raise _unknown_value(data)
    return int.from_bytes(data, "big", signed=True)


def decode_value(
    entry: RegistryEntry, codes: TermCodes, info: TermInfo, term_type: object, value: Any
) -> Any:
    """Decode one value; ``NOT_DECODED`` for an array no codec claims."""
    kind = table_type(info, term_type)
    table = entry.type_table.get(kind)
    if table is not None:
        as_bytes = kind in entry.bytes_encoded_types
        code: int | None = None
        if isinstance(value, bytes) and as_bytes:
            code = _uint_from_bytes(value)
        elif _is_int(value) and not as_bytes:
            code = value
        if code is not None:
            found = table.get(code)
            if found is not None:
                return found
            if not (entry.legacy and kind == "url" and codes.has_term_id(code)):
                raise _unknown_value(value)
        elif isinstance(value, bytes) and kind != "none":
            return _int_from_bytes(value)
    if kind == "url":
        decoded = _decode_url(codes, value)
    elif kind == MULTIBASE_TYPE:
        decoded = _decode_multibase(value)
    elif kind == XSD_DATE:
        decoded = _decode_date(value)
    elif kind == XSD_DATETIME:
        decoded = _decode_datetime(value)
    else:
        decoded = NOT_DECODED
    if decoded is not NOT_DECODED:
        return decoded
    return NOT_DECODED if isinstance(value, list) else value


def _decode_url(codes: TermCodes, value: Any) -> Any:
    if isinstance(value, str):
        return NOT_DECODED
    if isinstance(value, list):
        prefix = URL_PREFIXES.get(value[0]) if value and _is_int(value[0]) else None
        decoded = _decode_url_array(prefix, value) if prefix is not None else None
        if decoded is None:
            raise _unknown_value(value)
        return decoded
    if _is_int(value):
        return codes.term_for_id(value)[0]
    raise _unknown_value(value)


def _decode_url_array(prefix: str, value: list[Any]) -> str | None:
    rest = value[1:]
    if prefix in ("http://", "https://"):
        return prefix + rest[0] if len(rest) == 1 and isinstance(rest[0], str) else None
    if prefix == "urn:uuid:":
        if len(rest) == 1 and isinstance(rest[0], str):
            return prefix + rest[0]
        if len(rest) == 1 and isinstance(rest[0], bytes) and len(rest[0]) == 16:
            return prefix + str(uuid.UUID(bytes=rest[0]))
        return None
    if prefix == "data:":
        if len(rest) == 2 and isinstance(rest[0], str) and isinstance(rest[1], bytes):
            return f"data:{rest[0]};base64,{base64_pad(rest[1])}"
        if len(rest) == 1 and isinstance(rest[0], str):
            return prefix + rest[0]
        return None
    # did:v1:nym: and did:key: -- authority, then optionally a fragment
    if len(rest) not in (1, 2) or not all(isinstance(part, str | bytes) for part in rest):
        return None
    parts = [part if isinstance(part, str) else "z" + base58btc_encode(part) for part in rest]
    return prefix + "#".join(parts)


def _decode_multibase(value: Any) -> Any:
    if not isinstance(value, bytes) or not value:
        return NOT_DECODED
    prefix, payload = value[0], value[1:]
    if prefix == 0x7A:  # z
        return "z" + base58btc_encode(payload)
    if prefix == 0x75:  # u
        return "u" + base64url_nopad(payload)
    if prefix == 0x4D:  # M
        return "M" + base64_pad(payload)
    return NOT_DECODED


def _decode_date(value: Any) -> Any:
    if not _is_number(value):
        return NOT_DECODED
    return iso_instant(value * 1000).split("T", 1)[0]


def _decode_datetime(value: Any) -> Any:
    if _is_number(value):
        return iso_instant(value * 1000).replace(".000Z", "Z")
    if isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value):
        return iso_instant(value[0] * 1000 + value[1])
    return NOT_DECODED
