"""Verification-method resolution by scheme: one entry per DID method or URL scheme.

Two questions, two tables:

- `resolve_verification_method(url)`: which key does a proof's `verificationMethod` name?
  (`RESOLVERS`, plus https keys in `issuer_profile.py`.)
- `resolve_controller_document(id)`: what does an identifier's own document say (to check an
  issuer lists a key under assertionMethod)? (`DOCUMENT_RESOLVERS`, plus https profiles.)

DID methods not listed raise `UnsupportedError` ("The DID method did:ion is not supported."), so
the key check is "not done", never passed — unless the operator configured a universal resolver,
which is then asked (over https, through the guarded fetcher) for their documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from kiosk.verification.errors import KeyResolutionError, UnsupportedError
from kiosk.verification.keys.controller_document import ControllerDocument
from kiosk.verification.keys.did_jwk import SOURCE as DID_JWK_SOURCE
from kiosk.verification.keys.did_jwk import did_jwk_document, resolve_did_jwk
from kiosk.verification.keys.did_key import did_key_document, resolve_did_key
from kiosk.verification.keys.did_web import resolve_did_web, resolve_did_web_document
from kiosk.verification.keys.documents import retrieve
from kiosk.verification.keys.issuer_profile import (
    document_label,
    resolve_https_method,
    resolve_profile_document,
)
from kiosk.verification.keys.verification_method import VerificationMethod

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext

Resolver = Callable[[str, "VerificationContext"], VerificationMethod]
"""Resolves a verification method URL; may use the context's clock, network and cache."""

DocumentResolver = Callable[[str, "VerificationContext"], ControllerDocument]
"""Resolves a DID (no fragment) to its DID document."""

UNRESOLVABLE_SCHEMES = frozenset({"urn", "http", "ipfs", "ipns", "tag"})
"""Registered URI schemes that name keys the kiosk cannot look up ("not done"; a trust list
may pin the issuer's key). Any other scheme (`xxx:z6Mk…`, as 1EdTech's validator tests) is
not an identifier of a key at all: failed."""
_URI_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):[^\s]")
"""RFC 3986 scheme: `urn:uuid:…` has one; `z6Mk…` (no scheme) is not an identifier at all."""

RESOLVERS: dict[str, Resolver] = {
    "did:key": lambda url, _context: resolve_did_key(url),
    "did:jwk": lambda url, context: resolve_did_jwk(url, context.now),
    "did:web": resolve_did_web,
}

DOCUMENT_RESOLVERS: dict[str, DocumentResolver] = {
    "did:key": lambda did, _context: ControllerDocument.parse(
        did_key_document(did), did, "the did:key identifier itself (no network needed)"
    ),
    "did:jwk": lambda did, _context: ControllerDocument.parse(
        did_jwk_document(did), did, DID_JWK_SOURCE
    ),
    "did:web": resolve_did_web_document,
}


def did_method(did: str) -> str:
    """`did:web` for `did:web:example.com#key-1`."""
    return ":".join(did.split(":", 2)[:2])


def resolve_verification_method(url: str, context: VerificationContext) -> VerificationMethod:
    """Resolve a verification method URL with the resolver for its DID method or scheme."""
    if not isinstance(url, str) or not url:
        raise KeyResolutionError("The proof does not name its key (verificationMethod).")
    if url.startswith("did:"):
        resolver = RESOLVERS.get(did_method(url))
        if resolver is not None:
            return resolver(url, context)
        did, _, fragment = url.partition("#")
        document = _other_did_document(did, context)
        return document.method(url if fragment else did, context.now)
    if url.startswith("https:"):
        return resolve_https_method(url, context)
    scheme = _URI_SCHEME.match(url)
    if scheme is not None and scheme.group(1).lower() in UNRESOLVABLE_SCHEMES:
        # a real identifier (urn:uuid:…#z6Mk…) the kiosk cannot look up: not done
        raise UnsupportedError(
            f"The key is named by a {scheme.group(1)[:20]}: identifier, which this kiosk cannot "
            "look up (a trust list may pin the issuer's key)."
        )
    raise KeyResolutionError(f"The key reference '{url[:80]}' is not a DID or an https URL.")


def resolve_controller_document(
    identifier: str, context: VerificationContext
) -> ControllerDocument:
    """The document an identifier (an issuer's DID or https profile URL) publishes about itself.

    Raises:
        UnsupportedError: an identifier whose document the kiosk cannot look up ("not done").
        KeyUnavailableError: the document could not be had ("not done").
        KeyResolutionError: the document is malformed or for another identifier ("failed").
    """
    if identifier.startswith("did:"):
        did = identifier.partition("#")[0]
        resolver = DOCUMENT_RESOLVERS.get(did_method(did))
        if resolver is not None:
            return resolver(did, context)
        return _other_did_document(did, context)
    if identifier.startswith("https://"):
        return resolve_profile_document(identifier, context)
    raise UnsupportedError(
        "The issuer's id is not a DID or an https address, so its keys cannot be looked up."
    )


def universal_resolver_url(prefix: str, did: str) -> str:
    """Where a universal resolver (`…/1.0/identifiers/`) answers for `did`."""
    return prefix + quote(did, safe=":.-_")


def _other_did_document(did: str, context: VerificationContext) -> ControllerDocument:
    """A DID document from the operator's universal resolver; without one, not supported."""
    method = did_method(did)
    if context.universal_resolver is None:
        raise UnsupportedError(f"The DID method {method[:40]} is not supported.")
    url = universal_resolver_url(context.universal_resolver, did)
    label = (
        f"the {method[:40]} document from the resolver at "
        + document_label(url).removeprefix("the document at ").split("/", 1)[0]
    )
    retrieved = retrieve(url, label, context)
    value: Any = retrieved.value
    if isinstance(value, dict) and isinstance(value.get("didDocument"), dict):
        value = value["didDocument"]  # a DID Resolution Result
    return ControllerDocument.parse(value, did, label, retrieved.fetched_at, retrieved.from_cache)
