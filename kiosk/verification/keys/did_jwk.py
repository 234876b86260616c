"""`did:jwk` (the did:jwk method specification): the key is in the identifier, no network.

`did:jwk:<base64url of the JWK's JSON>` has one verification method, `<did>#0`. Its
relationships follow the JWK's `use`: "sig" → authentication, assertionMethod,
capabilityInvocation, capabilityDelegation; "enc" → keyAgreement only; absent → all five.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from kiosk.verification.errors import KeyResolutionError
from kiosk.verification.keys.controller_document import ControllerDocument
from kiosk.verification.keys.verification_method import VerificationMethod

SIGNING = ("authentication", "assertionMethod", "capabilityInvocation", "capabilityDelegation")
MAX_DID_JWK_CHARS = 4096
SOURCE = "the did:jwk identifier itself (no network needed)"


def did_jwk_document(did: str) -> dict[str, Any]:
    """The DID document `did` expands to.

    Raises:
        KeyResolutionError: not a did:jwk, or its value is not a JWK's base64url JSON.
    """
    parts = did.split(":")
    if len(parts) != 3 or parts[:2] != ["did", "jwk"] or len(did) > MAX_DID_JWK_CHARS:
        raise KeyResolutionError(f"'{did[:80]}' is not a valid did:jwk identifier.")
    value = parts[2]
    try:
        if value.rstrip("=") != value or not value.replace("-", "").replace("_", "").isalnum():
            raise ValueError("not base64url")
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        jwk = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, binascii.Error) as error:
        raise KeyResolutionError(f"'{did[:80]}' does not hold a JSON Web Key.") from error
    if not isinstance(jwk, dict) or not isinstance(jwk.get("kty"), str):
        raise KeyResolutionError(f"'{did[:80]}' does not hold a JSON Web Key.")
    method_id = f"{did}#0"
    use = jwk.get("use")
    if use == "enc":
        relationships: tuple[str, ...] = ("keyAgreement",)
    elif use == "sig":
        relationships = SIGNING
    else:
        relationships = (*SIGNING, "keyAgreement")
    document: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/did/v1"],
        "id": did,
        "verificationMethod": [
            {"id": method_id, "type": "JsonWebKey", "controller": did, "publicKeyJwk": jwk}
        ],
    }
    for relationship in relationships:
        document[relationship] = [method_id]
    return document


def resolve_did_jwk(did_url: str, now: datetime) -> VerificationMethod:
    """The verification method a did:jwk DID URL names (`#0`, or the bare DID).

    Raises:
        KeyResolutionError: malformed, or a fragment other than `0`.
        UnsupportedError: a key type the kiosk does not verify with.
    """
    did, _, fragment = did_url.partition("#")
    if fragment not in ("", "0"):
        raise KeyResolutionError("A did:jwk has one key, '#0'; the proof names another.")
    document = ControllerDocument.parse(did_jwk_document(did), did, SOURCE)
    return document.method(f"{did}#0", now)
