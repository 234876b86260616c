"""Provides the fixed CBOR-LD tables: keywords, legacy context registry, URL prefixes, type tables.

Sources (read, not copied): the W3C CBOR-LD 1.0 draft ("Initialize Context Loader", "URL
Prefix Table", "CBOR-LD Registry") and the legacy term-codec registry used by the
0x0501 tag (the table in @digitalbazaar/cborld and @digitalcredentials/cborld).

A *type table* maps a value type ("context", "url", "none" or a JSON-LD datatype IRI) to a
reverse table: compressed integer -> original string. A *registry entry* says whether a
payload is compressed and which type tables and byte-encoded types apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

KEYWORD_IDS: Mapping[str, int] = MappingProxyType(
    {
        "@context": 0,
        "@type": 2,
        "@id": 4,
        "@value": 6,
        "@direction": 8,
        "@graph": 10,
        "@included": 12,
        "@index": 14,
        "@json": 16,
        "@language": 18,
        "@list": 20,
        "@nest": 22,
        "@reverse": 24,
        "@base": 26,
        "@container": 28,
        "@default": 30,
        "@embed": 32,
        "@explicit": 34,
        "@none": 36,
        "@omitDefault": 38,
        "@prefix": 40,
        "@preserve": 42,
        "@protected": 44,
        "@requireAll": 46,
        "@set": 48,
        "@version": 50,
        "@vocab": 52,
        "@propagate": 54,
    }
)
"""JSON-LD keywords and their fixed even ids; ``id + 1`` marks an array value ("plural")."""

CONTEXT_KEY = KEYWORD_IDS["@context"]
CONTEXT_KEY_PLURAL = CONTEXT_KEY + 1
FIRST_TERM_ID = 100
"""Term ids for context terms are assigned from here, in steps of two."""

LEGACY_CONTEXT_CODES: Mapping[int, str] = MappingProxyType(
    {
        0x10: "https://www.w3.org/ns/activitystreams",
        0x11: "https://www.w3.org/2018/credentials/v1",
        0x12: "https://www.w3.org/ns/did/v1",
        0x13: "https://w3id.org/security/suites/ed25519-2018/v1",
        0x14: "https://w3id.org/security/suites/ed25519-2020/v1",
        0x15: "https://w3id.org/cit/v1",
        0x16: "https://w3id.org/age/v1",
        0x17: "https://w3id.org/security/suites/x25519-2020/v1",
        0x18: "https://w3id.org/veres-one/v1",
        0x19: "https://w3id.org/webkms/v1",
        0x1A: "https://w3id.org/zcap/v1",
        0x1B: "https://w3id.org/security/suites/hmac-2019/v1",
        0x1C: "https://w3id.org/security/suites/aes-2019/v1",
        0x1D: "https://w3id.org/vaccination/v1",
        0x1E: "https://w3id.org/vc-revocation-list-2020/v1",
        0x1F: "https://w3id.org/dcc/v1",
        0x20: "https://w3id.org/vc/status-list/v1",
        0x21: "https://www.w3.org/ns/credentials/v2",
        0x30: "https://w3id.org/security/data-integrity/v1",
        0x31: "https://w3id.org/security/multikey/v1",
        0x32: "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        0x33: "https://w3id.org/security/data-integrity/v2",
    }
)
"""The legacy (tag 0x0501) registry: compressed context code -> context URL.

The same table also compresses plain values and URLs in legacy payloads."""

URL_PREFIXES: Mapping[int, str] = MappingProxyType(
    {
        1: "http://",
        2: "https://",
        3: "urn:uuid:",
        4: "data:",
        1024: "did:v1:nym:",
        1025: "did:key:",
    }
)
"""The URL Prefix Table: the first element of a compressed URL array -> its prefix."""

CRYPTOSUITE_TYPE = "https://w3id.org/security#cryptosuiteString"
MULTIBASE_TYPE = "https://w3id.org/security#multibase"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"

LEGACY_CRYPTOSUITES: Mapping[int, str] = MappingProxyType(
    {
        1: "ecdsa-rdfc-2019",
        2: "ecdsa-sd-2023",
        3: "eddsa-rdfc-2022",
        4: "ecdsa-xi-2023",
        # cborld 6.x put these three in the global table; no overlap with 1-4
        0x34: "ecdsa-rdfc-2019",
        0x35: "ecdsa-sd-2023",
        0x36: "eddsa-rdfc-2022",
    }
)

TypeTable = Mapping[str, Mapping[int, str]]
"""Value type -> (compressed integer -> original string)."""


@dataclass(frozen=True)
class RegistryEntry:
    """How to read a payload: compressed or not, its type tables, which types use bytes."""

    entry_id: int
    compressed: bool
    type_table: TypeTable = field(default_factory=dict)
    bytes_encoded_types: frozenset[str] = frozenset()
    legacy: bool = False


_BYTES_ENCODED_LEGACY = frozenset({"none", XSD_DATE, XSD_DATETIME})
_BYTES_ENCODED = _BYTES_ENCODED_LEGACY | {"url"}


def default_type_table(extra: TypeTable | None = None) -> TypeTable:
    """A type table with (possibly empty) "context", "url" and "none" sub-tables."""
    table: dict[str, Mapping[int, str]] = {"context": {}, "url": {}, "none": {}}
    table.update(extra or {})
    return MappingProxyType(table)


def legacy_entry(app_context_codes: Mapping[int, str] | None = None) -> RegistryEntry:
    """The registry entry behind tag 0x0501 (optionally with application context codes)."""
    strings: dict[int, str] = dict(LEGACY_CONTEXT_CODES)
    strings.update(app_context_codes or {})
    table = MappingProxyType(
        {"context": strings, "url": strings, "none": strings, CRYPTOSUITE_TYPE: LEGACY_CRYPTOSUITES}
    )
    return RegistryEntry(0x0501, True, table, _BYTES_ENCODED_LEGACY, legacy=True)


def registry_entry(entry_id: int, type_table: TypeTable | None = None) -> RegistryEntry:
    """A CBOR-LD 1.0 registry entry using the default processing model."""
    return RegistryEntry(entry_id, entry_id != 0, default_type_table(type_table), _BYTES_ENCODED)


KNOWN_REGISTRY_ENTRIES: Mapping[int, RegistryEntry] = MappingProxyType(
    {0: registry_entry(0), 1: registry_entry(1)}
)
"""Registry entries the kiosk reads: 0 (uncompressed) and 1 (default compression, no tables).

Other entries in the CBOR-LD registry carry use-case tables (barcodes, driving licences)
for contexts the kiosk does not bundle."""
