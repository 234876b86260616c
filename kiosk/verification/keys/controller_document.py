"""Controller documents (W3C Controlled Identifiers 1.0, DID Core): finding a key in one safely.

A DID document, an issuer profile carrying keys, or a standalone key document is read as a
controller document. `ControllerDocument.method(url, now)` follows the CID "retrieve verification
method" algorithm: the document's `id` must be the URL it was fetched for, the method is found by
its (absolute or relative) id in `verificationMethod` or embedded in a relationship, its `id`
and `controller` must match, its relationships (assertionMethod, …) are those the document lists
it under (by reference or by value), and a method past its `revoked` or `expires` time is
refused. Key material: `publicKeyMultibase` (Multikey, Ed25519VerificationKey2020),
`publicKeyJwk` (JsonWebKey, JsonWebKey2020, EcdsaSecp256k1VerificationKey2019) or
`publicKeyBase58` (Ed25519VerificationKey2018).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from kiosk.net import show_day
from kiosk.verification.errors import KeyResolutionError, UnsupportedError
from kiosk.verification.keys.jwk import MIN_RSA_BITS, public_key_from_jwk
from kiosk.verification.keys.multibase import MultibaseError, base58btc_decode
from kiosk.verification.keys.public_key import KeyType, PublicKey, public_key_from_multikey
from kiosk.verification.keys.verification_method import VerificationMethod

RELATIONSHIPS = (
    "authentication",
    "assertionMethod",
    "keyAgreement",
    "capabilityInvocation",
    "capabilityDelegation",
)
_MATERIAL = ("publicKeyMultibase", "publicKeyJwk", "publicKeyBase58", "publicKeyPem")
_PEM_CURVES = {"secp256r1": KeyType.P256, "secp384r1": KeyType.P384, "secp256k1": KeyType.SECP256K1}
MAX_METHODS = 64
"""Documents listing more methods than this are refused (nobody needs more; parsing is bounded)."""


@dataclass(frozen=True, slots=True)
class ControllerDocument:
    """A controller document, where it came from and when, ready to look keys up in."""

    id: str
    document: Mapping[str, Any]
    source: str
    """Plain words on where it came from: "the did:web document of example.edu"."""
    fetched_at: datetime | None = None
    """When it was fetched (None: made from the identifier itself)."""
    from_cache: bool = False

    @classmethod
    def parse(
        cls,
        value: Any,
        expected_id: str,
        source: str,
        fetched_at: datetime | None = None,
        from_cache: bool = False,
    ) -> ControllerDocument:
        """Check that `value` is a controller document for `expected_id`.

        Raises:
            KeyResolutionError: not a JSON object, or the document is for another identifier.
        """
        if not isinstance(value, Mapping):
            raise KeyResolutionError(f"{_capital(source)} is not a JSON object.")
        if value.get("id") != expected_id:
            raise KeyResolutionError(
                f"{_capital(source)} is for another identifier "
                f"({str(value.get('id'))[:80]}), not {expected_id[:80]}."
            )
        return cls(expected_id, value, source, fetched_at, from_cache)

    @property
    def described_source(self) -> str:
        """The source with its date when it came from the cache ("… as of 12 Nov 2026")."""
        if self.fetched_at is not None and self.from_cache:
            return f"{self.source} as of {show_day(self.fetched_at)}"
        return self.source

    def absolute(self, reference: str) -> str:
        """A method id made absolute against the document id ("#key-1" → "did:web:x#key-1")."""
        return self.id + reference if reference.startswith("#") else reference

    def relationships_of(self, method_id: str) -> frozenset[str]:
        """The relationships that list `method_id`, by reference or by value."""
        found = set()
        for relationship in RELATIONSHIPS:
            for entry in _entries(self.document.get(relationship)):
                entry_id = entry.get("id") if isinstance(entry, Mapping) else entry
                if isinstance(entry_id, str) and self.absolute(entry_id) == method_id:
                    found.add(relationship)
                    break
        return frozenset(found)

    def lists(self, method_id: str, relationship: str) -> bool:
        """True when the document lists `method_id` under `relationship`."""
        return relationship in self.relationships_of(method_id)

    def find(self, method_id: str) -> Mapping[str, Any] | None:
        """The method object whose absolute id is `method_id`, wherever the document holds it."""
        for entry in self._method_objects():
            entry_id = entry.get("id")
            if isinstance(entry_id, str) and self.absolute(entry_id) == method_id:
                return entry
        return None

    def method(self, method_id: str, now: datetime) -> VerificationMethod:
        """The verification method `method_id` as this document lists it.

        Raises:
            KeyResolutionError: not in the document, wrong controller, revoked or expired,
                or invalid key material.
            UnsupportedError: key material of a kind the kiosk does not read.
        """
        entry = self.find(method_id)
        if entry is None:
            raise KeyResolutionError(
                f"The key named in the proof is not in {self.described_source} "
                "(it may have been replaced or removed)."
            )
        controller = entry.get("controller")
        if not isinstance(controller, str) or self.absolute(controller) != self.id:
            raise KeyResolutionError(
                f"The key in {self.source} names another controller "
                f"({str(controller)[:80]}), not {self.id[:80]}."
            )
        check_not_revoked_or_expired(entry, now)
        return VerificationMethod(
            id=method_id,
            controller=self.id,
            public_key=public_key_from_method(entry),
            purposes=self.relationships_of(method_id),
            resolved_from=self.described_source,
            fetched_at=self.fetched_at,
        )

    def _method_objects(self) -> Iterator[Mapping[str, Any]]:
        count = 0
        for name in ("verificationMethod", *RELATIONSHIPS):
            for entry in _entries(self.document.get(name)):
                if isinstance(entry, Mapping):
                    count += 1
                    if count > MAX_METHODS:
                        raise KeyResolutionError(f"{_capital(self.source)} lists too many keys.")
                    yield entry


def check_not_revoked_or_expired(entry: Mapping[str, Any], now: datetime) -> None:
    """Refuse a method at or after its `revoked` or `expires` time (CID 1.0 §2.2).

    Raises:
        KeyResolutionError: revoked, expired, or a date that cannot be read.
    """
    for name, wording in (("revoked", "revoked this key on"), ("expires", "let the key expire on")):
        if name not in entry:
            continue
        moment = _datetime(entry[name])
        if moment is None:
            raise KeyResolutionError(f"The key's '{name}' date cannot be read.")
        if now >= moment:
            raise KeyResolutionError(f"The issuer {wording} {show_day(moment)}.")


def public_key_from_method(entry: Mapping[str, Any]) -> PublicKey:
    """The public key a verification method object carries.

    Raises:
        KeyResolutionError: no key, more than one, or invalid material.
        UnsupportedError: key material the kiosk does not read (PEM, hex, …).
    """
    present = [name for name in _MATERIAL if name in entry]
    if len(present) > 1:
        raise KeyResolutionError("The key is given in more than one form; refused as ambiguous.")
    if not present:
        others = [name for name in entry if str(name).startswith("publicKey")]
        if others:
            raise UnsupportedError(f"Keys given as {others[0][:40]} are not supported.")
        raise KeyResolutionError("The verification method carries no public key.")
    value = entry[present[0]]
    if present[0] == "publicKeyJwk":
        return public_key_from_jwk(value)
    if not isinstance(value, str):
        raise KeyResolutionError(f"The key's {present[0]} is not text.")
    if present[0] == "publicKeyMultibase":
        return public_key_from_multikey(value)
    if present[0] == "publicKeyPem":
        return public_key_from_pem(value)
    return _ed25519_2018(value, entry.get("type"))


def public_key_from_pem(pem: str) -> PublicKey:
    """A key from PEM text (Open Badges 2.0 `CryptographicKey.publicKeyPem`).

    Raises:
        KeyResolutionError: not a PEM public key, or an RSA key under 2048 bits.
        UnsupportedError: a key type the kiosk does not verify with.
    """
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError, UnsupportedAlgorithm) as error:
        raise KeyResolutionError("The key (publicKeyPem) is not a valid PEM public key.") from error
    if isinstance(key, ed25519.Ed25519PublicKey):
        return PublicKey(KeyType.ED25519, key)
    if isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name in _PEM_CURVES:
        return PublicKey(_PEM_CURVES[key.curve.name], key)
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            raise KeyResolutionError(f"The RSA key is shorter than {MIN_RSA_BITS} bits.")
        return PublicKey(KeyType.RSA, key)
    raise UnsupportedError("Keys of this type (publicKeyPem) are not supported.")


def _ed25519_2018(value: str, method_type: Any) -> PublicKey:
    if method_type != "Ed25519VerificationKey2018":
        raise UnsupportedError("Keys given as publicKeyBase58 are supported only for Ed25519.")
    try:
        raw = base58btc_decode(value)
    except MultibaseError as error:
        raise KeyResolutionError("The Ed25519 key is not valid base58.") from error
    if len(raw) != 32:
        raise KeyResolutionError(f"The Ed25519 key has {len(raw)} bytes, not 32.")
    return PublicKey(KeyType.ED25519, ed25519.Ed25519PublicKey.from_public_bytes(raw))


def _entries(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _datetime(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
