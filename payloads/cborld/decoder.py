"""Provides ``decode_cborld``: CBOR-LD bytes to a JSON-LD document (decompression only).

The conversion follows the CBOR-LD 1.0 "decompression strategy" and the reference
implementation's converter, object by object:

1. decode the object's ``@context`` (key 0, or key 1 for an array of contexts): integers
   through the registry entry's context table, text as is, maps as inline contexts;
2. apply those contexts; decode the object's types (``@type`` and aliases) and apply their
   type-scoped contexts in sorted order;
3. map every other key to its term (integer ids through the term codes, text keys as
   themselves) and, in term order, apply the term's property-scoped context and decode
   its value(s): ``null`` stays, codecs first, then arrays element by element and maps
   as nested objects.

Before any of that, every context the document names at any depth is checked: unknown
compressed context codes and contexts the loader does not have are reported together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from payloads.bundled_contexts import DocumentLoader
from payloads.cborld.active_context import ActiveContext, TermCodes, js_sort_key
from payloads.cborld.cbor_input import CborldForm, CborldHeader, read_cborld_bytes
from payloads.cborld.errors import CborldMalformedError, CborldUnsupportedError
from payloads.cborld.tables import (
    CONTEXT_KEY,
    CONTEXT_KEY_PLURAL,
    KNOWN_REGISTRY_ENTRIES,
    RegistryEntry,
    legacy_entry,
    registry_entry,
)
from payloads.cborld.value_codecs import NOT_DECODED, TermInfo, decode_value
from payloads.safe_text import safe_text


def decode_cborld(
    data: bytes,
    loader: DocumentLoader,
    *,
    app_context_codes: Mapping[int, str] | None = None,
    registry_entries: Mapping[int, RegistryEntry] | None = None,
) -> Any:
    """Decode CBOR-LD ``data`` to JSON-LD (a dict, or a list for a list of documents).

    ``loader`` supplies JSON-LD contexts by URL; ``app_context_codes`` adds application
    context codes to the legacy (0x0501) table; ``registry_entries`` adds CBOR-LD 1.0
    registry entries (type tables) to the two the kiosk knows (0 and 1).

    Raises:
        CborldMalformedError: damaged, oversized or invalid data.
        CborldUnsupportedError: a registry entry, context code or context the kiosk lacks.
    """
    header, payload = read_cborld_bytes(data)
    entry = _registry_entry(header, app_context_codes, registry_entries)
    if not entry.compressed:
        return _plain_json(payload)
    if not isinstance(payload, dict | list) or (
        isinstance(payload, list) and not all(isinstance(item, dict) for item in payload)
    ):
        raise CborldMalformedError("ERR_NOT_CBORLD", "The compressed data holds no JSON-LD object.")
    _check_contexts(payload, entry, loader)
    converter = _Converter(entry, TermCodes(loader))
    if isinstance(payload, list):
        return [converter.convert(item) for item in payload]
    return converter.convert(payload)


def _registry_entry(
    header: CborldHeader,
    app_context_codes: Mapping[int, str] | None,
    extra: Mapping[int, RegistryEntry] | None,
) -> RegistryEntry:
    if header.form is CborldForm.LEGACY_SINGLETON:
        if header.tag == 0x0500:
            return registry_entry(0)
        return legacy_entry(app_context_codes)
    entry_id = header.registry_entry_id
    assert entry_id is not None
    entry = (extra or {}).get(entry_id) or KNOWN_REGISTRY_ENTRIES.get(entry_id)
    if entry is None:
        raise CborldUnsupportedError(
            "ERR_NO_TYPETABLE",
            f"The code uses CBOR-LD registry entry {entry_id}, whose compression tables this "
            "kiosk does not have.",
        )
    return entry


def _plain_json(value: Any) -> Any:
    """An uncompressed payload as JSON: text keys only, no binary data."""
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise CborldMalformedError(
                "ERR_NOT_JSON", "The uncompressed data has a field name that is not text."
            )
        return {key: _plain_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_json(item) for item in value]
    if isinstance(value, bytes):
        raise _binary()
    return value


def _binary() -> CborldMalformedError:
    return CborldMalformedError(
        "ERR_NOT_JSON", "The compressed data holds binary data where JSON-LD expects text."
    )


def _context_references(payload: Any) -> list[object]:
    """Every encoded @context value (code, URL or object) at any depth of ``payload``."""
    found: list[object] = []
    stack: list[Any] = [payload]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if CONTEXT_KEY in item:
                found.append(item[CONTEXT_KEY])
            plural = item.get(CONTEXT_KEY_PLURAL)
            if isinstance(plural, list):
                found.extend(plural)
            stack.extend(
                value for key, value in item.items() if key not in (CONTEXT_KEY, CONTEXT_KEY_PLURAL)
            )
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _check_contexts(payload: Any, entry: RegistryEntry, loader: DocumentLoader) -> None:
    """Report every unknown context code and every context the loader lacks, at once."""
    table = entry.type_table.get("context", {})
    unknown: set[int] = set()
    missing: dict[str, int | None] = {}
    for reference in _context_references(payload):
        code: int | None = None
        if type(reference) is int:
            code = reference
            known = table.get(reference)
            if known is None:
                unknown.add(reference)
                continue
            url = known
        elif isinstance(reference, str):
            url = reference
        else:
            continue
        if url not in missing and loader(url) is None:
            missing[url] = code
    if not unknown and not missing:
        return
    parts: list[str] = []
    if unknown:
        codes = ", ".join(f"0x{code:02x}" for code in sorted(unknown)[:8])
        plural = "s" if len(unknown) > 1 else ""
        parts.append(f"compressed context code{plural} this kiosk does not know ({codes})")
    if missing:
        named = "; ".join(
            safe_text(url, 80) + ("" if code is None else f", code 0x{code:02x}")
            for url, code in list(missing.items())[:4]
        )
        article = "JSON-LD contexts" if len(missing) > 1 else "a JSON-LD context"
        parts.append(f"{article} this kiosk does not bundle ({named})")
    raise CborldUnsupportedError(
        "ERR_UNDEFINED_COMPRESSED_CONTEXT" if unknown else "ERR_CONTEXT_NOT_AVAILABLE",
        "The code uses " + " and ".join(parts) + ".",
        context_codes=sorted(unknown),
        context_urls=list(missing),
    )


class _Converter:
    """Walks one compressed document, rebuilding JSON-LD objects."""

    def __init__(self, entry: RegistryEntry, codes: TermCodes) -> None:
        self.entry = entry
        self.codes = codes

    def convert(self, payload: dict[Any, Any]) -> dict[str, Any]:
        return self._convert_object(ActiveContext(self.codes, {}), payload)

    def _convert_object(self, active: ActiveContext, data: dict[Any, Any]) -> dict[str, Any]:
        output: dict[str, Any] = {}
        if CONTEXT_KEY in data or CONTEXT_KEY_PLURAL in data:
            output["@context"] = self._decode_contexts(data)
            active = active.apply_embedded(output["@context"])
        else:
            active = active.apply_embedded()
        active = active.apply_type_scoped(self._object_types(active, data))
        for info, value in self._entries(active, data):
            value_context = active.apply_property_scoped(info.term)
            term_type = info.definition.get("@type")
            if info.plural:
                if not isinstance(value, list):
                    raise CborldMalformedError(
                        "ERR_NOT_CBORLD",
                        "The compressed data marks a field as a list but gives a single value.",
                    )
                output[info.term] = [
                    self._convert_value(value_context, term_type, item, info) for item in value
                ]
            else:
                output[info.term] = self._convert_value(value_context, term_type, value, info)
        return output

    def _decode_contexts(self, data: dict[Any, Any]) -> Any:
        if CONTEXT_KEY in data and CONTEXT_KEY_PLURAL in data:
            raise CborldMalformedError(
                "ERR_INVALID_ENCODED_CONTEXT",
                "The compressed data gives an object's contexts twice.",
            )
        if CONTEXT_KEY in data:
            return self._decode_context(data[CONTEXT_KEY])
        contexts = data[CONTEXT_KEY_PLURAL]
        if not isinstance(contexts, list):
            raise CborldMalformedError(
                "ERR_INVALID_ENCODED_CONTEXT",
                "The compressed data gives a list of contexts that is not a list.",
            )
        return [self._decode_context(item) for item in contexts]

    def _decode_context(self, value: Any) -> Any:
        if type(value) is int:
            url = self.entry.type_table.get("context", {}).get(value)
            if url is None:  # already reported by _check_contexts; kept for direct callers
                raise CborldUnsupportedError(
                    "ERR_UNDEFINED_COMPRESSED_CONTEXT",
                    f"The code uses compressed context code 0x{value:02x}, which this kiosk "
                    "does not know.",
                    context_codes=(value,),
                )
            return url
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, dict):
            return _plain_json(value)
        raise CborldMalformedError(
            "ERR_INVALID_ENCODED_CONTEXT", "The compressed data holds an invalid context."
        )

    def _object_types(self, active: ActiveContext, data: dict[Any, Any]) -> set[str]:
        types: set[str] = set()
        for type_term in active.type_terms:
            key = self.codes.id_for_term(type_term)
            value = data.get(key)
            if isinstance(key, str):  # an uncompressed term: a list holds several types
                values = value if isinstance(value, list) else [value]
            elif value is not None:  # singular: a list here is one compressed URL
                values = [value]
            else:
                value = data.get(key + 1)
                values = value if isinstance(value, list) else [value]
            term, plural = self.codes.term_for_id(key)
            info = TermInfo(term, key, plural, active.definition(term))
            for item in values:
                if item is None:
                    continue
                if isinstance(item, dict):
                    raise CborldMalformedError(
                        "ERR_UNKNOWN_CBORLD_TERM_ID", "The compressed data holds an invalid type."
                    )
                decoded = decode_value(self.entry, self.codes, info, "@vocab", item)
                decoded = item if decoded is NOT_DECODED else decoded
                if isinstance(decoded, str):
                    types.add(decoded)
        return types

    def _entries(self, active: ActiveContext, data: dict[Any, Any]) -> list[tuple[TermInfo, Any]]:
        entries: list[tuple[TermInfo, Any]] = []
        for key, value in data.items():
            if key in (CONTEXT_KEY, CONTEXT_KEY_PLURAL):
                continue
            term, plural = self.codes.term_for_id(key)
            entries.append((TermInfo(term, key, plural, active.definition(term)), value))
        entries.sort(key=lambda pair: js_sort_key(pair[0].term))
        terms = [info.term for info, _ in entries]
        if len(set(terms)) != len(terms) or "@context" in terms:
            repeated = next(t for t in terms if terms.count(t) > 1 or t == "@context")
            raise CborldMalformedError(
                "ERR_DUPLICATE_TERM",
                f'The compressed data names the field "{safe_text(repeated, 40)}" more than once.',
            )
        return entries

    def _convert_value(
        self, active: ActiveContext, term_type: object, value: Any, info: TermInfo
    ) -> Any:
        if value is None:
            return None
        if isinstance(value, dict):
            return self._convert_object(active, value)
        decoded = decode_value(self.entry, self.codes, info, term_type, value)
        if decoded is NOT_DECODED:
            return [self._convert_value(active, term_type, item, info) for item in value]
        if isinstance(decoded, bytes):
            raise _binary()
        return decoded
