"""`did:key` resolution (W3C CCG did:key v0.7): the key is in the identifier, no network.

`did:key:<mb>` has one verification method `did:key:<mb>#<mb>` listed under authentication,
assertionMethod, capabilityInvocation and capabilityDelegation.
"""

from __future__ import annotations

from kiosk.verification.errors import KeyResolutionError
from kiosk.verification.keys.public_key import public_key_from_multikey
from kiosk.verification.keys.verification_method import VerificationMethod

DID_KEY_PURPOSES = frozenset(
    {"authentication", "assertionMethod", "capabilityInvocation", "capabilityDelegation"}
)


def resolve_did_key(did_url: str) -> VerificationMethod:
    """Resolve a did:key DID or DID URL to its single verification method.

    Raises:
        KeyResolutionError: malformed did:key, or a fragment that names no method in it.
        UnsupportedError: a key type the kiosk does not support.
    """
    did, _, fragment = did_url.partition("#")
    parts = did.split(":")
    if len(parts) != 3 or parts[0] != "did" or parts[1] != "key" or not parts[2].startswith("z"):
        raise KeyResolutionError(f"'{did[:80]}' is not a valid did:key identifier.")
    multibase_value = parts[2]
    if fragment and fragment != multibase_value:
        raise KeyResolutionError("The key named in the proof is not in the issuer's did:key.")
    public_key = public_key_from_multikey(multibase_value)
    return VerificationMethod(
        id=f"{did}#{multibase_value}",
        controller=did,
        public_key=public_key,
        purposes=DID_KEY_PURPOSES,
        resolved_from="the did:key identifier itself (no network needed)",
    )


def did_key_document(did: str) -> dict[str, object]:
    """The DID document a did:key expands to: one Multikey method under every signing purpose.

    Raises:
        KeyResolutionError: malformed did:key.
        UnsupportedError: a key type the kiosk does not support.
    """
    method = resolve_did_key(did)
    entry = {
        "id": method.id,
        "type": "Multikey",
        "controller": method.controller,
        "publicKeyMultibase": method.id.partition("#")[2],
    }
    document: dict[str, object] = {"id": method.controller, "verificationMethod": [entry]}
    for purpose in sorted(DID_KEY_PURPOSES):
        document[purpose] = [method.id]
    return document
