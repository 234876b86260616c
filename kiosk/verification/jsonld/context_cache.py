"""A pyld context resolver with the kiosk's own cache of resolved contexts, and cheap keys.

pyld resolves every context again on every expansion: it fetches each context URL (its shared
cache keeps only documents a loader tags), walks the whole document for relative `@context`
URLs, and keys every inline context with a pure-Python JSON canonicalization (JCS). That was
most of verification time (`../shared/research/peers.md` §5). Here:

- a context URL is resolved once per process and remembered by URL. Safe because the only loader
  is the bundled, sha256-pinned set (`loader.py`): a URL always names the same document;
- an inline context that is part of a bundled context document (a type- or property-scoped
  context) is recognised by identity: those objects live as long as the bundled set and are
  never changed, so `id()` plus an `is` check is an exact key. The objects are registered when
  their document is first resolved (what the bundled contexts allow us to precompute);
- any other inline context (one written in a credential) is keyed with the C JSON encoder, an
  injective serialisation as good as JCS for a cache key.

A `ResolvedContext` also remembers its processed form per active context (pyld's own
mechanism, keyed by the active context's `_uuid`), so keeping the resolved objects keeps that
work too. pyld misses that memo for every type-scoped context: before applying a
non-propagating context it clones the active context into a new dict with a new `_uuid`. Such a
fresh clone is a pure function of the context it was cloned from, so `KioskResolvedContext`
keys it by that context's `_uuid` instead, and the same processed result is found again.

The cache is the kiosk's own: stock pyld calls elsewhere in the process are not affected.
"""

from __future__ import annotations

import json
import weakref
from collections import OrderedDict
from typing import Any

from frozendict import frozendict
from pyld.context_resolver import ContextResolver
from pyld.resolved_context import ResolvedContext

MAX_INLINE_CONTEXTS = 256
"""Inline contexts from credentials kept by content (bounded: credentials are untrusted)."""


def _plain(value: Any) -> Any:
    if isinstance(value, frozendict):
        return dict(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def content_key(context: Any) -> str:
    """A deterministic, injective key for an inline context (C-encoded sorted JSON)."""
    return json.dumps(
        context, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
    )


_CLONED_KEYS = ("@base", "@language", "@vocab")


def processed_key(active_ctx: Any) -> str:
    """The key under which a context processed against `active_ctx` is remembered.

    `active_ctx["_uuid"]`, except for a fresh clone (pyld's `_clone_active_context` of its
    `previousContext` P, made before a non-propagating context): a plain dict holding exactly
    P's terms, base, language and vocabulary. Its content depends only on P, so it is keyed by
    P's identifier and found again on the next credential.
    """
    previous = active_ctx.get("previousContext")
    if (
        isinstance(previous, frozendict)
        and not isinstance(active_ctx, frozendict)
        and "_uuid" in previous
        and active_ctx["mappings"] == previous["mappings"]
        and all(active_ctx.get(k) == previous.get(k) for k in _CLONED_KEYS)
        and all((k in active_ctx) == (k in previous) for k in _CLONED_KEYS)
    ):
        return "clone-of:" + str(previous["_uuid"])
    return str(active_ctx["_uuid"])


class KioskResolvedContext(ResolvedContext):  # type: ignore[misc]
    """A resolved context whose processed forms are keyed by `processed_key`."""

    def get_processed(self, active_ctx: Any) -> Any:
        return self.cache.get(processed_key(active_ctx))

    def set_processed(self, active_ctx: Any, processed_ctx: Any) -> None:
        self.cache[processed_key(active_ctx)] = processed_ctx


class ResolvedContextCache:
    """Process-wide resolved contexts for one pinned loader: by URL, by identity, by content."""

    def __init__(self) -> None:
        self.by_url: dict[tuple[str, str], list[ResolvedContext]] = {}
        self.by_identity: dict[int, tuple[Any, KioskResolvedContext]] = {}
        self.by_content: OrderedDict[str, KioskResolvedContext] = OrderedDict()

    def register_document(self, document: Any) -> None:
        """Resolve every object-valued context nested in a bundled document, by identity."""
        stack = [document]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, (dict, frozendict)):
                nested = node.get("@context")
                for context in nested if isinstance(nested, list) else [nested]:
                    if isinstance(context, (dict, frozendict)):
                        self._pin(context)
                stack.extend(node.values())

    def _pin(self, context: Any) -> None:
        if id(context) not in self.by_identity:
            self.by_identity[id(context)] = (context, self.inline(context))

    def inline(self, context: Any) -> KioskResolvedContext:
        """The resolved form of an inline context (identity first, then content)."""
        known = self.by_identity.get(id(context))
        if known is not None and known[0] is context:
            return known[1]
        key = content_key(context)
        resolved = self.by_content.get(key)
        if resolved is None:
            resolved = KioskResolvedContext(context)
            self.by_content[key] = resolved
            if len(self.by_content) > MAX_INLINE_CONTEXTS:
                self.by_content.popitem(last=False)  # the least recently used
        else:
            self.by_content.move_to_end(key)
        return resolved


class KioskContextResolver(ContextResolver):  # type: ignore[misc]
    """`ContextResolver` answering from a `ResolvedContextCache`; pyld does the first resolve."""

    def __init__(self, cache: ResolvedContextCache, document_loader: Any) -> None:
        super().__init__({}, document_loader)
        self._kiosk_cache = cache

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
            if isinstance(item, str):
                resolved.extend(self._resolve_url(active_ctx, item, base, cycles))
            elif isinstance(item, (dict, frozendict)):
                resolved.append(self._kiosk_cache.inline(item))
            else:  # null / false reset the context; anything else is pyld's error to raise
                resolved.extend(super().resolve(active_ctx, [item], base, cycles))
        return resolved

    def _resolve_url(
        self, active_ctx: Any, url: str, base: Any, cycles: set[str]
    ) -> list[ResolvedContext]:
        key = (url, base or "")
        known = self._kiosk_cache.by_url.get(key)
        if known is not None:
            return known
        result = self._resolve_remote_context(active_ctx, url, base, cycles)
        fresh = result if isinstance(result, list) else [result]
        for entry in fresh:
            self._kiosk_cache.register_document(entry.document)
        self._kiosk_cache.by_url[key] = fresh
        return fresh


_CACHES: weakref.WeakKeyDictionary[Any, ResolvedContextCache] = weakref.WeakKeyDictionary()


def context_resolver(loader: Any) -> KioskContextResolver:
    """A resolver for one pyld operation, sharing the process-wide cache of `loader`'s owner.

    One cache per context set (the owner of a bound `BundledContexts.pyld_loader`, or the loader
    itself): a different pinned set never sees another set's contexts.
    """
    owner = getattr(loader, "__self__", loader)
    cache = _CACHES.get(owner)
    if cache is None:
        cache = ResolvedContextCache()
        _CACHES[owner] = cache
    return KioskContextResolver(cache, loader)


def forget_resolved_contexts() -> None:
    """Drop every process-wide cache (after an interrupted verification: the work stopped may
    have been filling one; the next verification resolves the contexts again)."""
    _CACHES.clear()
