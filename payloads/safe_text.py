"""Provides the one policy for text that leaves the kiosk: `plain_text`, `strip_unsafe`,
`is_forbidden`, and the visible-escape renderings `safe_text` / `safe_preview`.

Everything a payload says is hostile input, and it reaches a terminal (the CLI, the Textual
screen), a JSON consumer and the history database. One predicate, `is_forbidden`, says which code
points never leave:

- control characters (C0, DEL, C1): terminal escape sequences start with them;
- format characters (category Cf): bidi overrides and isolates, zero-width space / joiners,
  word joiner, BOM, tag characters;
- surrogates, private-use and unassigned code points;
- the other default-ignorable code points, which render as nothing though they are letters or
  marks (Hangul fillers U+115F, U+1160, U+3164, U+FFA0, variation selectors, U+034F, …).

On top of that, `strip_unsafe` caps combining marks at `MAX_MARKS_PER_BASE` per base character
(a "Zalgo" flood draws over the lines above and below) and drops marks with no base.
`plain_text` also folds whitespace (line breaks included) into single spaces and cuts long text
with an ellipsis: it is what a reason, a detail or a shown value goes through.

`safe_text` and `safe_preview` are for raw payload bytes and names shown *as data* (a preview of
an unrecognised code): everything but printable ASCII is escaped visibly (`\\xNN`, `\\uNNNN`),
which is stricter than the policy, so both renderings keep it.
"""

from __future__ import annotations

import unicodedata

_ELLIPSIS = "..."
MAX_MARKS_PER_BASE = 3
"""Combining marks kept on one base character (Vietnamese and Indic text need up to 2 or 3)."""
DEFAULT_LIMIT = 160
"""Longest plain text by default, in characters."""

_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
_MARK_CATEGORIES = frozenset({"Mn", "Me"})
_DEFAULT_IGNORABLE_RANGES: tuple[tuple[int, int], ...] = (
    # Unicode DerivedCoreProperties.txt, Default_Ignorable_Code_Point (those not already Cf/Cn).
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_BLANK_LOOKALIKES = frozenset({"\u2800"})
"""Drawn as an empty cell though not a space (Braille blank): shown as a plain space."""


def is_forbidden(char: str) -> bool:
    """True for a code point that never leaves the kiosk (see the module docstring)."""
    code = ord(char)
    if 0x20 <= code < 0x7F:
        return False
    if unicodedata.category(char) in _FORBIDDEN_CATEGORIES:
        return True
    return any(low <= code <= high for low, high in _DEFAULT_IGNORABLE_RANGES)


def _is_space(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] == "Z" or char in _BLANK_LOOKALIKES


def strip_unsafe(text: str) -> str:
    """`text` without forbidden code points, marks capped per base; layout (spaces, line
    breaks) otherwise kept. For lines already laid out, such as the CLI's columns."""
    if text.isascii() and text.isprintable():
        return text
    kept: list[str] = []
    marks = MAX_MARKS_PER_BASE  # no base yet: a leading mark is dropped
    for char in text:
        if char in "\n\t":
            kept.append(char)
            marks = MAX_MARKS_PER_BASE
            continue
        if is_forbidden(char):
            continue
        if unicodedata.category(char) in _MARK_CATEGORIES:
            if marks >= MAX_MARKS_PER_BASE:
                continue
            marks += 1
        else:
            marks = 0
        kept.append(" " if char in _BLANK_LOOKALIKES else char)
    return "".join(kept)


def plain_text(value: object, limit: int | None = DEFAULT_LIMIT) -> str:
    """A safe one-line rendering of `value` (strings as-is, other values by `str`): forbidden
    code points removed, marks capped, whitespace folded, cut to `limit` characters with "…"
    (no cut when `limit` is None)."""
    text = value if isinstance(value, str) else str(value)
    if text.isascii() and text.isprintable() and "  " not in text:
        text = text.strip()  # the common case: nothing to remove or fold
        if limit is None or len(text) <= limit:
            return text
    if limit is not None:
        text = text[: limit * 4]
    text = unicodedata.normalize("NFC", text) if not text.isascii() else text
    cleaned = strip_unsafe(text)
    folded = " ".join("".join(" " if _is_space(c) else c for c in cleaned).split())
    if limit is None or len(folded) <= limit:
        return folded
    return folded[: max(limit - 1, 0)].rstrip() + "…"


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
