"""Keys an operator pinned for an issuer in a trust list, for keys the kiosk cannot look up.

Some real credentials name their key by an identifier nobody can resolve: 1EdTech's CLR samples
use `urn:uuid:…#z6Mk…`, others an https profile that is not published. Such a key is "not done",
never trusted from the credential itself. An operator who knows the issuer's key may pin it on
the issuer's trust-list entry (`public_keys`, docs/trust-lists.md); then, and only when the
key cannot be resolved otherwise, the pinned key is used: the one whose Multikey text is the
verification method's fragment, or the only one pinned. The signature check decides the rest.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.verification.errors import VerificationError
from kiosk.verification.keys.jwk import public_key_from_jwk
from kiosk.verification.keys.public_key import PublicKey, public_key_from_multikey
from kiosk.verification.keys.verification_method import VerificationMethod

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext


def pinned_method(
    method_url: str, issuer_id: str, context: VerificationContext
) -> VerificationMethod | None:
    """The pinned key for `method_url` of `issuer_id`, or None (no entry, none pinned, none
    matching)."""
    match = context.trust.find(issuer_id)
    if match is None or not match.issuer.public_keys:
        return None
    keys = [(text, _decode(text)) for text in match.issuer.public_keys]
    usable = [(text, key) for text, key in keys if key is not None]
    fragment = method_url.partition("#")[2]
    chosen = [key for text, key in usable if fragment and text == fragment]
    if not chosen and len(usable) == 1:
        chosen = [usable[0][1]]
    if not chosen:
        return None
    return VerificationMethod(
        id=method_url,
        controller=issuer_id,
        public_key=chosen[0],
        purposes=frozenset({"assertionMethod"}),
        resolved_from=f"the key pinned for this issuer in the trust list '{match.trust_list.name}'",
    )


def pinned_for(
    method: VerificationMethod, issuer_id: str, context: VerificationContext
) -> str | None:
    """Where a resolved key is pinned for `issuer_id` ("the trust list 'NAME'"), or None: binds
    a key that resolves (a did:key) to an issuer whose own document cannot be had (an issuer
    named `urn:uuid:…`, as in 1EdTech's samples)."""
    match = context.trust.find(issuer_id)
    if match is None:
        return None
    wanted = _raw(method.public_key)
    for text in match.issuer.public_keys:
        key = _decode(text)
        if key is not None and key.key_type is method.public_key.key_type and _raw(key) == wanted:
            return f"the trust list '{match.trust_list.name}'"
    return None


def _raw(key: PublicKey) -> bytes:
    if isinstance(key.key, ed25519.Ed25519PublicKey):
        return key.key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    if isinstance(key.key, ec.EllipticCurvePublicKey):
        return key.key.public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
    return key.key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)


def _decode(text: str) -> PublicKey | None:
    try:
        if text.startswith("{"):
            return public_key_from_jwk(json.loads(text))
        return public_key_from_multikey(text)
    except (VerificationError, ValueError):
        return None
