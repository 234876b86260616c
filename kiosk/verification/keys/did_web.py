"""`did:web` (W3C CCG did:web method): a DID document served over https by a domain.

    did:web:example.com                    → https://example.com/.well-known/did.json
    did:web:example.com:user:alice         → https://example.com/user/alice/did.json
    did:web:example.com%3A3000:user:alice  → https://example.com:3000/user/alice/did.json

The method-specific identifier is a domain name (never an IP address), an optional
percent-encoded port, and colon-separated path segments (none empty, `.` or `..`). The document
is fetched through the context's guarded fetcher (or taken from the cache) and its `id` must be
the DID itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from kiosk.net.addresses import parse_ip_literal
from kiosk.verification.errors import KeyResolutionError, UnsupportedError
from kiosk.verification.keys.controller_document import ControllerDocument
from kiosk.verification.keys.documents import retrieve_controller_document
from kiosk.verification.keys.verification_method import VerificationMethod

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_SEGMENT_SAFE = "-._~!$&'()*+,;=@"
MAX_DID_WEB_CHARS = 1024


@dataclass(frozen=True, slots=True)
class DidWebLocation:
    """Where a did:web DID's document lives."""

    did: str
    host: str
    port: int | None
    path: tuple[str, ...]

    @property
    def url(self) -> str:
        authority = self.host if self.port is None else f"{self.host}:{self.port}"
        if not self.path:
            return f"https://{authority}/.well-known/did.json"
        segments = "/".join(quote(segment, safe=_SEGMENT_SAFE) for segment in self.path)
        return f"https://{authority}/{segments}/did.json"

    @property
    def label(self) -> str:
        """Plain words for the document: "the did:web document of example.com/user/alice"."""
        authority = self.host if self.port is None else f"{self.host}:{self.port}"
        return "the did:web document of " + "/".join((authority, *self.path))


def did_web_location(did: str) -> DidWebLocation:
    """Where `did`'s document is.

    Raises:
        KeyResolutionError: not a valid did:web (IP address, bad port, bad segment, …).
    """
    parts = did.split(":")
    if len(parts) < 3 or parts[:2] != ["did", "web"] or len(did) > MAX_DID_WEB_CHARS:
        raise KeyResolutionError(f"'{did[:80]}' is not a valid did:web identifier.")
    if not did.isascii():
        raise KeyResolutionError(f"'{did[:80]}' is not a valid did:web identifier.")
    authority = unquote(parts[2])
    host, _, port_text = authority.partition(":")
    host = host.lower()
    port: int | None = None
    if port_text:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise KeyResolutionError(f"'{did[:80]}' has an invalid port.")
        port = int(port_text)
    if parse_ip_literal(host) is not None or parse_ip_literal(authority) is not None:
        raise KeyResolutionError(f"'{did[:80]}' names an IP address, which did:web forbids.")
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise KeyResolutionError(f"'{did[:80]}' does not name a valid domain.")
    path = tuple(unquote(segment) for segment in parts[3:])
    for segment in path:
        if segment in ("", ".", "..") or "/" in segment or not segment.isprintable():
            raise KeyResolutionError(f"'{did[:80]}' has an invalid path segment.")
    return DidWebLocation(did, host, port, path)


def resolve_did_web_document(did: str, context: VerificationContext) -> ControllerDocument:
    """Fetch (or take from the cache) the DID document of `did`.

    Raises:
        KeyResolutionError: an invalid did:web, or a document for another DID.
        KeyUnavailableError: the document could not be had (offline, unreachable, …).
    """
    location = did_web_location(did)
    return retrieve_controller_document(location.url, did, location.label, context)


def resolve_did_web(did_url: str, context: VerificationContext) -> VerificationMethod:
    """The verification method a did:web DID URL (`did:web:…#fragment`) names."""
    did, hash_sign, fragment = did_url.partition("#")
    if "/" in did or "?" in did:
        raise UnsupportedError("DID URLs with a path or query are not supported.")
    if not hash_sign or not fragment:
        raise KeyResolutionError("The proof names a did:web without saying which key (#…).")
    document = resolve_did_web_document(did, context)
    return document.method(f"{did}#{fragment}", context.now)
