"""Building issuers for key-resolution tests: keys, DID documents, profiles, signed credentials.

Everything is real: Ed25519 keys, eddsa-rdfc-2022 signatures, documents served by
`tests.servers.LocalHttpsServer`. Names under `kiosk.test` are mapped to 127.0.0.1 by the test
resolver (`tests.servers.mapped_dns`) and allow-listed, so did:web works as it would on the web.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import trustme
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.net import DocumentCache, GuardedFetcher
from kiosk.verification.context import VerificationContext
from kiosk.verification.jsonld.loader import bundled_contexts
from kiosk.verification.keys.multibase import base58btc_encode
from kiosk.verification.suites.signing import sign_eddsa_rdfc_2022
from tests.helpers import NOW, make_key, ob3_unsigned
from tests.servers import LocalHttpsServer, make_fetcher, mapped_dns
from trust_lists import TrustedIssuer, TrustList, TrustRegistry

HOST = "issuer.kiosk.test"
KEY = make_key("did:web issuer")
ROTATED = make_key("did:web issuer, next key")


def multikey(key: ed25519.Ed25519PrivateKey) -> str:
    """The Multikey `publicKeyMultibase` of an Ed25519 key (`z6Mk…`)."""
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "z" + base58btc_encode(b"\xed\x01" + raw)


def did_web(server: LocalHttpsServer, *path: str) -> str:
    """`did:web:issuer.kiosk.test%3APORT[:path…]` for a test server."""
    return ":".join(("did:web", f"{HOST}%3A{server.port}", *path))


def document_path(*path: str) -> str:
    return "/" + "/".join((*path, "did.json")) if path else "/.well-known/did.json"


def controller_document(
    identifier: str,
    key: ed25519.Ed25519PrivateKey = KEY,
    *,
    fragment: str = "key-1",
    relationships: tuple[str, ...] = ("assertionMethod", "authentication"),
    controller: str | None = None,
    **method_extra: Any,
) -> dict[str, Any]:
    """A controller document (DID document or issuer profile) with one Multikey method."""
    method_id = f"{identifier}#{fragment}"
    document: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": identifier,
        "verificationMethod": [
            {
                "id": method_id,
                "type": "Multikey",
                "controller": controller or identifier,
                "publicKeyMultibase": multikey(key),
                **method_extra,
            }
        ],
    }
    for relationship in relationships:
        document[relationship] = [method_id]
    return document


def signed_by(
    issuer_id: str, method: str, key: ed25519.Ed25519PrivateKey = KEY, **kwargs: Any
) -> dict[str, Any]:
    """An Open Badges 3.0 credential from `issuer_id`, signed by `key` naming `method`."""
    unsigned = ob3_unsigned(key, **kwargs)
    unsigned["issuer"]["id"] = issuer_id
    return sign_eddsa_rdfc_2022(unsigned, key, "2026-01-15T09:00:00Z", verification_method=method)


def issuer_fetcher(
    ca: trustme.CA, clock: Callable[[], datetime] = lambda: NOW, **limits: Any
) -> GuardedFetcher:
    """A fetcher for which `issuer.kiosk.test` is 127.0.0.1 (allow-listed), fetching "at" NOW."""
    return make_fetcher(ca, HOST, resolver=mapped_dns({HOST: "127.0.0.1"}), clock=clock, **limits)


def key_context(
    issuer_id: str,
    fetcher: GuardedFetcher | None,
    cache_dir: Path | None = None,
    *,
    now: datetime = NOW,
    max_cache_age: timedelta = timedelta(days=30),
    universal_resolver: str | None = None,
) -> VerificationContext:
    """A context trusting `issuer_id` as "Trusted Test College", with this network and cache."""
    issuers = {issuer_id: TrustedIssuer(id=issuer_id, name="Trusted Test College")}
    return VerificationContext(
        now=now,
        trust=TrustRegistry((TrustList("Test list", "tests", issuers, "tests"),)),
        contexts=bundled_contexts(),
        offline=fetcher is None,
        network=fetcher,
        cache=None if cache_dir is None else DocumentCache(cache_dir),
        max_cache_age=max_cache_age,
        universal_resolver=universal_resolver,
    )
