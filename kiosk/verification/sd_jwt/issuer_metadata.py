"""The issuer's key from its JWT VC Issuer Metadata (SD-JWT VC draft §5).

For `iss` = `https://host[/path]` the metadata is at `https://host/.well-known/jwt-vc-issuer[/path]`
(fetched through the guarded fetcher and cache, like every key document). It must name the same
`issuer`, and give its keys inline (`jwks`) or by address (`jwks_uri`, fetched the same way). The
key is the one whose `kid` the token's header names, or the only key when the header names none.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from kiosk.verification.context import VerificationContext
from kiosk.verification.errors import KeyResolutionError, UnsupportedError
from kiosk.verification.keys.documents import retrieve
from kiosk.verification.keys.issuer_profile import document_label
from kiosk.verification.keys.jwk import public_key_from_jwk
from kiosk.verification.keys.public_key import PublicKey

WELL_KNOWN = "/.well-known/jwt-vc-issuer"
MAX_KEYS = 100


def metadata_url(issuer: str) -> str:
    """Where the JWT VC Issuer Metadata of an https issuer is published."""
    parts = urlsplit(issuer)
    if parts.scheme != "https" or not parts.netloc or parts.query or parts.fragment:
        raise UnsupportedError(
            "The issuer is not an https address, so its JWT VC issuer metadata cannot be found."
        )
    return f"https://{parts.netloc}{WELL_KNOWN}{parts.path.rstrip('/')}"


def key_from_metadata(issuer: str, kid: Any, context: VerificationContext) -> tuple[PublicKey, str]:
    """The issuer's key named by `kid` (or its only key) and plain words on where it came from.

    Raises:
        UnsupportedError: the metadata or key set could not be had ("not done").
        KeyResolutionError: the metadata is for another issuer, or holds no such key (failed).
    """
    url = metadata_url(issuer)
    what = f"the JWT VC issuer metadata of {document_label(url).removeprefix('the document at ')}"
    retrieved = retrieve(url, what, context)
    metadata = retrieved.value
    if not isinstance(metadata, dict) or metadata.get("issuer") != issuer:
        raise KeyResolutionError("The issuer's JWT VC metadata names another issuer.")
    jwks = metadata.get("jwks")
    if jwks is None and isinstance(metadata.get("jwks_uri"), str):
        jwks_url = metadata["jwks_uri"]
        jwks = retrieve(
            jwks_url, f"the issuer's key set at {document_label(jwks_url)}", context
        ).value
    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(keys, list) or len(keys) > MAX_KEYS:
        raise KeyResolutionError("The issuer's JWT VC metadata holds no valid key set.")
    if kid is None:
        if len(keys) != 1:
            raise KeyResolutionError(
                "The token names no key (kid) and the issuer publishes more than one."
            )
        chosen = keys[0]
    else:
        found = [key for key in keys if isinstance(key, dict) and key.get("kid") == kid]
        if len(found) != 1:
            raise KeyResolutionError("The issuer's JWT VC metadata does not list the token's key.")
        chosen = found[0]
    public = {k: v for k, v in chosen.items() if k not in {"kid", "use", "alg", "key_ops"}}
    as_of = f" ({retrieved.as_of})" if retrieved.as_of else ""
    return public_key_from_jwk(public), f"from {what}{as_of}"
