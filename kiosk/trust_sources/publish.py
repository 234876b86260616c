"""`kiosk trust publish`: one signed list from the configured sources and local entries.

An institution curates once (local entries, chosen registries), publishes one static file, and
every kiosk subscribes by URL with the publisher's key pinned (docs/fleet.md). The file is a
`RecognizedEntityCredential` (W3C Recognized Entities shape, VC 2.0) with an `eddsa-rdfc-2022`
Data Integrity proof by an Ed25519 key; its issuer is the key's did:key, which the kiosks pin.

Only entries the publishing kiosk itself trusts are published: entries of sources that loaded,
are not test-only, are not expired and whose entries are confirmed (per-issuer registries such
as OpenID Federation cannot be enumerated and are not copied). The first source naming an id
wins, as in verification.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from trust_lists import TrustListError, TrustRegistry

VC_V2 = "https://www.w3.org/ns/credentials/v2"
UNDEFINED_TERMS = "https://www.w3.org/ns/credentials/undefined-terms/v2"
"""W3C's context for terms no published context defines yet (`@vocab`): the Recognized
Entities terms (`RecognizedEntity`, `legalName`, `recognizedTo`) have no published context."""


def read_signing_key(path: Path) -> ed25519.Ed25519PrivateKey:
    """An Ed25519 private key from a PEM file (PKCS#8, unencrypted).

    Raises:
        TrustListError: unreadable, encrypted, or not Ed25519.
    """
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except OSError as error:
        raise TrustListError(str(path), f"cannot be read ({error.strerror})") from error
    except (ValueError, TypeError) as error:
        raise TrustListError(str(path), "is not an unencrypted PEM private key") from error
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise TrustListError(
            str(path),
            "is not an Ed25519 key (generate one with openssl genpkey -algorithm ed25519)",
        )
    return key


def published_entries(registry: TrustRegistry, now: datetime) -> list[dict[str, Any]]:
    """The recognised entities to publish, in source order, one per issuer id."""
    subjects: dict[str, dict[str, Any]] = {}
    for source in registry.lists:
        if source.problem or source.test_only:
            continue
        if source.valid_until is not None and source.valid_until < now:
            continue
        for issuer in source.issuers.values():
            if issuer.id in subjects or issuer.unconfirmed:
                continue
            if issuer.valid_until is not None and issuer.valid_until < now:
                continue
            subject: dict[str, Any] = {
                "id": issuer.id,
                "type": "RecognizedEntity",
                "name": issuer.name,
            }
            details = dict(issuer.details)
            if legal := details.get("legal name"):
                subject["legalName"] = legal
            if issuer.url:
                subject["url"] = issuer.url
            if issuer.note:
                subject["note"] = issuer.note
            subject["recognizedTo"] = {
                "action": "issue",
                "recognizedBy": f"{source.kind}: {source.name}",
            }
            subjects[issuer.id] = subject
    return list(subjects.values())


def publish_list(
    registry: TrustRegistry,
    key: ed25519.Ed25519PrivateKey,
    now: datetime,
    name: str,
    valid_for: timedelta = timedelta(days=30),
) -> dict[str, Any]:
    """The signed list document (a JSON object ready to write)."""
    instant = now.replace(microsecond=0)
    stamp = instant.strftime("%Y-%m-%dT%H:%M:%SZ")
    unsigned: dict[str, Any] = {
        "@context": [VC_V2, UNDEFINED_TERMS],
        "type": ["VerifiableCredential", "RecognizedEntityCredential"],
        "name": name,
        "issuer": did_key_for(key),
        "validFrom": stamp,
        "validUntil": (instant + valid_for).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "credentialSubject": published_entries(registry, now),
    }
    if not unsigned["credentialSubject"]:
        raise TrustListError("publish", "there is no trusted entry to publish")
    return sign_eddsa_rdfc_2022(unsigned, key, stamp)
