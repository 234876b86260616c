"""Provides the bounds every CBOR-LD decode runs within (one place to read and tune them).

Each limit is far above what a QR code can hold (a version-40 QR code carries at most
~2.6 KB of CBOR-LD in base32) and far below what would make decoding slow.
"""

MAX_CBORLD_BYTES = 64 * 1024
"""Largest CBOR-LD byte string decoded at all (checked before any parsing)."""

MAX_DEPTH = 32
"""Deepest nesting of CBOR arrays and maps."""

MAX_ITEMS = 20_000
"""Most CBOR data items (every integer, string, array, map ... counts one)."""

MAX_MAP_KEY = 2**32 - 1
"""Largest integer map key (CBOR-LD term ids are small; this also rules out hash floods)."""

MAX_TERMS = 20_000
"""Most JSON-LD terms the contexts of one document may define."""

MAX_CONTEXT_LOADS = 256
"""Most JSON-LD contexts (remote or inline) one document may make the decoder process."""

MAX_CURIE_STEPS = 16
"""Most prefix expansions when resolving one compact IRI in a term definition."""

MAX_BASE58_BYTES = 4096
"""Longest byte string re-encoded as base58btc (the encoding is quadratic in the length)."""

MAX_VARINT_BYTES = 23
"""Longest registry-entry varint in the pre-1.0 tag range (as the reference implementation)."""
