"""A small CBOR-LD *encoder* for tests: JSON-LD in, CBOR-LD bytes out. Self-made data only.

Written from the CBOR-LD 1.0 draft (w3c/cbor-ld: the compression algorithm, the term
codec, the value encoders and the URL prefix table) and the legacy tag 0x0501 context
table, on its own: it shares no code with the decoder in ``scanners/cborld/`` (from that
package it takes only ``bundled_contexts``, the loader for the kiosk's own pinned context
files), so a round trip checks the decoder against a second reading of the spec.

It compresses just what the tests write, the way the reference encoder does:

* term ids: JSON-LD keywords fixed (``@context`` 0, ``@type`` 2 ... ``@propagate`` 54);
  each context, when first loaded, numbers its new terms from 100 in steps of 2, keys in
  sorted order; an array value goes under ``id + 1``; a term no context defines stays text;
* contexts in the order the decoder loads them: the object's own ``@context``, then the
  type-scoped contexts of its types (sorted), then each key's property-scoped context, keys
  in sorted order; type-scoped terms do not reach nested objects;
* values: URLs in ``@id`` / ``@type`` positions as ``[prefix code, rest]`` (http(s),
  ``urn:uuid:`` as 16 bytes, ``did:key:`` / ``did:v1:nym:`` as base58 bytes), types and
  ``@vocab`` values as term ids, ``xsd:dateTime`` / ``xsd:date`` as seconds (or
  ``[seconds, milliseconds]``), multibase ``z`` / ``u`` / ``M`` as bytes; in the legacy form
  also context URLs, URLs and untyped text found in the legacy table as its codes (untyped
  text as bytes) and cryptosuite names as their legacy codes.

Not a general encoder: it writes no ``@nest``, language maps or ``data:`` URLs.
"""

from __future__ import annotations

import base64
import calendar
import re
import uuid
from collections.abc import Callable, Mapping
from typing import Any

import cbor2

from payloads.cborld import bundled_contexts

Loader = Callable[[str], Mapping[str, Any] | None]

VC_V1 = "https://www.w3.org/2018/credentials/v1"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context.json"
OB_V3_0_3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
ED25519_2020 = "https://w3id.org/security/suites/ed25519-2020/v1"
AGE_V1 = "https://w3id.org/age/v1"

LEGACY_TAG = 0x0501
CBORLD_1_0_TAG = 0xCB1D

KEYWORDS = [
    "@context", "@type", "@id", "@value", "@direction", "@graph", "@included", "@index",
    "@json", "@language", "@list", "@nest", "@reverse", "@base", "@container", "@default",
    "@embed", "@explicit", "@none", "@omitDefault", "@prefix", "@preserve", "@protected",
    "@requireAll", "@set", "@version", "@vocab", "@propagate",
]  # fmt: skip
"""The spec's keyword table, in order: keyword ``i`` has the id ``2 * i``."""

LEGACY_CODES = {
    VC_V1: 0x11,
    "https://www.w3.org/ns/did/v1": 0x12,
    "https://w3id.org/security/suites/ed25519-2018/v1": 0x13,
    ED25519_2020: 0x14,
    AGE_V1: 0x16,
    "https://w3id.org/security/suites/x25519-2020/v1": 0x17,
    VC_V2: 0x21,
    "https://w3id.org/security/data-integrity/v1": 0x30,
    "https://w3id.org/security/multikey/v1": 0x31,
    OB_V3: 0x32,
    "https://w3id.org/security/data-integrity/v2": 0x33,
}
"""Part of the legacy (tag 0x0501) table the tests use: context URL -> code (the same
table compresses URLs and untyped text in legacy payloads)."""

LEGACY_CRYPTOSUITES = {
    "ecdsa-rdfc-2019": 1,
    "ecdsa-sd-2023": 2,
    "eddsa-rdfc-2022": 3,
    "ecdsa-xi-2023": 4,
}

URL_PREFIXES = [
    ("http://", 1),
    ("https://", 2),
    ("urn:uuid:", 3),
    ("did:v1:nym:", 1024),
    ("did:key:", 1025),
]

XSD = "http://www.w3.org/2001/XMLSchema#"
MULTIBASE = "https://w3id.org/security#multibase"
CRYPTOSUITE = "https://w3id.org/security#cryptosuiteString"

_DATETIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{3}))?Z")
_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")

# -- text codecs (the tests' own) ----------------------------------------------------------

BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def base58_encode(data: bytes) -> str:
    """Bitcoin base58 (multibase ``z`` without the ``z``)."""
    number, out = int.from_bytes(data, "big"), ""
    while number:
        number, digit = divmod(number, 58)
        out = BASE58[digit] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def base58_decode(text: str) -> bytes | None:
    """The bytes of a base58 text, or None when it is not base58."""
    if any(char not in BASE58 for char in text):
        return None
    number = 0
    for char in text:
        number = number * 58 + BASE58.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def base45_encode(data: bytes) -> str:
    """RFC 9285 base45: two bytes -> three characters, a last single byte -> two."""
    out = []
    for start in range(0, len(data), 2):
        chunk = data[start : start + 2]
        value = int.from_bytes(chunk, "big")
        for _ in range(3 if len(chunk) == 2 else 2):
            value, digit = divmod(value, 45)
            out.append(BASE45[digit])
    return "".join(out)


def vp1_b(data: bytes) -> bytes:
    """A VPQR text: ``VP1-B`` + RFC 4648 base32, upper case, no padding."""
    return b"VP1-B" + base64.b32encode(data).rstrip(b"=")


def vp1_r(data: bytes) -> bytes:
    """A VPQR text: ``VP1-R`` + RFC 9285 base45."""
    return b"VP1-R" + base45_encode(data).encode("ascii")


# -- the context loader: term ids ----------------------------------------------------------


def js_order(text: str) -> bytes:
    """JavaScript's default sort order (UTF-16 code units)."""
    return text.encode("utf-16-be", "surrogatepass")


class TermIds:
    """Loads each context once and numbers its new terms (sorted keys, from 100 by 2)."""

    def __init__(self, loader: Loader) -> None:
        self.loader = loader
        self.ids: dict[str, int] = {keyword: 2 * i for i, keyword in enumerate(KEYWORDS)}
        self.next_id = 100
        self._loaded: dict[str, dict[str, Any]] = {}

    def load(self, context: str | Mapping[str, Any]) -> dict[str, Any]:
        """The context object for a URL or an inline context, numbering its terms."""
        if isinstance(context, str):
            if context not in self._loaded:
                document = self.loader(context)
                if document is None:
                    raise LookupError(f"the test encoder has no context {context}")
                self._loaded[context] = self._number(document["@context"])
            return self._loaded[context]
        return self._number(context)  # an inline context numbers its terms each time seen

    def _number(self, context: Mapping[str, Any]) -> dict[str, Any]:
        merged = dict(context)
        imported = context.get("@import")
        if isinstance(imported, str):
            merged = {**self.load(imported), **context}
        for key in sorted(merged, key=js_order):
            if key in KEYWORDS or merged[key] is None or key in self.ids:
                continue
            self.ids[key] = self.next_id
            self.next_id += 2
        return merged


# -- active contexts -----------------------------------------------------------------------

ActiveTerms = dict[str, dict[str, Any]]


def _expand(value: Any, context: Mapping[str, Any], active: ActiveTerms) -> Any:
    """``prefix:suffix`` expanded against the context being applied, then the active terms."""
    for _ in range(8):
        if not isinstance(value, str) or ":" not in value:
            return value
        prefix, suffix = value.split(":", 1)
        found = context.get(prefix, active.get(prefix))
        iri = found if isinstance(found, str) else (found or {}).get("@id")
        if not isinstance(iri, str):
            return value
        value = iri + suffix
    return value


def apply_contexts(ids: TermIds, active: ActiveTerms, contexts: Any) -> ActiveTerms:
    """The term definitions after ``contexts`` (one or a list: URLs, objects, null)."""
    for context in contexts if isinstance(contexts, list) else [contexts]:
        if context is None:
            active = {}
            continue
        loaded = ids.load(context)
        updated = dict(active)
        for key, value in loaded.items():
            if key in KEYWORDS:
                continue
            if value is None:
                updated.pop(key, None)
                continue
            definition = {"@id": value} if isinstance(value, str) else dict(value)
            for part in ("@id", "@type"):
                if part in definition:
                    definition[part] = _expand(definition[part], loaded, active)
            updated[key] = definition
        active = updated
    return active


# -- the encoder ----------------------------------------------------------------------------


class CborldBuilder:
    """Compresses JSON-LD documents to the CBOR-LD data model (legacy or 1.0 registry 1)."""

    def __init__(self, loader: Loader | None = None, *, legacy: bool = True) -> None:
        self.loader: Loader = loader or bundled_contexts()
        self.legacy = legacy
        self.ids = TermIds(self.loader)

    def compress(self, document: Any) -> Any:
        """The payload (before the CBOR tag) for one document or a list of documents."""
        if isinstance(document, list):
            return [self._object({}, item) for item in document]
        return self._object({}, document)

    def _object(self, active: ActiveTerms, document: Mapping[str, Any]) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        if "@context" in document:
            contexts = document["@context"]
            active = apply_contexts(self.ids, active, contexts)
            if isinstance(contexts, list):
                out[1] = [self._context(item) for item in contexts]
            else:
                out[0] = self._context(contexts)
        nested = active  # what values see: type-scoped terms do not propagate
        type_terms = {"@type"} | {t for t, d in active.items() if d.get("@id") == "@type"}
        types: set[str] = set()
        for term in type_terms & set(document):
            value = document[term]
            types.update(value if isinstance(value, list) else [value])
        for type_name in sorted(types, key=js_order):
            definition = active.get(type_name, {})
            if "@context" in definition:
                active = apply_contexts(self.ids, active, definition["@context"])
        keys = sorted((key for key in document if key != "@context"), key=js_order)
        key_ids = {key: self.ids.ids.get(key) for key in keys}  # the decoder reads keys first
        for key in keys:
            definition = active.get(key, {})
            inner = nested
            if "@context" in definition:
                inner = apply_contexts(self.ids, nested, definition["@context"])
            value = document[key]
            term_id = key_ids[key]
            is_type = key in type_terms
            if isinstance(value, list):
                out[key if term_id is None else term_id + 1] = [
                    self._value(inner, key, definition, is_type, item) for item in value
                ]
            else:
                out[key if term_id is None else term_id] = self._value(
                    inner, key, definition, is_type, value
                )
        return out

    def _context(self, context: Any) -> Any:
        if isinstance(context, str) and self.legacy and context in LEGACY_CODES:
            return LEGACY_CODES[context]
        return context

    def _value(
        self, inner: ActiveTerms, key: str, definition: dict[str, Any], is_type: bool, value: Any
    ) -> Any:
        if value is None:
            return None
        if isinstance(value, Mapping):
            return self._object(inner, value)
        if isinstance(value, list):
            return [self._value(inner, key, definition, is_type, item) for item in value]
        term_type = definition.get("@type")
        if (
            is_type
            or key == "@id"
            or definition.get("@id") in ("@id", "@type")
            or term_type in ("@id", "@vocab")
        ):
            return self._url(value, vocab=is_type or term_type == "@vocab")
        if not isinstance(value, str):
            return value
        if term_type == XSD + "dateTime":
            return _datetime(value)
        if term_type == XSD + "date":
            return _date(value)
        if term_type == MULTIBASE:
            return _multibase(value)
        if term_type == CRYPTOSUITE and self.legacy:
            return LEGACY_CRYPTOSUITES.get(value, value)
        if term_type is None and self.legacy and value in LEGACY_CODES:
            return LEGACY_CODES[value].to_bytes(1, "big")  # untyped legacy values are bytes
        return value

    def _url(self, value: Any, *, vocab: bool) -> Any:
        if not isinstance(value, str):
            return value
        if self.legacy and value in LEGACY_CODES:
            return LEGACY_CODES[value]
        if vocab and value in self.ids.ids:
            return self.ids.ids[value]
        for prefix, code in URL_PREFIXES:
            if value.startswith(prefix):
                return _prefixed(prefix, code, value[len(prefix) :], value)
        return value


def _prefixed(prefix: str, code: int, rest: str, value: str) -> Any:
    if code in (1, 2):
        return [code, rest]
    if code == 3:
        try:
            parsed = uuid.UUID(rest)
        except ValueError:
            return [code, rest]
        return [code, parsed.bytes] if str(parsed) == rest else [code, rest]
    parts = rest.split("#")
    decoded = [base58_decode(part[1:]) if part.startswith("z") else None for part in parts]
    if len(parts) > 2 or any(item is None for item in decoded):
        return value
    if any(
        base58_encode(item or b"") != part[1:] for item, part in zip(decoded, parts, strict=True)
    ):
        return value
    return [code, *decoded]


def _datetime(value: str) -> Any:
    match = _DATETIME.fullmatch(value)
    if not match:
        return value
    parts = [int(part) for part in match.groups()[:6]]
    seconds = calendar.timegm((*parts, 0, 0, 0))
    milliseconds = match.group(7)
    return seconds if milliseconds is None else [seconds, int(milliseconds)]


def _date(value: str) -> Any:
    match = _DATE.fullmatch(value)
    if not match:
        return value
    year, month, day = (int(part) for part in match.groups())
    return calendar.timegm((year, month, day, 0, 0, 0, 0, 0, 0))


def _multibase(value: str) -> Any:
    prefix, body = value[:1], value[1:]
    decoded: bytes | None = None
    if prefix == "z":
        decoded = base58_decode(body)
        if decoded is not None and base58_encode(decoded) != body:
            decoded = None
    elif prefix == "u":
        decoded = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        if base64.urlsafe_b64encode(decoded).rstrip(b"=").decode() != body:
            decoded = None
    elif prefix == "M":
        decoded = base64.b64decode(body)
        if base64.b64encode(decoded).decode() != body:
            decoded = None
    return value if decoded is None else prefix.encode("ascii") + decoded


# -- whole CBOR-LD byte strings -------------------------------------------------------------


def legacy_cborld(document: Any, loader: Loader | None = None) -> bytes:
    """``document`` compressed under the legacy tag 0x0501."""
    payload = CborldBuilder(loader, legacy=True).compress(document)
    return bytes(cbor2.dumps(cbor2.CBORTag(LEGACY_TAG, payload)))


def cborld_1_0(document: Any, loader: Loader | None = None) -> bytes:
    """``document`` compressed under the CBOR-LD 1.0 tag 0xCB1D, registry entry 1."""
    payload = CborldBuilder(loader, legacy=False).compress(document)
    return bytes(cbor2.dumps(cbor2.CBORTag(CBORLD_1_0_TAG, [1, payload])))
