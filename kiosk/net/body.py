"""Reading a response body within the size cap, and parsing JSON bodies safely.

The kiosk asks for uncompressed responses; a server that compresses anyway (gzip or deflate) is
decompressed here with the cap applied to the *decompressed* size, so a small compressed bomb
cannot grow in memory. JSON is parsed strictly: no duplicate keys, no NaN or Infinity, bounded
numbers and nesting, so a "JSON bomb" is refused with a reason instead of exhausting the stack.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections.abc import Iterable
from typing import Any

from kiosk.net.errors import NotJsonError, TooLargeError

MAX_JSON_DEPTH = 64
MAX_NUMBER_CHARS = 400
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
JSON_MEDIA_TYPES = frozenset(
    {
        "application/json",
        "application/ld+json",
        "application/did+json",
        "application/did+ld+json",
        "application/jwk-set+json",
    }
)


def read_capped(chunks: Iterable[bytes], content_encoding: str, max_bytes: int) -> bytes:
    """Join raw body chunks, decompressing gzip/deflate, refusing more than `max_bytes`.

    Raises:
        TooLargeError: the (decompressed) body exceeds the cap.
        NotJsonError: an encoding the kiosk does not read, or a corrupt compressed body.
    """
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return _join(chunks, max_bytes)
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise NotJsonError(f"The server sent a body encoded as '{encoding[:20]}'.")
    decompressor = zlib.decompressobj(wbits=47 if "gzip" in encoding else 15)
    out = bytearray()
    try:
        for chunk in chunks:
            data = chunk
            while data:
                out += decompressor.decompress(data, max_bytes + 1 - len(out))
                if len(out) > max_bytes:
                    raise _too_large(max_bytes)
                data = decompressor.unconsumed_tail
    except zlib.error as error:
        raise NotJsonError("The server sent a damaged compressed body.") from error
    return bytes(out)


def _join(chunks: Iterable[bytes], max_bytes: int) -> bytes:
    out = bytearray()
    for chunk in chunks:
        out += chunk
        if len(out) > max_bytes:
            raise _too_large(max_bytes)
    return bytes(out)


def _too_large(max_bytes: int) -> TooLargeError:
    return TooLargeError(f"The document is larger than the {max_bytes // 1024} KiB limit.")


def is_json_media_type(content_type: str) -> bool:
    """True for application/json, application/*+json and the DID / JSON-LD types."""
    media = content_type.split(";", 1)[0].strip().lower()
    return media in JSON_MEDIA_TYPES or (
        media.startswith("application/") and media.endswith("+json")
    )


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise _Refused("it names the same field twice in one object")
    return document


def _no_constant(name: str) -> Any:
    raise _Refused(f"it contains {name}, which is not a number")


def _bounded_number(literal: str) -> int | float:
    if len(literal) > MAX_NUMBER_CHARS:
        raise _Refused("it contains a number too long to handle")
    if any(c in literal for c in ".eE"):
        value = float(literal)
        if not math.isfinite(value):
            raise _Refused("it contains a number too large to handle")
        return value
    return int(literal)


def parse_json(body: bytes) -> Any:
    """Parse a UTF-8 JSON document strictly.

    Raises:
        NotJsonError: with the reason, for anything that is not safe, valid JSON.
    """
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotJsonError("The document is not UTF-8 text.") from error
    if _deeper_than(text, MAX_JSON_DEPTH):
        raise NotJsonError(f"The document is nested more than {MAX_JSON_DEPTH} levels deep.")
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=_bounded_number,
            parse_int=_bounded_number,
        )
    except _Refused as refused:
        raise NotJsonError(f"The document is refused: {refused.reason}.") from None
    except (ValueError, RecursionError) as error:
        raise NotJsonError("The document is not valid JSON.") from error


def _deeper_than(text: str, limit: int) -> bool:
    """True when brackets outside strings nest deeper than `limit` (checked before parsing, so
    a deeply nested document never reaches the recursive parser)."""
    depth = 0
    for token in _STRING_OR_BRACKET.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False
