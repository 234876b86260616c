"""Provides ``safe_preview`` and ``safe_text``: untrusted bytes and strings made safe to show.

Scanned payloads and file names are hostile input. Before any of it reaches a terminal,
everything except printable ASCII is replaced by a visible escape (``\\xNN``,
``\\uNNNN`` or ``\\UNNNNNNNN``; backslash itself becomes ``\\\\``), so no control
character or escape sequence can reach the screen. The result is pure printable ASCII.
"""

from __future__ import annotations

_ELLIPSIS = "..."


def _escape_char(char: str) -> str:
    code = ord(char)
    if char == "\\":
        return "\\\\"
    if 0x20 <= code < 0x7F:
        return char
    if 0xDC80 <= code <= 0xDCFF:
        # A byte that was not valid UTF-8 (decoded with "surrogateescape").
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def safe_text(text: str, limit: int | None = None) -> str:
    """Return ``text`` with everything but printable ASCII escaped.

    With ``limit``, only the first ``limit`` characters of ``text`` are kept and
    ``"..."`` is appended when something was cut off.
    """
    cut = limit is not None and len(text) > limit
    shown = text[:limit] if cut else text
    escaped = "".join(_escape_char(char) for char in shown)
    return escaped + _ELLIPSIS if cut else escaped


def safe_preview(data: bytes, limit: int = 60) -> str:
    """Return the first ``limit`` characters of ``data`` as printable ASCII.

    Valid UTF-8 sequences count as one character each (and are escaped if not
    printable ASCII); bytes that are not valid UTF-8 are shown as ``\\xNN``.
    """
    limit = max(limit, 0)
    # A character takes at most 4 bytes, so when this head is shorter than the data it
    # still decodes to more than ``limit`` characters and safe_text marks the cut.
    head = data[: limit * 4 + 4]
    return safe_text(head.decode("utf-8", errors="surrogateescape"), limit)
