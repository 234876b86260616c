"""Keys published at https addresses: issuer profiles, key documents and JWKS.

What an https verification method URL can point at:

- `https://issuer.example/profile#key-1`: a controller document (an Open Badges 3.0 or
  Blockcerts v3 issuer profile with `verificationMethod` and `assertionMethod`); the key is
  looked up in it by the CID rules (`controller_document.py`).
- `https://issuer.example/keys/1`: a key document (`Multikey`, `JsonWebKey`, or an Open Badges
  2.0 `CryptographicKey` with `owner` and `publicKeyPem`) whose id is that URL. Its controller's
  own document (the issuer profile) must list it; that listing gives its relationships.
- `https://issuer.example/jwks.json#kid`: a JWK Set; the key with that `kid`. A JWKS says
  nothing about who controls it, so only the issuer's profile listing the key binds it.

`IssuerProfile` also reads what Blockcerts and Open Badges 2.0 profiles say besides keys: the
issuing addresses with their validity windows (`publicKey`, v1 `issuerKeys`) and the revocation
list location, for the anchor and status checks and for `kiosk sync`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag

from kiosk.net.urls import url_place
from kiosk.verification.errors import KeyResolutionError
from kiosk.verification.keys.controller_document import (
    ControllerDocument,
    check_not_revoked_or_expired,
    public_key_from_method,
)
from kiosk.verification.keys.documents import KeyUnavailableError, retrieve
from kiosk.verification.keys.jwk import public_key_from_jwk
from kiosk.verification.keys.verification_method import VerificationMethod

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext

ASSERTION_METHOD = "assertionMethod"
MAX_JWKS_KEYS = 64
_KEY_TYPES = frozenset({"Multikey", "JsonWebKey", "JsonWebKey2020", "CryptographicKey"})


def document_label(url: str) -> str:
    """Plain words for a document at an https URL: "the document at issuer.example/profile"."""
    where = url_place(url)
    return (
        "the document at an invalid address" if where is None else f"the document at {where[:120]}"
    )


def resolve_https_method(url: str, context: VerificationContext) -> VerificationMethod:
    """The key an https verification method URL names.

    Raises:
        KeyResolutionError: the document does not hold that key, or holds it wrongly.
        KeyUnavailableError: a document could not be had (offline, unreachable, …).
        UnsupportedError: key material the kiosk does not read.
    """
    base, fragment = urldefrag(url)
    label = document_label(base)
    retrieved = retrieve(base, label, context)
    value = retrieved.value
    if not isinstance(value, Mapping):
        raise KeyResolutionError(f"{label[:1].upper()}{label[1:]} is not a JSON object.")
    as_read = ControllerDocument(base, value, label, retrieved.fetched_at, retrieved.from_cache)
    if fragment and "id" not in value and isinstance(value.get("keys"), list):
        return _jwks_method(url, fragment, value["keys"], as_read)
    if fragment:
        document = ControllerDocument.parse(
            value, base, label, retrieved.fetched_at, retrieved.from_cache
        )
        return profile_document(document).method(url, context.now)
    return _key_document_method(url, as_read, context)


def resolve_profile_document(url: str, context: VerificationContext) -> ControllerDocument:
    """The issuer profile at `url`, read as a controller document (for issuer binding)."""
    label = f"the issuer's profile ({document_label(url).removeprefix('the document at ')})"
    retrieved = retrieve(url, label, context)
    document = ControllerDocument.parse(
        retrieved.value, url, label, retrieved.fetched_at, retrieved.from_cache
    )
    return profile_document(document)


def profile_document(document: ControllerDocument) -> ControllerDocument:
    """Open Badges 2.0 profiles list their signing keys under `publicKey` (CryptographicKey
    URLs): those count as assertionMethod listings. Other profiles are returned unchanged."""
    ob2_keys = [
        key_id
        for entry in _entries(document.document.get("publicKey"))
        for key_id in [entry.get("id") if isinstance(entry, Mapping) else entry]
        if isinstance(key_id, str) and key_id.startswith("https://")
    ]
    if not ob2_keys:
        return document
    listed = [*_entries(document.document.get(ASSERTION_METHOD)), *ob2_keys]
    return ControllerDocument(
        document.id,
        {**document.document, ASSERTION_METHOD: listed},
        document.source,
        document.fetched_at,
        document.from_cache,
    )


def _key_document_method(
    url: str, as_read: ControllerDocument, context: VerificationContext
) -> VerificationMethod:
    """A standalone key document: its controller's document must list it."""
    value, source, fetched_at = as_read.document, as_read.described_source, as_read.fetched_at
    if "kty" in value and "id" not in value:  # a bare JWK: nobody vouches for it here
        return VerificationMethod(
            url, url, public_key_from_jwk(dict(value)), _jwk_purposes(value), source, fetched_at
        )
    if value.get("id") != url or not set(_types(value)) & _KEY_TYPES:
        raise KeyResolutionError(
            "The key address names a document that is not a key (it needs a #fragment)."
        )
    controller = value.get("controller", value.get("owner"))
    if not isinstance(controller, str) or not controller:
        raise KeyResolutionError("The key document does not say who controls the key.")
    check_not_revoked_or_expired(value, context.now)
    public_key = public_key_from_method(value)
    from kiosk.verification.keys.resolver import resolve_controller_document  # a cycle: lazy

    try:
        owner = resolve_controller_document(controller, context)
    except KeyUnavailableError as error:
        raise KeyUnavailableError(
            f"{error.description.rstrip('.')} (needed to confirm who controls the key)."
        ) from error
    return VerificationMethod(
        url, controller, public_key, owner.relationships_of(url), source, fetched_at
    )


def _jwks_method(
    url: str, kid: str, keys: list[Any], as_read: ControllerDocument
) -> VerificationMethod:
    label = as_read.source
    if len(keys) > MAX_JWKS_KEYS:
        raise KeyResolutionError(f"{label[:1].upper()}{label[1:]} lists too many keys.")
    matches = [key for key in keys if isinstance(key, Mapping) and key.get("kid") == kid]
    if len(matches) != 1:
        raise KeyResolutionError(
            f"The key named in the proof ('{kid[:40]}') is not in {label}, or not only once."
        )
    return VerificationMethod(
        url,
        as_read.id,
        public_key_from_jwk(dict(matches[0])),
        _jwk_purposes(matches[0]),
        as_read.described_source,
        as_read.fetched_at,
    )


def _jwk_purposes(jwk: Mapping[str, Any]) -> frozenset[str]:
    """What a JWK alone allows: signing keys (`use` sig or absent) may sign credentials."""
    if jwk.get("use", "sig") != "sig":
        return frozenset()
    return frozenset({ASSERTION_METHOD, "authentication"})


@dataclass(frozen=True, slots=True)
class ProfileKey:
    """An issuing key (Blockcerts: a blockchain address) with its validity window."""

    id: str
    created: datetime | None = None
    expires: datetime | None = None
    revoked: datetime | None = None

    def valid_at(self, moment: datetime) -> bool:
        """True when the key was in force at `moment` (created ≤ moment < expires/revoked)."""
        if self.created is not None and moment < self.created:
            return False
        return all(end is None or moment < end for end in (self.expires, self.revoked))


@dataclass(frozen=True, slots=True)
class IssuerProfile:
    """What an issuer profile says besides its verification methods."""

    id: str
    name: str
    keys: tuple[ProfileKey, ...]
    """Blockcerts `publicKey` entries (and v1 `issuerKeys`), in the profile's order."""
    revocation_list: str | None
    """Where the issuer publishes revoked credentials (Blockcerts / OB 2.0 `revocationList`)."""


def read_issuer_profile(value: Any) -> IssuerProfile:
    """Read an issuer profile's keys, windows and revocation list location.

    Raises:
        KeyResolutionError: not a JSON object with an id, or an unreadable key date.
    """
    if not isinstance(value, Mapping) or not isinstance(value.get("id"), str):
        raise KeyResolutionError("The issuer profile is not a JSON object with an id.")
    keys: list[ProfileKey] = []
    for entry in _entries(value.get("publicKey")):
        if isinstance(entry, Mapping) and isinstance(entry.get("id"), str):
            keys.append(
                ProfileKey(
                    entry["id"],
                    _date(entry.get("created")),
                    _date(entry.get("expires")),
                    _date(entry.get("revoked")),
                )
            )
    for entry in _entries(value.get("issuerKeys")):  # Blockcerts v1
        if isinstance(entry, Mapping) and isinstance(entry.get("key"), str):
            keys.append(ProfileKey(entry["key"], _date(entry.get("date"))))
    revocation = value.get("revocationList")
    name = value.get("name")
    return IssuerProfile(
        id=value["id"],
        name=name if isinstance(name, str) else "",
        keys=tuple(keys),
        revocation_list=revocation if isinstance(revocation, str) else None,
    )


def _date(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise KeyResolutionError("A key date in the issuer profile cannot be read.")
    try:
        text = value.replace("Z", "+00:00")
        moment = datetime.fromisoformat(text if "T" in text else f"{text}T00:00:00+00:00")
    except ValueError as error:
        raise KeyResolutionError(f"The key date '{value[:40]}' cannot be read.") from error
    if moment.tzinfo is None:
        raise KeyResolutionError(f"The key date '{value[:40]}' has no time zone.")
    return moment


def _types(value: Mapping[str, Any]) -> list[str]:
    return [t for t in _entries(value.get("type")) if isinstance(t, str)]


def _entries(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
