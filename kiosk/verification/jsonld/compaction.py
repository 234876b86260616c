"""Compacting a piece of an expanded document back to JSON with bundled contexts only.

Used for a credential included in another (a CLR 2.0 transcript's achievements): it is read
from the outer credential's signed graph, and the pipeline verifies it as the JSON this gives,
whose canonical form is the same graph (compaction and expansion are inverse over RDF).
"""

from __future__ import annotations

from typing import Any

from pyld import jsonld

from kiosk.verification.errors import JsonLdProcessingError
from kiosk.verification.jsonld.context_cache import context_resolver
from kiosk.verification.jsonld.loader import BundledContexts

JsonObject = dict[str, Any]


def compact_node(node: JsonObject, context: list[Any], contexts: BundledContexts) -> JsonObject:
    """`node` (expanded) compacted with `context` (bundled context URLs only).

    Raises:
        JsonLdProcessingError: pyld refuses it.
    """
    loader = contexts.pyld_loader
    urls = [c for c in context if isinstance(c, str)]
    try:
        compacted: JsonObject = jsonld.compact(
            node,
            {"@context": urls},
            {"documentLoader": loader, "base": None, "contextResolver": context_resolver(loader)},
        )
    except (jsonld.JsonLdError, ValueError, RecursionError) as error:
        raise JsonLdProcessingError("An included credential cannot be read.") from error
    return compacted
