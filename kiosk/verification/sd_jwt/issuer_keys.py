"""Which key signed the issuer JWT, and whether it is the issuer's (the issuer-key check).

Tried in this order, the first that the token's header and `iss` call for:

1. `x5c` in the header: the chain must validate to a trust anchor the trust configuration names
   for `iss` (`x509_chain`);
2. a DID `iss` (or a DID URL `kid`): the kiosk's DID resolver (`keys/resolver.py`); the key must
   belong to `iss` and be listed for assertions;
3. an https `iss`: its JWT VC Issuer Metadata (`issuer_metadata`).

Anything else is "not done": the kiosk cannot know the issuer's key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.verification.context import VerificationContext
from kiosk.verification.errors import KeyResolutionError, UnsupportedError
from kiosk.verification.keys.public_key import PublicKey
from kiosk.verification.keys.resolver import resolve_verification_method
from kiosk.verification.sd_jwt.issuer_metadata import key_from_metadata
from kiosk.verification.sd_jwt.x509_chain import key_from_x5c

ASSERTION_METHOD = "assertionMethod"


@dataclass(frozen=True, slots=True)
class IssuerKey:
    """The issuer's public key and plain words on how the kiosk knows it."""

    public_key: PublicKey
    source: str
    key_id: str


def resolve_issuer_key(
    header: dict[str, Any], issuer: str, context: VerificationContext
) -> IssuerKey:
    """The key the issuer JWT must verify with.

    Raises:
        UnsupportedError: the key cannot be had or confirmed (the check is "not done").
        KeyResolutionError: the key named is not the issuer's (the check fails).
    """
    kid = header.get("kid")
    if not issuer:
        raise UnsupportedError("The credential does not name its issuer, so its key is unknown.")
    if kid is not None and not isinstance(kid, str):
        raise KeyResolutionError("The token's kid is not a string.")
    if "x5c" in header:
        key, source = key_from_x5c(header["x5c"], issuer, context)
        return IssuerKey(key, source, "x5c leaf certificate")
    if issuer.startswith("did:") or (kid or "").startswith("did:"):
        return _did_key(kid, issuer, context)
    if issuer.startswith("https://"):
        key, source = key_from_metadata(issuer, kid, context)
        return IssuerKey(key, source, kid or "the issuer's only key")
    raise UnsupportedError(
        "The issuer is neither a DID nor an https address, and the token carries no "
        "certificate: its key cannot be looked up."
    )


def _did_key(kid: str | None, issuer: str, context: VerificationContext) -> IssuerKey:
    if kid is None:
        if not issuer.startswith("did:key:"):
            raise UnsupportedError("The token does not say which of the issuer's keys signed it.")
        kid = issuer
    elif kid.startswith("#"):
        kid = issuer + kid
    if kid.partition("#")[0] != issuer:
        raise KeyResolutionError("The token's key (kid) belongs to another DID than its issuer.")
    method = resolve_verification_method(kid, context)
    if method.controller != issuer:
        raise KeyResolutionError("The signing key is controlled by another DID than the issuer.")
    if ASSERTION_METHOD not in method.purposes:
        raise KeyResolutionError(
            "The signing key is not authorised to sign credentials (not an assertionMethod)."
        )
    return IssuerKey(method.public_key, f"taken from {method.resolved_from}", method.id)
