"""Disclosures against digests (RFC 9901 §7.1 / §7.3): the claims the holder revealed, rebuilt.

Each disclosure is the base64url of a JSON array: `[salt, name, value]` for an object property,
`[salt, value]` for an array element. Its digest is the base64url of the hash (`_sd_alg`,
default sha-256) of the disclosure's ASCII text exactly as presented. The issuer-signed payload
lists property digests in `_sd` arrays and array-element digests as `{"...": digest}`, at any
depth, and disclosed values may themselves hold digests (recursive disclosure).

The whole SD-JWT is refused — not the one claim — when a disclosure is malformed, when no digest
refers to a disclosure, when a digest appears twice, when a disclosed name is `_sd`, `...` or
already present beside it, or when a disclosure of one shape sits where the other is expected.
Digests without a disclosure are claims the holder kept back (or decoys) and simply vanish.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.verification.credential import FormatError
from kiosk.verification.errors import UnsupportedError
from payloads.base64url import Base64UrlError, b64url_decode
from payloads.envelopes import StrictJsonError, strict_json_loads

JsonObject = dict[str, Any]
HASH_ALGORITHMS: dict[str, Callable[[bytes], Any]] = {
    "sha-256": hashlib.sha256,
    "sha-384": hashlib.sha384,
    "sha-512": hashlib.sha512,
    "sha3-256": hashlib.sha3_256,
    "sha3-384": hashlib.sha3_384,
    "sha3-512": hashlib.sha3_512,
}
"""The IANA Named Information hash names an SD-JWT may state in `_sd_alg`."""
DEFAULT_HASH = "sha-256"
MAX_DISCLOSURES = 500
MAX_DEPTH = 32
SD, ARRAY_DIGEST, SD_ALG = "_sd", "...", "_sd_alg"


class DisclosureError(FormatError):
    """A disclosure or digest the SD-JWT rules refuse: the whole SD-JWT is NOT VERIFIED."""


@dataclass(frozen=True, slots=True)
class Disclosure:
    """One disclosure as presented: its text, digest and content."""

    text: str
    digest: str
    name: str | None
    """The claim name; None for an array element."""
    value: Any


@dataclass(frozen=True, slots=True)
class Disclosed:
    """The claims after processing: what the issuer signed plus what the holder revealed."""

    claims: JsonObject
    disclosed_paths: tuple[tuple[str | int, ...], ...]
    """Where each disclosure's value now sits (object keys and array positions)."""
    hash_name: str


def hash_function(payload: JsonObject) -> tuple[str, Callable[[bytes], Any]]:
    """The payload's `_sd_alg` and its hash; `UnsupportedError` for a name the kiosk lacks."""
    name = payload.get(SD_ALG, DEFAULT_HASH)
    if not isinstance(name, str):
        raise DisclosureError("The token's _sd_alg is not a hash algorithm name.")
    function = HASH_ALGORITHMS.get(name)
    if function is None:
        raise UnsupportedError(
            f"The token's disclosures use the hash algorithm {name[:30]!r}, "
            "which this kiosk does not support."
        )
    return name, function


def digest_of(text: str, function: Callable[[bytes], Any]) -> str:
    """The base64url (no padding) digest of a disclosure's ASCII text."""
    raw = function(text.encode("ascii")).digest()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def read_disclosure(text: str, function: Callable[[bytes], Any]) -> Disclosure:
    """Decode one disclosure strictly (RFC 9901 §4.2)."""
    try:
        content = strict_json_loads(b64url_decode(text))
    except Base64UrlError as error:
        raise DisclosureError("A disclosure is not base64url text.") from error
    except StrictJsonError as error:
        raise DisclosureError("A disclosure is not valid JSON.") from error
    if not isinstance(content, list) or len(content) not in (2, 3):
        raise DisclosureError("A disclosure is not an array of two or three elements.")
    if not isinstance(content[0], str):
        raise DisclosureError("A disclosure's salt is not a string.")
    name: str | None = None
    if len(content) == 3:
        if not isinstance(content[1], str):
            raise DisclosureError("A disclosure's claim name is not a string.")
        name = content[1]
        if name in (SD, ARRAY_DIGEST):
            raise DisclosureError(f"A disclosure uses the reserved claim name {name!r}.")
    return Disclosure(text, digest_of(text, function), name, content[-1])


def process(payload: JsonObject, presented: list[str]) -> Disclosed:
    """Check every presented disclosure against the payload's digests and rebuild the claims.

    Raises:
        DisclosureError: a rule above is broken (the SD-JWT is refused).
        UnsupportedError: `_sd_alg` names a hash this kiosk does not have.
    """
    if len(presented) > MAX_DISCLOSURES:
        raise DisclosureError(f"The token carries more than {MAX_DISCLOSURES} disclosures.")
    hash_name, function = hash_function(payload)
    by_digest: dict[str, Disclosure] = {}
    for text in presented:
        disclosure = read_disclosure(text, function)
        if disclosure.digest in by_digest:
            raise DisclosureError("The same disclosure is presented twice.")
        by_digest[disclosure.digest] = disclosure
    walker = _Walker(by_digest)
    top = {k: v for k, v in payload.items() if k != SD_ALG}
    claims = walker.object(top, (), 0)
    unused = by_digest.keys() - walker.used
    if unused:
        raise DisclosureError(
            "A disclosure is not referenced by any digest the issuer signed: it was changed "
            "or does not belong to this credential."
        )
    return Disclosed(claims, tuple(walker.paths), hash_name)


class _Walker:
    """One pass over the payload, replacing digests with disclosed values."""

    def __init__(self, by_digest: dict[str, Disclosure]) -> None:
        self.by_digest = by_digest
        self.seen: set[str] = set()
        self.used: set[str] = set()
        self.paths: list[tuple[str | int, ...]] = []

    def _claim(self, digest: Any) -> Disclosure | None:
        if not isinstance(digest, str):
            raise DisclosureError("A digest in the token is not a string.")
        if digest in self.seen:
            raise DisclosureError("A digest appears more than once in the token.")
        self.seen.add(digest)
        found = self.by_digest.get(digest)
        if found is not None:
            self.used.add(digest)
        return found

    def value(self, value: Any, path: tuple[str | int, ...], depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise DisclosureError("The token's claims are nested too deeply.")
        if isinstance(value, dict):
            return self.object(value, path, depth + 1)
        if isinstance(value, list):
            return self.array(value, path, depth + 1)
        return value

    def object(self, node: JsonObject, path: tuple[str | int, ...], depth: int) -> JsonObject:
        digests = node.get(SD, [])
        if not isinstance(digests, list):
            raise DisclosureError("An _sd entry in the token is not an array.")
        if ARRAY_DIGEST in node:
            raise DisclosureError("An array-element digest sits where a claim is expected.")
        result: JsonObject = {}
        for key, item in node.items():
            if key != SD:
                result[key] = self.value(item, (*path, key), depth)
        for digest in digests:
            disclosure = self._claim(digest)
            if disclosure is None:
                continue
            if disclosure.name is None:
                raise DisclosureError("An array-element disclosure is referenced from _sd.")
            if disclosure.name in result:
                raise DisclosureError(
                    f"A disclosure repeats the claim {disclosure.name[:40]!r} already present."
                )
            where = (*path, disclosure.name)
            result[disclosure.name] = self.value(disclosure.value, where, depth)
            self.paths.append(where)
        return result

    def array(self, node: list[Any], path: tuple[str | int, ...], depth: int) -> list[Any]:
        result: list[Any] = []
        for item in node:
            if isinstance(item, dict) and ARRAY_DIGEST in item:
                if len(item) != 1:
                    raise DisclosureError("An array-element digest carries other members.")
                disclosure = self._claim(item[ARRAY_DIGEST])
                if disclosure is None:
                    continue
                if disclosure.name is not None:
                    raise DisclosureError("A claim disclosure is referenced as an array element.")
                where = (*path, len(result))
                result.append(self.value(disclosure.value, where, depth))
                self.paths.append(where)
                continue
            result.append(self.value(item, (*path, len(result)), depth))
        return result
