"""Helpers for building contexts and signed credentials in tests (real signing, no mocks)."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519

from kiosk.verification.context import VerificationContext
from kiosk.verification.jsonld.loader import bundled_contexts
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from trust_lists import TrustedIssuer, TrustList, TrustRegistry

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO_TRUST_LIST = Path(__file__).resolve().parents[1] / "trust_lists" / "shipped" / "demo.json"
DEMO_LISTS = (DEMO_TRUST_LIST,)
"""A configured trust list naming the demo issuer: nothing is trusted by default any more, so
tests that expect the demo credentials VERIFIED configure it, as an operator would."""


def make_key(label: str = "issuer") -> ed25519.Ed25519PrivateKey:
    """A deterministic Ed25519 key for tests."""
    return ed25519.Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(f"kiosk test key {label}".encode()).digest()
    )


def context(trusted: dict[str, str] | None = None, now: datetime = NOW) -> VerificationContext:
    """A verification context trusting `trusted` (issuer id → name)."""
    issuers = {i: TrustedIssuer(id=i, name=n) for i, n in (trusted or {}).items()}
    registry = TrustRegistry((TrustList("Test list", "tests", issuers, "tests"),))
    return VerificationContext(
        now=now, trust=registry, contexts=bundled_contexts(), clock_skew=timedelta(minutes=5)
    )


def ob3_unsigned(
    key: ed25519.Ed25519PrivateKey,
    valid_from: str = "2026-01-15T09:00:00Z",
    valid_until: str | None = "2036-01-15T09:00:00Z",
    holder: str = "Alex Candidate",
) -> dict[str, Any]:
    """An unsigned Open Badges 3.0 / VC 2.0 credential issued by `key`'s did:key."""
    doc: dict[str, Any] = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:2f0c5a7e-6f7b-4a55-9c1e-0f6d3f1b2a10",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": did_key_for(key), "type": ["Profile"], "name": "Claimed Issuer Name"},
        "validFrom": valid_from,
        "name": "Test Badge",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": holder,
            "achievement": {
                "id": "urn:uuid:9a4d1c0e-1b2c-4d3e-8f9a-0b1c2d3e4f50",
                "type": ["Achievement"],
                "name": "Test Achievement",
                "criteria": {"narrative": "Passed the test."},
            },
        },
    }
    if valid_until is not None:
        doc["validUntil"] = valid_until
    return doc


def signed_ob3(key: ed25519.Ed25519PrivateKey | None = None, **kwargs: Any) -> dict[str, Any]:
    """A credential signed with eddsa-rdfc-2022 by `key` (default: the test issuer key)."""
    key = key or make_key()
    return sign_eddsa_rdfc_2022(ob3_unsigned(key, **kwargs), key, "2026-01-15T09:00:00Z")


def load_fixture(relative: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / relative).read_text("utf-8"))
    return data


def deep_copy(document: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(document)
