"""A pyld context resolver that keys inline contexts with the C JSON encoder.

pyld caches resolved contexts under a key made by serialising each inline context with a
pure-Python JSON canonicalization (JCS) on every expansion: about half of all verification time
(`../shared/research/peers.md` §5). Any deterministic, injective serialisation is an equally good
cache key; `json.dumps(..., sort_keys=True)` is one and runs in C. Remote (URL) contexts are
resolved exactly as pyld does.
"""

from __future__ import annotations

import json
from typing import Any

from frozendict import frozendict
from pyld import jsonld
from pyld.context_resolver import ContextResolver
from pyld.resolved_context import ResolvedContext


def _plain(value: Any) -> Any:
    if isinstance(value, frozendict):
        return dict(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


class FastKeyContextResolver(ContextResolver):  # type: ignore[misc]
    """`ContextResolver` with a C-encoded cache key for inline (object) contexts."""

    def resolve(
        self, active_ctx: Any, context: Any, base: Any, cycles: set[str] | None = None
    ) -> list[Any]:
        if cycles is None:
            cycles = set()
        if isinstance(context, (dict, frozendict)) and "@context" in context:
            context = context["@context"]
        items = context if isinstance(context, list) else [context]
        resolved: list[Any] = []
        for item in items:
            if not isinstance(item, (dict, frozendict)):
                resolved.extend(super().resolve(active_ctx, [item], base, cycles))
                continue
            key = "kiosk:" + json.dumps(
                item, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
            )
            cached = self._get(key)
            if not cached:
                cached = self._cache_resolved_context(key, ResolvedContext(item), "static")
            resolved.append(cached)
        return resolved


def context_resolver(loader: Any) -> FastKeyContextResolver:
    """A resolver for one pyld operation, sharing pyld's process-wide resolved-context cache."""
    return FastKeyContextResolver(jsonld._resolved_context_cache, loader)
