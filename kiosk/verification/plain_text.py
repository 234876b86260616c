"""Reduce any value from a credential to plain, single-line, printable text.

Removes control characters (C0, C1, DEL: terminal escape sequences start with them), Unicode
format characters (bidi overrides, zero-width joiners that can hide or reorder text), private-use
and unassigned code points; folds whitespace; truncates with an ellipsis.
"""

from __future__ import annotations

import unicodedata

_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})


def plain_text(value: object, limit: int = 160) -> str:
    """A safe one-line rendering of `value` (strings as-is, other JSON values by `str`)."""
    text = value if isinstance(value, str) else str(value)
    if text.isascii() and text.isprintable() and "  " not in text and len(text) <= limit:
        return text.strip()  # the common case: nothing to remove or fold
    text = text[: limit * 4]
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch.isspace() or category.startswith("Z"):
            kept.append(" ")
        elif category not in _DROPPED_CATEGORIES:
            kept.append(ch)
    folded = " ".join("".join(kept).split())
    return folded if len(folded) <= limit else folded[: limit - 1].rstrip() + "…"
