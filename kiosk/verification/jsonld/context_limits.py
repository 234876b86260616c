"""How many JSON-LD contexts one document may use, checked before pyld processes any.

pyld processes the contexts of one `@context` array in a chain: each entry copies the active
context built so far (every term) and remembers the result. An array of thousands of small
contexts (or of one URL repeated) therefore costs time and memory in the square of its length:
6,000 repeats of the credentials v2 URL fit in 256 KB and would run for minutes. Real
credentials use a handful (the most in the vectors: 6 in one array, 27 in one CLR), so the
limits below refuse only documents built to be slow.
"""

from __future__ import annotations

from typing import Any

from kiosk.verification.errors import JsonLdProcessingError

MAX_CONTEXTS_PER_ARRAY = 16
"""Entries in one `@context` array."""
MAX_CONTEXTS_PER_DOCUMENT = 256
"""`@context` entries in the whole document (every node, every scoped context)."""


class TooManyContextsError(JsonLdProcessingError):
    """The document uses more JSON-LD contexts than the limits allow."""

    code = "too-many-contexts"


def refuse_too_many_contexts(document: Any) -> None:
    """Raise `TooManyContextsError` when `document` is over either limit."""
    total = 0
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            contexts = item.get("@context")
            if contexts is not None or "@context" in item:
                entries = len(contexts) if isinstance(contexts, list) else 1
                if entries > MAX_CONTEXTS_PER_ARRAY:
                    raise TooManyContextsError(
                        f"The credential lists {entries} JSON-LD contexts in one place (at most "
                        f"{MAX_CONTEXTS_PER_ARRAY}): built to be slow to check, not a credential."
                    )
                total += entries
                if total > MAX_CONTEXTS_PER_DOCUMENT:
                    raise TooManyContextsError(
                        f"The credential uses more than {MAX_CONTEXTS_PER_DOCUMENT} JSON-LD "
                        "contexts: built to be slow to check, not a credential."
                    )
            stack.extend(item.values())
