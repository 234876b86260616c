"""Payloads within the 256 KB limit built to be slow to check (issue 12, finding 4), shared by
the deadline tests and `bench/bench_limits.py`."""

from __future__ import annotations

import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519

from kiosk.verification.suites.signing import sign_eddsa_rdfc_2022
from tests.helpers import make_key, ob3_unsigned

EMPTY_SUBJECTS = 80_000
"""Empty subjects in one array: 240 KB; pyld's node map compared each with all before it."""
DISTINCT_SUBJECTS = 9_000
"""Subjects with distinct ids in one array: about 250 KB."""


def compact(document: dict[str, Any]) -> bytes:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def empty_subjects(count: int = EMPTY_SUBJECTS) -> bytes:
    """An unsigned credential whose subject is `count` empty objects (each a blank node)."""
    document = ob3_unsigned(make_key())
    document["credentialSubject"] = [{} for _ in range(count)]
    return compact(document)


def signed_distinct_subjects(
    count: int = DISTINCT_SUBJECTS, key: ed25519.Ed25519PrivateKey | None = None
) -> bytes:
    """A signed credential whose subject is `count` objects with distinct ids."""
    key = key or make_key()
    document = ob3_unsigned(key)
    document["credentialSubject"] = [{"id": f"did:example:{n:06}"} for n in range(count)]
    return compact(sign_eddsa_rdfc_2022(document, key, "2026-01-15T09:00:00Z"))
