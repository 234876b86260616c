"""Provides the JSON-LD context processing CBOR-LD semantic compression rests on.

``TermCodes`` is the spec's *context loader* state: it loads each context once, and the
first time it sees a term it gives the term the next id (100, 102, 104 ...), walking each
context's keys in sorted order. Because ids depend on the order in which contexts are
first loaded, the decoder must load them in exactly the encoder's order: embedded
contexts, then type-scoped contexts (types sorted), then, for each key of the object in
term order, that term's property-scoped context before its values.

``ActiveContext`` is the term map in force at a point of the document, with the spec's
rules: type-scoped terms do not propagate into nested objects, property-scoped contexts
may override protected terms, other contexts may not redefine them differently, and
compact IRIs in ``@id`` / ``@type`` are expanded against the context and the active terms.

Term definitions are dicts: the context's definition plus ``protected`` and ``propagate``.
They are never mutated once built, so term maps share them freely.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from payloads.bundled_contexts import DocumentLoader
from payloads.cborld.errors import CborldMalformedError, CborldUnsupportedError
from payloads.cborld.limits import MAX_CONTEXT_LOADS, MAX_CURIE_STEPS, MAX_TERMS
from payloads.cborld.tables import FIRST_TERM_ID, KEYWORD_IDS
from payloads.safe_text import safe_text

TermDefinition = dict[str, Any]
TermMap = Mapping[str, TermDefinition]
_EMPTY: TermMap = {}


def js_sort_key(text: str) -> bytes:
    """Sort key giving JavaScript's default string order (UTF-16 code units)."""
    return text.encode("utf-16-be", "surrogatepass")


def _invalid(reason: str) -> CborldMalformedError:
    return CborldMalformedError("ERR_INVALID_CONTEXT", reason)


@dataclass
class ContextEntry:
    """A loaded context: its (import-merged) definition and its own term definitions."""

    context: Mapping[str, Any]
    term_map: dict[str, TermDefinition]


@dataclass
class TermCodes:
    """Loads contexts once each and numbers their terms in first-seen, sorted order."""

    loader: DocumentLoader
    term_to_id: dict[str, int] = field(default_factory=lambda: dict(KEYWORD_IDS))
    id_to_term: dict[int, str] = field(
        default_factory=lambda: {code: term for term, code in KEYWORD_IDS.items()}
    )
    next_id: int = FIRST_TERM_ID
    loads: int = 0
    _by_url: dict[str, ContextEntry] = field(default_factory=dict)
    _by_object: dict[int, tuple[Mapping[str, Any], ContextEntry]] = field(default_factory=dict)

    def id_for_term(self, term: str) -> int | str:
        """The id of ``term``, or ``term`` itself when no context defined it."""
        return self.term_to_id.get(term, term)

    def term_for_id(self, key: int | str) -> tuple[str, bool]:
        """The term for a map key and whether its value is an array (odd id = "plural")."""
        if isinstance(key, str):
            return key, False
        plural = bool(key & 1)
        term = self.id_to_term.get(key - 1 if plural else key)
        if term is None:
            raise CborldMalformedError(
                "ERR_UNKNOWN_CBORLD_TERM_ID",
                f"The compressed data uses term number {key}, which its contexts do not "
                "define (a context may differ from the one it was made with).",
            )
        return term, plural

    def has_term_id(self, key: int) -> bool:
        """Whether ``key`` is exactly the id of some term or keyword."""
        return key in self.id_to_term

    def load(self, context: object) -> ContextEntry:
        """Load a context (a URL or an inline context object), numbering its new terms."""
        if isinstance(context, str):
            cached = self._by_url.get(context)
            if cached is not None:
                return cached
            return self._add(self._fetch(context), context)
        if isinstance(context, Mapping):
            known = self._by_object.get(id(context))
            if known is not None:
                return known[1]
            entry = self._add(context, None)
            self._by_object[id(context)] = (context, entry)  # keep it alive: ids stay unique
            return entry
        raise _invalid(
            "The compressed data holds a JSON-LD context that is neither a URL nor an object."
        )

    def _fetch(self, url: str) -> Mapping[str, Any]:
        document = self.loader(url)
        if document is None:
            raise CborldUnsupportedError(
                "ERR_CONTEXT_NOT_AVAILABLE",
                f"The code uses the JSON-LD context {safe_text(url, 120)}, which this kiosk "
                "does not bundle.",
                context_urls=(url,),
            )
        context = document.get("@context")
        if not isinstance(context, Mapping):
            raise CborldUnsupportedError(
                "ERR_CONTEXT_NOT_SUPPORTED",
                f"The JSON-LD context {safe_text(url, 120)} has a form the CBOR-LD decoder "
                "does not read (it is not a single context object).",
                context_urls=(url,),
            )
        return context

    def _add(self, context: Mapping[str, Any], url: str | None) -> ContextEntry:
        self.loads += 1
        if self.loads > MAX_CONTEXT_LOADS:
            raise _invalid(f"The compressed data uses more than {MAX_CONTEXT_LOADS} contexts.")
        imported = context.get("@import")
        if isinstance(imported, str):
            base = self._by_url.get(imported) or self._add(self._fetch(imported), imported)
            context = {**base.context, **context}
        elif imported is not None:
            raise _invalid("A JSON-LD context imports something that is not a URL.")
        protected = bool(context.get("@protected"))
        term_map: dict[str, TermDefinition] = {}
        for key in sorted(context, key=js_sort_key):
            if key in KEYWORD_IDS:
                continue
            definition = context[key]
            if definition is None:
                continue
            if isinstance(definition, str):
                definition = {"@id": definition}
            elif not isinstance(definition, Mapping):
                raise _invalid(
                    f'A JSON-LD context defines the term "{safe_text(key, 40)}" with a value '
                    "that is neither text nor an object."
                )
            term_map[key] = {**definition, "protected": protected}
            if key not in self.term_to_id:
                if len(self.term_to_id) >= MAX_TERMS:
                    raise _invalid(f"The contexts define more than {MAX_TERMS} terms.")
                self.term_to_id[key] = self.next_id
                self.id_to_term[self.next_id] = key
                self.next_id += 2
        entry = ContextEntry(context, term_map)
        if url is not None:
            self._by_url[url] = entry
        return entry


def _resolve_compact_iri(value: object, context: Mapping[str, Any], active: TermMap) -> object:
    """Expand ``prefix:suffix`` using the context being applied, then the active terms."""
    for _ in range(MAX_CURIE_STEPS):
        if not isinstance(value, str) or ":" not in value:
            return value
        prefix, _, suffix = value.partition(":")
        prefix_def = context.get(prefix)
        if prefix_def is None:
            prefix_def = active.get(prefix)
        if prefix_def is None:
            return value
        iri = prefix_def if isinstance(prefix_def, str) else prefix_def.get("@id")
        if not isinstance(iri, str):
            return value
        value = iri + suffix
    raise _invalid("A JSON-LD context defines a compact IRI that expands without end.")


def _resolved(
    key: str, definition: TermDefinition, context: Mapping[str, Any], active: TermMap
) -> TermDefinition:
    resolved = dict(definition)
    if "@id" in definition:
        resolved["@id"] = _resolve_compact_iri(definition["@id"], context, active)
    else:
        expanded = _resolve_compact_iri(key, context, active)
        if isinstance(expanded, str) and ":" in expanded:
            resolved["@id"] = expanded
    if "@type" in definition:
        resolved["@type"] = _resolve_compact_iri(definition["@type"], context, active)
    return resolved


def _same_definition(new: TermDefinition, old: TermDefinition) -> bool:
    ignored = ("protected", "propagate")
    return {k: v for k, v in new.items() if k not in ignored} == {
        k: v for k, v in old.items() if k not in ignored
    }


_MISSING = object()


def update_term_map(
    codes: TermCodes,
    active: TermMap,
    contexts: object,
    *,
    property_scope: bool = False,
    type_scope: bool = False,
) -> TermMap:
    """Apply ``contexts`` (one or a list: URLs, objects or null) on top of ``active``."""
    context_list: Sequence[object] = contexts if isinstance(contexts, list) else [contexts]
    propagate_default = not type_scope
    for item in context_list:
        if item is None:
            if not property_scope and any(d.get("protected") for d in active.values()):
                raise _invalid("A JSON-LD context clears protected terms, which is not allowed.")
            active = _EMPTY
            continue
        entry = codes.load(item)
        context = entry.context
        flag = context.get("@propagate")
        propagate = propagate_default if flag is None else bool(flag)
        new: dict[str, TermDefinition] = {
            key: _resolved(key, {**definition, "propagate": propagate}, context, active)
            for key, definition in entry.term_map.items()
        }
        for term, active_def in active.items():
            definition = new.get(term)
            if definition is not None:
                if (
                    active_def.get("protected")
                    and not property_scope
                    and not _same_definition(definition, active_def)
                ):
                    raise _invalid(
                        f'A JSON-LD context redefines the protected term "{safe_text(term, 40)}".'
                    )
            elif not (term in context and context[term] is None):
                new[term] = active_def
        active = new
    return active


class ActiveContext:
    """The term definitions in force at one point of the document (never mutated)."""

    def __init__(
        self, codes: TermCodes, term_map: TermMap, previous: ActiveContext | None = None
    ) -> None:
        self.codes = codes
        self.term_map = term_map
        self.previous = previous
        self._reverted: TermMap | None = None
        self._type_terms: list[str] | None = None

    @property
    def type_terms(self) -> list[str]:
        """``@type`` and every term aliasing it."""
        if self._type_terms is None:
            self._type_terms = ["@type"] + [
                term for term, d in self.term_map.items() if d.get("@id") == "@type"
            ]
        return self._type_terms

    def definition(self, term: str) -> TermDefinition:
        """The active definition of ``term`` (empty when undefined)."""
        return self.term_map.get(term) or {}

    def apply_embedded(self, contexts: object = _MISSING) -> ActiveContext:
        """The context after an object's own ``@context`` (``contexts``), if it has one."""
        if contexts is _MISSING:
            return ActiveContext(self.codes, self.term_map, self)
        return ActiveContext(self.codes, update_term_map(self.codes, self.term_map, contexts), self)

    def apply_type_scoped(self, object_types: set[str]) -> ActiveContext:
        """The context after the type-scoped contexts of ``object_types`` (sorted order)."""
        term_map = self.term_map
        for type_name in sorted(object_types, key=js_sort_key):
            scoped = (term_map.get(type_name) or {}).get("@context", _MISSING)
            if scoped is not _MISSING:
                term_map = update_term_map(self.codes, term_map, scoped, type_scope=True)
        return ActiveContext(self.codes, term_map, self)

    def apply_property_scoped(self, term: str) -> ActiveContext:
        """The context for the values of ``term``: type-scoped terms reverted, then the
        term's own property-scoped context applied."""
        reverted = self._revert()
        scoped = (self.term_map.get(term) or {}).get("@context", _MISSING)
        if scoped is _MISSING:
            return ActiveContext(self.codes, reverted, self)
        return ActiveContext(
            self.codes, update_term_map(self.codes, reverted, scoped, property_scope=True), self
        )

    def _revert(self) -> TermMap:
        if self._reverted is None:
            stopped = [t for t, d in self.term_map.items() if not d.get("propagate")]
            if not stopped:
                self._reverted = self.term_map
            else:
                reverted = {t: d for t, d in self.term_map.items() if d.get("propagate")}
                for term in stopped:
                    restored = self._propagating_ancestor_definition(term)
                    if restored is not None:
                        reverted[term] = restored
                self._reverted = reverted
        return self._reverted

    def _propagating_ancestor_definition(self, term: str) -> TermDefinition | None:
        current = self.previous
        while current is not None:
            definition = current.term_map.get(term)
            if definition is None or definition.get("propagate"):
                return definition
            current = current.previous
        return None
