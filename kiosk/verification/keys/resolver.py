"""Verification-method resolution by scheme: one entry per DID method or URL scheme.

Methods not listed raise `UnsupportedError` so the key check is "not done", never passed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.verification.errors import KeyResolutionError, UnsupportedError
from kiosk.verification.keys.did_key import resolve_did_key
from kiosk.verification.keys.verification_method import VerificationMethod

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext

Resolver = Callable[[str, "VerificationContext"], VerificationMethod]
"""Resolves a verification method URL; may use the context's clock, network and cache."""

RESOLVERS: dict[str, Resolver] = {
    "did:key": lambda url, _context: resolve_did_key(url),
}


def resolve_verification_method(url: str, context: VerificationContext) -> VerificationMethod:
    """Resolve a verification method URL with the resolver for its DID method or scheme."""
    if not isinstance(url, str) or not url:
        raise KeyResolutionError("The proof does not name its key (verificationMethod).")
    if url.startswith("did:"):
        method = ":".join(url.split(":", 2)[:2])
        resolver = RESOLVERS.get(method)
        if resolver is None:
            raise UnsupportedError(f"The DID method {method} is not supported yet.")
        return resolver(url, context)
    if url.startswith("https:"):
        raise UnsupportedError("Keys published at https addresses are not supported yet.")
    raise KeyResolutionError(f"The key reference '{url[:80]}' is not a DID or an https URL.")
